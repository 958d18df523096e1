package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * A loss defined element by element, as most of Keras's are ({@code mean(f(y_true, y_pred), axis=-1)}): each one
 * says only its per-element formula, and the batch mean and the per-sample losses that weights and masks weight
 * are taken from it here, in one way for all.
 */
abstract class ElementwiseLoss implements Loss {

    /** The loss of each element, labels already checked against the predictions. */
    abstract NDArray perElement(NDArray yTrue, NDArray yPred);

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        return LossShapes.meanOverLastAxisThenBatch(perElement(yTrue, yPred));
    }

    /** Keras's per-sample losses ({@link Loss#perSample}): the mean over the last axis. */
    @Override
    public NDArray perSample(NDArray yTrue, NDArray yPred) {
        return LossShapes.meanOverLastAxis(perElement(yTrue, yPred));
    }
}
