package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import java.util.List;

/** Keras's {@code Add}: the elementwise sum of inputs of one shape. */
public class Add extends Merge {

    /** The layer has no parameters. */
    public Add() {}

    @Override
    protected NDArray merge(List<NDArray> inputs) {
        NDArray out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = out.add(inputs.get(i));
        }
        return out;
    }

    @Override
    protected int[] outputShape(int[][] shapes) {
        return sameShape("Add", shapes);
    }
}
