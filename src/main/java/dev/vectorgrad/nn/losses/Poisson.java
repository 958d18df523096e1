package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Poisson}: per element {@code p − t·log(p + 1e-7)}, the mean over the last axis, then over the batch.
 */
public final class Poisson implements Loss {

    /** The loss has no parameters. */
    public Poisson() {}

    @Override
    public NDArray call(NDArray yTrue, NDArray yPred) {
        return perElement(yTrue, yPred).mean();
    }

    /** Keras's per-sample losses: {@link Loss#perSample}. */
    @Override
    public NDArray perSample(NDArray yTrue, NDArray yPred) {
        return LossShapes.meanOverLastAxis(perElement(yTrue, yPred));
    }

    private static NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("Poisson", yTrue, yPred);
        return yPred.sub(t.mul(yPred.add(LossShapes.EPSILON).log()));
    }

    @Override
    public String name() {
        return "poisson";
    }
}
