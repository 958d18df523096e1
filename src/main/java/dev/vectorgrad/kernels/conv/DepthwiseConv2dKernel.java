package dev.vectorgrad.kernels.conv;

import static dev.vectorgrad.kernels.Simd.F32;
import static dev.vectorgrad.kernels.Simd.F64;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Depthwise 2-D convolution, channels-last, as TensorFlow's {@code depthwise_conv2d}: every input channel
 * has its own {@code multiplier} filters and channels never mix:
 * <pre>
 *   y[n, oh, ow, c·M + m] = Σ_{kh, kw} x[n, oh·sH - padTop + kh·dH, ow·sW - padLeft + kw·dW, c] · k[kh, kw, c, m]
 * </pre>
 * and its two gradients. There is no reduction over channels for a GEMM to exploit, so the kernel is
 * direct: with multiplier 1 (Keras's default) the channels of a tap are one vector load of the input and
 * one of the kernel, and each output vector is an fma chain over the taps. Other multipliers, and channels
 * below one vector, take the scalar loops. SIMD and scalar run the same fma chains in the same order, so
 * they are bit-identical.
 */
public final class DepthwiseConv2dKernel {

    // ---- float ----

    /**
     * {@code y = depthwiseConv2d(x, k)}: x {@code [batch, height, width, channels]}, k
     * {@code [kernelH, kernelW, channels, multiplier]}, y {@code [batch, outH, outW, channels·multiplier]}.
     */
    public static void forward(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, int multiplier, float[] y, int yOff) {
        if (Simd.ENABLED && multiplier == 1 && g.channels() >= F32.length()) {
            forwardSimd(g, x, xOff, k, kOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, k, kOff, multiplier, y, yOff);
        }
    }

    /** The reference: one fma chain over the in-image taps per output element. */
    public static void forwardScalar(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, int multiplier, float[] y, int yOff) {
        int c = g.channels();
        int cm = c * multiplier;
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
                    forwardPixel(g, x, xOff, k, kOff, multiplier, y, o, n, oh, ow, 0, c);
                }
            }
        }
    }

    /** Channel lanes at once (multiplier 1), the tail by the scalar loop: bit-identical to {@link #forwardScalar}. */
    public static void forwardSimd(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, float[] y, int yOff) {
        int c = g.channels();
        int upper = F32.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
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
                                    FloatVector vx = FloatVector.fromArray(F32, x, MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch);
                                    acc = vx.fma(FloatVector.fromArray(F32, k, kOff + (kh * g.kernelW() + kw) * c + ch), acc);
                                }
                            }
                        }
                        acc.intoArray(y, o + ch);
                    }
                    forwardPixel(g, x, xOff, k, kOff, 1, y, o, n, oh, ow, upper, c);
                }
            }
        }
    }

    private static void forwardPixel(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, int multiplier,
                                     float[] y, int o, int n, int oh, int ow, int c0, int c1) {
        int c = g.channels();
        for (int ch = c0; ch < c1; ch++) {
            for (int m = 0; m < multiplier; m++) {
                float sum = 0f;
                for (int kh = 0; kh < g.kernelH(); kh++) {
                    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                    if (ih < 0 || ih >= g.height()) {
                        continue;
                    }
                    for (int kw = 0; kw < g.kernelW(); kw++) {
                        int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                        if (iw >= 0 && iw < g.width()) {
                            float xv = x[MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch];
                            sum = Math.fma(xv, k[kOff + ((kh * g.kernelW() + kw) * c + ch) * multiplier + m], sum);
                        }
                    }
                }
                y[o + ch * multiplier + m] = sum;
            }
        }
    }

    /** {@code dx} of {@link #forward}: {@code dy · k} scattered to every in-image tap; {@code dx} is overwritten. */
    public static void backpropInput(ConvGeometry g, float[] dy, int dyOff, float[] k, int kOff, int multiplier, float[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        boolean simd = Simd.ENABLED && multiplier == 1 && g.channels() >= F32.length();
        int c = g.channels();
        int cm = c * multiplier;
        int upper = simd ? F32.loopBound(c) : 0;
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
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
                            int xi = MaxPool2dKernel.pixel(g, dxOff, n, ih, iw);
                            int ki = kOff + (kh * g.kernelW() + kw) * cm;
                            for (int ch = 0; ch < upper; ch += F32.length()) {
                                FloatVector vd = FloatVector.fromArray(F32, dx, xi + ch);
                                FloatVector.fromArray(F32, dy, o + ch).fma(FloatVector.fromArray(F32, k, ki + ch), vd).intoArray(dx, xi + ch);
                            }
                            for (int ch = upper; ch < c; ch++) {
                                float sum = dx[xi + ch];
                                for (int m = 0; m < multiplier; m++) {
                                    sum = Math.fma(dy[o + ch * multiplier + m], k[ki + ch * multiplier + m], sum);
                                }
                                dx[xi + ch] = sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dk} of {@link #forward}: {@code x · dy} summed over the batch and output pixels; {@code dk} is overwritten. */
    public static void backpropFilter(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, int multiplier, float[] dk, int dkOff) {
        int c = g.channels();
        int cm = c * multiplier;
        java.util.Arrays.fill(dk, dkOff, dkOff + g.taps() * cm, 0f);
        boolean simd = Simd.ENABLED && multiplier == 1 && g.channels() >= F32.length();
        int upper = simd ? F32.loopBound(c) : 0;
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
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
                            int xi = MaxPool2dKernel.pixel(g, xOff, n, ih, iw);
                            int ki = dkOff + (kh * g.kernelW() + kw) * cm;
                            for (int ch = 0; ch < upper; ch += F32.length()) {
                                FloatVector vk = FloatVector.fromArray(F32, dk, ki + ch);
                                FloatVector.fromArray(F32, x, xi + ch).fma(FloatVector.fromArray(F32, dy, o + ch), vk).intoArray(dk, ki + ch);
                            }
                            for (int ch = upper; ch < c; ch++) {
                                for (int m = 0; m < multiplier; m++) {
                                    int kj = ki + ch * multiplier + m;
                                    dk[kj] = Math.fma(x[xi + ch], dy[o + ch * multiplier + m], dk[kj]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- double ----

    /**
     * {@code y = depthwiseConv2d(x, k)}: x {@code [batch, height, width, channels]}, k
     * {@code [kernelH, kernelW, channels, multiplier]}, y {@code [batch, outH, outW, channels·multiplier]}.
     */
    public static void forward(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, int multiplier, double[] y, int yOff) {
        if (Simd.ENABLED && multiplier == 1 && g.channels() >= F64.length()) {
            forwardSimd(g, x, xOff, k, kOff, y, yOff);
        } else {
            forwardScalar(g, x, xOff, k, kOff, multiplier, y, yOff);
        }
    }

    /** The reference: one fma chain over the in-image taps per output element. */
    public static void forwardScalar(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, int multiplier, double[] y, int yOff) {
        int c = g.channels();
        int cm = c * multiplier;
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
                    forwardPixel(g, x, xOff, k, kOff, multiplier, y, o, n, oh, ow, 0, c);
                }
            }
        }
    }

    /** Channel lanes at once (multiplier 1), the tail by the scalar loop: bit-identical to {@link #forwardScalar}. */
    public static void forwardSimd(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, double[] y, int yOff) {
        int c = g.channels();
        int upper = F64.loopBound(c);
        for (int n = 0, o = yOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += c) {
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
                                    DoubleVector vx = DoubleVector.fromArray(F64, x, MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch);
                                    acc = vx.fma(DoubleVector.fromArray(F64, k, kOff + (kh * g.kernelW() + kw) * c + ch), acc);
                                }
                            }
                        }
                        acc.intoArray(y, o + ch);
                    }
                    forwardPixel(g, x, xOff, k, kOff, 1, y, o, n, oh, ow, upper, c);
                }
            }
        }
    }

    private static void forwardPixel(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, int multiplier,
                                     double[] y, int o, int n, int oh, int ow, int c0, int c1) {
        int c = g.channels();
        for (int ch = c0; ch < c1; ch++) {
            for (int m = 0; m < multiplier; m++) {
                double sum = 0d;
                for (int kh = 0; kh < g.kernelH(); kh++) {
                    int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                    if (ih < 0 || ih >= g.height()) {
                        continue;
                    }
                    for (int kw = 0; kw < g.kernelW(); kw++) {
                        int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                        if (iw >= 0 && iw < g.width()) {
                            double xv = x[MaxPool2dKernel.pixel(g, xOff, n, ih, iw) + ch];
                            sum = Math.fma(xv, k[kOff + ((kh * g.kernelW() + kw) * c + ch) * multiplier + m], sum);
                        }
                    }
                }
                y[o + ch * multiplier + m] = sum;
            }
        }
    }

    /** {@code dx} of {@link #forward}: {@code dy · k} scattered to every in-image tap; {@code dx} is overwritten. */
    public static void backpropInput(ConvGeometry g, double[] dy, int dyOff, double[] k, int kOff, int multiplier, double[] dx, int dxOff) {
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        boolean simd = Simd.ENABLED && multiplier == 1 && g.channels() >= F64.length();
        int c = g.channels();
        int cm = c * multiplier;
        int upper = simd ? F64.loopBound(c) : 0;
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
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
                            int xi = MaxPool2dKernel.pixel(g, dxOff, n, ih, iw);
                            int ki = kOff + (kh * g.kernelW() + kw) * cm;
                            for (int ch = 0; ch < upper; ch += F64.length()) {
                                DoubleVector vd = DoubleVector.fromArray(F64, dx, xi + ch);
                                DoubleVector.fromArray(F64, dy, o + ch).fma(DoubleVector.fromArray(F64, k, ki + ch), vd).intoArray(dx, xi + ch);
                            }
                            for (int ch = upper; ch < c; ch++) {
                                double sum = dx[xi + ch];
                                for (int m = 0; m < multiplier; m++) {
                                    sum = Math.fma(dy[o + ch * multiplier + m], k[ki + ch * multiplier + m], sum);
                                }
                                dx[xi + ch] = sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code dk} of {@link #forward}: {@code x · dy} summed over the batch and output pixels; {@code dk} is overwritten. */
    public static void backpropFilter(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, int multiplier, double[] dk, int dkOff) {
        int c = g.channels();
        int cm = c * multiplier;
        java.util.Arrays.fill(dk, dkOff, dkOff + g.taps() * cm, 0d);
        boolean simd = Simd.ENABLED && multiplier == 1 && g.channels() >= F64.length();
        int upper = simd ? F64.loopBound(c) : 0;
        for (int n = 0, o = dyOff; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += cm) {
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
                            int xi = MaxPool2dKernel.pixel(g, xOff, n, ih, iw);
                            int ki = dkOff + (kh * g.kernelW() + kw) * cm;
                            for (int ch = 0; ch < upper; ch += F64.length()) {
                                DoubleVector vk = DoubleVector.fromArray(F64, dk, ki + ch);
                                DoubleVector.fromArray(F64, x, xi + ch).fma(DoubleVector.fromArray(F64, dy, o + ch), vk).intoArray(dk, ki + ch);
                            }
                            for (int ch = upper; ch < c; ch++) {
                                for (int m = 0; m < multiplier; m++) {
                                    int kj = ki + ch * multiplier + m;
                                    dk[kj] = Math.fma(x[xi + ch], dy[o + ch * multiplier + m], dk[kj]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private DepthwiseConv2dKernel() {}
}
