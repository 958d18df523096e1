package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * A metric whose update takes labels, predictions and optional weights, so that the unweighted and the weighted
 * {@code updateState} (the mask of a model's output arrives as weights) are one method in each metric.
 */
abstract class WeightedMetric extends Metric {

    WeightedMetric(String name) {
        super(name);
    }

    /**
     * Adds one batch; {@code sampleWeight} (may be null) has one weight per sample or per entry of the leading axes.
     */
    public abstract void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight);

    /** {@link #update} without weights. */
    @Override
    public void updateState(NDArray yTrue, NDArray yPred) {
        update(yTrue, yPred, null);
    }

    /** {@link #update} with the weights (or the output mask) given. */
    @Override
    public void updateState(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        update(yTrue, yPred, sampleWeight);
    }
}
