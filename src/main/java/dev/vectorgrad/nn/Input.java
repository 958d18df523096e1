package dev.vectorgrad.nn;

import java.util.List;

/** Keras's {@code keras.Input}: the symbolic input of a functional model. */
public final class Input {

    /**
     * A symbolic input of per-sample shape {@code shape} (the batch axis is added in front): {@code Input.of(4)} is a
     * batch of 4-vectors, shape {@code (None, 4)}.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static KerasTensor of(int... shape) {
        dev.vectorgrad.ndarray.Args.nonNull(shape, "shape");
        int[] full = new int[shape.length + 1];
        full[0] = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException("Input.of: dimensions must be positive, got " + java.util.Arrays.toString(shape));
            }
            full[i + 1] = shape[i];
        }
        return new KerasTensor(full, null, List.of());
    }

    private Input() {}
}
