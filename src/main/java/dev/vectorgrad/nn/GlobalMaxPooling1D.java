package dev.vectorgrad.nn;

/** Keras's {@code GlobalMaxPooling1D}: the max over all positions, {@code [batch, steps, channels] → [batch, channels]}. Configuration: keepDims. */
public class GlobalMaxPooling1D extends GlobalPooling {

    /** Pooled axes dropped (Keras's default). */
    public GlobalMaxPooling1D() {
        this(false);
    }

    /** With {@code keepDims}, the pooled axes stay as 1s. */
    public GlobalMaxPooling1D(boolean keepDims) {
        super(false, true, keepDims);
    }
}
