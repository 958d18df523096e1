package dev.vectorgrad.nn;

/** Keras's {@code GlobalAveragePooling2D}: the mean over all positions, {@code [batch, h, w, channels] → [batch, channels]}. Configuration: keepDims. */
public class GlobalAveragePooling2D extends GlobalPooling {

    /** Pooled axes dropped (Keras's default). */
    public GlobalAveragePooling2D() {
        this(false);
    }

    /** With {@code keepDims}, the pooled axes stay as 1s. */
    public GlobalAveragePooling2D(boolean keepDims) {
        super(true, false, keepDims);
    }
}
