package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/** Keras's {@code Flatten}: {@code [batch, d1, d2, ...] → [batch, d1·d2·...]} (a rank-1 input becomes {@code [batch, 1]}). */
public class Flatten extends Layer {

    /** The layer; it has no configuration. */
    public Flatten() {}

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        if (s.length == 0) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected min_ndim=1, found ndim=0. Full shape received: ()");
        }
        int rest = 1;
        for (int i = 1; i < s.length; i++) {
            rest *= s[i];
        }
        return x.reshape(s[0], rest);
    }

    /** Only the name: Flatten has no arguments (channels-last only). */
    @Override
    public java.util.Map<String, Object> getConfig() {
        return LayerRegistry.configOf(this);
    }

    /** {@code [batch, product of the other axes]}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected min_ndim=1, found ndim=0. Full shape received: ()");
        }
        int rest = 1;
        for (int i = 1; i < inputShape.length; i++) {
            rest *= inputShape[i];
        }
        return new int[] {inputShape[0], rest};
    }
}
