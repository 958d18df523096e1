package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.Arrays;

/** The one un-broadcast mechanism, used for every rule's input gradients (JAX {@code _unbroadcast}, PyTorch {@code sum_to}). */
final class Unbroadcast {

    /**
     * Sums {@code grad} down to {@code shape}: the adjoint of {@code broadcastTo(shape)}. Axes that
     * broadcasting prepended are summed away; axes it stretched from 1 are summed with keepDims.
     */
    static NDArray sumTo(NDArray grad, int[] shape) {
        int[] g = grad.shape();
        if (Arrays.equals(g, shape)) {
            return grad;
        }
        int lead = g.length - shape.length;
        if (lead < 0) {
            throw new IllegalStateException("sumTo: gradient shape " + Shapes.format(g) + " has fewer axes than "
                    + Shapes.format(shape));
        }
        int[] axes = new int[g.length];
        int n = 0;
        boolean stretched = false;
        for (int i = 0; i < g.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g[i] != 1)) {
                axes[n++] = i; // prepended or stretched
                stretched |= i >= lead;
            }
        }
        if (n == 0) {
            return grad.reshape(shape); // only leading 1s differ
        }
        if (!stretched) {
            NDArray s = grad.sum(false, Arrays.copyOf(axes, n)); // the common bias case: one op
            return Arrays.equals(s.shape(), shape) ? s : s.reshape(shape);
        }
        NDArray s = grad.sum(true, Arrays.copyOf(axes, n));
        return lead == 0 ? s : s.reshape(shape); // keepDims, then drop the prepended 1s
    }

    private Unbroadcast() {}
}
