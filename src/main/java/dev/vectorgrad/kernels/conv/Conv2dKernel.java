package dev.vectorgrad.kernels.conv;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.matmul.Gemm;

/**
 * 2-D convolution, channels-last, as TensorFlow's {@code conv2d} (a cross-correlation):
 * <pre>
 *   y[n, oh, ow, f] = Σ_{kh, kw, c} x[n, oh·sH - padTop + kh·dH, ow·sW - padLeft + kw·dW, c] · k[kh, kw, c, f]
 * </pre>
 * with zeros outside the image. {@link #run} lowers it to GEMM: {@link Im2col} unrolls a block of images
 * into a {@code [images·outH·outW, kh·kw·c]} matrix whose product with the kernel, read as
 * {@code [kh·kw·c, filters]}, is the output block, already in {@code [n, oh, ow, f]} order; GEMM then packs
 * both operands into its panels as it does for any product. Blocks of images keep the unrolled matrix
 * near {@value #COL_BLOCK_ELEMENTS} elements, so memory stays bounded for any batch.
 *
 * <p>Accuracy: every output is a sum of {@code kh·kw·c} products in some order, within
 * {@code c·kh·kw·ulp·Σ|x·k|} of the exact sum, as {@link #scalar} is; they are not bit-identical.
 */
public final class Conv2dKernel {
    /** Elements of one unrolled block (4 MB of floats): big enough for GEMM to reach full speed. */
    static final int COL_BLOCK_ELEMENTS = 1 << 20;

    // ---- float ----

    /**
     * The reference: for every output element one fma chain over the window's taps (row-major kh, kw)
     * and channels, skipping padding taps. Arguments as for {@link #run(ConvGeometry, float[], int, float[], int, int, float[], int)}.
     */
    public static void scalar(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, int filters, float[] y, int yOff) {
        int c = g.channels();
        int o = yOff;
        for (int n = 0; n < g.batch(); n++) {
            int img = xOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int f = 0; f < filters; f++, o++) {
                        float sum = 0f;
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
                                int ki = kOff + (kh * g.kernelW() + kw) * c * filters + f;
                                for (int ch = 0; ch < c; ch++) {
                                    sum = Math.fma(x[xi + ch], k[ki + ch * filters], sum);
                                }
                            }
                        }
                        y[o] = sum;
                    }
                }
            }
        }
    }

    /**
     * {@code y = conv2d(x, k)}: im2col of a block of images, then one {@link Gemm} per block.
     *
     * @param g the geometry (input {@code [batch, height, width, channels]})
     * @param x the input, row-major from {@code xOff}
     * @param k the kernel {@code [kernelH, kernelW, channels, filters]}, row-major from {@code kOff}
     * @param filters output channels
     * @param y the output {@code [batch, outH, outW, filters]}, overwritten from {@code yOff}
     */
    public static void run(ConvGeometry g, float[] x, int xOff, float[] k, int kOff, int filters, float[] y, int yOff) {
        if (!Simd.ENABLED) {
            scalar(g, x, xOff, k, kOff, filters, y, yOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (g.batch() == 0 || pix == 0 || filters == 0) {
            return;
        }
        if (isPointwise(g)) {
            // a 1x1, stride-1, unpadded window: the image already is the im2col matrix
            Gemm.run(g.batch() * pix, filters, kk, x, xOff, kk, 1, k, kOff, filters, 1, y, yOff, filters);
            return;
        }
        int block = imagesPerBlock(pix, kk, g.batch());
        float[] col = ConvWorkspace.floats(0, block * pix * kk);
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Im2col.im2col(g, x, xOff, n0, images, col);
            Gemm.run(images * pix, filters, kk, col, 0, kk, 1, k, kOff, filters, 1, y, yOff + n0 * pix * filters, filters);
        }
    }

    // ---- double ----

    /**
     * The reference: for every output element one fma chain over the window's taps (row-major kh, kw)
     * and channels, skipping padding taps. Arguments as for {@link #run(ConvGeometry, double[], int, double[], int, int, double[], int)}.
     */
    public static void scalar(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, int filters, double[] y, int yOff) {
        int c = g.channels();
        int o = yOff;
        for (int n = 0; n < g.batch(); n++) {
            int img = xOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    for (int f = 0; f < filters; f++, o++) {
                        double sum = 0d;
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
                                int ki = kOff + (kh * g.kernelW() + kw) * c * filters + f;
                                for (int ch = 0; ch < c; ch++) {
                                    sum = Math.fma(x[xi + ch], k[ki + ch * filters], sum);
                                }
                            }
                        }
                        y[o] = sum;
                    }
                }
            }
        }
    }

    /**
     * {@code y = conv2d(x, k)}: im2col of a block of images, then one {@link Gemm} per block.
     *
     * @param g the geometry (input {@code [batch, height, width, channels]})
     * @param x the input, row-major from {@code xOff}
     * @param k the kernel {@code [kernelH, kernelW, channels, filters]}, row-major from {@code kOff}
     * @param filters output channels
     * @param y the output {@code [batch, outH, outW, filters]}, overwritten from {@code yOff}
     */
    public static void run(ConvGeometry g, double[] x, int xOff, double[] k, int kOff, int filters, double[] y, int yOff) {
        if (!Simd.ENABLED) {
            scalar(g, x, xOff, k, kOff, filters, y, yOff);
            return;
        }
        int pix = g.outputPixels();
        int kk = g.taps() * g.channels();
        if (g.batch() == 0 || pix == 0 || filters == 0) {
            return;
        }
        if (isPointwise(g)) {
            // a 1x1, stride-1, unpadded window: the image already is the im2col matrix
            Gemm.run(g.batch() * pix, filters, kk, x, xOff, kk, 1, k, kOff, filters, 1, y, yOff, filters);
            return;
        }
        int block = imagesPerBlock(pix, kk, g.batch());
        double[] col = ConvWorkspace.doubles(0, block * pix * kk);
        for (int n0 = 0; n0 < g.batch(); n0 += block) {
            int images = Math.min(block, g.batch() - n0);
            Im2col.im2col(g, x, xOff, n0, images, col);
            Gemm.run(images * pix, filters, kk, col, 0, kk, 1, k, kOff, filters, 1, y, yOff + n0 * pix * filters, filters);
        }
    }

    /** A 1x1 window at stride 1 without padding reads each input pixel once, in order: no unrolling needed. */
    static boolean isPointwise(ConvGeometry g) {
        return g.kernelH() == 1 && g.kernelW() == 1 && g.strideH() == 1 && g.strideW() == 1
                && g.padTop() == 0 && g.padLeft() == 0 && g.outH() == g.height() && g.outW() == g.width();
    }

    /** Images per im2col block: as many as fit {@link #COL_BLOCK_ELEMENTS}, at least one. */
    static int imagesPerBlock(int pix, int kk, int batch) {
        long perImage = Math.max(1L, (long) pix * kk);
        return (int) Math.max(1, Math.min(batch, COL_BLOCK_ELEMENTS / perImage));
    }

    private Conv2dKernel() {}
}
