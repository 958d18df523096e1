package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/** TensorFlow's {@code in_top_k}, shared by the two top-k accuracies. */
final class TopK {

    /**
     * For each row of {@code scores} ({@code [batch, classes]}), 1 when {@code targets[row]} is among the {@code k}
     * highest scores, else 0. As in TensorFlow, classes tied with the target across the k-th place all count as in the
     * top k (the target is in when fewer than k scores are strictly greater), and a non-finite target score is out.
     */
    static NDArray inTopK(String who, int[] targets, NDArray scores, int k) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException(who + ": y_pred must have shape [batch, classes], got "
                    + Metric.shape(scores.shape()));
        }
        int n = scores.shape()[0];
        int c = scores.shape()[1];
        if (targets.length != n) {
            throw new IllegalArgumentException(who + ": " + targets.length + " labels for " + n + " predictions");
        }
        double[] s = scores.cast(DType.FLOAT64).toDoubleArray();
        float[] out = new float[n];
        for (int row = 0; row < n; row++) {
            int target = targets[row];
            if (target < 0 || target >= c) {
                throw new IllegalArgumentException(who + ": label " + target + " is outside [0, " + c + ")");
            }
            double t = s[row * c + target];
            if (!Double.isFinite(t)) {
                continue;
            }
            int greater = 0;
            for (int j = 0; j < c; j++) {
                if (s[row * c + j] > t) {
                    greater++;
                }
            }
            out[row] = greater < k ? 1 : 0;
        }
        return NDArray.of(out);
    }

    static int checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("top-k accuracy: k must be positive, got " + k);
        }
        return k;
    }

    private TopK() {}
}
