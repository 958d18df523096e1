package dev.vectorgrad.nn;

/**
 * Keras's {@code AveragePooling1D}: the mean of each window of {@code [batch, steps, channels]}, per channel (named {@code average_pooling1d}).
 * Configuration: poolSize, strides, padding.
 */
public class AveragePooling1D extends Pooling {

    /** Windows of {@code poolSize}, moved by {@code poolSize}, VALID (Keras's defaults). */
    public AveragePooling1D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    /** Every argument. */
    public AveragePooling1D(int poolSize, int strides, Padding padding) {
        super("AveragePooling1D", poolSize, strides, padding, false, false);
    }
}
