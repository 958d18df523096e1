package dev.vectorgrad.nn.metrics;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Arrays;

/** {@code y_pred − y_true} with the labels lined up as Keras lines them up, for the regression metrics. */
final class Errors {

    static NDArray aligned(String who, NDArray yTrue, NDArray yPred) {
        NDArray p = yPred.dtype().isFloating() ? yPred : yPred.cast(DType.FLOAT32);
        NDArray t = yTrue.cast(p.dtype());
        if (t.rank() == p.rank() + 1 && t.shape()[t.rank() - 1] == 1) {
            t = t.squeeze(t.rank() - 1);
        } else if (p.rank() == t.rank() + 1 && p.shape()[p.rank() - 1] == 1) {
            t = t.expandDims(t.rank());
        }
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException(who + ": y_true and y_pred have incompatible shapes "
                    + Metric.shape(yTrue.shape()) + " and " + Metric.shape(yPred.shape()));
        }
        if (p.rank() == 0) {
            p = p.reshape(1);
            t = t.reshape(1);
        }
        return p.sub(t);
    }

    private Errors() {}
}
