package dev.vectorgrad.kernels.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** ArgMaxKernel and ArgMinKernel: NumPy's rules (first tie wins, first NaN wins), SIMD equal to the twin. */
class ArgMaxMinKernelTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.nonEmptyLengths();
    }

    /** NumPy's argmax written as plainly as possible: the first NaN, else the first index of the largest. */
    private static int referenceArgMax(double[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[off + i])) {
                return i;
            }
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        for (int i = 0; i < n; i++) {
            if (x[off + i] == m) {
                return i;
            }
        }
        throw new AssertionError("no maximum found");
    }

    @Property(tries = 100)
    void floatAndDoubleFollowNumPysTieAndNaNRules(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                                  @ForAll @IntRange(max = 10) int specialsPerThousand,
                                                  @ForAll long seed) {
        float[] x = ReduceTestSupport.floatsWithSpecials(new SplittableRandom(seed), xOff + n, specialsPerThousand);
        double[] d = new double[x.length];
        double[] negated = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
            negated[i] = -x[i];
        }
        int argMax = referenceArgMax(d, xOff, n);
        int argMin = referenceArgMax(negated, xOff, n);
        String where = "n=" + n + " xOff=" + xOff;
        assertEquals(argMax, ArgMaxKernel.scalar(x, xOff, n), where);
        assertEquals(argMax, ArgMaxKernel.simd(x, xOff, n), where);
        assertEquals(argMax, ArgMaxKernel.run(x, xOff, n), where);
        assertEquals(argMax, ArgMaxKernel.scalar(d, xOff, n), where);
        assertEquals(argMax, ArgMaxKernel.simd(d, xOff, n), where);
        assertEquals(argMin, ArgMinKernel.scalar(x, xOff, n), where);
        assertEquals(argMin, ArgMinKernel.simd(x, xOff, n), where);
        assertEquals(argMin, ArgMinKernel.run(x, xOff, n), where);
        assertEquals(argMin, ArgMinKernel.simd(d, xOff, n), where);
        assertEquals(argMin, ArgMinKernel.run(d, xOff, n), where);
    }

    @Property(tries = 100)
    void integersPickTheFirstOfTiedExtremes(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                            @ForAll boolean small, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] xi = ReduceTestSupport.ints(rng, xOff + n, small);
        long[] xl = ReduceTestSupport.longs(rng, xOff + n, small);
        int maxI = 0;
        int minI = 0;
        int maxL = 0;
        int minL = 0;
        for (int i = 1; i < n; i++) {
            maxI = xi[xOff + i] > xi[xOff + maxI] ? i : maxI;
            minI = xi[xOff + i] < xi[xOff + minI] ? i : minI;
            maxL = xl[xOff + i] > xl[xOff + maxL] ? i : maxL;
            minL = xl[xOff + i] < xl[xOff + minL] ? i : minL;
        }
        assertEquals(maxI, ArgMaxKernel.simd(xi, xOff, n));
        assertEquals(maxI, ArgMaxKernel.run(xi, xOff, n));
        assertEquals(minI, ArgMinKernel.simd(xi, xOff, n));
        assertEquals(minI, ArgMinKernel.scalar(xi, xOff, n));
        assertEquals(maxL, ArgMaxKernel.simd(xl, xOff, n));
        assertEquals(maxL, ArgMaxKernel.scalar(xl, xOff, n));
        assertEquals(minL, ArgMinKernel.simd(xl, xOff, n));
        assertEquals(minL, ArgMinKernel.run(xl, xOff, n));
    }

    @Example
    void knownAnswers() {
        assertEquals(1, ArgMaxKernel.run(new float[] {1, 3, 3, 2}, 0, 4), "first of the tied maxima");
        assertEquals(0, ArgMinKernel.run(new float[] {1, 3, 3, 1}, 0, 4), "first of the tied minima");
        assertEquals(1, ArgMaxKernel.run(new float[] {9, 1, 3, 3, 2}, 1, 4), "relative to xOff");
        assertEquals(1, ArgMaxKernel.run(new float[] {1, Float.NaN, 5, Float.NaN}, 0, 4), "the first NaN");
        assertEquals(1, ArgMinKernel.run(new double[] {1, Double.NaN, -5}, 0, 3), "NaN is the minimum too");
        assertEquals(0, ArgMaxKernel.run(new float[] {-0.0f, 0.0f}, 0, 2), "-0.0 and 0.0 tie, as in NumPy");
        float[] ramp = new float[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i % 100;
        }
        assertEquals(99, ArgMaxKernel.simd(ramp, 0, 1000));
        assertEquals(99, ArgMinKernel.simd(ramp, 1, 999), "ramp[100] is index 99 from offset 1");
        ramp[997] = Float.POSITIVE_INFINITY;
        assertEquals(997, ArgMaxKernel.simd(ramp, 0, 1000), "found in the scalar tail");
        assertEquals(0, ArgMaxKernel.run(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, 0, 2));
    }

    @Example
    void emptyInputIsRejectedWithItsName() {
        var e = assertThrows(IllegalArgumentException.class, () -> ArgMaxKernel.run(new float[2], 0, 0));
        assertEquals("argmax: empty input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArgMinKernel.simd(new int[2], 2, 0));
        assertEquals("argmin: empty input", e.getMessage());
    }
}
