package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Test helpers: random shapes and values, and first- and second-order gradient checks of many-input functions. */
final class Checks {

    /** A random shape of rank {@code 0..maxRank} with dimensions {@code 1..maxDim}. */
    static int[] shape(Random rng, int maxRank, int maxDim) {
        int[] s = new int[rng.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(maxDim);
        }
        return s;
    }

    /** A shape that broadcasts to {@code s}: a random suffix of it, with random axes shrunk to 1. */
    static int[] broadcastable(Random rng, int[] s) {
        int drop = rng.nextInt(s.length + 1);
        int[] b = new int[s.length - drop];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextInt(3) == 0 ? 1 : s[i + drop];
        }
        return b;
    }

    /** Float64 values uniform in {@code [lo, hi)}. */
    static NDArray uniform(Random rng, double lo, double hi, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return NDArray.of(v, shape);
    }

    /** Float64 values with {@code lo <= |x| < hi} and a random sign: away from kinks at 0. */
    static NDArray awayFromZero(Random rng, double lo, double hi, int... shape) {
        NDArray m = uniform(rng, lo, hi, shape);
        double[] v = m.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextBoolean() ? v[i] : -v[i];
        }
        return NDArray.of(v, shape);
    }

    /**
     * Checks the first and second derivatives of {@code f} with respect to each input against central
     * differences. The output is weighted by random values, so symmetric mistakes cannot cancel; the
     * second order differentiates an inner tape's gradient with GradientCheck's outer tape.
     */
    static void firstAndSecondOrder(String name, Function<List<NDArray>, NDArray> f, List<NDArray> inputs, Random rng) {
        NDArray out = f.apply(inputs);
        NDArray w = uniform(rng, 0.5, 1.5, out.shape());
        for (int k = 0; k < inputs.size(); k++) {
            int at = k;
            Function<NDArray, NDArray> fk = x -> f.apply(with(inputs, at, x)).mul(w);
            assertThat(GradientCheck.check(fk, inputs.get(k)))
                    .as("%s: first derivative w.r.t. input %d of shape %s, max error %s", name, k,
                            java.util.Arrays.toString(inputs.get(k).shape()), GradientCheck.maxError(fk, inputs.get(k)))
                    .isTrue();
            NDArray w2 = uniform(rng, 0.5, 1.5, inputs.get(k).shape());
            Function<NDArray, NDArray> gk = x -> firstDerivative(fk, x).mul(w2);
            assertThat(GradientCheck.check(gk, inputs.get(k)))
                    .as("%s: second derivative w.r.t. input %d of shape %s, max error %s", name, k,
                            java.util.Arrays.toString(inputs.get(k).shape()), GradientCheck.maxError(gk, inputs.get(k)))
                    .isTrue();
        }
    }

    /** {@code d sum(f(x)) / dx} from a tape of its own (zeros where unconnected). */
    static NDArray firstDerivative(Function<NDArray, NDArray> f, NDArray x) {
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = f.apply(x);
            return tape.gradient(y.sum(), x, UnconnectedGradients.ZERO);
        }
    }

    static List<NDArray> with(List<NDArray> xs, int k, NDArray x) {
        List<NDArray> out = new ArrayList<>(xs);
        out.set(k, x);
        return out;
    }

    static NDArray f64(NDArray x) {
        return x.cast(DType.FLOAT64);
    }

    private Checks() {}
}
