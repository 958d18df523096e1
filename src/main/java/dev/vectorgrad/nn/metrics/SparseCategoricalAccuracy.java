package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Keras's {@code SparseCategoricalAccuracy}: how often the integer label equals {@code argmax(y_pred, -1)}.
 * Labels may be {@code [batch]} or {@code [batch, 1]}; predictions may be probabilities or logits. Ties pick the
 * first index (NumPy's rule; TensorFlow does not promise one). Keras doc values: labels {@code [[2], [1]]} against
 * {@code [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]} give 0.5; with weights {@code [0.7, 0.3]} they give 0.3.
 */
public class SparseCategoricalAccuracy extends WeightedMetric {

    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    public void update(NDArray yTrue, NDArray yPred) {
        update(yTrue, yPred, null);
    }

    /** {@code sampleWeight} (may be null) has one weight per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException(name() + ": y_pred needs a class axis, got shape ()");
        }
        NDArray predicted = yPred.argMax(yPred.rank() - 1);
        NDArray labels = squeezeTrailingOne(yTrue, predicted.rank());
        // the same label checks as SparseCategoricalCrossentropy: one label per sample, not bool
        if (!java.util.Arrays.equals(labels.shape(), predicted.shape())) {
            throw new IllegalArgumentException(name() + ": labels of shape " + shape(yTrue.shape())
                    + " do not match predictions of shape " + shape(yPred.shape()) + "; expected "
                    + shape(predicted.shape()) + " or that shape with a trailing 1");
        }
        if (labels.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(name() + ": labels must be int32 or int64, got bool");
        }
        // Keras compares in the labels' dtype: a float label matches only a whole class id, NaN never
        accumulate(labels.eq(predicted.cast(labels.dtype())), sampleWeight);
    }
}
