package dev.vectorgrad.kernels.reduce;

import static dev.vectorgrad.kernels.reduce.ReduceTestSupport.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** MaxKernel and MinKernel: SIMD equals the Math.max/min fold exactly, NaN and signed zeros included. */
class MaxMinKernelTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.nonEmptyLengths();
    }

    /** A plain reference: NaN if any, else the largest by compare, +0.0 preferred over -0.0. */
    private static double referenceMax(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) {
            if (Double.isNaN(x[i])) {
                return Double.NaN;
            }
            if (x[i] > m || (x[i] == 0 && m == 0 && Double.doubleToRawLongBits(x[i]) == 0)) {
                m = x[i];
            }
        }
        return m;
    }

    @Property(tries = 100)
    void floatMaxAndMinEqualTheScalarFoldBitForBit(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                                   @ForAll @IntRange(max = 30) int specialsPerThousand,
                                                   @ForAll long seed) {
        float[] x = ReduceTestSupport.floatsWithSpecials(new SplittableRandom(seed), xOff + n, specialsPerThousand);
        String where = "n=" + n + " xOff=" + xOff;
        float max = MaxKernel.scalar(x, xOff, n);
        float min = MinKernel.scalar(x, xOff, n);
        assertTrue(sameBits(max, MaxKernel.simd(x, xOff, n)), where);
        assertTrue(sameBits(max, MaxKernel.run(x, xOff, n)), where);
        assertTrue(sameBits(min, MinKernel.simd(x, xOff, n)), where);
        assertTrue(sameBits(min, MinKernel.run(x, xOff, n)), where);

        double[] widened = new double[x.length];
        double[] negated = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            widened[i] = x[i];
            negated[i] = -x[i];
        }
        assertTrue(sameBits((double) max, referenceMax(widened, xOff, n)), where);
        assertTrue(sameBits((double) min, -referenceMax(negated, xOff, n)), where);
    }

    @Property(tries = 100)
    void doubleMaxAndMinEqualTheScalarFoldBitForBit(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                                    @ForAll @IntRange(max = 30) int specialsPerThousand,
                                                    @ForAll long seed) {
        double[] x = ReduceTestSupport.doublesWithSpecials(new SplittableRandom(seed), xOff + n, specialsPerThousand);
        String where = "n=" + n + " xOff=" + xOff;
        double max = MaxKernel.scalar(x, xOff, n);
        double min = MinKernel.scalar(x, xOff, n);
        assertTrue(sameBits(max, referenceMax(x, xOff, n)), where);
        assertTrue(sameBits(max, MaxKernel.simd(x, xOff, n)), where);
        assertTrue(sameBits(max, MaxKernel.run(x, xOff, n)), where);
        assertTrue(sameBits(min, MinKernel.simd(x, xOff, n)), where);
        assertTrue(sameBits(min, MinKernel.run(x, xOff, n)), where);
    }

    @Property(tries = 100)
    void integerMaxAndMinEqualTheScalarFold(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                            @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] xi = ReduceTestSupport.ints(rng, xOff + n, false);
        long[] xl = ReduceTestSupport.longs(rng, xOff + n, false);
        int maxI = Integer.MIN_VALUE;
        int minI = Integer.MAX_VALUE;
        long maxL = Long.MIN_VALUE;
        long minL = Long.MAX_VALUE;
        for (int i = xOff; i < xOff + n; i++) {
            maxI = Math.max(maxI, xi[i]);
            minI = Math.min(minI, xi[i]);
            maxL = Math.max(maxL, xl[i]);
            minL = Math.min(minL, xl[i]);
        }
        assertEquals(maxI, MaxKernel.scalar(xi, xOff, n));
        assertEquals(maxI, MaxKernel.simd(xi, xOff, n));
        assertEquals(maxI, MaxKernel.run(xi, xOff, n));
        assertEquals(minI, MinKernel.simd(xi, xOff, n));
        assertEquals(minI, MinKernel.run(xi, xOff, n));
        assertEquals(maxL, MaxKernel.simd(xl, xOff, n));
        assertEquals(maxL, MaxKernel.run(xl, xOff, n));
        assertEquals(minL, MinKernel.scalar(xl, xOff, n));
        assertEquals(minL, MinKernel.simd(xl, xOff, n));
    }

    @Example
    void knownAnswers() {
        float[] x = new float[67];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37) % 67 - 30;     // a permutation of -30..36
        }
        assertEquals(36f, MaxKernel.run(x, 0, 67));
        assertEquals(-30f, MinKernel.run(x, 0, 67));
        assertEquals(-0.0f, MinKernel.run(new float[] {0.0f, -0.0f}, 0, 2));
        assertEquals(0.0f, MaxKernel.run(new float[] {-0.0f, 0.0f}, 0, 2));
        java.util.Arrays.fill(x, -0.0f);
        x[50] = 0.0f;
        assertEquals(0.0f, MaxKernel.simd(x, 0, 67), "+0.0 beats -0.0, as in Math.max");
        assertEquals(-0.0f, MinKernel.simd(x, 0, 67));
        x[3] = Float.NaN;
        assertTrue(Float.isNaN(MaxKernel.simd(x, 0, 67)));
        assertTrue(Float.isNaN(MinKernel.simd(x, 0, 67)));
        assertEquals(7, MaxKernel.run(new int[] {7}, 0, 1));
    }

    @Example
    void emptyInputIsRejectedWithItsName() {
        var e = assertThrows(IllegalArgumentException.class, () -> MaxKernel.run(new float[3], 1, 0));
        assertEquals("max: empty input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MaxKernel.simd(new double[3], 1, 0));
        assertEquals("max: empty input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MinKernel.run(new long[0], 0, 0));
        assertEquals("min: empty input", e.getMessage());
    }

    /** The compare-and-blend body: NaN in the first vectors, the loop, or the tail; zero results; all-negative. */
    @Example
    void floatMaxCompareAndBlendEdgeCases() {
        int n = 1003;
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) x[i] = (float) -(1 + r.nextDouble());
        assertEquals(MaxKernel.scalar(x, 0, n), MaxKernel.simd(x, 0, n), "all negative");
        for (int at : new int[] {0, 1, 500, n - 1}) {
            float[] y = x.clone();
            y[at] = Float.NaN;
            assertTrue(Float.isNaN(MaxKernel.simd(y, 0, n)), "NaN at " + at);
        }
        float[] z = x.clone();
        z[700] = -0.0f;
        assertTrue(sameBits(-0.0f, MaxKernel.simd(z, 0, n)), "-0.0 alone is the max");
        z[13] = 0.0f;
        assertTrue(sameBits(0.0f, MaxKernel.simd(z, 0, n)), "+0.0 found before a later -0.0");
        z[13] = -0.0f;
        z[900] = 0.0f;
        assertTrue(sameBits(0.0f, MaxKernel.simd(z, 0, n)), "+0.0 after a -0.0 in the same lane");
        z[n - 1] = Float.POSITIVE_INFINITY;
        assertEquals(Float.POSITIVE_INFINITY, MaxKernel.simd(z, 0, n));
    }

    /** MinKernel's compare-and-blend body, mirrored: NaN anywhere, signed zeros in either order, all positive. */
    @Example
    void floatMinCompareAndBlendEdgeCases() {
        int n = 1003;
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < n; i++) x[i] = (float) (1 + r.nextDouble());
        assertEquals(MinKernel.scalar(x, 0, n), MinKernel.simd(x, 0, n), "all positive");
        for (int at : new int[] {0, 1, 500, n - 1}) {
            float[] y = x.clone();
            y[at] = Float.NaN;
            assertTrue(Float.isNaN(MinKernel.simd(y, 0, n)), "NaN at " + at);
        }
        float[] z = x.clone();
        z[700] = 0.0f;
        assertTrue(sameBits(0.0f, MinKernel.simd(z, 0, n)), "+0.0 alone is the min");
        z[13] = -0.0f;
        assertTrue(sameBits(-0.0f, MinKernel.simd(z, 0, n)), "-0.0 found before a later +0.0");
        z[13] = 0.0f;
        z[900] = -0.0f;
        assertTrue(sameBits(-0.0f, MinKernel.simd(z, 0, n)), "-0.0 after a +0.0 in the same lane");
        z[n - 1] = Float.NEGATIVE_INFINITY;
        assertEquals(Float.NEGATIVE_INFINITY, MinKernel.simd(z, 0, n));
    }
}
