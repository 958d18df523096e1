package dev.vectorgrad.nn;

/** Keras's {@code GlobalMaxPooling2D}: the max over all positions, {@code [batch, h, w, channels] → [batch, channels]}. Configuration: keepDims. */
public class GlobalMaxPooling2D extends GlobalPooling {

    /** Pooled axes dropped (Keras's default). */
    public GlobalMaxPooling2D() {
        this(false);
    }

    /** With {@code keepDims}, the pooled axes stay as 1s. */
    public GlobalMaxPooling2D(boolean keepDims) {
        super(true, true, keepDims);
    }
}
