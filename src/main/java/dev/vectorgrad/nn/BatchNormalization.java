package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;

/**
 * Keras's {@code BatchNormalization} over the last axis (features or channels):
 * {@code gamma · (x - mean) / sqrt(var + epsilon) + beta}, where in training {@code mean} and {@code var}
 * are the batch's (over every axis but the last; the biased variance, as Keras) and outside training the
 * moving statistics. Each training call updates the moving statistics as Keras 3 does,
 * {@code moving = moving · momentum + batch · (1 - momentum)}, with the biased batch variance (PyTorch
 * keeps the unbiased one and calls {@code 1 - momentum} its momentum).
 *
 * <p>Variables, in Keras's order: {@code gamma} (ones) and {@code beta} (zeros), trainable, then
 * {@code moving_mean} (zeros) and {@code moving_variance} (ones), not trainable; all {@code [channels]}.
 * Configuration: momentum, epsilon, center, scale (axis is always -1).
 */
public class BatchNormalization extends Layer {
    private final double momentum;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private int channels = -1;
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;

    /** Keras's defaults: momentum 0.99, epsilon 1e-3, with gamma and beta. */
    public BatchNormalization() {
        this(0.99, 1e-3);
    }

    /** Own momentum and epsilon, with gamma and beta. */
    public BatchNormalization(double momentum, double epsilon) {
        this(momentum, epsilon, true, true);
    }

    /** Every argument: {@code center} adds beta, {@code scale} multiplies by gamma. */
    public BatchNormalization(double momentum, double epsilon, boolean center, boolean scale) {
        if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1] and epsilon positive, got "
                    + momentum + " and " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    @Override
    protected void build(int[] inputShape) {
        if (inputShape.length < 2) {
            ConvSupport.checkRank(this, inputShape, 2);
        }
        channels = inputShape[inputShape.length - 1];
        gamma = scale ? addWeight("gamma", NDArray.ones(DType.FLOAT32, channels), true) : null;
        beta = center ? addWeight("beta", NDArray.zeros(DType.FLOAT32, channels), true) : null;
        movingMean = addWeight("moving_mean", NDArray.zeros(DType.FLOAT32, channels), false);
        movingVariance = addWeight("moving_variance", NDArray.ones(DType.FLOAT32, channels), false);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    /**
     * With a mask of the input's shape less the channel axis (e.g. {@code [batch, time]} for {@code [batch, time,
     * channels]}), training takes the batch's moments over the unmasked positions only, as Keras 3 does
     * ({@code Σ m·x / (Σ m + 1e-7)} and {@code Σ m·(m·x − mean)² / (Σ m + 1e-7)}); outside training the mask changes
     * nothing, and every position, masked or not, is normalised.
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        maybeBuild(s);
        ConvSupport.checkChannels(this, s, channels);
        NDArray in = ConvSupport.float32(x);
        NDArray mean;
        NDArray variance;
        NDArray weights = mask == null ? null : maskWeights(mask, s); // checked in inference too, as Keras does
        if (training) {
            int[] axes = new int[s.length - 1];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
            if (weights == null) {
                mean = in.mean(false, axes);
                variance = in.sub(mean).square().mean(false, axes);
            } else {
                NDArray[] moments = maskedMoments(in, weights, axes);
                mean = moments[0];
                variance = moments[1];
            }
            // the statistics update is state, not part of the function the tape differentiates
            movingMean.assign(movingMean.mul(momentum).add(mean.stopGradient().mul(1 - momentum)));
            movingVariance.assign(movingVariance.mul(momentum).add(variance.stopGradient().mul(1 - momentum)));
        } else {
            mean = movingMean;
            variance = movingVariance;
        }
        NDArray y = in.sub(mean).div(variance.add(epsilon).sqrt());
        if (scale) {
            y = y.mul(gamma);
        }
        return center ? y.add(beta) : y;
    }

    // ---- masking (Keras 3's BatchNormalization._moments with a mask) ----

    /** True: the mask goes on unchanged, as Keras's {@code supports_masking}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** The mask as {@code [..., 1]} float weights that broadcast over the channels. */
    private NDArray maskWeights(NDArray mask, int[] inputShape) {
        int[] m = mask.shape();
        boolean fits = m.length == inputShape.length - 1;
        for (int i = 0; fits && i < m.length; i++) {
            fits = m[i] == inputShape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("Layer \"" + name() + "\": the mask should have the input's shape without "
                    + "its channel axis; got mask of shape " + dev.vectorgrad.ndarray.Shapes.format(m) + " for input of shape "
                    + dev.vectorgrad.ndarray.Shapes.format(inputShape));
        }
        return Masks.bool(this, mask).cast(DType.FLOAT32).expandDims(m.length);
    }

    /** Mean and biased variance over {@code axes} of the positions whose weight {@code w} is 1. */
    private static NDArray[] maskedMoments(NDArray in, NDArray w, int[] axes) {
        // Keras's formula, epsilon included, so an all-masked batch gives 0 rather than NaN
        NDArray count = w.sum(true, axes).add(1e-7);
        NDArray weighted = in.mul(w);
        NDArray mean = weighted.sum(true, axes).div(count);
        NDArray variance = weighted.sub(mean).square().mul(w).sum(true, axes).div(count);
        int n = (int) mean.size();
        return new NDArray[] {mean.reshape(n), variance.reshape(n)};
    }

    /** The moving statistics' decay per training call. */
    public double momentum() {
        return momentum;
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

    /** {@code gamma [channels]}, or null before the build or without scale. */
    public Variable gamma() {
        return gamma;
    }

    /** {@code beta [channels]}, or null before the build or without center. */
    public Variable beta() {
        return beta;
    }

    /** {@code moving_mean [channels]}, or null before the build. */
    public Variable movingMean() {
        return movingMean;
    }

    /** {@code moving_variance [channels]}, or null before the build. */
    public Variable movingVariance() {
        return movingVariance;
    }

    /** Keras's {@code axis} (always -1, channels last), {@code momentum}, {@code epsilon}, {@code center}, {@code scale}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("axis", -1);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        return c;
    }

    /** The input's shape (after checking its channels once built). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        if (inputShape.length < 2) {
            ConvSupport.checkRank(this, inputShape, 2);
        }
        return ConvSupport.sameShape(this, inputShape, channels);
    }
}
