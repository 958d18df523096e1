package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code CategoricalCrossentropy} for one-hot (or soft) labels over the last axis:
 * per sample {@code -Σ y_true · log p}, then the mean over the batch.
 *
 * <ul>
 *   <li>{@code fromLogits = true}: {@code p} is {@code softmax(logits)} and {@code log p} is taken as
 *       {@code logSoftmax}, finite for logits of ±1e4.</li>
 *   <li>{@code fromLogits = false} (the default): Keras 3's form, each row renormalised to sum to 1, then clipped to
 *       {@code [1e-7, 1 - 1e-7]} before the log. Keras doc value: {@code [[0, 1, 0], [0, 0, 1]]} against
 *       {@code [[0.05, 0.95, 0], [0.1, 0.8, 0.1]]} gives 1.177.</li>
 * </ul>
 */
public final class CategoricalCrossentropy implements Loss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Predictions are probabilities, as in Keras's default. */
    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /**
     * With Keras's label smoothing: labels are squeezed towards the uniform distribution ({@code t·(1 − s) + s / classes}) by {@code labelSmoothing} in [0, 1]
     * before the loss (Keras's {@code label_smoothing}).
     */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CategoricalCrossentropy: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    /** The label smoothing (0 when off). */
    public double labelSmoothing() {
        return labelSmoothing;
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
        NDArray t = LossShapes.alignLabels("CategoricalCrossentropy", yTrue, yPred);
        if (yPred.rank() < 1) {
            throw new IllegalArgumentException("CategoricalCrossentropy: y_pred needs a class axis, got shape ()");
        }
        if (labelSmoothing > 0) {
            t = t.mul(1.0 - labelSmoothing).add(labelSmoothing / yPred.shape()[yPred.rank() - 1]);
        }
        NDArray logP = fromLogits ? yPred.logSoftmax(-1) : logOfProbabilities(yPred);
        return t.mul(logP).sum(false, -1).neg();
    }

    /** Keras 3's {@code log(clip(p / Σp))} over the last axis. */
    static NDArray logOfProbabilities(NDArray p) {
        return LossShapes.clipProbabilities(p.div(p.sum(true, -1))).log();
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }
}
