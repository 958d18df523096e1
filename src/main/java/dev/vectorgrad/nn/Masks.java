package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;

/**
 * Checks and converts the masks layers pass each other (Keras's {@code _keras_mask}): a mask is bool, true
 * where a position holds data; numbers are accepted as Keras casts them (non-zero = true).
 */
final class Masks {

    /** {@code mask} as bool, or null for none; any other dtype is the user's mistake. */
    static NDArray bool(Layer layer, NDArray mask) {
        if (mask == null || mask.dtype() == DType.BOOL) {
            return mask;
        }
        if (!mask.dtype().isFloating() && !mask.dtype().isInteger()) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\": a mask must be bool or numbers, got "
                    + mask.dtype());
        }
        return mask.ne(0.0);
    }

    /**
     * A sequence mask {@code [batch, time]} for an input of {@code inputShape} ({@code [batch, time, ...]}), as
     * bool, or null for none.
     */
    static NDArray sequence(Layer layer, NDArray mask, int[] inputShape) {
        if (mask == null) {
            return null;
        }
        int[] s = mask.shape();
        if (s.length != 2 || inputShape.length < 2 || s[0] != inputShape[0] || s[1] != inputShape[1]) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\": mask of shape " + Shapes.format(s)
                    + " does not fit an input of shape " + Shapes.format(inputShape) + "; expected (batch, time)");
        }
        return bool(layer, mask);
    }

    private Masks() {}
}
