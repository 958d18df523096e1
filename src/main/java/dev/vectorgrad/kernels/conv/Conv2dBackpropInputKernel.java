package dev.vectorgrad.kernels.conv;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.matmul.Gemm;

/**
 * The gradient of {@link Conv2dKernel} with respect to its input (TensorFlow's
 * {@code conv2d_backprop_input}, also the forward pass of a transposed convolution):
 * <pre>
 *   dx[n, ih, iw, c] = Σ_{oh, ow, kh, kw : oh·sH - padTop + kh·dH = ih, ow·sW - padLeft + kw·dW = iw} Σ_f dy[n, oh, ow, f] · k[kh, kw, c, f]
 * </pre>
 * Taps that fell on padding in the forward pass receive nothing. Accuracy as for {@link Conv2dKernel}.
 */
public final class Conv2dBackpropInputKernel {

    // ---- float ----

    /**
     * The reference: scatters {@code dy[n, oh, ow, ·] · k[kh, kw, c, ·]} (one fma chain over filters)
     * into every in-image tap. Arguments as for {@link #run(ConvGeometry, float[], int, float[], int, int, float[], int)}.
     */
    public static void scalar(ConvGeometry g, float[] dy, int dyOff, float[] k, int kOff, int filters, float[] dx, int dxOff) {
        int c = g.channels();
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int o = dyOff;
        for (int n = 0; n < g.batch(); n++) {
            int img = dxOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += filters) {
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
                            int xi = img + (ih * g.width() + iw) * c;
                            int ki = kOff + (kh * g.kernelW() + kw) * c * filters;
                            for (int ch = 0; ch < c; ch++) {
                                float sum = dx[xi + ch];
                                for (int f = 0; f < filters; f++) {
                                    sum = Math.fma(dy[o + f], k[ki + ch * filters + f], sum);
                                }
                                dx[xi + ch] = sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code dx} of {@link Conv2dKernel}: per block of images one {@link Gemm} {@code dcol = dy · kᵀ}
     * (the kernel transposed through GEMM's strides, not copied), then {@link Im2col#col2im} adds the
     * unrolled rows back into the image.
     *
     * @param g the forward geometry
     * @param dy the output gradient {@code [batch, outH, outW, filters]}
     * @param k the kernel {@code [kernelH, kernelW, channels, filters]}
     * @param filters output channels of the forward convolution
     * @param dx the input gradient {@code [batch, height, width, channels]}, overwritten from {@code dxOff}
     */
    public static void run(ConvGeometry g, float[] dy, int dyOff, float[] k, int kOff, int filters, float[] dx, int dxOff) {
        if (!Simd.ENABLED) {
            scalar(g, dy, dyOff, k, kOff, filters, dx, dxOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (Conv2dKernel.isPointwise(g)) {
            Gemm.run(g.batch() * pix, kk, filters, dy, dyOff, filters, 1, k, kOff, 1, filters, dx, dxOff, kk);
            return;
        }
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        if (g.batch() == 0 || pix == 0 || kk == 0) {
            return;
        }
        int block = Conv2dKernel.imagesPerBlock(pix, kk, g.batch());
        float[] col = ConvWorkspace.floats(0, block * pix * kk);
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Gemm.run(images * pix, kk, filters, dy, dyOff + n0 * pix * filters, filters, 1, k, kOff, 1, filters, col, 0, kk);
            Im2col.col2im(g, col, n0, images, dx, dxOff);
        }
    }

    // ---- double ----

    /**
     * The reference: scatters {@code dy[n, oh, ow, ·] · k[kh, kw, c, ·]} (one fma chain over filters)
     * into every in-image tap. Arguments as for {@link #run(ConvGeometry, double[], int, double[], int, int, double[], int)}.
     */
    public static void scalar(ConvGeometry g, double[] dy, int dyOff, double[] k, int kOff, int filters, double[] dx, int dxOff) {
        int c = g.channels();
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        int o = dyOff;
        for (int n = 0; n < g.batch(); n++) {
            int img = dxOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, o += filters) {
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
                            int xi = img + (ih * g.width() + iw) * c;
                            int ki = kOff + (kh * g.kernelW() + kw) * c * filters;
                            for (int ch = 0; ch < c; ch++) {
                                double sum = dx[xi + ch];
                                for (int f = 0; f < filters; f++) {
                                    sum = Math.fma(dy[o + f], k[ki + ch * filters + f], sum);
                                }
                                dx[xi + ch] = sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code dx} of {@link Conv2dKernel}: per block of images one {@link Gemm} {@code dcol = dy · kᵀ}
     * (the kernel transposed through GEMM's strides, not copied), then {@link Im2col#col2im} adds the
     * unrolled rows back into the image.
     *
     * @param g the forward geometry
     * @param dy the output gradient {@code [batch, outH, outW, filters]}
     * @param k the kernel {@code [kernelH, kernelW, channels, filters]}
     * @param filters output channels of the forward convolution
     * @param dx the input gradient {@code [batch, height, width, channels]}, overwritten from {@code dxOff}
     */
    public static void run(ConvGeometry g, double[] dy, int dyOff, double[] k, int kOff, int filters, double[] dx, int dxOff) {
        if (!Simd.ENABLED) {
            scalar(g, dy, dyOff, k, kOff, filters, dx, dxOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (Conv2dKernel.isPointwise(g)) {
            Gemm.run(g.batch() * pix, kk, filters, dy, dyOff, filters, 1, k, kOff, 1, filters, dx, dxOff, kk);
            return;
        }
        java.util.Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0d);
        if (g.batch() == 0 || pix == 0 || kk == 0) {
            return;
        }
        int block = Conv2dKernel.imagesPerBlock(pix, kk, g.batch());
        double[] col = ConvWorkspace.doubles(0, block * pix * kk);
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Gemm.run(images * pix, kk, filters, dy, dyOff + n0 * pix * filters, filters, 1, k, kOff, 1, filters, col, 0, kk);
            Im2col.col2im(g, col, n0, images, dx, dxOff);
        }
    }

    private Conv2dBackpropInputKernel() {}
}
