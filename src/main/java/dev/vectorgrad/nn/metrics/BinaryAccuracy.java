package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code BinaryAccuracy(threshold=0.5)}: how often {@code (y_pred > threshold)} equals the 0/1 label, element
 * by element. This is what {@code "accuracy"} means for a model compiled with a binary cross-entropy.
 */
public class BinaryAccuracy extends WeightedMetric {
    private final double threshold;

    /** Threshold 0.5, Keras's default. */
    public BinaryAccuracy() {
        this(0.5);
    }

    /** Predictions above {@code threshold} count as 1. */
    public BinaryAccuracy(double threshold) {
        this("binary_accuracy", threshold);
    }

    /** A named metric (compile logs {@code "accuracy"} under that name). */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
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
        NDArray predicted = p.gt(threshold).cast(p.dtype().isFloating() ? p.dtype() : dev.vectorgrad.DType.FLOAT32);
        accumulate(t.cast(predicted.dtype()).eq(predicted), sampleWeight);
    }
}
