package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Mean}: the running (weighted) mean of every value it is given.
 * Keras doc values: {@code [1, 3, 5, 7]} gives 4.0; with weights {@code [1, 1, 0, 0]} it gives 2.0.
 */
public class Mean extends Metric {

    public Mean() {
        this("mean");
    }

    public Mean(String name) {
        super(name);
    }

    /** Adds every element of {@code values}. */
    public void update(NDArray values) {
        accumulate(values, null);
    }

    /** Adds every element of {@code values} with the matching weight ({@code sampleWeight} broadcasts). */
    public void update(NDArray values, NDArray sampleWeight) {
        accumulate(values, sampleWeight);
    }

    /**
     * Tracks the mean of the predictions; the labels are ignored. (Keras has no meaning for a bare {@code Mean} in
     * {@code compile}; this is the natural one.)
     */
    @Override
    public void updateState(NDArray yTrue, NDArray yPred) {
        update(yPred);
    }

    /** The predictions weighted by {@code sampleWeight} (the output mask, in {@code Model.fit}); labels ignored. */
    @Override
    public void updateState(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        update(yPred, sampleWeight);
    }
}
