package dev.vectorgrad.autodiff;

import java.util.Locale;

/** What {@link GradientTape#gradient} returns for a source with no recorded path to the target (TensorFlow's enum). */
public enum UnconnectedGradients {
    /** {@code null}, TensorFlow's default ({@code None}). */
    NONE,
    /** Zeros of the source's shape and dtype. */
    ZERO;

    /**
     * TensorFlow's spelling: {@code "none"} or {@code "zero"}, in any case.
     *
     * @throws IllegalArgumentException with TensorFlow's text for any other value
     */
    public static UnconnectedGradients parse(String value) {
        if (value != null) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> {
                    return NONE;
                }
                case "zero" -> {
                    return ZERO;
                }
                default -> { }
            }
        }
        throw new IllegalArgumentException("Unknown value for unconnected_gradients: '" + value + "'");
    }
}
