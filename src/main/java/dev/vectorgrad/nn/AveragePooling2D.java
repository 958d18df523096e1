package dev.vectorgrad.nn;

/**
 * Keras's {@code AveragePooling2D}: the mean of each window of {@code [batch, h, w, channels]}, per channel (named {@code average_pooling2d}).
 * Configuration: poolSize, strides, padding.
 */
public class AveragePooling2D extends Pooling {

    /** Windows of {@code poolSize}, moved by {@code poolSize}, VALID (Keras's defaults). */
    public AveragePooling2D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    /** Every argument. */
    public AveragePooling2D(int poolSize, int strides, Padding padding) {
        super("AveragePooling2D", poolSize, strides, padding, true, false);
    }
}
