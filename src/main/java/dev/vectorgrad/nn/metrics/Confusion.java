package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Keras's {@code update_confusion_matrix_variables} at one threshold: labels count as positive when non-zero (Keras
 * casts them to bool), predictions when strictly above the threshold; counts are weighted sums kept in double.
 */
final class Confusion {
    double truePositives;
    double falsePositives;
    double trueNegatives;
    double falseNegatives;

    void update(String who, NDArray yTrue, NDArray yPred, NDArray sampleWeight, double threshold) {
        double[] t = yTrue.cast(DType.FLOAT64).toDoubleArray();
        double[] p = yPred.cast(DType.FLOAT64).toDoubleArray();
        if (t.length != p.length) {
            throw new IllegalArgumentException(who + ": y_true of shape " + Metric.shape(yTrue.shape())
                    + " and y_pred of shape " + Metric.shape(yPred.shape()) + " have different sizes");
        }
        double[] w = weights(who, sampleWeight, p.length);
        for (int i = 0; i < p.length; i++) {
            double wi = w == null ? 1 : w[i];
            boolean label = t[i] != 0;
            boolean predicted = p[i] > threshold;
            if (label && predicted) truePositives += wi;
            else if (label) falseNegatives += wi;
            else if (predicted) falsePositives += wi;
            else trueNegatives += wi;
        }
    }

    /** One weight per element, a per-sample weight repeated over each sample's elements, or null for none. */
    static double[] weights(String who, NDArray sampleWeight, int n) {
        if (sampleWeight == null) {
            return null;
        }
        double[] w = sampleWeight.cast(DType.FLOAT64).toDoubleArray();
        if (w.length == n) {
            return w;
        }
        if (w.length == 0 || n % w.length != 0) {
            throw new IllegalArgumentException(who + ": " + w.length + " sample weights for " + n + " predictions");
        }
        double[] out = new double[n];
        int per = n / w.length;
        for (int i = 0; i < n; i++) {
            out[i] = w[i / per];
        }
        return out;
    }

    void reset() {
        truePositives = falsePositives = trueNegatives = falseNegatives = 0;
    }

    static double divideNoNan(double a, double b) {
        return b == 0 ? 0 : a / b;
    }
}
