package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import java.util.List;

/** Keras's {@code Multiply}: the elementwise product of inputs of one shape. */
public class Multiply extends Merge {

    /** The layer has no parameters. */
    public Multiply() {}

    @Override
    protected NDArray merge(List<NDArray> inputs) {
        NDArray out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = out.mul(inputs.get(i));
        }
        return out;
    }

    @Override
    protected int[] outputShape(int[][] shapes) {
        return sameShape("Multiply", shapes);
    }
}
