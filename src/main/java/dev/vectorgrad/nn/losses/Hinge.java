package dev.vectorgrad.nn.losses;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Keras's {@code Hinge}: per element {@code max(1 − t·p, 0)}, the mean over the last axis, then over the batch. Labels
 * are expected to be −1 or 1; labels that are all 0 or 1 are first mapped to −1 and 1, as Keras does.
 */
public final class Hinge extends ElementwiseLoss {

    /** The loss has no parameters. */
    public Hinge() {}

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("Hinge", yTrue, yPred);
        boolean binary = t.eq(0).cast(DType.INT64).sum().item() + t.eq(1).cast(DType.INT64).sum().item() == t.size();
        if (binary) {
            t = t.mul(2.0).sub(1.0);
        }
        return t.mul(yPred).neg().add(1.0).maximum(0.0);
    }

    @Override
    public String name() {
        return "hinge";
    }
}
