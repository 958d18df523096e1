package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;

/**
 * Keras's {@code DepthwiseConv2D}: every input channel convolved with its own {@code depthMultiplier}
 * filters, channels never mixed; output {@code [batch, outH, outW, in·depthMultiplier]}, channel
 * {@code c·depthMultiplier + m} from input channel c. The kernel is {@code [k, k, in, depthMultiplier]}
 * named {@code depthwise_conv2d/kernel:0} (Keras 3's name), the bias {@code [in·depthMultiplier]}.
 *
 * <p>Configuration: kernelSize, strides, padding, depthMultiplier, activation, useBias.
 */
public class DepthwiseConv2D extends Layer {
    private final int kernelSize;
    private final int strides;
    private final Padding padding;
    private final int depthMultiplier;
    private final Activation activation;
    private final boolean useBias;
    private int channels = -1;
    private Variable kernel;
    private Variable bias;

    /** A {@code kernelSize} square window, stride 1, VALID, multiplier 1, linear, with bias. */
    public DepthwiseConv2D(int kernelSize) {
        this(kernelSize, 1, Padding.VALID, 1, Activation.LINEAR, true);
    }

    /** Every argument. */
    public DepthwiseConv2D(int kernelSize, int strides, Padding padding, int depthMultiplier, Activation activation,
                           boolean useBias) {
        ConvSupport.checkPositive("DepthwiseConv2D", "kernel size", kernelSize);
        ConvSupport.checkPositive("DepthwiseConv2D", "strides", strides);
        ConvSupport.checkPositive("DepthwiseConv2D", "depth multiplier", depthMultiplier);
        this.kernelSize = kernelSize;
        this.strides = strides;
        this.padding = padding == null ? Padding.VALID : padding;
        this.depthMultiplier = depthMultiplier;
        this.activation = activation == null ? Activation.LINEAR : activation;
        this.useBias = useBias;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 4);
        channels = inputShape[3];
        kernel = addWeight("kernel",
                ConvSupport.glorotUniform(weightRng("kernel"), kernelSize, kernelSize, channels, depthMultiplier), true);
        bias = useBias ? addWeight("bias", NDArray.zeros(DType.FLOAT32, channels * depthMultiplier), true) : null;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, 4);
        maybeBuild(s);
        ConvSupport.checkChannels(this, s, channels);
        ConvGeometry g = ConvSupport.geometry(this, s, kernelSize, kernelSize, strides, strides, 1, 1, padding);
        NDArray y = ConvOps.depthwiseConv2d(ConvSupport.float32(x), kernel, g);
        return activation.apply(useBias ? y.add(bias) : y);
    }

    /** Square window size. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Step between windows on both axes. */
    public int strides() {
        return strides;
    }

    /** VALID or SAME. */
    public Padding padding() {
        return padding;
    }

    /** Filters per input channel. */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** The activation after the bias. */
    public Activation activation() {
        return activation;
    }

    /** Whether the layer adds a bias. */
    public boolean useBias() {
        return useBias;
    }

    /** The kernel {@code [k, k, in, depthMultiplier]}, or null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [in·depthMultiplier]}, or null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    /** Keras's {@code DepthwiseConv2D} config (square windows, equal strides), with (h, w) pairs as lists. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("kernel_size", java.util.List.of(kernelSize, kernelSize));
        c.put("strides", java.util.List.of(strides, strides));
        c.put("padding", padding.kerasName());
        c.put("depth_multiplier", depthMultiplier);
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        return c;
    }

    /** {@code [batch, outH, outW, channels·depthMultiplier]}, from the window arithmetic alone. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        ConvSupport.checkRank(this, inputShape, 4);
        return ConvSupport.windowOutputShape(this, inputShape, 4, kernelSize, kernelSize, strides, strides, 1, 1, padding,
                inputShape[3] * depthMultiplier);
    }
}
