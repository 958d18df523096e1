package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.elementwise.TanhKernel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Dense elementwise ops of {@link Elementwise#PARALLEL_MIN_ELEMENTS} elements or more run in shares across the
 * kernel threads: every element must come out as the one-call kernel computes it, whatever the size around the
 * thresholds, the operands' offsets, and which side is a broadcast scalar.
 */
class ElementwiseSharesTest {
    private static final int[] SIZES = {Elementwise.PARALLEL_MIN_ELEMENTS - 1, Elementwise.PARALLEL_MIN_ELEMENTS,
        Elementwise.PARALLEL_MIN_ELEMENTS + 1, 3 * Elementwise.GRAIN + 17, 100_003};

    private static float[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble(-4, 4);
        }
        return v;
    }

    /** The same values as a view at offset 5 inside a larger buffer (contiguous, not at 0). */
    private static NDArray atOffset(float[] v) {
        NDArray pad = NDArray.of(new float[5]);
        return NDArray.concat(List.of(pad, NDArray.of(v)), 0).slice(0, 5, 5 + v.length, 1);
    }

    @Test
    void binaryOpsGiveEveryElementAsOneCall() {
        for (int n : SIZES) {
            float[] a = random(n, n);
            float[] b = random(n, n + 1L);
            float[] sum = atOffset(a).add(NDArray.of(b)).toFloatArray();
            float[] product = NDArray.of(a).mul(atOffset(b)).toFloatArray();
            float[] right = atOffset(a).sub(NDArray.of(0.75f)).toFloatArray();
            float[] left = NDArray.of(0.75f).div(NDArray.of(b)).toFloatArray();
            NDArray greater = NDArray.of(a).gt(NDArray.of(b));
            for (int i = 0; i < n; i++) {
                assertThat(sum[i]).as("add, n = %d, i = %d", n, i).isEqualTo(a[i] + b[i]);
                assertThat(product[i]).as("mul, n = %d, i = %d", n, i).isEqualTo(a[i] * b[i]);
                assertThat(right[i]).as("a - scalar, n = %d, i = %d", n, i).isEqualTo(a[i] - 0.75f);
                assertThat(left[i]).as("scalar / b, n = %d, i = %d", n, i).isEqualTo(0.75f / b[i]);
            }
            assertThat(greater.sum().item()).as("gt, n = %d", n).isEqualTo((double) countGreater(a, b));
        }
    }

    /**
     * tanh is the project's own polynomial (its twin replays the lanes), so its bits do not depend on the JIT tier as
     * the SVML-backed exp's do; sqrt is correctly rounded everywhere.
     */
    @Test
    void unaryOpsGiveTheBitsOfOneKernelCall() {
        for (int n : SIZES) {
            float[] x = random(n, 7L * n);
            float[] expected = new float[n];
            TanhKernel.run(x, 0, expected, 0, n);
            assertThat(atOffset(x).tanh().toFloatArray()).as("tanh, n = %d", n).isEqualTo(expected);
            float[] roots = NDArray.of(x).abs().sqrt().toFloatArray();
            for (int i = 0; i < n; i++) {
                assertThat(roots[i]).as("sqrt, n = %d, i = %d", n, i).isEqualTo((float) Math.sqrt(Math.abs(x[i])));
            }
        }
    }

    private static int countGreater(float[] a, float[] b) {
        int c = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                c++;
            }
        }
        return c;
    }
}
