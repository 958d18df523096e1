package dev.vectorgrad.kernels.conv;

import dev.vectorgrad.kernels.elementwise.AddKernel;
import java.util.Arrays;

/**
 * Unrolls image windows into the rows of a matrix, so that a convolution becomes one GEMM
 * (Caffe's im2col), and scatters such rows back (col2im, the adjoint, for the input gradient).
 *
 * <pre>
 *   col[r, (kh·kernelW + kw)·channels + c] = x[n, oh·sH - padTop + kh·dH, ow·sW - padLeft + kw·dW, c]
 *   r = (n - firstImage)·outH·outW + oh·outW + ow         (zero where the tap is outside the image)
 * </pre>
 * The column order (kh, kw, c) is the row order of a Keras kernel {@code [kh, kw, in, filters]} read as a
 * {@code [kh·kw·in, filters]} matrix, so {@code col · kernel} is the convolution with no reshuffling of
 * the weights. Channels-last makes every tap a contiguous run of {@code channels} elements, and with
 * {@code dilationW = 1} a whole window row inside the image is one run of {@code kernelW·channels}: the
 * copies are {@code System.arraycopy} runs (vectorised by the JIT) and the scatter adds are
 * {@link AddKernel} runs.
 */
public final class Im2col {

    /** Rows {@code images·outH·outW} by columns {@code kernelH·kernelW·channels} of {@code col}, starting at 0. */
    public static void im2col(ConvGeometry g, float[] x, int xOff, int firstImage, int images, float[] col) {
        int kw = g.kernelW(), c = g.channels(), rowLen = g.taps() * c;
        int r = 0;
        for (int n = firstImage; n < firstImage + images; n++) {
            int img = xOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, r++) {
                    int base = r * rowLen;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    boolean rowInside = g.dilationW() == 1 && iw0 >= 0 && iw0 + kw <= g.width();
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                        int dst = base + kh * kw * c;
                        if (ih < 0 || ih >= g.height()) {
                            Arrays.fill(col, dst, dst + kw * c, 0f);
                        } else if (rowInside) {
                            System.arraycopy(x, img + (ih * g.width() + iw0) * c, col, dst, kw * c);
                        } else {
                            for (int j = 0; j < kw; j++, dst += c) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    Arrays.fill(col, dst, dst + c, 0f);
                                } else {
                                    System.arraycopy(x, img + (ih * g.width() + iw) * c, col, dst, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The double-precision twin of {@link #im2col(ConvGeometry, float[], int, int, int, float[])}. */
    public static void im2col(ConvGeometry g, double[] x, int xOff, int firstImage, int images, double[] col) {
        int kw = g.kernelW(), c = g.channels(), rowLen = g.taps() * c;
        int r = 0;
        for (int n = firstImage; n < firstImage + images; n++) {
            int img = xOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, r++) {
                    int base = r * rowLen;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    boolean rowInside = g.dilationW() == 1 && iw0 >= 0 && iw0 + kw <= g.width();
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                        int dst = base + kh * kw * c;
                        if (ih < 0 || ih >= g.height()) {
                            Arrays.fill(col, dst, dst + kw * c, 0d);
                        } else if (rowInside) {
                            System.arraycopy(x, img + (ih * g.width() + iw0) * c, col, dst, kw * c);
                        } else {
                            for (int j = 0; j < kw; j++, dst += c) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw < 0 || iw >= g.width()) {
                                    Arrays.fill(col, dst, dst + c, 0d);
                                } else {
                                    System.arraycopy(x, img + (ih * g.width() + iw) * c, col, dst, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds every in-image entry of {@code col} into {@code dx} (which the
     * caller zeroes first; overlapping windows accumulate). Padding taps are dropped.
     */
    public static void col2im(ConvGeometry g, float[] col, int firstImage, int images, float[] dx, int dxOff) {
        int kw = g.kernelW(), c = g.channels(), rowLen = g.taps() * c;
        int r = 0;
        for (int n = firstImage; n < firstImage + images; n++) {
            int img = dxOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, r++) {
                    int base = r * rowLen;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    boolean rowInside = g.dilationW() == 1 && iw0 >= 0 && iw0 + kw <= g.width();
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                        if (ih < 0 || ih >= g.height()) {
                            continue;
                        }
                        int src = base + kh * kw * c;
                        if (rowInside) {
                            int o = img + (ih * g.width() + iw0) * c;
                            AddKernel.run(dx, o, col, src, dx, o, kw * c);
                        } else {
                            for (int j = 0; j < kw; j++, src += c) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    int o = img + (ih * g.width() + iw) * c;
                                    AddKernel.run(dx, o, col, src, dx, o, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The double-precision twin of {@link #col2im(ConvGeometry, float[], int, int, float[], int)}. */
    public static void col2im(ConvGeometry g, double[] col, int firstImage, int images, double[] dx, int dxOff) {
        int kw = g.kernelW(), c = g.channels(), rowLen = g.taps() * c;
        int r = 0;
        for (int n = firstImage; n < firstImage + images; n++) {
            int img = dxOff + n * g.inputImageSize();
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++, r++) {
                    int base = r * rowLen;
                    int iw0 = ow * g.strideW() - g.padLeft();
                    boolean rowInside = g.dilationW() == 1 && iw0 >= 0 && iw0 + kw <= g.width();
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
                        if (ih < 0 || ih >= g.height()) {
                            continue;
                        }
                        int src = base + kh * kw * c;
                        if (rowInside) {
                            int o = img + (ih * g.width() + iw0) * c;
                            AddKernel.run(dx, o, col, src, dx, o, kw * c);
                        } else {
                            for (int j = 0; j < kw; j++, src += c) {
                                int iw = iw0 + j * g.dilationW();
                                if (iw >= 0 && iw < g.width()) {
                                    int o = img + (ih * g.width() + iw) * c;
                                    AddKernel.run(dx, o, col, src, dx, o, c);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private Im2col() {}
}
