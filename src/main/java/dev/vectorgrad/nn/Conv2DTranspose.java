package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;

/**
 * Keras's {@code Conv2DTranspose} (sometimes called deconvolution): the gradient of a {@link Conv2D} with
 * respect to its input, used as a forward pass that upsamples. For input {@code [batch, h, w, in]} the
 * output is {@code [batch, h·s, w·s, filters]} with SAME and {@code [batch, (h-1)·s + k, (w-1)·s + k, filters]}
 * with VALID, placed as TensorFlow's {@code conv2d_transpose} places it (the odd cropped row comes from the
 * bottom/right, which is not PyTorch's symmetric {@code padding}).
 *
 * <p>The kernel has Keras's transposed layout {@code [k, k, filters, in]} ({@code conv2d_transpose/kernel:0}),
 * the bias {@code [filters]}. Configuration: filters, kernelSize, strides, padding, activation, useBias.
 */
public class Conv2DTranspose extends Layer {
    private final int filters;
    private final int kernelSize;
    private final int strides;
    private final Padding padding;
    private final Activation activation;
    private final boolean useBias;
    private int channels = -1;
    private Variable kernel;
    private Variable bias;

    /** Keras's common arguments, linear and with a bias. */
    public Conv2DTranspose(int filters, int kernelSize, int strides, Padding padding) {
        this(filters, kernelSize, strides, padding, Activation.LINEAR, true);
    }

    /** Every argument. */
    public Conv2DTranspose(int filters, int kernelSize, int strides, Padding padding, Activation activation, boolean useBias) {
        ConvSupport.checkPositive("Conv2DTranspose", "filters", filters);
        ConvSupport.checkPositive("Conv2DTranspose", "kernel size", kernelSize);
        ConvSupport.checkPositive("Conv2DTranspose", "strides", strides);
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.strides = strides;
        this.padding = padding == null ? Padding.VALID : padding;
        this.activation = activation == null ? Activation.LINEAR : activation;
        this.useBias = useBias;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 4);
        channels = inputShape[3];
        kernel = addWeight("kernel", ConvSupport.glorotUniform(weightRng("kernel"), kernelSize, kernelSize, filters, channels), true);
        bias = useBias ? addWeight("bias", NDArray.zeros(DType.FLOAT32, filters), true) : null;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, 4);
        maybeBuild(s);
        ConvSupport.checkChannels(this, s, channels);
        int outH = outputSize(s[1]);
        int outW = outputSize(s[2]);
        ConvGeometry g = ConvSupport.geometry(this, new int[] {s[0], outH, outW, filters}, kernelSize, kernelSize,
                strides, strides, 1, 1, padding);
        NDArray y = ConvOps.conv2dBackpropInput(ConvSupport.float32(x), kernel, g);
        return activation.apply(useBias ? y.add(bias) : y);
    }

    /** Keras's {@code deconv_output_length} without output padding. */
    private int outputSize(int in) {
        return padding == Padding.SAME ? in * strides : (in - 1) * strides + kernelSize;
    }

    /** Output channels. */
    public int filters() {
        return filters;
    }

    /** Square window size. */
    public int kernelSize() {
        return kernelSize;
    }

    /** The upsampling factor on both axes. */
    public int strides() {
        return strides;
    }

    /** VALID or SAME. */
    public Padding padding() {
        return padding;
    }

    /** The activation after the bias. */
    public Activation activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The kernel {@code [k, k, filters, in]}, or null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}, or null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    /** Keras's {@code Conv2DTranspose} config (square windows, equal strides), with (h, w) pairs as lists. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("filters", filters);
        c.put("kernel_size", java.util.List.of(kernelSize, kernelSize));
        c.put("strides", java.util.List.of(strides, strides));
        c.put("padding", padding.kerasName());
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        return c;
    }

    /** {@code [batch, outH, outW, filters]}: {@code in·stride} (SAME) or {@code (in-1)·stride + kernel} (VALID). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        ConvSupport.checkRank(this, inputShape, 4);
        return new int[] {inputShape[0], outputSize(inputShape[1]), outputSize(inputShape[2]), filters};
    }
}
