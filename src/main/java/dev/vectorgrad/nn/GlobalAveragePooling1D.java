package dev.vectorgrad.nn;

/** Keras's {@code GlobalAveragePooling1D}: the mean over all positions, {@code [batch, steps, channels] → [batch, channels]}. Configuration: keepDims. */
public class GlobalAveragePooling1D extends GlobalPooling {

    /** Pooled axes dropped (Keras's default). */
    public GlobalAveragePooling1D() {
        this(false);
    }

    /** With {@code keepDims}, the pooled axes stay as 1s. */
    public GlobalAveragePooling1D(boolean keepDims) {
        super(false, false, keepDims);
    }
}
