package dev.vectorgrad.kernels.conv;

import static dev.vectorgrad.kernels.Simd.F32;
import static dev.vectorgrad.kernels.Simd.F64;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Average pooling, channels-last, as TensorFlow's {@code avg_pool2d}:
 * {@code y[n, oh, ow, c] = (Σ in-image taps x[n, ih, iw, c]) / (number of in-image taps)}, so SAME padding
 * averages only real pixels (PyTorch's {@code count_include_pad=False}); and its gradient, which spreads
 * each {@code dy / count} over the window's in-image taps.
 *
 * <p>The SIMD loops run over channel lanes (one vector load per tap); they add in the same tap order as
 * the scalar loops and divide by the same count, so the results are bit-identical.
 */
public final class AvgPool2dKernel {

    // ---- float ----

    /** {@code y = avgPool(x)}: the mean of each window's in-image taps. */
    public static void forward(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        if (Simd.ENABLED && g.channels() >= F32.length()) {
            forwardSimd(g, x, xOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, y, yOff);
        }
    }

    /** The reference: the in-image taps summed in tap order, then divided by their count. */
    public static void forwardScalar(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int c = g.channels();
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    meanScalar(g, x, xOff, n, oh, ow, 0, c, y, o);
                }
            }
        }
    }

    /** Channel lanes at once, the tail by the scalar loop: bit-identical to {@link #forwardScalar}. */
    public static void forwardSimd(ConvGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    float count = count(g, oh, ow);
                    for (int ch = 0; ch < upper; ch += F32.length()) {
                        FloatVector acc = FloatVector.zero(F32);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    acc = acc.add(FloatVector.fromArray(F32, x, MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch));
                                }
                            }
                        }
                        acc.div(count).intoArray(y, o + ch);
                    }
                    meanScalar(g, x, xOff, n, oh, ow, upper, c, y, o);
                }
            }
        }
    }

    private static void meanScalar(ConvGeometry g, float[] x, int xOff, int n, int oh, int ow, int c0, int c1, float[] y, int o) {
        float count = count(g, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            float acc = 0f;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        acc += x[MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch];
                    }
                }
            }
            y[o + ch] = acc / count;
        }
    }

    /** {@code dx}: each window's {@code dy / count} added to each of its in-image taps; {@code dx} is overwritten. */
    public static void backward(ConvGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        if (Simd.ENABLED && g.channels() >= F32.length()) {
            backwardSimd(g, dy, dyOff, dx, dxOff);
        } else {
            backwardScalar(g, dy, dyOff, dx, dxOff);
        }
    }

    /** The reference of {@link #backward}. */
    public static void backwardScalar(ConvGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int c = g.channels();
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    scatterScalar(g, dy, o, dx, dxOff, n, oh, ow, 0, c);
                }
            }
        }
    }

    /** {@link #backward} on channel lanes; bit-identical to {@link #backwardScalar}. */
    public static void backwardSimd(ConvGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    float count = count(g, oh, ow);
                    for (int ch = 0; ch < upper; ch += F32.length()) {
                        FloatVector share = FloatVector.fromArray(F32, dy, o + ch).div(count);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    int di = MaxPool2dKernel.pixel(g, dxOff, n, ih, iw) + ch;
                                    FloatVector.fromArray(F32, dx, di).add(share).intoArray(dx, di);
                                }
                            }
                        }
                    }
                    scatterScalar(g, dy, o, dx, dxOff, n, oh, ow, upper, c);
                }
            }
        }
    }

    private static void scatterScalar(ConvGeometry g, float[] dy, int o, float[] dx, int dxOff, int n, int oh, int ow, int c0, int c1) {
        float count = count(g, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            float share = dy[o + ch] / count;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        dx[MaxPool2dKernel.pixel(g, dxOff, n, ih, iw) + ch] += share;
                    }
                }
            }
        }
    }

    // ---- double ----

    /** {@code y = avgPool(x)}: the mean of each window's in-image taps. */
    public static void forward(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        if (Simd.ENABLED && g.channels() >= F64.length()) {
            forwardSimd(g, x, xOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, y, yOff);
        }
    }

    /** The reference: the in-image taps summed in tap order, then divided by their count. */
    public static void forwardScalar(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        int c = g.channels();
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    meanScalar(g, x, xOff, n, oh, ow, 0, c, y, o);
                }
            }
        }
    }

    /** Channel lanes at once, the tail by the scalar loop: bit-identical to {@link #forwardScalar}. */
    public static void forwardSimd(ConvGeometry g, double[] x, int xOff, double[] y, int yOff) {
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    double count = count(g, oh, ow);
                    for (int ch = 0; ch < upper; ch += F64.length()) {
                        DoubleVector acc = DoubleVector.zero(F64);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    acc = acc.add(DoubleVector.fromArray(F64, x, MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch));
                                }
                            }
                        }
                        acc.div(count).intoArray(y, o + ch);
                    }
                    meanScalar(g, x, xOff, n, oh, ow, upper, c, y, o);
                }
            }
        }
    }

    private static void meanScalar(ConvGeometry g, double[] x, int xOff, int n, int oh, int ow, int c0, int c1, double[] y, int o) {
        double count = count(g, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            double acc = 0d;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        acc += x[MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch];
                    }
                }
            }
            y[o + ch] = acc / count;
        }
    }

    /** {@code dx}: each window's {@code dy / count} added to each of its in-image taps; {@code dx} is overwritten. */
    public static void backward(ConvGeometry g, double[] dy, int dyOff, double[] dx, int dxOff) {
        if (Simd.ENABLED && g.channels() >= F64.length()) {
            backwardSimd(g, dy, dyOff, dx, dxOff);
        } else {
            backwardScalar(g, dy, dyOff, dx, dxOff);
        }
    }

    /** The reference of {@link #backward}. */
    public static void backwardScalar(ConvGeometry g, double[] dy, int dyOff, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        int c = g.channels();
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    scatterScalar(g, dy, o, dx, dxOff, n, oh, ow, 0, c);
                }
            }
        }
    }

    /** {@link #backward} on channel lanes; bit-identical to {@link #backwardScalar}. */
    public static void backwardSimd(ConvGeometry g, double[] dy, int dyOff, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
                    double count = count(g, oh, ow);
                    for (int ch = 0; ch < upper; ch += F64.length()) {
                        DoubleVector share = DoubleVector.fromArray(F64, dy, o + ch).div(count);
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                            if (ih < 0 || ih >= g.height()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    int di = MaxPool2dKernel.pixel(g, dxOff, n, ih, iw) + ch;
                                    DoubleVector.fromArray(F64, dx, di).add(share).intoArray(dx, di);
                                }
                            }
                        }
                    }
                    scatterScalar(g, dy, o, dx, dxOff, n, oh, ow, upper, c);
                }
            }
        }
    }

    private static void scatterScalar(ConvGeometry g, double[] dy, int o, double[] dx, int dxOff, int n, int oh, int ow, int c0, int c1) {
        double count = count(g, oh, ow);
        for (int ch = c0; ch < c1; ch++) {
            double share = dy[o + ch] / count;
            for (int kh = 0; kh < g.kernelH(); kh++) {
                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                if (ih < 0 || ih >= g.height()) {
                    continue;
                }
                for (int kw = 0; kw < g.kernelW(); kw++) {
                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                    if (iw >= 0 && iw < g.width()) {
                        dx[MaxPool2dKernel.pixel(g, dxOff, n, ih, iw) + ch] += share;
                    }
                }
            }
        }
    }

    /** In-image taps of window {@code (oh, ow)}: the divisor, never 0 for TF's SAME and VALID geometries. */
    static int count(ConvGeometry g, int oh, int ow) {
        int rows = 0;
        for (int kh = 0; kh < g.kernelH(); kh++) {
            int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
            if (ih >= 0 && ih < g.height()) {
                rows++;
            }
        }
        int cols = 0;
        for (int kw = 0; kw < g.kernelW(); kw++) {
            int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
            if (iw >= 0 && iw < g.width()) {
                cols++;
            }
        }
        return Math.max(1, rows * cols);
    }

    private AvgPool2dKernel() {}
}
