package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.Args;

/**
 * Keras's {@code Dense}: {@code activation(x @ kernel + bias)} over the last axis of {@code x}.
 *
 * <p>The kernel is {@code [in, units]} float32, Glorot-uniform from the layer's seeded generator (see
 * {@link Layer}); the bias is {@code [units]} zeros; they are named {@code dense/kernel:0} and
 * {@code dense/bias:0} ({@code dense_1/...} for the next one). Without an input size the weights are built on
 * the first call from the input's last axis. Inputs need rank 2 or more (a rank-3 input multiplies its last axis,
 * as Keras's {@code tensordot} does); non-float32 inputs are cast to float32 first, as Keras casts to the layer's
 * dtype. Shape errors use Keras's wording.
 */
public class Dense extends Layer {
    private final int units;
    private final Activation activation;
    private int inputSize = -1;
    private Variable kernel;
    private Variable bias;

    /** A linear layer of {@code units} outputs, built on its first call. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /** A layer built at once for inputs whose last axis is {@code inputSize} (Keras's {@code input_shape=(n,)}). */
    public Dense(int units, Activation activation, int inputSize) {
        this(units, activation);
        if (inputSize <= 0) {
            throw new IllegalArgumentException("Dense: input size must be positive, got " + inputSize);
        }
        maybeBuild(new int[] {-1, inputSize});
    }

    @Override
    protected void build(int[] inputShape) {
        checkRank(inputShape);
        inputSize = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", Initializers.glorotUniform(weightRng("kernel"), DType.FLOAT32, inputSize, units), true);
        bias = addWeight("bias", NDArray.zeros(DType.FLOAT32, units), true);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] shape = Args.nonNull(x, "x").shape();
        checkRank(shape);
        maybeBuild(shape);
        if (shape[shape.length - 1] != inputSize) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected axis -1 of input shape to have value " + inputSize + ", but received input with shape "
                    + dev.vectorgrad.ndarray.Shapes.format(shape));
        }
        NDArray in = x.dtype() == DType.FLOAT32 ? x : x.cast(DType.FLOAT32);
        return activation.apply(in.matmul(kernel).add(bias));
    }

    /** {@code units} and {@code activation}, as Keras's {@code get_config} names them. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name());
        c.put("units", units);
        c.put("activation", activation.name().toLowerCase(java.util.Locale.ROOT));
        return c;
    }

    /** The input shape with its last axis replaced by {@code units}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        checkRank(inputShape);
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    private void checkRank(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected min_ndim=2, found ndim=" + shape.length + ". Full shape received: "
                    + dev.vectorgrad.ndarray.Shapes.format(shape));
        }
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    /** The kernel {@code [in, units]}, or null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias {@code [units]}, or null before the layer is built. */
    public Variable bias() {
        return bias;
    }

    /** True: the output has the input's positions, so a mask goes on unchanged (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
