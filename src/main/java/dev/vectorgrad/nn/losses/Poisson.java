package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Poisson}: per element {@code p − t·log(p + 1e-7)}, the mean over the last axis, then over the batch.
 */
public final class Poisson extends ElementwiseLoss {

    /** The loss has no parameters. */
    public Poisson() {}

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("Poisson", yTrue, yPred);
        return yPred.sub(t.mul(yPred.add(LossShapes.EPSILON).log()));
    }

    @Override
    public String name() {
        return "poisson";
    }
}
