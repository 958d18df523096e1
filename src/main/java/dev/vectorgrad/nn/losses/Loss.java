package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * A loss: a differentiable function of labels and predictions that returns a scalar.
 *
 * <p>Every built-in loss reduces as Keras's default {@code SUM_OVER_BATCH_SIZE} does: the per-sample
 * losses are averaged over the batch (and over any further leading axes), so the result is a rank-0 array
 * of the predictions' float dtype. Losses are built from NDArray ops, so an open tape records them.
 */
public interface Loss {

    /**
     * The mean loss over the batch.
     *
     * @param yTrue the labels (cast to the predictions' dtype where the loss needs floats)
     * @param yPred the model's output
     */
    NDArray call(NDArray yTrue, NDArray yPred);

    // ---- sample weights and masks (Keras's Loss.__call__ with sample_weight) ----

    /**
     * The losses before the batch reduction, Keras's {@code Loss.call}: one per sample and per further leading axis,
     * so predictions {@code [batch, time, classes]} give {@code [batch, time]}. Weights and masks weight these.
     * Every built-in loss gives them; a custom loss that does not override this cannot be weighted.
     *
     * @throws UnsupportedOperationException for a custom loss that gives only its reduced value
     */
    default NDArray perSample(NDArray yTrue, NDArray yPred) {
        throw new UnsupportedOperationException("loss \"" + name() + "\" gives only its batch mean: override "
                + "perSample(yTrue, yPred) so that sample weights or an output mask can weight its per-sample losses");
    }

    /**
     * The weighted loss, as Keras's {@code loss(y_true, y_pred, sample_weight)} with the default
     * {@code sum_over_batch_size} reduction: {@code Σ perSample · w / n}, where {@code n} counts the weighted
     * losses (zero-weight ones included, as Keras divides by the batch size, not by {@code Σ w}). The weights line
     * up with the per-sample losses' leading axes and broadcast over the rest, as Keras's
     * {@code squeeze_or_expand_to_same_rank} does. {@code Model.fit} passes an output mask here as weights
     * {@code mask · size / Σ mask}, which turns the division into one by the unmasked count, as Keras 3 does.
     *
     * @param sampleWeight weights, or null for {@link #call(NDArray, NDArray)}
     */
    default NDArray call(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        if (sampleWeight == null) {
            return call(yTrue, yPred);
        }
        return LossShapes.weightedMean(name(), perSample(yTrue, yPred), sampleWeight);
    }

    /** The Keras name, used as the key in training logs (Keras itself logs every loss as {@code "loss"}). */
    String name();
}
