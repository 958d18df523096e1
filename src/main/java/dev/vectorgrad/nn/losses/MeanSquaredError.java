package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code MeanSquaredError}: {@code mean((y_true - y_pred)², axis=-1)}, then the mean over the batch.
 * Keras doc value: {@code [[0, 1], [0, 0]]} against {@code [[1, 1], [1, 0]]} gives 0.5.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("MeanSquaredError", yTrue, yPred);
        return LossShapes.meanOverLastAxisThenBatch(yPred.sub(t).square());
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }
}
