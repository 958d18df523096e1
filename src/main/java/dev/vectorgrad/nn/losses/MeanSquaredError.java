package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code MeanSquaredError}: {@code mean((y_true - y_pred)², axis=-1)}, then the mean over the batch.
 * Keras doc value: {@code [[0, 1], [0, 0]]} against {@code [[1, 1], [1, 0]]} gives 0.5.
 */
public final class MeanSquaredError extends ElementwiseLoss {

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        return yPred.sub(LossShapes.alignLabels("MeanSquaredError", yTrue, yPred)).square();
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }
}
