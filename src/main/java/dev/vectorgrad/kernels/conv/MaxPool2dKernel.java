package dev.vectorgrad.kernels.conv;

import static dev.vectorgrad.kernels.Simd.F32;
import static dev.vectorgrad.kernels.Simd.F64;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Max pooling, channels-last, as TensorFlow's {@code max_pool2d}:
 * {@code y[n, oh, ow, c] = max over in-image taps of x[n, ih, iw, c]} (padding taps are skipped, never
 * read as zeros), its gradient and the adjoint of that gradient. The window positions come from a
 * {@link ConvGeometry} with any strides, padding and dilation.
 *
 * <p>Channels are the contiguous axis, so every tap is one vector load of adjacent channels: the SIMD
 * loops run over channel lanes, and channels below one vector (and the tail) take the scalar loop. Max is
 * exact, so SIMD and scalar results are bit-identical. The gradient goes to the first tap (in row-major
 * window order) equal to the maximum, as TensorFlow's and PyTorch's CPU kernels route ties; a window
 * whose maximum is NaN passes no gradient.
 */
public final class MaxPool2dKernel {

    // ---- float ----

    /**
     * {@code y = maxPool(x)}; x {@code [batch, height, width, channels]}, y {@code [batch, outH, outW, channels]}.
     */
    public static void forward(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        if (Simd.ENABLED && g.channels() >= F32.length()) {
            forwardSimd(g, x, xOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, y, yOff);
        }
    }

    /** The reference: {@code Math.max} over the in-image taps, in tap order. */
    public static void forwardScalar(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int c = g.channels();
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    maxScalar(g, x, xOff, n, oh, ow, 0, c, y, o);
                }
            }
        }
    }

    /** Channel lanes at once, the tail channels by {@link #forwardScalar}'s loop: bit-identical to it. */
    public static void forwardSimd(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F32.length()) {
                        FloatVector acc = FloatVector.broadcast(F32, Float.NEGATIVE_INFINITY);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    acc = acc.max(FloatVector.fromArray(F32, x, pixel(g, xOff, n, ih, iw) + ch));
                                }
                            }
                        }
                        acc.intoArray(y, o + ch);
                    }
                    maxScalar(g, x, xOff, n, oh, ow, upper, c, y, o);
                }
            }
        }
    }

    private static void maxScalar(ConvGeometry g, float[] x, int xOff, int n, int oh, int ow, int c0, int c1, float[] y, int o) {
        for (int ch = c0; ch < c1; ch++) {
            float acc = Float.NEGATIVE_INFINITY;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        acc = Math.max(acc, x[pixel(g, xOff, n, ih, iw) + ch]);
                    }
                }
            }
            y[o + ch] = acc;
        }
    }

    /**
     * {@code dx}: each window's {@code dy} goes wholly to the first tap (row-major) holding the window's
     * maximum; overlapping windows add. {@code dx} is overwritten.
     */
    public static void backward(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        if (Simd.ENABLED && g.channels() >= F32.length()) {
            backwardSimd(g, x, xOff, dy, dyOff, dx, dxOff);
        } else {
            backwardScalar(g, x, xOff, dy, dyOff, dx, dxOff);
        }
    }

    /** The reference of {@link #backward}. */
    public static void backwardScalar(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int c = g.channels();
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        if (at >= 0) {
                            dx[at - xOff + dxOff] += dy[o + ch];
                        }
                    }
                }
            }
        }
    }

    /** {@link #backward} on channel lanes: a mask marks the lanes whose maximum is already routed. */
    public static void backwardSimd(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F32.length()) {
                        FloatVector max = windowMax(g, x, xOff, n, oh, ow, ch);
                        FloatVector vg = FloatVector.fromArray(F32, dy, o + ch);
                        VectorMask<Float> done = F32.maskAll(false);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    continue;
                                }
                                int xi = pixel(g, xOff, n, ih, iw) + ch;
                                VectorMask<Float> hit = FloatVector.fromArray(F32, x, xi).eq(max).andNot(done);
                                int di = xi - xOff + dxOff;
                                FloatVector.fromArray(F32, dx, di).add(vg, hit).intoArray(dx, di);
                                done = done.or(hit);
                            }
                        }
                    }
                    for (int ch = upper; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        if (at >= 0) {
                            dx[at - xOff + dxOff] += dy[o + ch];
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #backward} in {@code dy}: {@code out[n, oh, ow, c] = u[n, argmax tap, c]}, the
     * upstream value at each window's maximum ({@code u} has x's shape, {@code out} y's). Second derivatives
     * of max pooling run through it.
     */
    public static void select(ConvGeometry g, float[] x, int xOff, float[] u, int uOff, float[] out, int outOff) {
        if (Simd.ENABLED && g.channels() >= F32.length()) {
            selectSimd(g, x, xOff, u, uOff, out, outOff);
        } else {
            selectScalar(g, x, xOff, u, uOff, out, outOff);
        }
    }

    /** The reference of {@link #select}. */
    public static void selectScalar(ConvGeometry g, float[] x, int xOff, float[] u, int uOff, float[] out, int outOff) {
        int c = g.channels();
        for (int n = 0, o = outOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        out[o + ch] = at >= 0 ? u[at - xOff + uOff] : 0f;
                    }
                }
            }
        }
    }

    /** {@link #select} on channel lanes, blending in the upstream lanes at the first maximum. */
    public static void selectSimd(ConvGeometry g, float[] x, int xOff, float[] u, int uOff, float[] out, int outOff) {
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = outOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F32.length()) {
                        FloatVector max = windowMax(g, x, xOff, n, oh, ow, ch);
                        FloatVector acc = FloatVector.zero(F32);
                        VectorMask<Float> done = F32.maskAll(false);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    continue;
                                }
                                int xi = pixel(g, xOff, n, ih, iw) + ch;
                                VectorMask<Float> hit = FloatVector.fromArray(F32, x, xi).eq(max).andNot(done);
                                acc = acc.blend(FloatVector.fromArray(F32, u, xi - xOff + uOff), hit);
                                done = done.or(hit);
                            }
                        }
                        acc.intoArray(out, o + ch);
                    }
                    for (int ch = upper; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        out[o + ch] = at >= 0 ? u[at - xOff + uOff] : 0f;
                    }
                }
            }
        }
    }

    private static FloatVector windowMax(ConvGeometry g, float[] x, int xOff, int n, int oh, int ow, int ch) {
        FloatVector acc = FloatVector.broadcast(F32, Float.NEGATIVE_INFINITY);
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width()) {
                    acc = acc.max(FloatVector.fromArray(F32, x, pixel(g, xOff, n, ih, iw) + ch));
                }
            }
        }
        return acc;
    }

    /** Index in {@code x} of the first in-image tap equal to the window's maximum of channel ch, or -1 (NaN). */
    private static int argMax(ConvGeometry g, float[] x, int xOff, int n, int oh, int ow, int ch) {
        float max = Float.NEGATIVE_INFINITY;
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width()) {
                    max = Math.max(max, x[pixel(g, xOff, n, ih, iw) + ch]);
                }
            }
        }
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width() && x[pixel(g, xOff, n, ih, iw) + ch] == max) {
                    return pixel(g, xOff, n, ih, iw) + ch;
                }
            }
        }
        return -1;
    }

    // ---- double ----

    /**
     * {@code y = maxPool(x)}; x {@code [batch, height, width, channels]}, y {@code [batch, outH, outW, channels]}.
     */
    public static void forward(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        if (Simd.ENABLED && g.channels() >= F64.length()) {
            forwardSimd(g, x, xOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, y, yOff);
        }
    }

    /** The reference: {@code Math.max} over the in-image taps, in tap order. */
    public static void forwardScalar(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        int c = g.channels();
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    maxScalar(g, x, xOff, n, oh, ow, 0, c, y, o);
                }
            }
        }
    }

    /** Channel lanes at once, the tail channels by {@link #forwardScalar}'s loop: bit-identical to it. */
    public static void forwardSimd(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F64.length()) {
                        DoubleVector acc = DoubleVector.broadcast(F64, Double.NEGATIVE_INFINITY);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    acc = acc.max(DoubleVector.fromArray(F64, x, pixel(g, xOff, n, ih, iw) + ch));
                                }
                            }
                        }
                        acc.intoArray(y, o + ch);
                    }
                    maxScalar(g, x, xOff, n, oh, ow, upper, c, y, o);
                }
            }
        }
    }

    private static void maxScalar(ConvGeometry g, double[] x, int xOff, int n, int oh, int ow, int c0, int c1, double[] y, int o) {
        for (int ch = c0; ch < c1; ch++) {
            double acc = Double.NEGATIVE_INFINITY;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        acc = Math.max(acc, x[pixel(g, xOff, n, ih, iw) + ch]);
                    }
                }
            }
            y[o + ch] = acc;
        }
    }

    /**
     * {@code dx}: each window's {@code dy} goes wholly to the first tap (row-major) holding the window's
     * maximum; overlapping windows add. {@code dx} is overwritten.
     */
    public static void backward(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        if (Simd.ENABLED && g.channels() >= F64.length()) {
            backwardSimd(g, x, xOff, dy, dyOff, dx, dxOff);
        } else {
            backwardScalar(g, x, xOff, dy, dyOff, dx, dxOff);
        }
    }

    /** The reference of {@link #backward}. */
    public static void backwardScalar(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        int c = g.channels();
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        if (at >= 0) {
                            dx[at - xOff + dxOff] += dy[o + ch];
                        }
                    }
                }
            }
        }
    }

    /** {@link #backward} on channel lanes: a mask marks the lanes whose maximum is already routed. */
    public static void backwardSimd(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F64.length()) {
                        DoubleVector max = windowMax(g, x, xOff, n, oh, ow, ch);
                        DoubleVector vg = DoubleVector.fromArray(F64, dy, o + ch);
                        VectorMask<Double> done = F64.maskAll(false);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    continue;
                                }
                                int xi = pixel(g, xOff, n, ih, iw) + ch;
                                VectorMask<Double> hit = DoubleVector.fromArray(F64, x, xi).eq(max).andNot(done);
                                int di = xi - xOff + dxOff;
                                DoubleVector.fromArray(F64, dx, di).add(vg, hit).intoArray(dx, di);
                                done = done.or(hit);
                            }
                        }
                    }
                    for (int ch = upper; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        if (at >= 0) {
                            dx[at - xOff + dxOff] += dy[o + ch];
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #backward} in {@code dy}: {@code out[n, oh, ow, c] = u[n, argmax tap, c]}, the
     * upstream value at each window's maximum ({@code u} has x's shape, {@code out} y's). Second derivatives
     * of max pooling run through it.
     */
    public static void select(ConvGeometry g, double[] x, int xOff, double[] u, int uOff, double[] out, int outOff) {
        if (Simd.ENABLED && g.channels() >= F64.length()) {
            selectSimd(g, x, xOff, u, uOff, out, outOff);
        } else {
            selectScalar(g, x, xOff, u, uOff, out, outOff);
        }
    }

    /** The reference of {@link #select}. */
    public static void selectScalar(ConvGeometry g, double[] x, int xOff, double[] u, int uOff, double[] out, int outOff) {
        int c = g.channels();
        for (int n = 0, o = outOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        out[o + ch] = at >= 0 ? u[at - xOff + uOff] : 0d;
                    }
                }
            }
        }
    }

    /** {@link #select} on channel lanes, blending in the upstream lanes at the first maximum. */
    public static void selectSimd(ConvGeometry g, double[] x, int xOff, double[] u, int uOff, double[] out, int outOff) {
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = outOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    for (int ch = 0; ch < upper; ch += F64.length()) {
                        DoubleVector max = windowMax(g, x, xOff, n, oh, ow, ch);
                        DoubleVector acc = DoubleVector.zero(F64);
                        VectorMask<Double> done = F64.maskAll(false);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    continue;
                                }
                                int xi = pixel(g, xOff, n, ih, iw) + ch;
                                VectorMask<Double> hit = DoubleVector.fromArray(F64, x, xi).eq(max).andNot(done);
                                acc = acc.blend(DoubleVector.fromArray(F64, u, xi - xOff + uOff), hit);
                                done = done.or(hit);
                            }
                        }
                        acc.intoArray(out, o + ch);
                    }
                    for (int ch = upper; ch < c; ch++) {
                        int at = argMax(g, x, xOff, n, oh, ow, ch);
                        out[o + ch] = at >= 0 ? u[at - xOff + uOff] : 0d;
                    }
                }
            }
        }
    }

    private static DoubleVector windowMax(ConvGeometry g, double[] x, int xOff, int n, int oh, int ow, int ch) {
        DoubleVector acc = DoubleVector.broadcast(F64, Double.NEGATIVE_INFINITY);
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width()) {
                    acc = acc.max(DoubleVector.fromArray(F64, x, pixel(g, xOff, n, ih, iw) + ch));
                }
            }
        }
        return acc;
    }

    /** Index in {@code x} of the first in-image tap equal to the window's maximum of channel ch, or -1 (NaN). */
    private static int argMax(ConvGeometry g, double[] x, int xOff, int n, int oh, int ow, int ch) {
        double max = Double.NEGATIVE_INFINITY;
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width()) {
                    max = Math.max(max, x[pixel(g, xOff, n, ih, iw) + ch]);
                }
            }
        }
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih < 0 || ih >= g.height()) {
                continue;
            }
            for (int kw = 0; kw < g.kernelW(); kw++) {
                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                if (iw >= 0 && iw < g.width() && x[pixel(g, xOff, n, ih, iw) + ch] == max) {
                    return pixel(g, xOff, n, ih, iw) + ch;
                }
            }
        }
        return -1;
    }

    /** Offset of pixel {@code (n, ih, iw)}'s first channel. */
    static int pixel(ConvGeometry g, int xOff, int n, int ih, int iw) {
        return xOff + ((n * g.height() + ih) * g.width() + iw) * g.channels();
    }

    private MaxPool2dKernel() {}
}
