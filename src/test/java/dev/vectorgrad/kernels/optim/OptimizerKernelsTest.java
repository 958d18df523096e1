package dev.vectorgrad.kernels.optim;

import static dev.vectorgrad.kernels.optim.OptimKernelsTestSupport.randomDouble;
import static dev.vectorgrad.kernels.optim.OptimKernelsTestSupport.randomFloat;
import static dev.vectorgrad.kernels.optim.OptimKernelsTestSupport.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sgd, SgdMomentum, Adam, Rmsprop, Adagrad, Adamax, Nadam and WeightDecay: SIMD, run and in-place run against the scalar twin, bit for bit in the
 * output and in every state array, plus one hand-computed Keras step each.
 */
class OptimizerKernelsTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return OptimKernelsTestSupport.lengths();
    }

    /**
     * Random arrays {@code [w, g, state..., out]}, each with its own offset 0..7 at {@code off[k]}. States are
     * non-negative where the maths makes them so (squared averages); w and g carry NaN, ±0 and ±Inf.
     */
    private static float[][] floats(SplittableRandom rng, int n, int[] off, boolean... nonNegative) {
        float[][] arrays = new float[off.length][];
        for (int k = 0; k < off.length; k++) {
            arrays[k] = new float[off[k] + n + 1];
            for (int i = 0; i < arrays[k].length; i++) {
                float v = randomFloat(rng);
                arrays[k][i] = k < nonNegative.length && nonNegative[k] ? Math.abs(v) : v;
            }
        }
        return arrays;
    }

    private static double[][] doubles(SplittableRandom rng, int n, int[] off, boolean... nonNegative) {
        double[][] arrays = new double[off.length][];
        for (int k = 0; k < off.length; k++) {
            arrays[k] = new double[off[k] + n + 1];
            for (int i = 0; i < arrays[k].length; i++) {
                double v = randomDouble(rng);
                arrays[k][i] = k < nonNegative.length && nonNegative[k] ? Math.abs(v) : v;
            }
        }
        return arrays;
    }

    private static int[] offsets(SplittableRandom rng, int count) {
        int[] off = new int[count];
        for (int k = 0; k < count; k++) {
            off[k] = rng.nextInt(8);
        }
        return off;
    }

    /** Runs the twin and the candidate on private copies of every array and compares all of them afterwards. */
    private static void assertSameEffect(String where, float[][] in, Consumer<float[][]> twin, Consumer<float[][]> candidate) {
        float[][] expected = deepCopy(in);
        float[][] actual = deepCopy(in);
        twin.accept(expected);
        candidate.accept(actual);
        for (int k = 0; k < in.length; k++) {
            assertTrue(sameBits(expected[k], actual[k]), where + ": array " + k + " differs");
        }
    }

    private static void assertSameEffect(String where, double[][] in, Consumer<double[][]> twin, Consumer<double[][]> candidate) {
        double[][] expected = deepCopy(in);
        double[][] actual = deepCopy(in);
        twin.accept(expected);
        candidate.accept(actual);
        for (int k = 0; k < in.length; k++) {
            assertTrue(sameBits(expected[k], actual[k]), where + ": array " + k + " differs");
        }
    }

    private static float[][] deepCopy(float[][] in) {
        float[][] c = new float[in.length][];
        for (int k = 0; k < in.length; k++) {
            c[k] = in[k].clone();
        }
        return c;
    }

    private static double[][] deepCopy(double[][] in) {
        double[][] c = new double[in.length][];
        for (int k = 0; k < in.length; k++) {
            c[k] = in[k].clone();
        }
        return c;
    }

    // ---- SIMD against the twin ----

    @Property(tries = 60)
    void sgdSimdRunAndInPlaceMatchTheTwin(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 3);
        float lr = (float) rng.nextDouble();
        float[][] x = floats(rng, n, o);
        Consumer<float[][]> twin = a -> SgdKernel.scalar(a[0], o[0], a[1], o[1], lr, a[2], o[2], n);
        assertSameEffect("sgd simd n=" + n, x, twin, a -> SgdKernel.simd(a[0], o[0], a[1], o[1], lr, a[2], o[2], n));
        assertSameEffect("sgd run n=" + n, x, twin, a -> SgdKernel.run(a[0], o[0], a[1], o[1], lr, a[2], o[2], n));
        // in place: the twin writes into w's copy too, so both sides see out == w
        assertSameEffect("sgd in place n=" + n, x, a -> SgdKernel.scalar(a[0], o[0], a[1], o[1], lr, a[0], o[0], n),
                a -> SgdKernel.run(a[0], o[0], a[1], o[1], lr, a[0], o[0], n));

        double[][] d = doubles(rng, n, o);
        assertSameEffect("sgd double n=" + n, d, a -> SgdKernel.scalar(a[0], o[0], a[1], o[1], 0.01, a[2], o[2], n),
                a -> SgdKernel.simd(a[0], o[0], a[1], o[1], 0.01, a[2], o[2], n));
    }

    @Property(tries = 60)
    void sgdMomentumSimdMatchesTheTwinWithAndWithoutNesterov(@ForAll("lengths") int n, @ForAll boolean nesterov,
                                                             @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 4);
        float lr = (float) rng.nextDouble();
        float mu = (float) rng.nextDouble();
        float[][] x = floats(rng, n, o);
        String where = "momentum nesterov=" + nesterov + " n=" + n;
        Consumer<float[][]> twin = a -> SgdMomentumKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], lr, mu, nesterov, a[3], o[3], n);
        assertSameEffect(where, x, twin,
                a -> SgdMomentumKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], lr, mu, nesterov, a[3], o[3], n));
        assertSameEffect(where + " run", x, twin,
                a -> SgdMomentumKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], lr, mu, nesterov, a[3], o[3], n));
        assertSameEffect(where + " in place", x,
                a -> SgdMomentumKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], lr, mu, nesterov, a[0], o[0], n),
                a -> SgdMomentumKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], lr, mu, nesterov, a[0], o[0], n));

        double[][] d = doubles(rng, n, o);
        assertSameEffect(where + " double", d,
                a -> SgdMomentumKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], 0.01, 0.9, nesterov, a[3], o[3], n),
                a -> SgdMomentumKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], 0.01, 0.9, nesterov, a[3], o[3], n));
    }

    @Property(tries = 60)
    void adamSimdMatchesTheTwinInOutputAndBothMoments(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 5);
        float alpha = (float) rng.nextDouble() * 1e-2f;
        float[][] x = floats(rng, n, o, false, false, false, true);
        String where = "adam n=" + n;
        Consumer<float[][]> twin = a -> AdamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], alpha, 0.1f, 0.001f, 1e-7f, a[4], o[4], n);
        assertSameEffect(where, x, twin,
                a -> AdamKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], alpha, 0.1f, 0.001f, 1e-7f, a[4], o[4], n));
        assertSameEffect(where + " run", x, twin,
                a -> AdamKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], alpha, 0.1f, 0.001f, 1e-7f, a[4], o[4], n));
        assertSameEffect(where + " in place", x,
                a -> AdamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], alpha, 0.1f, 0.001f, 1e-7f, a[0], o[0], n),
                a -> AdamKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], alpha, 0.1f, 0.001f, 1e-7f, a[0], o[0], n));

        double[][] d = doubles(rng, n, o, false, false, false, true);
        assertSameEffect(where + " double", d,
                a -> AdamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.001, 1e-7, a[4], o[4], n),
                a -> AdamKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.001, 1e-7, a[4], o[4], n));
    }

    @Property(tries = 60)
    void rmspropSimdMatchesTheTwinInAllFourVariants(@ForAll("lengths") int n, @ForAll boolean centered,
                                                    @ForAll boolean withMomentum, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 6);
        float lr = (float) rng.nextDouble() * 1e-2f;
        float[][] x = floats(rng, n, o, false, false, true);
        int mg = centered ? 3 : -1;
        int mom = withMomentum ? 4 : -1;
        String where = "rmsprop centered=" + centered + " momentum=" + withMomentum + " n=" + n;
        assertSameEffect(where, x,
                a -> RmspropKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        lr, 0.9f, 0.1f, 0.5f, 1e-7f, a[5], o[5], n),
                a -> RmspropKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        lr, 0.9f, 0.1f, 0.5f, 1e-7f, a[5], o[5], n));
        assertSameEffect(where + " in place run", x,
                a -> RmspropKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        lr, 0.9f, 0.1f, 0.5f, 1e-7f, a[0], o[0], n),
                a -> RmspropKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        lr, 0.9f, 0.1f, 0.5f, 1e-7f, a[0], o[0], n));

        double[][] d = doubles(rng, n, o, false, false, true);
        assertSameEffect(where + " double", d,
                a -> RmspropKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        1e-3, 0.9, 0.1, 0.5, 1e-7, a[5], o[5], n),
                a -> RmspropKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], pick(a, mg), o[3], pick(a, mom), o[4],
                        1e-3, 0.9, 0.1, 0.5, 1e-7, a[5], o[5], n));
    }

    private static float[] pick(float[][] arrays, int k) {
        return k < 0 ? null : arrays[k];
    }

    private static double[] pick(double[][] arrays, int k) {
        return k < 0 ? null : arrays[k];
    }

    @Property(tries = 60)
    void adagradSimdMatchesTheTwinInOutputAndAccumulator(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 4);
        float lr = (float) rng.nextDouble() * 1e-2f;
        float[][] x = floats(rng, n, o, false, false, true);
        Consumer<float[][]> twin = a -> AdagradKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], lr, 1e-7f, a[3], o[3], n);
        assertSameEffect("adagrad n=" + n, x, twin,
                a -> AdagradKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], lr, 1e-7f, a[3], o[3], n));
        assertSameEffect("adagrad run n=" + n, x, twin,
                a -> AdagradKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], lr, 1e-7f, a[3], o[3], n));
        assertSameEffect("adagrad in place n=" + n, x,
                a -> AdagradKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], lr, 1e-7f, a[0], o[0], n),
                a -> AdagradKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], lr, 1e-7f, a[0], o[0], n));

        double[][] d = doubles(rng, n, o, false, false, true);
        assertSameEffect("adagrad double n=" + n, d,
                a -> AdagradKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], 0.01, 1e-7, a[3], o[3], n),
                a -> AdagradKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], 0.01, 1e-7, a[3], o[3], n));
    }

    @Property(tries = 60)
    void adamaxSimdMatchesTheTwinInOutputAndBothStates(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 5);
        float lr = (float) rng.nextDouble() * 1e-2f;
        float[][] x = floats(rng, n, o, false, false, false, true);
        Consumer<float[][]> twin = a -> AdamaxKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.999f, 0.19f, 1e-7f, a[4], o[4], n);
        assertSameEffect("adamax n=" + n, x, twin,
                a -> AdamaxKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.999f, 0.19f, 1e-7f, a[4], o[4], n));
        assertSameEffect("adamax in place n=" + n, x,
                a -> AdamaxKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.999f, 0.19f, 1e-7f, a[0], o[0], n),
                a -> AdamaxKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.999f, 0.19f, 1e-7f, a[0], o[0], n));
        double[][] d = doubles(rng, n, o, false, false, false, true);
        assertSameEffect("adamax double n=" + n, d,
                a -> AdamaxKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.999, 0.19, 1e-7, a[4], o[4], n),
                a -> AdamaxKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.999, 0.19, 1e-7, a[4], o[4], n));
    }

    @Property(tries = 60)
    void nadamSimdMatchesTheTwinInOutputAndBothMoments(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 5);
        float lr = (float) rng.nextDouble() * 1e-2f;
        float[][] x = floats(rng, n, o, false, false, false, true);
        Consumer<float[][]> twin = a -> NadamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.001f,
                0.47f, 0.78f, 0.53f, 0.53f, 0.001f, 1e-7f, a[4], o[4], n);
        assertSameEffect("nadam n=" + n, x, twin,
                a -> NadamKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.001f,
                        0.47f, 0.78f, 0.53f, 0.53f, 0.001f, 1e-7f, a[4], o[4], n));
        assertSameEffect("nadam in place n=" + n, x,
                a -> NadamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.001f,
                        0.47f, 0.78f, 0.53f, 0.53f, 0.001f, 1e-7f, a[0], o[0], n),
                a -> NadamKernel.run(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], lr, 0.1f, 0.001f,
                        0.47f, 0.78f, 0.53f, 0.53f, 0.001f, 1e-7f, a[0], o[0], n));
        double[][] d = doubles(rng, n, o, false, false, false, true);
        assertSameEffect("nadam double n=" + n, d,
                a -> NadamKernel.scalar(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.001,
                        0.47, 0.78, 0.53, 0.53, 0.001, 1e-7, a[4], o[4], n),
                a -> NadamKernel.simd(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], 1e-3, 0.1, 0.001,
                        0.47, 0.78, 0.53, 0.53, 0.001, 1e-7, a[4], o[4], n));
    }

    @Property(tries = 60)
    void weightDecaySimdMatchesTheTwin(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] o = offsets(rng, 2);
        float[][] x = floats(rng, n, o);
        Consumer<float[][]> twin = a -> WeightDecayKernel.scalar(a[0], o[0], 0.004f, 0.01f, a[1], o[1], n);
        assertSameEffect("decay n=" + n, x, twin, a -> WeightDecayKernel.simd(a[0], o[0], 0.004f, 0.01f, a[1], o[1], n));
        assertSameEffect("decay in place n=" + n, x, a -> WeightDecayKernel.scalar(a[0], o[0], 0.004f, 0.01f, a[0], o[0], n),
                a -> WeightDecayKernel.run(a[0], o[0], 0.004f, 0.01f, a[0], o[0], n));
        double[][] d = doubles(rng, n, o);
        assertSameEffect("decay double n=" + n, d, a -> WeightDecayKernel.scalar(a[0], o[0], 0.004, 0.01, a[1], o[1], n),
                a -> WeightDecayKernel.simd(a[0], o[0], 0.004, 0.01, a[1], o[1], n));
    }

    // ---- one Keras step each, computed by hand (19 elements: the SIMD body and the tail both run) ----

    private static final int N = 19;

    private static float[] fill(float v) {
        float[] x = new float[N];
        Arrays.fill(x, v);
        return x;
    }

    private static void assertAll(float expected, float[] actual, String what) {
        for (float v : actual) {
            assertEquals(expected, v, Math.abs(expected) * 1e-6f, what);
        }
    }

    @Example
    void sgdStepsAgainstTheGradient() {
        float[] w = fill(1f);
        SgdKernel.run(w, 0, fill(2f), 0, 0.1f, w, 0, N);
        assertAll(0.8f, w, "1 - 0.1 * 2");
    }

    @Example
    void sgdMomentumMatchesTheKerasDocExample() {
        // Keras SGD docs: lr=0.1, momentum=0.9, loss=var^2/2 from var=1 moves by 0.1, then by 0.18.
        float[] w = fill(1f);
        float[] velocity = new float[N];
        SgdMomentumKernel.run(w, 0, w.clone(), 0, velocity, 0, 0.1f, 0.9f, false, w, 0, N);
        assertAll(0.9f, w, "step 1");
        SgdMomentumKernel.run(w, 0, w.clone(), 0, velocity, 0, 0.1f, 0.9f, false, w, 0, N);
        assertAll(0.72f, w, "step 2");
        assertAll(-0.18f, velocity, "velocity after step 2");
    }

    @Example
    void nesterovLooksAheadWithTheNewVelocity() {
        // v = 0.9*0 - 0.1*1 = -0.1; w = 1 + (0.9*(-0.1) - 0.1*1) = 0.81
        float[] w = fill(1f);
        SgdMomentumKernel.run(w, 0, fill(1f), 0, new float[N], 0, 0.1f, 0.9f, true, w, 0, N);
        assertAll(0.81f, w, "nesterov step");
    }

    @Example
    void adamFirstStepUsesEpsilonHat() {
        // TAPE.md 13.5: g = 1e-4, lr = 1e-3: Keras moves w by 9.69347e-4 (PyTorch's form would give 9.99001e-4).
        double lr = 1e-3;
        double alpha = lr * Math.sqrt(1 - 0.999) / (1 - 0.9);
        double[] w = new double[N];
        double[] g = new double[N];
        Arrays.fill(g, 1e-4);
        AdamKernel.run(w, 0, g, 0, new double[N], 0, new double[N], 0, alpha, 1 - 0.9, 1 - 0.999, 1e-7, w, 0, N);
        for (double v : w) {
            assertEquals(-9.69347e-4, v, 1e-9);
        }
    }

    @Example
    void rmspropMatchesTheKerasDocCheck() {
        // Keras RMSprop docs: lr=0.1, var=10, loss=var^2/2 (g = 10) gives 9.683772 after one step.
        float[] w = fill(10f);
        RmspropKernel.run(w, 0, fill(10f), 0, new float[N], 0, null, 0, null, 0, 0.1f, 0.9f, (float) (1 - 0.9), 0f, 1e-7f, w, 0, N);
        assertAll(9.683772f, w, "plain");

        // centered: ms = 10, mg = 1, denom = 9, inc = 0.1*10/3; with momentum 0.5 from mom = 0, mom = inc
        float[] c = fill(10f);
        float[] mom = new float[N];
        RmspropKernel.run(c, 0, fill(10f), 0, new float[N], 0, new float[N], 0, mom, 0, 0.1f, 0.9f, (float) (1 - 0.9), 0.5f, 1e-7f, c, 0, N);
        assertAll(10f - 1f / 3, c, "centered with momentum");
        assertAll(1f / 3, mom, "momentum buffer");
    }

    @Example
    void adagradDividesByTheRootOfTheAccumulatedSquares() {
        // acc = 0.1 + 2*2 = 4.1; w = 1 - 0.1*2/sqrt(4.1 + 1e-7) = 0.90122706
        float[] w = fill(1f);
        float[] acc = fill(0.1f);
        AdagradKernel.run(w, 0, fill(2f), 0, acc, 0, 0.1f, 1e-7f, w, 0, N);
        assertAll(4.1f, acc, "accumulator");
        assertAll(0.90122706f, w, "weight");
    }
}
