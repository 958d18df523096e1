package dev.vectorgrad.nn.losses;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Arrays;

/** Shape and dtype alignment shared by the losses, as Keras's {@code squeeze_or_expand_dimensions} does it. */
final class LossShapes {

    /** Keras's {@code epsilon()}: predictions that are probabilities are clipped to {@code [EPSILON, 1 - EPSILON]}. */
    static final double EPSILON = 1e-7;

    /**
     * {@code yTrue} in {@code yPred}'s float dtype, with a trailing axis of 1 added or removed so that labels of
     * shape {@code [batch]} meet predictions of shape {@code [batch, 1]} elementwise instead of broadcasting to
     * {@code [batch, batch]}; then the two shapes must match.
     */
    static NDArray alignLabels(String loss, NDArray yTrue, NDArray yPred) {
        requireNonNull(loss, yTrue, yPred);
        requireFloat(loss, yPred);
        NDArray t = yTrue.cast(yPred.dtype());
        int[] ts = t.shape();
        int[] ps = yPred.shape();
        if (ts.length == ps.length + 1 && ts[ts.length - 1] == 1) {
            t = t.squeeze(ts.length - 1);
        } else if (ps.length == ts.length + 1 && ps[ps.length - 1] == 1) {
            t = t.expandDims(ts.length);
        }
        if (!Arrays.equals(t.shape(), ps)) {
            throw new IllegalArgumentException(loss + ": y_true and y_pred have incompatible shapes "
                    + shape(yTrue.shape()) + " and " + shape(ps));
        }
        return t;
    }

    /** A null label or prediction is the caller's mistake: say which, before anything dereferences it. */
    static void requireNonNull(String loss, NDArray yTrue, NDArray yPred) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(loss + ".call: " + (yTrue == null ? "yTrue" : "yPred") + " is null");
        }
    }

    static void requireFloat(String loss, NDArray yPred) {
        if (!yPred.dtype().isFloating()) {
            throw new IllegalArgumentException(loss + ": y_pred must be float32 or float64, got " + yPred.dtype());
        }
    }

    /** Probabilities clipped to {@code [EPSILON, 1 - EPSILON]}; the gradient is 0 where a value was clipped. */
    static NDArray clipProbabilities(NDArray p) {
        return p.maximum(EPSILON).minimum(1 - EPSILON);
    }

    /** Row-wise mean of {@code perElement} over the last axis, then the mean over everything left: Keras's reduction. */
    static NDArray meanOverLastAxisThenBatch(NDArray perElement) {
        // mean over -1 then over the rest equals the mean of all elements when every row has the same length,
        // and one reduction costs half as much as two
        return perElement.mean();
    }

    // ---- sample weights and masks ----

    /** Keras's per-sample losses from per-element ones: the mean over the last axis (a scalar stays as it is). */
    static NDArray meanOverLastAxis(NDArray perElement) {
        return perElement.rank() == 0 ? perElement : perElement.mean(false, -1);
    }

    /**
     * Keras's {@code reduce_weighted_values} with {@code sum_over_batch_size}: the weights lined up with the losses
     * (a trailing axis of 1 dropped from the one that has it, as {@code squeeze_or_expand_to_same_rank}, then
     * missing trailing axes added), {@code Σ losses · w} over the number of weighted entries.
     */
    static NDArray weightedMean(String loss, NDArray losses, NDArray sampleWeight) {
        NDArray v = losses;
        NDArray w = sampleWeight.cast(losses.dtype());
        if (v.rank() == w.rank() + 1 && v.shape()[v.rank() - 1] == 1) {
            v = v.squeeze(v.rank() - 1);
        } else if (w.rank() == v.rank() + 1 && w.shape()[w.rank() - 1] == 1) {
            w = w.squeeze(w.rank() - 1);
        }
        while (w.rank() < v.rank()) {
            w = w.expandDims(w.rank());
        }
        NDArray weighted;
        try {
            weighted = v.mul(w);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(loss + ": sample weights of shape " + shape(sampleWeight.shape())
                    + " do not match per-sample losses of shape " + shape(losses.shape()), e);
        }
        return weighted.size() == 0 ? weighted.sum() : weighted.sum().div((double) weighted.size());
    }

    /** NumPy-style shape text: {@code (2, 3)}, {@code (3,)}, {@code ()}. */
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

    static boolean isInteger(DType t) {
        return t == DType.INT32 || t == DType.INT64;
    }

    private LossShapes() {}
}
