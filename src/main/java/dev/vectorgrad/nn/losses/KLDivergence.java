package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code KLDivergence}: per sample {@code Σ t·log(t / p)} over the last axis, with labels and predictions both
 * clipped to {@code [1e-7, 1]}, then the mean over the batch.
 */
public final class KLDivergence implements Loss {

    /** The loss has no parameters. */
    public KLDivergence() {}

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        return perSample(yTrue, yPred).mean();
    }

    /** Keras's per-sample losses: {@link Loss#perSample}. */
    @Override
    public NDArray perSample(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("KLDivergence", yTrue, yPred).maximum(LossShapes.EPSILON).minimum(1.0);
        NDArray p = yPred.maximum(LossShapes.EPSILON).minimum(1.0);
        return t.mul(t.div(p).log()).sum(false, -1);
    }

    @Override
    public String name() {
        return "kl_divergence";
    }
}
