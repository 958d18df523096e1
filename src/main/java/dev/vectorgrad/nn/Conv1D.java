package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;

/**
 * Keras's {@code Conv1D}: {@code activation(conv1d(x, kernel) + bias)} on sequences
 * {@code [batch, steps, channels]}. The kernel is {@code [kernelSize, in, filters]} and the bias
 * {@code [filters]} ({@code conv1d/kernel:0}, {@code conv1d/bias:0}); the convolution is the 2-D one on a
 * height-1 image, with the kernel viewed as {@code [1, kernelSize, in, filters]} (a reshape the tape
 * records, so gradients reach the 3-D kernel).
 *
 * <p>Configuration: filters, kernelSize, strides, padding, activation, dilationRate, useBias. Keras's
 * {@code "causal"} padding is not offered (the {@link Padding} enum has VALID and SAME).
 */
public class Conv1D extends Layer {
    private final int filters;
    private final int kernelSize;
    private final int strides;
    private final Padding padding;
    private final Activation activation;
    private final int dilationRate;
    private final boolean useBias;
    private int channels = -1;
    private Variable kernel;
    private Variable bias;

    /** {@code filters} windows of {@code kernelSize} steps, stride 1, VALID, linear, with bias. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, 1, Padding.VALID, Activation.LINEAR);
    }

    /** Keras's common arguments. */
    public Conv1D(int filters, int kernelSize, int strides, Padding padding, Activation activation) {
        this(filters, kernelSize, strides, padding, activation, 1, true);
    }

    /** Every argument. */
    public Conv1D(int filters, int kernelSize, int strides, Padding padding, Activation activation, int dilationRate,
                  boolean useBias) {
        ConvSupport.checkPositive("Conv1D", "filters", filters);
        ConvSupport.checkPositive("Conv1D", "kernel size", kernelSize);
        ConvSupport.checkPositive("Conv1D", "strides", strides);
        ConvSupport.checkPositive("Conv1D", "dilation rate", dilationRate);
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.strides = strides;
        this.padding = padding == null ? Padding.VALID : padding;
        this.activation = activation == null ? Activation.LINEAR : activation;
        this.dilationRate = dilationRate;
        this.useBias = useBias;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 3);
        channels = inputShape[2];
        kernel = addWeight("kernel", ConvSupport.glorotUniform(weightRng("kernel"), kernelSize, channels, filters), true);
        bias = useBias ? addWeight("bias", NDArray.zeros(DType.FLOAT32, filters), true) : null;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, 3);
        maybeBuild(s);
        ConvSupport.checkChannels(this, s, channels);
        int[] image = {s[0], 1, s[1], s[2]};
        ConvGeometry g = ConvSupport.geometry(this, image, 1, kernelSize, 1, strides, 1, dilationRate, padding);
        NDArray y = ConvOps.conv2d(ConvSupport.float32(x).reshape(image), kernel.reshape(1, kernelSize, channels, filters), g);
        y = y.reshape(s[0], g.outW(), filters);
        return activation.apply(useBias ? y.add(bias) : y);
    }

    /** Keras's {@code Conv1D} config: {@code kernel_size}, {@code strides}, {@code dilation_rate} as 1-tuples. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("filters", filters);
        c.put("kernel_size", java.util.List.of(kernelSize));
        c.put("strides", java.util.List.of(strides));
        c.put("padding", padding.kerasName());
        c.put("dilation_rate", java.util.List.of(dilationRate));
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        return c;
    }

    /** {@code [batch, outSteps, filters]}, from the window arithmetic alone. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return ConvSupport.windowOutputShape(this, inputShape, 3, 1, kernelSize, 1, strides, 1, dilationRate, padding,
                filters);
    }

    /** Output channels. */
    public int filters() {
        return filters;
    }

    /** Window length in steps. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Step between windows. */
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

    /** Step between window taps. */
    public int dilationRate() {
        return dilationRate;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The kernel {@code [kernelSize, in, filters]}, or null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}, or null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }
}
