package dev.vectorgrad.kernels.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * LogSumExpKernel, SoftmaxKernel and LogSoftmaxKernel against a double-precision reference written out
 * here, within the bounds their Javadoc promises, plus stability and special-value known answers.
 */
class SoftmaxFamilyTest {
    private static final double U = 0x1p-24;

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.lengths();
    }

    /** Logits at one of four scales, up to ±1e4 (far past where a naive exp overflows float). */
    private static float[] logits(SplittableRandom rng, int length) {
        double scale = new double[] {1, 10, 100, 1e4}[rng.nextInt(4)];
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    /** The reference: max, then everything in double (x - m is exact in double for float x). */
    private static double[] referenceSoftmax(float[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            m = Math.max(m, x[i]);
        }
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(x[off + i] - m);
            s += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= s;
        }
        return p;
    }

    private static double referenceLogSumExp(float[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            m = Math.max(m, x[i]);
        }
        double s = 0;
        for (int i = off; i < off + n; i++) {
            s += Math.exp(x[i] - m);
        }
        return m + Math.log(s);
    }

    @Property(tries = 100)
    void logSumExpStaysWithinItsBound(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                      @ForAll long seed) {
        n = Math.max(n, 1);
        float[] x = logits(new SplittableRandom(seed), xOff + n);
        double ref = referenceLogSumExp(x, xOff, n);
        double bound = Math.ulp((float) ref) + (Math.log(n) + 8) * U;
        String where = "n=" + n + " xOff=" + xOff + " ref=" + ref;
        for (float r : new float[] {LogSumExpKernel.scalar(x, xOff, n), LogSumExpKernel.simd(x, xOff, n),
                                    LogSumExpKernel.run(x, xOff, n)}) {
            assertTrue(Math.abs(r - ref) <= bound, () -> where + " got " + r);
        }
    }

    @Property(tries = 100)
    void softmaxStaysWithinItsRelativeBound(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                            @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        float[] x = logits(new SplittableRandom(seed), xOff + n);
        double[] p = referenceSoftmax(x, xOff, n);
        float m = n == 0 ? 0 : MaxKernel.scalar(x, xOff, n);
        float[] simd = new float[outOff + n];
        float[] scalar = new float[outOff + n];
        SoftmaxKernel.simd(x, xOff, simd, outOff, n);
        SoftmaxKernel.scalar(x, xOff, scalar, outOff, n);
        for (int i = 0; i < n; i++) {
            double d = Math.abs((double) x[xOff + i] - m);
            // relative bound, plus an absolute 2^-147 where the output is subnormal (exp is within 1 ulp there too)
            double bound = (d + Math.log(n) + 8) * U * p[i] + 0x1p-147;
            int k = i;
            String where = "n=" + n + " i=" + i + " d=" + d + " p=" + p[i];
            assertTrue(Math.abs(simd[outOff + i] - p[i]) <= bound, () -> where + " simd=" + simd[outOff + k]);
            assertTrue(Math.abs(scalar[outOff + i] - p[i]) <= bound, () -> where + " scalar=" + scalar[outOff + k]);
        }
        float[] inPlace = x.clone();
        SoftmaxKernel.run(inPlace, xOff, inPlace, xOff, n);
        float[] run = new float[n];
        SoftmaxKernel.run(x, xOff, run, 0, n);
        // in place and out of place each within the bound, not equal to each other: the two calls may run at
        // different JIT tiers, and the Vector API's per-lane Math.exp fallback and C2's SVML exp differ by an ulp
        for (int i = 0; i < n; i++) {
            double bound = (Math.abs((double) x[xOff + i] - m) + Math.log(n) + 8) * U * p[i] + 0x1p-147;
            int k = i;
            assertTrue(Math.abs(run[i] - p[i]) <= bound, () -> "n=" + n + " i=" + k + " run=" + run[k]);
            assertTrue(Math.abs(inPlace[xOff + i] - p[i]) <= bound, () -> "n=" + n + " i=" + k + " in place="
                    + inPlace[xOff + k]);
        }
    }

    @Property(tries = 100)
    void logSoftmaxStaysWithinItsBound(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                       @ForAll long seed) {
        float[] x = logits(new SplittableRandom(seed), xOff + n);
        float[] simd = new float[n];
        float[] scalar = new float[n];
        LogSoftmaxKernel.simd(x, xOff, simd, 0, n);
        LogSoftmaxKernel.scalar(x, xOff, scalar, 0, n);
        if (n == 0) {
            return;
        }
        float m = MaxKernel.scalar(x, xOff, n);
        double lse = referenceLogSumExp(x, xOff, n);
        for (int i = 0; i < n; i++) {
            double ref = ((double) x[xOff + i] - m) - (lse - m);
            double bound = Math.ulp(x[xOff + i] - m) + Math.ulp((float) ref) + (Math.log(n) + 8) * U;
            int k = i;
            String where = "n=" + n + " i=" + i + " ref=" + ref;
            assertTrue(Math.abs(simd[i] - ref) <= bound, () -> where + " simd=" + simd[k]);
            assertTrue(Math.abs(scalar[i] - ref) <= bound, () -> where + " scalar=" + scalar[k]);
        }
    }

    @Property(tries = 50)
    void doublePrecisionTwinsAgreeToTheirBound(@ForAll("lengths") int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float[] xf = logits(rng, n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xf[i] + rng.nextDouble() * 1e-3;
        }
        double[] simd = new double[n];
        double[] scalar = new double[n];
        SoftmaxKernel.simd(x, 0, simd, 0, n);
        SoftmaxKernel.scalar(x, 0, scalar, 0, n);
        double[] logSimd = new double[n];
        double[] logScalar = new double[n];
        LogSoftmaxKernel.simd(x, 0, logSimd, 0, n);
        LogSoftmaxKernel.scalar(x, 0, logScalar, 0, n);
        double m = n == 0 ? 0 : MaxKernel.scalar(x, 0, n);
        double du = 0x1p-53;
        // both twins carry the documented error; the scalar twin's left-to-right sum brings n·u, simd's n/L·u
        double sumTerms = n + (double) n / Simd.F64.length();
        for (int i = 0; i < n; i++) {
            double d = Math.abs(x[i] - m);
            double bound = (2 * d + 2 * Math.log(n) + sumTerms + 16) * du * scalar[i] + Double.MIN_NORMAL;
            assertEquals(scalar[i], simd[i], bound, "softmax n=" + n + " i=" + i);
            double logBound = 2 * Math.ulp(d) + 2 * Math.ulp(logSimd[i]) + (2 * Math.log(n) + sumTerms + 16) * du;
            assertEquals(logScalar[i], logSimd[i], logBound, "logSoftmax n=" + n + " i=" + i);
        }
        double lse = LogSumExpKernel.scalar(x, 0, n);
        assertEquals(lse, LogSumExpKernel.simd(x, 0, n),
                2 * Math.ulp(lse) + (2 * Math.log(Math.max(n, 1)) + sumTerms + 16) * du);
    }

    @Example
    void knownAnswers() {
        assertEquals((float) (1e4 + Math.log(2)), LogSumExpKernel.run(new float[] {1e4f, 1e4f}, 0, 2));
        assertEquals(1e4 + Math.log(2), LogSumExpKernel.run(new double[] {1e4, 1e4}, 0, 2), 1e-12);
        assertEquals((float) Math.log(3), LogSumExpKernel.run(new float[] {0, 0, 0}, 0, 3));
        float[] big = new float[100];
        Arrays.fill(big, -1e4f);
        assertEquals((float) (-1e4 + Math.log(100)), LogSumExpKernel.simd(big, 0, 100));
        float[] p = new float[2];
        SoftmaxKernel.run(new float[] {0, (float) Math.log(3)}, 0, p, 0, 2);
        assertArrayEquals(new float[] {0.25f, 0.75f}, p, 1e-7f);
        float[] logits = new float[33];
        Arrays.fill(logits, 1e4f);
        float[] q = new float[33];
        SoftmaxKernel.simd(logits, 0, q, 0, 33);
        for (float v : q) {
            assertEquals(1f / 33, v, 1e-7f, "no overflow at logits of 1e4");
        }
        LogSoftmaxKernel.simd(logits, 0, q, 0, 33);
        for (float v : q) {
            assertEquals((float) -Math.log(33), v, 1e-6f);
        }
        float[] two = new float[2];
        LogSoftmaxKernel.run(new float[] {1e4f, 1e4f}, 0, two, 0, 2);
        assertArrayEquals(new float[] {(float) -Math.log(2), (float) -Math.log(2)}, two);
    }

    @Example
    void specialValuesFollowTheDocumentedRules() {
        float inf = Float.POSITIVE_INFINITY;
        for (int n : new int[] {3, 40}) {
            float[] x = new float[n];
            assertEquals(Float.NEGATIVE_INFINITY, LogSumExpKernel.run(x, 0, 0), "empty");
            Arrays.fill(x, -inf);
            assertEquals(-inf, LogSumExpKernel.run(x, 0, n), "all -Inf");
            assertEquals(-inf, LogSumExpKernel.simd(x, 0, n), "all -Inf");
            x[1] = 5;
            assertEquals(5f, LogSumExpKernel.run(x, 0, n), "-Inf terms vanish");
            float[] p = new float[n];
            SoftmaxKernel.simd(x, 0, p, 0, n);
            assertEquals(1f, p[1]);
            assertEquals(0f, p[0]);
            x[2] = inf;
            assertEquals(inf, LogSumExpKernel.run(x, 0, n), "+Inf wins");
            assertEquals(inf, LogSumExpKernel.simd(x, 0, n), "+Inf wins");
            x[0] = Float.NaN;
            assertTrue(Float.isNaN(LogSumExpKernel.run(x, 0, n)), "NaN propagates");
            assertTrue(Float.isNaN(LogSumExpKernel.simd(x, 0, n)), "NaN propagates");
            SoftmaxKernel.simd(x, 0, p, 0, n);
            assertTrue(Float.isNaN(p[n - 1]), "NaN propagates to every softmax output");
        }
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExpKernel.run(new double[0], 0, 0));
    }
}
