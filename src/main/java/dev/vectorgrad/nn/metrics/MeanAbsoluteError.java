package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/** Keras's {@code MeanAbsoluteError} metric: the running mean of {@code mean(|y_true − y_pred|, axis=-1)} per sample. */
public class MeanAbsoluteError extends WeightedMetric {

    /** Named {@code mean_absolute_error}, as Keras names it. */
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    /** Logged under {@code name} (compile's {@code "mae"} logs as written). */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    /** Adds each sample's absolute error; {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        accumulate(Errors.aligned(name(), yTrue, yPred).abs().mean(false, -1), sampleWeight);
    }
}
