package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code MeanAbsoluteError}: {@code mean(|y_true - y_pred|, axis=-1)}, then the mean over the batch.
 * Keras doc value: {@code [[0, 1], [0, 0]]} against {@code [[1, 1], [1, 0]]} gives 0.5.
 * The gradient at {@code y_pred == y_true} is 0 (TensorFlow's {@code abs'(0) = 0}).
 */
public final class MeanAbsoluteError extends ElementwiseLoss {

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        return yPred.sub(LossShapes.alignLabels("MeanAbsoluteError", yTrue, yPred)).abs();
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }
}
