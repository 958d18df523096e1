package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.function.Function;

/**
 * Finite-difference checking of gradients for users' own functions (PyTorch's {@code gradcheck}):
 * the tape's gradient of {@code sum(f(x))} against central differences, both in float64.
 * {@code f} must be built from NDArray ops. An unconnected gradient counts as zeros, which is what
 * finite differences see for a function that does not depend on {@code x}.
 */
public final class GradientCheck {
    /** PyTorch's defaults, "designed for double precision". */
    public static final double EPS = 1e-6;
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    /** The largest {@code |analytic - numeric|} over the elements of {@code x}. */
    public static double maxError(Function<NDArray, NDArray> f, NDArray x) {
        double[][] an = gradients(f, x);
        double worst = 0;
        for (int i = 0; i < an[0].length; i++) {
            double e = Math.abs(an[0][i] - an[1][i]);
            worst = Double.isNaN(e) ? Double.NaN : Math.max(worst, e);
            if (Double.isNaN(worst)) {
                return worst;
            }
        }
        return worst;
    }

    /** True when every element satisfies {@code |analytic - numeric| <= ATOL + RTOL·|numeric|}. */
    public static boolean check(Function<NDArray, NDArray> f, NDArray x) {
        double[][] an = gradients(f, x);
        for (int i = 0; i < an[0].length; i++) {
            if (!(Math.abs(an[0][i] - an[1][i]) <= ATOL + RTOL * Math.abs(an[1][i]))) {
                return false;
            }
        }
        return true;
    }

    /** {analytic, numeric} gradients of {@code sum(f(x))} at {@code x} (cast to float64). */
    private static double[][] gradients(Function<NDArray, NDArray> f, NDArray x) {
        if (f == null || x == null) {
            throw new IllegalArgumentException("GradientCheck: " + (f == null ? "f" : "x") + " is null");
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("GradientCheck: x must be float32 or float64, got " + x.dtype());
        }
        int[] shape = x.shape();
        double[] base = x.toDoubleArray();
        NDArray x64 = NDArray.of(base, shape);
        NDArray g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x64);
            NDArray y = result(f.apply(x64));
            g = tape.gradient(y.sum(), x64, UnconnectedGradients.ZERO);
        }
        double[] analytic = g.toDoubleArray();
        double[] numeric = new double[base.length];
        for (int i = 0; i < base.length; i++) {
            double[] p = base.clone();
            p[i] = base[i] + EPS;
            double plus = value(f, p, shape);
            p[i] = base[i] - EPS;
            double minus = value(f, p, shape);
            numeric[i] = (plus - minus) / (2 * EPS);
        }
        return new double[][] {analytic, numeric};
    }

    private static double value(Function<NDArray, NDArray> f, double[] data, int[] shape) {
        return result(f.apply(NDArray.of(data, shape))).cast(DType.FLOAT64).sum().item();
    }

    private static NDArray result(NDArray y) {
        if (y == null) {
            throw new IllegalArgumentException("GradientCheck: f returned null; it must return an NDArray built from x");
        }
        return y;
    }

    private GradientCheck() {}
}
