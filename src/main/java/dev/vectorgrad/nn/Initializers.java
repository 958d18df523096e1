package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;

/** Keras's weight initialisers, drawing from a given {@link Rng} so that they are reproducible. */
public final class Initializers {

    /**
     * Keras's {@code glorot_uniform} for a kernel {@code [fanIn, fanOut]}: {@code U[-limit, limit)} with
     * {@code limit = sqrt(6 / (fanIn + fanOut))}, so the variance is {@code 2 / (fanIn + fanOut)}.
     */
    public static NDArray glorotUniform(Rng rng, DType dtype, int fanIn, int fanOut) {
        if (rng == null || dtype == null) {
            throw new IllegalArgumentException("glorotUniform: " + (rng == null ? "rng" : "dtype") + " is null");
        }
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("glorotUniform: fans must be positive, got " + fanIn + " and " + fanOut);
        }
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return rng.uniform(dtype, -limit, limit, fanIn, fanOut);
    }

    private Initializers() {}
}
