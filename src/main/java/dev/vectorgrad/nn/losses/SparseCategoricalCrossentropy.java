package dev.vectorgrad.nn.losses;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Arrays;

/**
 * Keras's {@code SparseCategoricalCrossentropy}: integer class labels against scores over the last axis;
 * per sample {@code -log p[label]}, then the mean over the batch.
 *
 * <p>Labels are int32 or int64 (float labels holding whole numbers are accepted and truncated, as Keras casts
 * them) of shape {@code [batch]} or {@code [batch, 1]} (in general the predictions' shape without its class
 * axis, optionally with a trailing 1). A label outside {@code [0, classes)} fails with TensorFlow's wording.
 *
 * <ul>
 *   <li>{@code fromLogits = true}: {@code -logSoftmax(logits)[label]}, finite for logits of ±1e4; the gradient
 *       with respect to the logits is {@code (softmax(logits) - onehot(label)) / batch}.</li>
 *   <li>{@code fromLogits = false} (the default): Keras 3's form, {@code logSoftmax(log(clip(p / Σp)))[label]}.
 *       Keras doc value: labels {@code [1, 2]} against {@code [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]} give 1.177.</li>
 * </ul>
 * The label is picked with a constant one-hot mask ({@code Σ onehot · logSoftmax}), so the whole loss is made of
 * recorded NDArray ops and nested tapes see through it.
 */
public final class SparseCategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    /** Predictions are probabilities, as in Keras's default. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        return perSample(yTrue, yPred).mean();
    }

    /** Keras's per-sample losses: {@link Loss#perSample}. */
    @Override
    public NDArray perSample(NDArray yTrue, NDArray yPred) {
        LossShapes.requireNonNull("SparseCategoricalCrossentropy", yTrue, yPred);
        LossShapes.requireFloat("SparseCategoricalCrossentropy", yPred);
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy: y_pred needs a class axis, got shape ()");
        }
        NDArray oneHot = oneHot(yTrue, yPred.shape(), yPred.dtype());
        NDArray logits = fromLogits ? yPred : CategoricalCrossentropy.logOfProbabilities(yPred);
        return oneHot.mul(logits.logSoftmax(-1)).sum(false, -1).neg();
    }

    /** A constant {@code predShape}-shaped mask with a 1 at each sample's label. */
    static NDArray oneHot(NDArray labels, int[] predShape, DType dtype) {
        int classes = predShape[predShape.length - 1];
        int[] batchShape = Arrays.copyOf(predShape, predShape.length - 1);
        int[] ls = labels.shape();
        boolean matches = Arrays.equals(ls, batchShape)
                || (ls.length == batchShape.length + 1 && ls[ls.length - 1] == 1
                        && Arrays.equals(Arrays.copyOf(ls, batchShape.length), batchShape));
        if (!matches) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy: labels of shape " + LossShapes.shape(ls)
                    + " do not match predictions of shape " + LossShapes.shape(predShape)
                    + "; expected " + LossShapes.shape(batchShape) + " or " + LossShapes.shape(withOne(batchShape)));
        }
        if (labels.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("SparseCategoricalCrossentropy: labels must be int32 or int64, got bool");
        }
        long[] idx = labels.toLongArray();
        double[] asFloat = LossShapes.isInteger(labels.dtype()) ? null : labels.toDoubleArray();
        int n = idx.length;
        for (int i = 0; i < n; i++) {
            // a float label is truncated as TF casts it; NaN and ±inf have no class (TF: an out-of-range int64)
            boolean bad = asFloat != null ? !(asFloat[i] > -1 && asFloat[i] < classes) : idx[i] < 0 || idx[i] >= classes;
            if (bad) {
                throw new IllegalArgumentException("SparseCategoricalCrossentropy: Received a label value of "
                        + (asFloat != null ? String.valueOf(asFloat[i]) : String.valueOf(idx[i]))
                        + " which is outside the valid range of [0, " + classes + ").");
            }
        }
        if (dtype == DType.FLOAT64) {
            double[] d = new double[n * classes];
            for (int i = 0; i < n; i++) d[i * classes + (int) idx[i]] = 1;
            return NDArray.of(d, predShape);
        }
        float[] f = new float[n * classes];
        for (int i = 0; i < n; i++) f[i * classes + (int) idx[i]] = 1;
        return NDArray.of(f, predShape);
    }

    private static int[] withOne(int[] s) {
        int[] r = Arrays.copyOf(s, s.length + 1);
        r[s.length] = 1;
        return r;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }
}
