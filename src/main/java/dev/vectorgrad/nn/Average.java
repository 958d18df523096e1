package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import java.util.List;

/** Keras's {@code Average}: the elementwise mean of inputs of one shape (their sum divided by their count). */
public class Average extends Merge {

    /** The layer has no parameters. */
    public Average() {}

    @Override
    protected NDArray merge(List<NDArray> inputs) {
        NDArray out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = out.add(inputs.get(i));
        }
        return out.div(inputs.size());
    }

    @Override
    protected int[] outputShape(int[][] shapes) {
        return sameShape("Average", shapes);
    }
}
