package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Accuracy}: how often {@code y_pred} equals {@code y_true}, element by element.
 * Keras doc values: {@code [[1], [2], [3], [4]]} against {@code [[0], [2], [3], [4]]} gives 0.75; with weights
 * {@code [1, 1, 0, 0]} it gives 0.5.
 */
public class Accuracy extends WeightedMetric {

    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name);
    }

    /** Adds one match flag per element. */
    public void update(NDArray yTrue, NDArray yPred) {
        update(yTrue, yPred, null);
    }

    /** Adds one weighted match flag per element; {@code sampleWeight} may be null. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        NDArray t = squeezeTrailingOne(yTrue, yPred.rank());
        NDArray p = squeezeTrailingOne(yPred, t.rank());
        accumulate(t.eq(p), sampleWeight);
    }
}
