package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;

/**
 * Keras's {@code Embedding}: integer ids {@code [...]} → rows of a trainable table, {@code [..., outputDim]}.
 *
 * <p>The table {@code embeddings [inputDim, outputDim]} (named {@code embedding/embeddings:0}) starts
 * uniform in {@code [-0.05, 0.05)}, Keras's {@code "uniform"} initialiser; it is built at construction, since
 * its shape does not depend on the input. The lookup is {@link NDArray#gather}, whose gradient is a segment
 * sum, so the table's gradient is dense (Keras's is an {@code IndexedSlices} with the same values).
 * Float ids are truncated to integers as Keras casts them; an id outside {@code [0, inputDim)} is an
 * IllegalArgumentException (TensorFlow raises on CPU too; negative ids are not counted from the end).
 *
 * <p>With {@code maskZero} id 0 is padding: {@link #computeMask} gives {@code ids != 0}, which {@link Sequential}
 * and functional models hand to the layers after it (the recurrent layers skip the padded steps,
 * {@link GlobalAveragePooling1D} leaves them out of its mean); as in Keras, {@code inputDim} must then
 * count the padding id. Configuration: inputDim, outputDim, maskZero.
 */
public class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private final boolean maskZero;
    private Variable embeddings;

    /** A table of {@code inputDim} ids, each an {@code outputDim} vector, without masking. */
    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, false);
    }

    /** A table whose id 0 is padding when {@code maskZero} (see {@link #computeMask}). */
    public Embedding(int inputDim, int outputDim, boolean maskZero) {
        ConvSupport.checkPositive("Embedding", "inputDim", inputDim);
        ConvSupport.checkPositive("Embedding", "outputDim", outputDim);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.maskZero = maskZero;
        maybeBuild(new int[] {-1});
    }

    @Override
    protected void build(int[] inputShape) {
        embeddings = addWeight("embeddings",
                weightRng("embeddings").uniform(DType.FLOAT32, -0.05, 0.05, inputDim, outputDim), true);
    }

    @Override
    public NDArray call(NDArray ids, boolean training) {
        dev.vectorgrad.ndarray.Args.nonNull(ids, "ids");
        NDArray idx = ids.dtype() == DType.INT32 || ids.dtype() == DType.INT64 ? ids : ids.cast(DType.INT64);
        if (!idx.dtype().isInteger()) {
            throw new IllegalArgumentException("Embedding \"" + name() + "\": ids must be numbers, got " + ids.dtype());
        }
        for (long id : idx.toLongArray()) {
            if (id < 0 || id >= inputDim) {
                throw new IllegalArgumentException("Embedding \"" + name() + "\": id " + id
                        + " is out of range [0, " + inputDim + ")");
            }
        }
        return embeddings.gather(idx, 0);
    }

    /** Keras's {@code compute_mask}: {@code ids != 0} (bool, the ids' shape) with maskZero, else null. */
    public NDArray computeMask(NDArray ids) {
        dev.vectorgrad.ndarray.Args.nonNull(ids, "ids");
        if (!maskZero) {
            return null;
        }
        return ids.ne(0.0);
    }

    /** Keras's {@code compute_mask(inputs, previous_mask)}: {@link #computeMask(NDArray)}; ids have no mask of their own. */
    @Override
    public NDArray computeMask(NDArray ids, NDArray previousMask) {
        return computeMask(ids);
    }

    /** True with maskZero: the layer then makes a mask for the layers after it (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return maskZero;
    }

    /** The number of ids, padding included. */
    public int inputDim() {
        return inputDim;
    }

    /** The length of each id's vector. */
    public int outputDim() {
        return outputDim;
    }

    /** Whether id 0 is padding. */
    public boolean maskZero() {
        return maskZero;
    }

    /** The table {@code [inputDim, outputDim]}. */
    public Variable embeddings() {
        return embeddings;
    }

    /** Keras's config: input_dim, output_dim, mask_zero. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("mask_zero", maskZero);
        return c;
    }

    /** The ids' shape with {@code outputDim} appended (the default probe would feed float zeros as ids). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        int[] out = java.util.Arrays.copyOf(inputShape, inputShape.length + 1);
        out[inputShape.length] = outputDim;
        return out;
    }
}
