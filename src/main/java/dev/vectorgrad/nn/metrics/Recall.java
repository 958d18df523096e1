package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Recall()}: {@code tp / (tp + fn)} over every update, a prediction counting as positive when above the
 * threshold (0.5) and a label when non-zero; 0 when there were no positive labels.
 */
public class Recall extends WeightedMetric {
    private final double threshold;
    private final Confusion counts = new Confusion();

    /** Threshold 0.5, Keras's default. */
    public Recall() {
        this(0.5);
    }

    /** Predictions above {@code threshold} count as positive. */
    public Recall(double threshold) {
        super("recall");
        this.threshold = threshold;
    }

    /** Adds every element; {@code sampleWeight} (may be null) has one weight per element or per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        counts.update(name(), yTrue, yPred, sampleWeight, threshold);
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    /** {@code tp / (tp + fn)}, 0 when the denominator is 0. */
    @Override
    public double result() {
        return Confusion.divideNoNan(counts.truePositives, counts.truePositives + counts.falseNegatives);
    }

    @Override
    public void reset() {
        super.reset();
        counts.reset();
    }
}
