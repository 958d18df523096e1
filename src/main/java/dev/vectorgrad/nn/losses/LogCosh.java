package dev.vectorgrad.nn.losses;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code LogCosh}: per element {@code log(cosh(e))} with {@code e = y_pred − y_true}, computed as Keras does,
 * {@code e + softplus(−2e) − log 2} (finite for any finite error); the mean over the last axis, then over the batch.
 */
public final class LogCosh extends ElementwiseLoss {

    /** The loss has no parameters. */
    public LogCosh() {}

    @Override
    NDArray perElement(NDArray yTrue, NDArray yPred) {
        NDArray t = LossShapes.alignLabels("LogCosh", yTrue, yPred);
        NDArray e = yPred.sub(t);
        NDArray x = e.mul(-2.0);
        // softplus(x) = max(x, 0) + log(1 + exp(-|x|)), stable for large |x|
        NDArray softplus = x.relu().add(x.abs().neg().exp().add(1).log());
        return e.add(softplus).sub(Math.log(2.0));
    }

    @Override
    public String name() {
        return "log_cosh";
    }
}
