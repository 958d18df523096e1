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

    /** The Keras name, used as the key in training logs (Keras itself logs every loss as {@code "loss"}). */
    String name();
}
