package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Huber(delta=1.0)}: with {@code e = y_pred − y_true}, per element {@code 0.5·e²} where
 * {@code |e| <= delta}, else {@code delta·|e| − 0.5·delta²}; the mean over the last axis, then over the batch.
 */
public final class Huber extends ElementwiseLoss {
    private final double delta;

    /** {@code delta = 1}, Keras's default. */
    public Huber() {
        this(1.0);
    }

    /** A Huber loss turning linear at {@code delta}. @throws IllegalArgumentException if {@code delta} is not a positive number */
    public Huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber: delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
    }

    /** Where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("Huber", yTrue, yPred);
        NDArray error = yPred.sub(t);
        NDArray absError = error.abs();
        NDArray quadratic = error.square().mul(0.5);
        NDArray linear = absError.mul(delta).sub(0.5 * delta * delta);
        return NDArray.where(absError.le(delta), quadratic, linear);
    }

    @Override
    public String name() {
        return "huber";
    }
}
