package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;

/**
 * Keras's {@code Reshape}: each sample reshaped to {@code targetShape} (one {@code -1} allowed, inferred),
 * the batch axis kept. Configuration: targetShape.
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    /** The per-sample shape. */
    public Reshape(int... targetShape) {
        dev.vectorgrad.ndarray.Args.nonNull(targetShape, "targetShape");
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d < 0) {
                throw new IllegalArgumentException("Reshape: dimensions must be >= 0 or -1, got " + Shapes.format(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: at most one -1 allowed, got " + Shapes.format(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = x.shape();
        if (s.length == 0) {
            throw new IllegalArgumentException("Reshape: input needs a batch axis, got shape ()");
        }
        long sample = 1;
        for (int i = 1; i < s.length; i++) {
            sample *= s[i];
        }
        long known = 1;
        int at = -1;
        int[] full = new int[targetShape.length + 1];
        full[0] = s[0];
        for (int i = 0; i < targetShape.length; i++) {
            full[i + 1] = targetShape[i];
            if (targetShape[i] == -1) {
                at = i + 1;
            } else {
                known *= targetShape[i];
            }
        }
        if (at >= 0 && known != 0 && sample % known == 0) {
            full[at] = (int) (sample / known);
        } else if (at >= 0 || known != sample) {
            throw new IllegalArgumentException("Reshape \"" + name() + "\": total size of the new array must be unchanged, "
                    + "input_shape = " + Shapes.format(java.util.Arrays.copyOfRange(s, 1, s.length))
                    + ", output_shape = " + Shapes.format(targetShape));
        }
        return x.reshape(full);
    }

    /** The per-sample target shape (a copy). */
    public int[] targetShape() {
        return targetShape.clone();
    }
}
