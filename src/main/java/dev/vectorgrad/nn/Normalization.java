package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;

/**
 * Keras's {@code Normalization} preprocessing layer on the last axis: {@code (x - mean) / max(√variance, 1e-7)}
 * with per-feature statistics learnt by {@link #adapt} (mean and population variance over every axis but the
 * last, Keras's {@code axis=-1}). The statistics are non-trainable variables {@code normalization/mean:0} and
 * {@code normalization/variance:0}, {@code [features]}; before any adapt they are 0 and 1, so the layer is the
 * identity (Keras raises on a call before adapt or explicit statistics; the identity is kept so a model can be
 * built, saved and loaded before data is at hand). Configuration: none beyond the adapted statistics.
 */
public class Normalization extends Layer {
    private static final double EPSILON = 1e-7;
    private int features = -1;
    private Variable mean;
    private Variable variance;

    /** A layer to {@link #adapt} to data. */
    public Normalization() {}

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 1) {
            ConvSupport.checkRank(this, inputShape, 1);
        }
        features = inputShape[inputShape.length - 1];
        mean = addWeight("mean", NDArray.zeros(DType.FLOAT32, features), false);
        variance = addWeight("variance", NDArray.ones(DType.FLOAT32, features), false);
    }

    /**
     * Learns the per-feature mean and variance of {@code data [..., features]}, computed in float64 (Keras
     * accumulates batch by batch; over one array the results agree up to rounding). Replaces earlier statistics.
     */
    public void adapt(NDArray data) {
        if (data == null || data.rank() < 1 || data.size() == 0) {
            throw new IllegalArgumentException("Normalization \"" + name() + "\": adapt needs a non-empty array of rank"
                    + " 1 or more");
        }
        maybeBuild(data.shape());
        ConvSupport.checkChannels(this, data.shape(), features);
        NDArray d = data.cast(DType.FLOAT64).reshape(-1, features);
        mean.assign(d.mean(false, 0).cast(DType.FLOAT32));
        variance.assign(d.variance(false, 0).cast(DType.FLOAT32));
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        maybeBuild(x.shape());
        ConvSupport.checkChannels(this, x.shape(), features);
        return ConvSupport.float32(x).sub(mean).div(variance.sqrt().maximum(EPSILON));
    }

    /** The adapted mean {@code [features]}, or null before the layer is built. */
    public Variable mean() {
        return mean;
    }

    /** The adapted variance {@code [features]}, or null before the layer is built. */
    public Variable variance() {
        return variance;
    }

    /** Keras's config: axis -1; the statistics are saved as the layer's (non-trainable) variables. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("axis", -1);
        return c;
    }

    /** The input's shape (after checking its features once built). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return ConvSupport.sameShape(this, inputShape, features);
    }
}
