package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Keras's {@code AUC()}: the area under the ROC curve, approximated as Keras approximates it. Confusion counts are
 * kept at 200 thresholds {@code [−1e-7, 1/199, 2/199, ..., 198/199, 1 + 1e-7]}; a prediction is binned as Keras's
 * evenly-spaced fast path bins it ({@code max(ceil(p·199) − 1, 0)} in float32), so it counts as positive at every
 * threshold below it; labels may be soft (a label {@code y} adds {@code y} to the positives and {@code 1 − y} to the
 * negatives). The result is {@code Σ (fpr[i] − fpr[i+1]) · (tpr[i] + tpr[i+1]) / 2} (the trapezoidal
 * "interpolation" summation), computed in double where Keras uses float32. Predictions must lie in [0, 1].
 */
public class AUC extends WeightedMetric {
    private static final int NUM_THRESHOLDS = 200;

    private final double[] tp = new double[NUM_THRESHOLDS];
    private final double[] fp = new double[NUM_THRESHOLDS];
    private double positives;
    private double negatives;

    /** ROC, 200 thresholds, Keras's defaults. */
    public AUC() {
        super("auc");
    }

    /** Adds every element; {@code sampleWeight} (may be null) has one weight per element or per sample. */
    @Override
    public void update(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
        requireNonNull(name(), yTrue, yPred);
        double[] t = yTrue.cast(DType.FLOAT64).toDoubleArray();
        float[] p = yPred.cast(DType.FLOAT32).toFloatArray();
        if (t.length != p.length) {
            throw new IllegalArgumentException("auc: y_true of shape " + shape(yTrue.shape()) + " and y_pred of shape "
                    + shape(yPred.shape()) + " have different sizes");
        }
        double[] w = Confusion.weights("auc", sampleWeight, p.length);
        double[] tpBucket = new double[NUM_THRESHOLDS];
        double[] fpBucket = new double[NUM_THRESHOLDS];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("auc: predictions must be in [0, 1], got " + p[i]);
            }
            double wi = w == null ? 1 : w[i];
            int bucket = (int) Math.max((float) Math.ceil(p[i] * (float) (NUM_THRESHOLDS - 1)) - 1, 0f);
            tpBucket[bucket] += t[i] * wi;
            fpBucket[bucket] += (1 - t[i]) * wi;
            positives += t[i] * wi;
            negatives += (1 - t[i]) * wi;
        }
        // counts at threshold j: everything binned at j or above (a reversed cumulative sum)
        double tpRun = 0;
        double fpRun = 0;
        for (int j = NUM_THRESHOLDS - 1; j >= 0; j--) {
            tpRun += tpBucket[j];
            fpRun += fpBucket[j];
            tp[j] += tpRun;
            fp[j] += fpRun;
        }
    }

    /** The trapezoidal area under the ROC points, 0 before any update. */
    @Override
    public double result() {
        double area = 0;
        for (int i = 0; i < NUM_THRESHOLDS - 1; i++) {
            double fprI = Confusion.divideNoNan(fp[i], negatives);
            double fprNext = Confusion.divideNoNan(fp[i + 1], negatives);
            double tprI = Confusion.divideNoNan(tp[i], positives);
            double tprNext = Confusion.divideNoNan(tp[i + 1], positives);
            area += (fprI - fprNext) * ((tprI + tprNext) / 2);
        }
        return area;
    }

    @Override
    public void reset() {
        super.reset();
        java.util.Arrays.fill(tp, 0);
        java.util.Arrays.fill(fp, 0);
        positives = 0;
        negatives = 0;
    }
}
