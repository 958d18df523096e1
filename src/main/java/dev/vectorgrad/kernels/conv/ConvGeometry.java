package dev.vectorgrad.kernels.conv;

/**
 * Where a 2-D window lands on a channels-last image batch: everything a convolution or pooling kernel
 * needs except the arrays. The input is {@code [batch, height, width, channels]}, the output
 * {@code [batch, outH, outW, ·]}; output pixel {@code (oh, ow)} reads input rows
 * {@code oh·strideH - padTop + kh·dilationH} for {@code kh < kernelH} (likewise for columns), and taps
 * that fall outside the image read zeros (convolution) or are skipped (pooling). A 1-D problem is the
 * 2-D one with {@code height = kernelH = 1}.
 *
 * <p>{@link #same} and {@link #valid} compute padding and output size exactly as TensorFlow does:
 * SAME gives {@code ceil(in / stride)} outputs and puts the odd padding element after the image
 * (bottom/right), VALID gives {@code floor((in - effectiveKernel) / stride) + 1} and pads nothing.
 *
 * @param batch images in the batch
 * @param height input rows
 * @param width input columns
 * @param channels input channels (the contiguous axis)
 * @param kernelH window rows
 * @param kernelW window columns
 * @param strideH step between output rows, in input rows
 * @param strideW step between output columns
 * @param dilationH step between window rows (1 = dense window)
 * @param dilationW step between window columns
 * @param padTop implicit zero rows above the image
 * @param padLeft implicit zero columns left of the image
 * @param outH output rows
 * @param outW output columns
 */
public record ConvGeometry(int batch, int height, int width, int channels,
                           int kernelH, int kernelW, int strideH, int strideW,
                           int dilationH, int dilationW, int padTop, int padLeft, int outH, int outW) {

    /** Validates every field, so a kernel never indexes outside its arrays. */
    public ConvGeometry {
        if (batch < 0 || height < 0 || width < 0 || channels < 0) {
            throw new IllegalArgumentException("conv: input dimensions must be >= 0, got batch " + batch
                    + ", height " + height + ", width " + width + ", channels " + channels);
        }
        if (kernelH <= 0 || kernelW <= 0) {
            throw new IllegalArgumentException("conv: window must be positive, got " + kernelH + "x" + kernelW);
        }
        if (strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("conv: strides must be positive, got (" + strideH + ", " + strideW + ")");
        }
        if (dilationH <= 0 || dilationW <= 0) {
            throw new IllegalArgumentException("conv: dilation rates must be positive, got (" + dilationH + ", " + dilationW + ")");
        }
        if (padTop < 0 || padLeft < 0 || outH < 0 || outW < 0) {
            throw new IllegalArgumentException("conv: padding and output size must be >= 0, got pads (" + padTop + ", "
                    + padLeft + ") and output " + outH + "x" + outW);
        }
    }

    /** TensorFlow's SAME: {@code ceil(in / stride)} outputs, zero padding split with the extra row/column last. */
    public static ConvGeometry same(int batch, int height, int width, int channels, int kernelH, int kernelW,
                                    int strideH, int strideW, int dilationH, int dilationW) {
        checkWindow(kernelH, kernelW, strideH, strideW, dilationH, dilationW);
        int outH = ceilDiv(height, strideH);
        int outW = ceilDiv(width, strideW);
        int padH = Math.max((outH - 1) * strideH + effective(kernelH, dilationH) - height, 0);
        int padW = Math.max((outW - 1) * strideW + effective(kernelW, dilationW) - width, 0);
        return new ConvGeometry(batch, height, width, channels, kernelH, kernelW, strideH, strideW,
                dilationH, dilationW, padH / 2, padW / 2, outH, outW);
    }

    /**
     * TensorFlow's VALID: windows wholly inside the image.
     *
     * @throws IllegalArgumentException when the dilated window is larger than the image
     */
    public static ConvGeometry valid(int batch, int height, int width, int channels, int kernelH, int kernelW,
                                     int strideH, int strideW, int dilationH, int dilationW) {
        checkWindow(kernelH, kernelW, strideH, strideW, dilationH, dilationW);
        int effH = effective(kernelH, dilationH);
        int effW = effective(kernelW, dilationW);
        if (effH > height || effW > width) {
            throw new IllegalArgumentException("conv: VALID window " + effH + "x" + effW + " (kernel " + kernelH + "x"
                    + kernelW + ", dilation " + dilationH + "x" + dilationW + ") is larger than the input "
                    + height + "x" + width);
        }
        return new ConvGeometry(batch, height, width, channels, kernelH, kernelW, strideH, strideW,
                dilationH, dilationW, 0, 0, (height - effH) / strideH + 1, (width - effW) / strideW + 1);
    }

    /**
     * The same windows over {@code images} images: with channels-last, images {@code [n0, n0 + images)} of a
     * batch are this geometry's batch at offsets {@code n0·imageSize}, so a batch splits into independent calls.
     */
    public ConvGeometry withBatch(int images) {
        return new ConvGeometry(images, height, width, channels, kernelH, kernelW, strideH, strideW,
                dilationH, dilationW, padTop, padLeft, outH, outW);
    }

    /** Input elements per image: {@code height·width·channels}. */
    public int inputImageSize() {
        return height * width * channels;
    }

    /** Output pixels per image: {@code outH·outW}. */
    public int outputPixels() {
        return outH * outW;
    }

    /** Window taps: {@code kernelH·kernelW}. */
    public int taps() {
        return kernelH * kernelW;
    }

    /** Elements of the input {@code [batch, height, width, channels]}, checked against int overflow. */
    public int inputSize() {
        return Math.toIntExact((long) batch * height * width * channels);
    }

    private static int effective(int k, int d) {
        return (k - 1) * d + 1;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static void checkWindow(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW) {
        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0) {
            throw new IllegalArgumentException("conv: kernel size, strides and dilation must be positive, got kernel "
                    + kernelH + "x" + kernelW + ", strides (" + strideH + ", " + strideW + "), dilation ("
                    + dilationH + ", " + dilationW + ")");
        }
    }
}
