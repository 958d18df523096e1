package dev.vectorgrad.nn;

import dev.vectorgrad.ndarray.Shapes;
import java.util.List;

/**
 * A symbolic tensor of a functional model (Keras's {@code KerasTensor}): a shape ({@code -1} for the batch axis) and
 * how it is computed, either an {@link Input} or a layer applied to other symbolic tensors. It holds no values;
 * {@link Model#of} turns a graph of them into a model.
 */
public final class KerasTensor {
    private final int[] shape;
    private final Layer layer;
    private final List<KerasTensor> inputs;

    KerasTensor(int[] shape, Layer layer, List<KerasTensor> inputs) {
        this.shape = shape.clone();
        this.layer = layer;
        this.inputs = List.copyOf(inputs);
    }

    /** The shape, {@code -1} standing for the batch size (Keras's {@code None}). */
    public int[] shape() {
        return shape.clone();
    }

    /** The layer that computes this tensor, or null for an {@link Input}. */
    public Layer layer() {
        return layer;
    }

    /** The symbolic tensors the layer was applied to (empty for an input). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** Applies {@code layer} symbolically: builds it from the inputs' shapes and gives its output's shape. */
    static KerasTensor apply(Layer layer, KerasTensor... inputs) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\": apply needs at least one KerasTensor");
        }
        for (KerasTensor t : inputs) {
            if (t == null) {
                throw new IllegalArgumentException("Layer \"" + layer.name() + "\": an input KerasTensor is null");
            }
        }
        int[] out;
        if (layer instanceof Merge merge) {
            out = merge.outputShape(List.of(inputs));
            merge.maybeBuild(inputs[0].shape);
        } else {
            if (inputs.length != 1) {
                throw new IllegalArgumentException("Layer \"" + layer.name() + "\" takes one input, got " + inputs.length
                        + "; merge several with Concatenate, Add, Multiply or Average");
            }
            layer.maybeBuild(inputs[0].shape);
            out = layer.computeOutputShape(inputs[0].shape);
        }
        return new KerasTensor(out, layer, List.of(inputs));
    }

    @Override
    public String toString() {
        return "KerasTensor(shape=" + Shapes.format(shape).replace("-1", "None") + (layer == null ? ", input" : ", layer=" + layer.name())
                + ")";
    }
}
