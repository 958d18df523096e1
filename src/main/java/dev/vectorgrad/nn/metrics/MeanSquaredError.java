package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/** Keras's {@code MeanSquaredError} metric: the running mean of {@code mean((y_true − y_pred)², axis=-1)} per sample. */
public class MeanSquaredError extends WeightedMetric {

    /** Named {@code mean_squared_error}, as Keras names it. */
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    /** Logged under {@code name} (compile's {@code "mse"} logs as written). */
    public MeanSquaredError(String name) {
        super(name);
    }

    /** Adds each sample's squared error; {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        accumulate(Errors.aligned(name(), yTrue, yPred).square().mean(false, -1), sampleWeight);
    }
}
