package dev.vectorgrad.kernels.conv;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.elementwise.AddKernel;
import dev.vectorgrad.kernels.matmul.Gemm;

/**
 * The gradient of {@link Conv2dKernel} with respect to its kernel (TensorFlow's
 * {@code conv2d_backprop_filter}):
 * <pre>
 *   dk[kh, kw, c, f] = Σ_{n, oh, ow} x[n, oh·sH - padTop + kh·dH, ow·sW - padLeft + kw·dW, c] · dy[n, oh, ow, f]
 * </pre>
 * with zeros outside the image. The sums run over {@code batch·outH·outW} terms; the error bound is that
 * many ulps of {@code Σ|x·dy|}, as for {@link #scalar}.
 */
public final class Conv2dBackpropFilterKernel {

    // ---- float ----

    /**
     * The reference: for every kernel element one fma chain over the batch and output pixels whose tap
     * lies inside the image. Arguments as for {@link #run(ConvGeometry, float[], int, float[], int, int, float[], int)}.
     */
    public static void scalar(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, int filters, float[] dk, int dkOff) {
        int c = g.channels();
        int o = dkOff;
        for (int kh = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int f = 0; f < filters; f++, o++) {
                        float sum = 0f;
                        for (int n = 0; n < g.batch(); n++) {
                            for (int oh = 0; oh < g.outH(); oh++) {
                                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                                if (ih < 0 || ih >= g.height()) {
                                    continue;
                                }
                                for (int ow = 0; ow < g.outW(); ow++) {
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    if (iw < 0 || iw >= g.width()) {
                                        continue;
                                    }
                                    float xv = x[xOff + n * g.inputImageSize() + (ih * g.width() + iw) * c + ch];
                                    float gv = dy[dyOff + ((n * g.outH() + oh) * g.outW() + ow) * filters + f];
                                    sum = Math.fma(xv, gv, sum);
                                }
                            }
                        }
                        dk[o] = sum;
                    }
                }
            }
        }
    }

    /**
     * {@code dk} of {@link Conv2dKernel}: per block of images one {@link Gemm} {@code colᵀ · dy} (the
     * unrolled matrix transposed through GEMM's strides), the blocks summed.
     *
     * @param g the forward geometry
     * @param x the forward input {@code [batch, height, width, channels]}
     * @param dy the output gradient {@code [batch, outH, outW, filters]}
     * @param filters output channels of the forward convolution
     * @param dk the kernel gradient {@code [kernelH, kernelW, channels, filters]}, overwritten from {@code dkOff}
     */
    public static void run(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, int filters, float[] dk, int dkOff) {
        if (!Simd.ENABLED) {
            scalar(g, x, xOff, dy, dyOff, filters, dk, dkOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (Conv2dKernel.isPointwise(g)) {
            Gemm.run(kk, filters, g.batch() * pix, x, xOff, 1, kk, dy, dyOff, filters, 1, dk, dkOff, filters);
            return;
        }
        int block = Conv2dKernel.imagesPerBlock(pix, kk, g.batch());
        if (g.batch() == 0 || pix == 0) {
            java.util.Arrays.fill(dk, dkOff, dkOff + kk * filters, 0f);
            return;
        }
        float[] col = ConvWorkspace.floats(0, block * pix * kk);
        float[] part = block < g.batch() ? ConvWorkspace.floats(1, kk * filters) : null;
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Im2col.im2col(g, x, xOff, n0, images, col);
            int rows = images * pix;
            if (n0 == 0) {
                Gemm.run(kk, filters, rows, col, 0, 1, kk, dy, dyOff, filters, 1, dk, dkOff, filters);
            } else {
                Gemm.run(kk, filters, rows, col, 0, 1, kk, dy, dyOff + n0 * pix * filters, filters, 1, part, 0, filters);
                AddKernel.run(dk, dkOff, part, 0, dk, dkOff, kk * filters);
            }
        }
    }

    // ---- double ----

    /**
     * The reference: for every kernel element one fma chain over the batch and output pixels whose tap
     * lies inside the image. Arguments as for {@link #run(ConvGeometry, double[], int, double[], int, int, double[], int)}.
     */
    public static void scalar(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, int filters, double[] dk, int dkOff) {
        int c = g.channels();
        int o = dkOff;
        for (int kh = 0; kh < g.kernelH(); kh++) {
            for (int kw = 0; kw < g.kernelW(); kw++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int f = 0; f < filters; f++, o++) {
                        double sum = 0d;
                        for (int n = 0; n < g.batch(); n++) {
                            for (int oh = 0; oh < g.outH(); oh++) {
                                int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                                if (ih < 0 || ih >= g.height()) {
                                    continue;
                                }
                                for (int ow = 0; ow < g.outW(); ow++) {
                                    int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
                                    if (iw < 0 || iw >= g.width()) {
                                        continue;
                                    }
                                    double xv = x[xOff + n * g.inputImageSize() + (ih * g.width() + iw) * c + ch];
                                    double gv = dy[dyOff + ((n * g.outH() + oh) * g.outW() + ow) * filters + f];
                                    sum = Math.fma(xv, gv, sum);
                                }
                            }
                        }
                        dk[o] = sum;
                    }
                }
            }
        }
    }

    /**
     * {@code dk} of {@link Conv2dKernel}: per block of images one {@link Gemm} {@code colᵀ · dy} (the
     * unrolled matrix transposed through GEMM's strides), the blocks summed.
     *
     * @param g the forward geometry
     * @param x the forward input {@code [batch, height, width, channels]}
     * @param dy the output gradient {@code [batch, outH, outW, filters]}
     * @param filters output channels of the forward convolution
     * @param dk the kernel gradient {@code [kernelH, kernelW, channels, filters]}, overwritten from {@code dkOff}
     */
    public static void run(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, int filters, double[] dk, int dkOff) {
        if (!Simd.ENABLED) {
            scalar(g, x, xOff, dy, dyOff, filters, dk, dkOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (Conv2dKernel.isPointwise(g)) {
            Gemm.run(kk, filters, g.batch() * pix, x, xOff, 1, kk, dy, dyOff, filters, 1, dk, dkOff, filters);
            return;
        }
        int block = Conv2dKernel.imagesPerBlock(pix, kk, g.batch());
        if (g.batch() == 0 || pix == 0) {
            java.util.Arrays.fill(dk, dkOff, dkOff + kk * filters, 0d);
            return;
        }
        double[] col = ConvWorkspace.doubles(0, block * pix * kk);
        double[] part = block < g.batch() ? ConvWorkspace.doubles(1, kk * filters) : null;
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Im2col.im2col(g, x, xOff, n0, images, col);
            int rows = images * pix;
            if (n0 == 0) {
                Gemm.run(kk, filters, rows, col, 0, 1, kk, dy, dyOff, filters, 1, dk, dkOff, filters);
            } else {
                Gemm.run(kk, filters, rows, col, 0, 1, kk, dy, dyOff + n0 * pix * filters, filters, 1, part, 0, filters);
                AddKernel.run(dk, dkOff, part, 0, dk, dkOff, kk * filters);
            }
        }
    }

    private Conv2dBackpropFilterKernel() {}
}
