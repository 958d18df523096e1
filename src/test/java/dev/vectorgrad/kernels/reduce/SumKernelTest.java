package dev.vectorgrad.kernels.reduce;

import static dev.vectorgrad.kernels.reduce.ReduceTestSupport.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** SumKernel: the documented error bounds against exact sums, exact integer wrapping, and known answers. */
class SumKernelTest {
    private static final int LF = Simd.F32.length();
    private static final int LD = Simd.F64.length();

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.lengths();
    }

    @Property(tries = 100)
    void floatSumsStayWithinTheBlockedBoundOfTheExactSum(@ForAll("lengths") int n,
                                                          @ForAll @IntRange(max = 7) int xOff, @ForAll long seed) {
        float[] x = ReduceTestSupport.floats(new SplittableRandom(seed), xOff + n);
        double exact = 0;   // float terms summed in double: off by at most n·2^-53·S, which the bound includes
        double abs = 0;
        for (int i = xOff; i < xOff + n; i++) {
            exact += x[i];
            abs += Math.abs(x[i]);
        }
        double slack = n * 0x1p-53 * abs;
        float simd = SumKernel.simd(x, xOff, n);
        float scalar = SumKernel.scalar(x, xOff, n);
        float run = SumKernel.run(x, xOff, n);

        double simdBound = (SumKernel.BLOCK / (4.0 * LF) + 4) * 0x1p-24 * abs + slack;
        double scalarBound = 0x1p-24 * Math.abs(exact) + 2 * slack;
        String where = "n=" + n + " xOff=" + xOff + " exact=" + exact;
        assertTrue(Math.abs(simd - exact) <= simdBound, () -> where + " simd=" + simd);
        assertTrue(Math.abs(scalar - exact) <= scalarBound, () -> where + " scalar=" + scalar);
        assertTrue(sameBits(run, simd) || sameBits(run, scalar), () -> where + " run=" + run);
        assertTrue(sameBits(simd, SumKernel.simd(x, xOff, n)), "the same input gives the same bits");
    }

    @Property(tries = 100)
    void doubleSumsStayWithinTheBoundOfTheExactSum(@ForAll("lengths") int n,
                                                    @ForAll @IntRange(max = 7) int xOff, @ForAll long seed) {
        double[] x = ReduceTestSupport.doubles(new SplittableRandom(seed), xOff + n);
        BigDecimal exactSum = BigDecimal.ZERO;
        double abs = 0;
        for (int i = xOff; i < xOff + n; i++) {
            exactSum = exactSum.add(new BigDecimal(x[i]));
            abs += Math.abs(x[i]);
        }
        double exact = exactSum.doubleValue();
        double simd = SumKernel.simd(x, xOff, n);
        double scalar = SumKernel.scalar(x, xOff, n);
        double run = SumKernel.run(x, xOff, n);

        double simdBound = (SumKernel.BLOCK / (4.0 * LD) + (double) n / SumKernel.BLOCK + LD + 4) * 0x1p-53 * abs
                + Math.ulp(exact);
        double scalarBound = n * 0x1p-53 * abs + Math.ulp(exact);
        String where = "n=" + n + " xOff=" + xOff + " exact=" + exact;
        assertTrue(Math.abs(simd - exact) <= simdBound, () -> where + " simd=" + simd);
        assertTrue(Math.abs(scalar - exact) <= scalarBound, () -> where + " scalar=" + scalar);
        assertTrue(sameBits(run, simd) || sameBits(run, scalar), () -> where + " run=" + run);
    }

    @Property(tries = 100)
    void integerSumsWrapAndMatchTheScalarTwinExactly(@ForAll("lengths") int n,
                                                      @ForAll @IntRange(max = 7) int xOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] xi = ReduceTestSupport.ints(rng, xOff + n, false);
        long[] xl = ReduceTestSupport.longs(rng, xOff + n, false);
        int wrappedInt = 0;
        long wrappedLong = 0;
        for (int i = xOff; i < xOff + n; i++) {
            wrappedInt += xi[i];
            wrappedLong += xl[i];
        }
        assertEquals(wrappedInt, SumKernel.scalar(xi, xOff, n));
        assertEquals(wrappedInt, SumKernel.simd(xi, xOff, n));
        assertEquals(wrappedInt, SumKernel.run(xi, xOff, n));
        assertEquals(wrappedLong, SumKernel.scalar(xl, xOff, n));
        assertEquals(wrappedLong, SumKernel.simd(xl, xOff, n));
        assertEquals(wrappedLong, SumKernel.run(xl, xOff, n));
    }

    @Property(tries = 30)
    void nanAndInfinitiesPropagate(@ForAll("lengths") int n, @ForAll long seed) {
        n = Math.max(n, 1);
        float[] x = ReduceTestSupport.floats(new SplittableRandom(seed), n);
        int at = new SplittableRandom(seed + 1).nextInt(n);
        x[at] = Float.POSITIVE_INFINITY;
        assertEquals(Float.POSITIVE_INFINITY, SumKernel.simd(x, 0, n));
        x[n - 1 - at] = Float.NEGATIVE_INFINITY;
        assertTrue(Float.isNaN(SumKernel.simd(x, 0, n)) || n - 1 - at == at, "+Inf + -Inf is NaN");
        x[at] = Float.NaN;
        assertTrue(Float.isNaN(SumKernel.simd(x, 0, n)));
        assertTrue(Float.isNaN(SumKernel.scalar(x, 0, n)));
    }

    @Example
    void knownAnswers() {
        assertEquals(6f, SumKernel.run(new float[] {1, 2, 3}, 0, 3));
        assertEquals(6.0, SumKernel.run(new double[] {9, 1, 2, 3}, 1, 3));
        assertEquals(0f, SumKernel.run(new float[0], 0, 0));
        float[] ones = new float[4099];
        java.util.Arrays.fill(ones, 1f);
        assertEquals(4099f, SumKernel.simd(ones, 0, 4099));
        // two's complement wrap, as TensorFlow keeps int32 for an int32 sum
        assertEquals(Integer.MIN_VALUE, SumKernel.run(new int[] {Integer.MAX_VALUE, 1}, 0, 2));
        int[] big = new int[100];
        java.util.Arrays.fill(big, Integer.MAX_VALUE);
        assertEquals(100 * Integer.MAX_VALUE, SumKernel.simd(big, 0, 100));
        assertEquals(Long.MIN_VALUE, SumKernel.run(new long[] {Long.MAX_VALUE, 1}, 0, 2));
    }

    @Example
    void aMillionTenthsSumAccuratelyInFloat() {
        // a plain float accumulator ends near 100958 here (1% off); blocked summation keeps the bound's 36 ulp
        int n = 1 << 20;
        float[] x = new float[n];
        java.util.Arrays.fill(x, 0.1f);
        double exact = n * (double) 0.1f;
        double bound = (SumKernel.BLOCK / (4.0 * LF) + 4) * 0x1p-24 * exact;
        float simd = SumKernel.simd(x, 0, n);
        assertTrue(Math.abs(simd - exact) <= bound, () -> "simd=" + simd + " exact=" + exact);
        assertEquals((float) exact, SumKernel.scalar(x, 0, n));
    }
}
