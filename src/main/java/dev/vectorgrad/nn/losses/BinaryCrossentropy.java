package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code BinaryCrossentropy}: per element {@code -(z·log p + (1-z)·log(1-p))}, the mean over the last axis,
 * then over the batch.
 *
 * <ul>
 *   <li>{@code fromLogits = true}: TensorFlow's stable form {@code max(x, 0) - x·z + log(1 + e^-|x|)} on logits
 *       {@code x}, finite for any finite logit (±1e4 included); the gradient is {@code sigmoid(x) - z} everywhere,
 *       including {@code x = 0} (the two branches are chosen with {@code where}, as TensorFlow does).</li>
 *   <li>{@code fromLogits = false} (the default): Keras 3's form, probabilities clipped to {@code [1e-7, 1 - 1e-7]}
 *       before the log. Keras doc value: {@code [[0, 1], [0, 0]]} against {@code [[0.6, 0.4], [0.4, 0.6]]} gives
 *       0.815.</li>
 * </ul>
 * Deliberate difference: Keras's TensorFlow backend, given probabilities that came straight out of a sigmoid,
 * quietly uses the logits underneath; here probabilities are always taken as given.
 */
public final class BinaryCrossentropy extends ElementwiseLoss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** Predictions are probabilities, as in Keras's default. */
    public BinaryCrossentropy() {
        this(false);
    }

    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    /**
     * With Keras's label smoothing: labels are squeezed towards 0.5 ({@code z·(1 − s) + 0.5·s}) by {@code labelSmoothing} in [0, 1]
     * before the loss (Keras's {@code label_smoothing}).
     */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("BinaryCrossentropy: label smoothing must be in [0, 1], got " + labelSmoothing);
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
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray z = LossShapes.alignLabels("BinaryCrossentropy", yTrue, yPred);
        if (labelSmoothing > 0) {
            z = z.mul(1.0 - labelSmoothing).add(0.5 * labelSmoothing);
        }
        NDArray perElement;
        if (fromLogits) {
            NDArray x = yPred;
            NDArray nonNegative = x.ge(0);
            NDArray zero = NDArray.zeros(x.dtype());
            NDArray reluX = NDArray.where(nonNegative, x, zero);
            NDArray negAbsX = NDArray.where(nonNegative, x.neg(), x);
            perElement = reluX.sub(x.mul(z)).add(negAbsX.exp().add(1).log());
        } else {
            NDArray p = LossShapes.clipProbabilities(yPred);
            NDArray oneMinusZ = z.neg().add(1);
            NDArray oneMinusP = p.neg().add(1);
            perElement = z.mul(p.log()).add(oneMinusZ.mul(oneMinusP.log())).neg();
        }
        return perElement;
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }
}
