package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code TopKCategoricalAccuracy(k=5)}: how often the one-hot label's class ({@code argmax(y_true)}) is among
 * the {@code k} highest predictions (ties across the k-th place count as in, as TensorFlow's {@code in_top_k}).
 */
public class TopKCategoricalAccuracy extends WeightedMetric {
    private final int k;

    /** {@code k = 5}, Keras's default. */
    public TopKCategoricalAccuracy() {
        this(5);
    }

    /** Counts a hit when the label is among the {@code k} highest predictions. */
    public TopKCategoricalAccuracy(int k) {
        super("top_k_categorical_accuracy");
        this.k = TopK.checkK(k);
    }

    /** Adds one hit flag per sample; {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        int[] targets = yTrue.argMax(yTrue.rank() - 1).cast(dev.vectorgrad.DType.INT32).toIntArray();
        accumulate(TopK.inTopK(name(), targets, yPred, k), sampleWeight);
    }

    /** How many of the highest predictions count. */
    public int k() {
        return k;
    }
}
