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

/** DotKernel: the documented bounds against the exact dot product (BigDecimal), and known answers. */
class DotKernelTest {
    private static final int LF = Simd.F32.length();
    private static final int LD = Simd.F64.length();

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.lengths();
    }

    @Property(tries = 100)
    void floatDotStaysWithinTheBlockedBound(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                            @ForAll @IntRange(max = 7) int yOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float[] x = ReduceTestSupport.floats(rng, xOff + n);
        float[] y = ReduceTestSupport.floats(rng, yOff + n);
        BigDecimal exactSum = BigDecimal.ZERO;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            double p = (double) x[xOff + i] * y[yOff + i];   // exact: 24 + 24 bits fit in 53
            exactSum = exactSum.add(new BigDecimal(p));
            abs += Math.abs(p);
        }
        double exact = exactSum.doubleValue();
        float simd = DotKernel.simd(x, xOff, y, yOff, n);
        float scalar = DotKernel.scalar(x, xOff, y, yOff, n);
        float run = DotKernel.run(x, xOff, y, yOff, n);
        double simdBound = (SumKernel.BLOCK / (4.0 * LF) + 4) * 0x1p-24 * abs;
        double scalarBound = 0x1p-24 * Math.abs(exact) + (n + 1) * 0x1p-53 * abs;
        String where = "n=" + n + " offsets=" + xOff + "," + yOff + " exact=" + exact;
        assertTrue(Math.abs(simd - exact) <= simdBound, () -> where + " simd=" + simd);
        assertTrue(Math.abs(scalar - exact) <= scalarBound, () -> where + " scalar=" + scalar);
        assertTrue(sameBits(run, simd) || sameBits(run, scalar), () -> where + " run=" + run);
    }

    @Property(tries = 100)
    void doubleDotStaysWithinItsBound(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                      @ForAll @IntRange(max = 7) int yOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        double[] x = ReduceTestSupport.doubles(rng, xOff + n);
        double[] y = ReduceTestSupport.doubles(rng, yOff + n);
        BigDecimal exactSum = BigDecimal.ZERO;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            exactSum = exactSum.add(new BigDecimal(x[xOff + i]).multiply(new BigDecimal(y[yOff + i])));
            abs += Math.abs(x[xOff + i] * y[yOff + i]);
        }
        double exact = exactSum.doubleValue();
        double simd = DotKernel.simd(x, xOff, y, yOff, n);
        double scalar = DotKernel.scalar(x, xOff, y, yOff, n);
        double simdBound = (SumKernel.BLOCK / (4.0 * LD) + (double) n / SumKernel.BLOCK + LD + 5) * 0x1p-53 * abs
                + Math.ulp(exact);
        double scalarBound = (n + 1) * 0x1p-53 * abs + Math.ulp(exact);
        String where = "n=" + n + " offsets=" + xOff + "," + yOff + " exact=" + exact;
        assertTrue(Math.abs(simd - exact) <= simdBound, () -> where + " simd=" + simd);
        assertTrue(Math.abs(scalar - exact) <= scalarBound, () -> where + " scalar=" + scalar);
        double run = DotKernel.run(x, xOff, y, yOff, n);
        assertTrue(sameBits(run, simd) || sameBits(run, scalar), () -> where + " run=" + run);
    }

    @Example
    void knownAnswers() {
        assertEquals(32f, DotKernel.run(new float[] {1, 2, 3}, 0, new float[] {4, 5, 6}, 0, 3));
        assertEquals(0f, DotKernel.run(new float[0], 0, new float[0], 0, 0));
        assertEquals(22.0, DotKernel.run(new double[] {0, 1, 2}, 1, new double[] {3, 4, 9}, 1, 2));
        // Σ i·(n-1-i) for n = 1001 is n(n-1)(n-2)/6 = 166_666_500, exact in float products summed in double
        int n = 1001;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            b[i] = n - 1 - i;
        }
        assertEquals(166_666_500f, DotKernel.scalar(a, 0, b, 0, n));
        assertEquals(166_666_500f, DotKernel.simd(a, 0, b, 0, n), 166_666_500f * 0x1p-20f);
    }
}
