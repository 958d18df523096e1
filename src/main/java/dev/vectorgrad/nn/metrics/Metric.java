package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * A stateful metric, as in Keras: updates accumulate, {@link #result()} reads the value, {@link #reset()} clears.
 *
 * <p>Every built-in metric is a weighted mean: it keeps {@code total = Σ w·x} and {@code count = Σ w} in double
 * precision, and {@code result()} is {@code total / count}, or 0 when {@code count} is 0 (Keras's
 * {@code divide_no_nan}, so a metric with no updates reports 0). Metrics are not recorded by a tape.
 * Not thread-safe: one metric belongs to one training loop.
 */
public abstract class Metric {
    private final String name;
    private double total;
    private double count;

    protected Metric(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Metric: name must not be empty");
        }
        this.name = name;
    }

    /** The key under which {@code Model.fit} and {@code evaluate} report this metric, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    /**
     * What {@code Model.fit} and {@code evaluate} call for each batch: labels and predictions, in Keras's
     * {@code update_state(y_true, y_pred)} order.
     */
    public abstract void updateState(NDArray yTrue, NDArray yPred);

    /**
     * {@link #updateState(NDArray, NDArray)} with weights, Keras's {@code update_state(y_true, y_pred,
     * sample_weight)}: {@code Model.fit} and {@code evaluate} pass the mask of a masked model's output here, so
     * that masked time steps count for nothing (as Keras 3's mean metrics do). Every built-in metric takes them; a
     * custom metric that does not override this refuses weights rather than silently count padding.
     *
     * @param sampleWeight weights (one per sample, or per entry of the leading axes); null for none
     * @throws IllegalArgumentException for weights given to a metric that does not override this
     */
    public void updateState(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        if (sampleWeight != null) {
            throw new IllegalArgumentException("metric \"" + name + "\" takes no sample weights or output mask: "
                    + "override updateState(yTrue, yPred, sampleWeight)");
        }
        updateState(yTrue, yPred);
    }

    /** {@code total / count}, or 0 before any update. */
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    /** Forgets every update (Keras's {@code reset_state}). */
    public void reset() {
        total = 0;
        count = 0;
    }

    /** Adds {@code Σ w·values} and {@code Σ w} (w = 1 when {@code sampleWeight} is null), broadcasting the weights. */
    protected final void accumulate(NDArray values, NDArray sampleWeight) {
        if (values == null) {
            throw new IllegalArgumentException(name + ": values is null");
        }
        NDArray v = values.cast(DType.FLOAT64);
        if (sampleWeight == null) {
            total += v.sum().item();
            count += v.size();
            return;
        }
        NDArray w = sampleWeight.cast(DType.FLOAT64);
        // Keras lines the weights up with the values' leading axes: [batch] weights for [batch, 1] values
        while (w.rank() < v.rank()) {
            w = w.expandDims(w.rank());
        }
        try {
            w = w.broadcastTo(v.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": sample weights of shape " + shape(sampleWeight.shape())
                    + " do not match values of shape " + shape(values.shape()), e);
        }
        total += v.mul(w).sum().item();
        count += w.sum().item();
    }

    /** Fails with the metric's name and the argument when a label or prediction is null. */
    static void requireNonNull(String metric, NDArray yTrue, NDArray yPred) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(metric + ".update: " + (yTrue == null ? "yTrue" : "yPred") + " is null");
        }
    }

    static String shape(int[] s) {
        if (s.length == 1) {
            return "(" + s[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.append(')').toString();
    }

    /**
     * Labels of shape {@code [batch, 1]} against predictions of shape {@code [batch]}, or the other way round,
     * lined up by dropping the trailing 1, as Keras's {@code squeeze_or_expand_dimensions} does.
     */
    static NDArray squeezeTrailingOne(NDArray labels, int targetRank) {
        if (labels.rank() == targetRank + 1 && labels.shape()[labels.rank() - 1] == 1) {
            return labels.squeeze(labels.rank() - 1);
        }
        return labels;
    }

    @Override
    public String toString() {
        return name + ": " + result();
    }
}
