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

    // ---- masks through nested models and into the loss and metrics ----

    /** A layer's output and the mask it carries (Keras's {@code _keras_mask} on the output), null for none. */
    record Masked(NDArray output, NDArray mask) {}

    /**
     * {@code layer.apply(x, training, mask)} and its output's mask: a model's is the mask its last layer produced
     * (so masks pass through a Sequential nested in a model), any other layer's is its {@link Layer#computeMask}.
     */
    static Masked apply(Layer layer, NDArray x, boolean training, NDArray mask) {
        if (layer instanceof Model m) {
            return m.applyMasked(x, training, mask);
        }
        NDArray out = layer.apply(x, training, mask);
        return new Masked(out, layer.computeMask(x, mask));
    }

    /**
     * An output mask as the loss's sample weights, Keras 3's {@code apply_mask} for {@code sum_over_batch_size}:
     * {@code mask · size / Σ mask} (0 everywhere when nothing is unmasked, Keras's {@code divide_no_nan}), so that
     * the loss's {@code Σ loss · w / size} is the mean over the unmasked entries. Null for no mask.
     */
    static NDArray lossWeights(NDArray mask, DType dtype) {
        if (mask == null) {
            return null;
        }
        NDArray m = mask.cast(dtype);
        double valid = m.cast(DType.FLOAT64).sum().item();
        // Keras divides in the loss's dtype: float32 total / float32 valid
        double scale = valid == 0 ? 0 : dtype == DType.FLOAT64 ? m.size() / valid : (float) m.size() / (float) valid;
        return m.mul(scale);
    }

    private Masks() {}
}
