package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code RootMeanSquaredError}: {@code sqrt} of the running mean of every element's squared error (the mean is
 * over elements, then the root, as Keras computes it).
 */
public class RootMeanSquaredError extends WeightedMetric {

    /** Named {@code root_mean_squared_error}, as Keras names it. */
    public RootMeanSquaredError() {
        super("root_mean_squared_error");
    }

    /** Adds every element's squared error; {@code sampleWeight} (may be null) broadcasts against them. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        accumulate(Errors.aligned(name(), yTrue, yPred).square(), sampleWeight);
    }

    /** The root of the mean squared error, 0 before any update. */
    @Override
    public double result() {
        return Math.sqrt(super.result());
    }
}
