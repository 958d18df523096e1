package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code CategoricalAccuracy}: how often {@code argmax(y_true, -1)} equals {@code argmax(y_pred, -1)},
 * for one-hot labels. Ties pick the first index. Keras doc values: {@code [[0, 0, 1], [0, 1, 0]]} against
 * {@code [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]} gives 0.5; with weights {@code [0.7, 0.3]} it gives 0.3.
 */
public class CategoricalAccuracy extends WeightedMetric {

    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    public CategoricalAccuracy(String name) {
        super(name);
    }

    public void update(NDArray yTrue, NDArray yPred) {
        update(yTrue, yPred, null);
    }

    /** {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        if (yPred.rank() < 1 || yTrue.rank() < 1) {
            throw new IllegalArgumentException(name() + ": y_true and y_pred need a class axis, got shapes "
                    + shape(yTrue.shape()) + " and " + shape(yPred.shape()));
        }
        accumulate(yTrue.argMax(yTrue.rank() - 1).eq(yPred.argMax(yPred.rank() - 1)), sampleWeight);
    }
}
