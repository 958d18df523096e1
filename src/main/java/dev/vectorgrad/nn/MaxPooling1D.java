package dev.vectorgrad.nn;

/**
 * Keras's {@code MaxPooling1D}: the max of each window of {@code [batch, steps, channels]}, per channel (named {@code max_pooling1d}).
 * Configuration: poolSize, strides, padding.
 */
public class MaxPooling1D extends Pooling {

    /** Windows of {@code poolSize}, moved by {@code poolSize}, VALID (Keras's defaults). */
    public MaxPooling1D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    /** Every argument. */
    public MaxPooling1D(int poolSize, int strides, Padding padding) {
        super("MaxPooling1D", poolSize, strides, padding, false, true);
    }
}
