package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;

/**
 * Keras's {@code Conv2D}: {@code activation(conv2d(x, kernel) + bias)} on channels-last images
 * {@code [batch, height, width, channels]}.
 *
 * <p>The kernel is {@code [kernelH, kernelW, in, filters]} (Keras's layout, so Keras weights load as they
 * are), Glorot-uniform from the layer's seeded generator; the bias is {@code [filters]} zeros; they are
 * named {@code conv2d/kernel:0} and {@code conv2d/bias:0}. Without {@link Builder#inputShape} the weights
 * are built on the first call. The convolution runs as GEMM: at stride 1 from four input channels over the
 * padded image read in place ({@code kernels.conv.Conv2dDirect}), otherwise implicit (windows packed straight
 * into GEMM's panels) from four input channels, im2col + GEMM below ({@code kernels.conv.Conv2dKernel}).
 *
 * <p>Configuration (every field {@code getConfig()} needs): filters, kernelSize (h, w), strides (h, w),
 * padding, dilationRate (h, w), activation, useBias, and the optional inputShape (h, w, c).
 * Deliberate difference from Keras: strides above 1 together with a dilation above 1 are allowed (Keras
 * refuses the pair; the arithmetic is well defined and PyTorch allows it).
 */
public class Conv2D extends Layer {
    private final int filters;
    private final int kernelH;
    private final int kernelW;
    private final int strideH;
    private final int strideW;
    private final Padding padding;
    private final int dilationH;
    private final int dilationW;
    private final Activation activation;
    private final boolean useBias;
    private int channels = -1;
    private Variable kernel;
    private Variable bias;

    /** {@code filters} square {@code kernelSize} windows, stride 1, VALID, no activation, with bias. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, 1, Padding.VALID, Activation.LINEAR);
    }

    /** Square windows and equal strides on both axes (Keras's integer arguments). */
    public Conv2D(int filters, int kernelSize, int strides, Padding padding, Activation activation) {
        this(builder(filters, kernelSize).strides(strides, strides).padding(padding).activation(activation));
    }

    /** From a builder; builds at once when it has an input shape. */
    protected Conv2D(Builder b) {
        ConvSupport.checkPositive("Conv2D", "filters", b.filters);
        ConvSupport.checkPositive("Conv2D", "kernel size", b.kernelH, b.kernelW);
        ConvSupport.checkPositive("Conv2D", "strides", b.strideH, b.strideW);
        ConvSupport.checkPositive("Conv2D", "dilation rate", b.dilationH, b.dilationW);
        this.filters = b.filters;
        this.kernelH = b.kernelH;
        this.kernelW = b.kernelW;
        this.strideH = b.strideH;
        this.strideW = b.strideW;
        this.padding = b.padding == null ? Padding.VALID : b.padding;
        this.dilationH = b.dilationH;
        this.dilationW = b.dilationW;
        this.activation = b.activation == null ? Activation.LINEAR : b.activation;
        this.useBias = b.useBias;
        if (b.inputShape != null) {
            maybeBuild(new int[] {-1, b.inputShape[0], b.inputShape[1], b.inputShape[2]});
        }
    }

    /** A builder for the options beyond the constructors' (Keras's keyword arguments). */
    public static Builder builder(int filters, int kernelSize) {
        return new Builder(filters, kernelSize);
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 4);
        channels = inputShape[3];
        kernel = addWeight("kernel", ConvSupport.glorotUniform(weightRng("kernel"), kernelH, kernelW, channels, filters), true);
        bias = useBias ? addWeight("bias", NDArray.zeros(DType.FLOAT32, filters), true) : null;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] shape = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, shape, 4);
        maybeBuild(shape);
        ConvSupport.checkChannels(this, shape, channels);
        ConvGeometry g = ConvSupport.geometry(this, shape, kernelH, kernelW, strideH, strideW, dilationH, dilationW, padding);
        NDArray y = ConvOps.conv2d(ConvSupport.float32(x), kernel, g);
        return activation.apply(useBias ? y.add(bias) : y);
    }

    /** Output channels. */
    public int filters() {
        return filters;
    }

    /** Window {@code {height, width}}. */
    public int[] kernelSize() {
        return new int[] {kernelH, kernelW};
    }

    /** Strides {@code {height, width}}. */
    public int[] strides() {
        return new int[] {strideH, strideW};
    }

    /** Dilation rates {@code {height, width}}. */
    public int[] dilationRate() {
        return new int[] {dilationH, dilationW};
    }

    /** VALID or SAME. */
    public Padding padding() {
        return padding;
    }

    /** The activation applied after the bias. */
    public Activation activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The kernel {@code [kh, kw, in, filters]}, or null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}, or null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    /** Keras's {@code Conv2D} config, with (h, w) pairs as lists. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("filters", filters);
        c.put("kernel_size", java.util.List.of(kernelH, kernelW));
        c.put("strides", java.util.List.of(strideH, strideW));
        c.put("padding", padding.kerasName());
        c.put("dilation_rate", java.util.List.of(dilationH, dilationW));
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        return c;
    }

    /** {@code [batch, outH, outW, filters]}, from the window arithmetic alone. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return ConvSupport.windowOutputShape(this, inputShape, 4, kernelH, kernelW, strideH, strideW, dilationH, dilationW,
                padding, filters);
    }

    /** Keras's keyword arguments for {@link Conv2D}, with Keras's defaults. */
    public static final class Builder {
        private final int filters;
        private int kernelH;
        private int kernelW;
        private int strideH = 1;
        private int strideW = 1;
        private Padding padding = Padding.VALID;
        private int dilationH = 1;
        private int dilationW = 1;
        private Activation activation = Activation.LINEAR;
        private boolean useBias = true;
        private int[] inputShape;

        private Builder(int filters, int kernelSize) {
            this.filters = filters;
            this.kernelH = kernelSize;
            this.kernelW = kernelSize;
        }

        /** A rectangular window. */
        public Builder kernelSize(int h, int w) {
            this.kernelH = h;
            this.kernelW = w;
            return this;
        }

        /** Steps between windows along height and width (default 1, 1). */
        public Builder strides(int h, int w) {
            this.strideH = h;
            this.strideW = w;
            return this;
        }

        /** VALID (default) or SAME. */
        public Builder padding(Padding padding) {
            this.padding = padding;
            return this;
        }

        /** The same dilation on both axes (default 1: a dense window). */
        public Builder dilationRate(int rate) {
            return dilationRate(rate, rate);
        }

        /** Dilation along height and width. */
        public Builder dilationRate(int h, int w) {
            this.dilationH = h;
            this.dilationW = w;
            return this;
        }

        /** The activation after the bias (default linear). */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** Whether to add a bias (default true). */
        public Builder useBias(boolean useBias) {
            this.useBias = useBias;
            return this;
        }

        /** Builds the weights at once for inputs {@code [batch, h, w, c]} (Keras's {@code input_shape=(h, w, c)}). */
        public Builder inputShape(int h, int w, int c) {
            ConvSupport.checkPositive("Conv2D", "input shape", h, w, c);
            this.inputShape = new int[] {h, w, c};
            return this;
        }

        /** The layer. */
        public Conv2D build() {
            return new Conv2D(this);
        }
    }
}
