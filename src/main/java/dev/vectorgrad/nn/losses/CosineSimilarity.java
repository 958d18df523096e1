package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code CosineSimilarity(axis=-1)}: {@code −Σ normalize(t)·normalize(p)} along {@code axis}, then the mean
 * over what is left; {@code normalize(x) = x / sqrt(max(Σx², 1e-12))} (TensorFlow's {@code l2_normalize}), so the loss
 * is −1 for parallel vectors, 1 for opposite ones, and 0 when either is zero.
 */
public final class CosineSimilarity implements Loss {
    private final int axis;

    /** Along the last axis, Keras's default. */
    public CosineSimilarity() {
        this(-1);
    }

    /** Along {@code axis} (negative counts from the end). */
    public CosineSimilarity(int axis) {
        this.axis = axis;
    }

    /** The axis the similarity is taken along. */
    public int axis() {
        return axis;
    }

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        return perSample(yTrue, yPred).mean();
    }

    /** Keras's per-sample losses ({@link Loss#perSample}): the similarity along the axis, negated. */
    @Override
    public NDArray perSample(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("CosineSimilarity", yTrue, yPred);
        if (axis >= yPred.rank() || axis < -yPred.rank()) {
            throw new IllegalArgumentException("CosineSimilarity: axis " + axis + " is out of range for y_pred of shape "
                    + LossShapes.shape(yPred.shape()));
        }
        return normalize(t).mul(normalize(yPred)).sum(false, axis).neg();
    }

    private NDArray normalize(NDArray x) {
        return x.div(x.square().sum(true, axis).maximum(1e-12).sqrt());
    }

    @Override
    public String name() {
        return "cosine_similarity";
    }
}
