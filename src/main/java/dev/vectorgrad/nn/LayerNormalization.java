package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;

/**
 * Keras's {@code LayerNormalization} over the last axis: each sample's features normalised by their own
 * mean and (biased) variance, {@code gamma · (x - mean) / sqrt(var + epsilon) + beta}, the same in training
 * and inference. Variables {@code gamma} (ones) and {@code beta} (zeros), {@code [features]}.
 * Configuration: epsilon, center, scale (axis is always -1).
 */
public class LayerNormalization extends Layer {
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private int features = -1;
    private Variable gamma;
    private Variable beta;

    /** Keras's defaults: epsilon 1e-3, with gamma and beta. */
    public LayerNormalization() {
        this(1e-3, true, true);
    }

    /** Every argument. */
    public LayerNormalization(double epsilon, boolean center, boolean scale) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("LayerNormalization: epsilon must be positive, got " + epsilon);
        }
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 1) {
            ConvSupport.checkRank(this, inputShape, 1);
        }
        features = inputShape[inputShape.length - 1];
        gamma = scale ? addWeight("gamma", NDArray.ones(DType.FLOAT32, features), true) : null;
        beta = center ? addWeight("beta", NDArray.zeros(DType.FLOAT32, features), true) : null;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        maybeBuild(s);
        ConvSupport.checkChannels(this, s, features);
        NDArray in = ConvSupport.float32(x);
        NDArray mean = in.mean(true, -1);
        NDArray centred = in.sub(mean);
        NDArray y = centred.div(centred.square().mean(true, -1).add(epsilon).sqrt());
        if (scale) {
            y = y.mul(gamma);
        }
        return center ? y.add(beta) : y;
    }

    /** Added to the variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    /** Whether beta is added. */
    public boolean center() {
        return center;
    }

    /** Whether gamma multiplies. */
    public boolean scale() {
        return scale;
    }

    /** {@code gamma [features]}, or null before the build or without scale. */
    public Variable gamma() {
        return gamma;
    }

    /** {@code beta [features]}, or null before the build or without center. */
    public Variable beta() {
        return beta;
    }

    /** Keras's {@code axis} (always -1), {@code epsilon}, {@code center}, {@code scale}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("axis", -1);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        return c;
    }

    /** The input's shape (after checking its last axis once built). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return ConvSupport.sameShape(this, inputShape, features);
    }

    /** True: the output has the input's positions, so a mask goes on unchanged (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
