package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Keras's {@code SparseTopKCategoricalAccuracy(k=5)}: how often the integer label (shape {@code [batch]} or
 * {@code [batch, 1]}) is among the {@code k} highest predictions (ties across the k-th place count as in, as
 * TensorFlow's {@code in_top_k}).
 */
public class SparseTopKCategoricalAccuracy extends WeightedMetric {
    private final int k;

    /** {@code k = 5}, Keras's default. */
    public SparseTopKCategoricalAccuracy() {
        this(5);
    }

    /** Counts a hit when the label is among the {@code k} highest predictions. */
    public SparseTopKCategoricalAccuracy(int k) {
        super("sparse_top_k_categorical_accuracy");
        this.k = TopK.checkK(k);
    }

    /** Adds one hit flag per sample; {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        NDArray labels = squeezeTrailingOne(yTrue, 1);
        accumulate(TopK.inTopK(name(), labels.cast(DType.INT32).toIntArray(), yPred, k), sampleWeight);
    }

    /** How many of the highest predictions count. */
    public int k() {
        return k;
    }
}
