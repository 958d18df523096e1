package dev.vectorgrad.nn;

/**
 * Keras's {@code MaxPooling2D}: the max of each window of {@code [batch, h, w, channels]}, per channel (named {@code max_pooling2d}).
 * Configuration: poolSize, strides, padding.
 */
public class MaxPooling2D extends Pooling {

    /** Windows of {@code poolSize}, moved by {@code poolSize}, VALID (Keras's defaults). */
    public MaxPooling2D(int poolSize) {
        this(poolSize, poolSize, Padding.VALID);
    }

    /** Every argument. */
    public MaxPooling2D(int poolSize, int strides, Padding padding) {
        super("MaxPooling2D", poolSize, strides, padding, true, true);
    }
}
