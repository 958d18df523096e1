package dev.vectorgrad.nn;

/** How a convolution or pooling window treats the image border, as Keras's {@code padding=} argument. */
public enum Padding {
    /** No padding: only windows wholly inside the input; {@code floor((in - window) / stride) + 1} outputs. */
    VALID,
    /** Zero padding (ignored by pooling) so that there are {@code ceil(in / stride)} outputs; the odd pad goes last. */
    SAME;

    /** The Keras spelling: {@code "valid"} or {@code "same"}. */
    public String kerasName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
