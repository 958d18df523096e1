package dev.vectorgrad.kernels.reduce;

import static dev.vectorgrad.kernels.reduce.ReduceTestSupport.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** ProdKernel: relative error bounds against a 40-digit product, exact integer wrapping, known answers. */
class ProdKernelTest {
    private static final int LF = Simd.F32.length();
    private static final int LD = Simd.F64.length();

    @Provide
    Arbitrary<Integer> lengths() {
        return ReduceTestSupport.lengths();
    }

    /** Factors in ±[0.8, 1.25]: products of 5000 of them stay far from float overflow and underflow. */
    private static double factor(SplittableRandom rng) {
        double f = Math.exp(rng.nextDouble(Math.log(0.8), Math.log(1.25)));
        return rng.nextBoolean() ? f : -f;
    }

    @Property(tries = 100)
    void floatAndDoubleProductsStayWithinTheRelativeBound(@ForAll("lengths") int n,
                                                          @ForAll @IntRange(max = 7) int xOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float[] xf = new float[xOff + n];
        double[] xd = new double[xOff + n];
        for (int i = 0; i < xOff + n; i++) {
            xf[i] = (float) factor(rng);
            xd[i] = factor(rng);
        }
        BigDecimal pf = BigDecimal.ONE;
        BigDecimal pd = BigDecimal.ONE;
        for (int i = xOff; i < xOff + n; i++) {
            pf = pf.multiply(new BigDecimal(xf[i]), MathContext.DECIMAL128);
            pd = pd.multiply(new BigDecimal(xd[i]), MathContext.DECIMAL128);
        }
        double exactF = pf.doubleValue();
        double exactD = pd.doubleValue();
        double boundF = (2 * 0x1p-24 + (n + 2 * LF + 2) * 0x1p-53) * Math.abs(exactF);
        double boundD = (n + 2 * LD + 2) * 0x1p-53 * Math.abs(exactD);
        String where = "n=" + n + " xOff=" + xOff;
        for (float r : new float[] {ProdKernel.scalar(xf, xOff, n), ProdKernel.simd(xf, xOff, n)}) {
            assertTrue(Math.abs(r - exactF) <= boundF, () -> where + " float " + r + " vs " + exactF);
        }
        for (double r : new double[] {ProdKernel.scalar(xd, xOff, n), ProdKernel.simd(xd, xOff, n)}) {
            assertTrue(Math.abs(r - exactD) <= boundD, () -> where + " double " + r + " vs " + exactD);
        }
        float run = ProdKernel.run(xf, xOff, n);
        assertTrue(sameBits(run, ProdKernel.simd(xf, xOff, n)) || sameBits(run, ProdKernel.scalar(xf, xOff, n)));
    }

    @Property(tries = 100)
    void integerProductsWrapAndMatchTheScalarTwinExactly(@ForAll("lengths") int n,
                                                          @ForAll @IntRange(max = 7) int xOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        // odd factors, so the wrapped product does not collapse to 0 after 32 or 64 factors of 2
        int[] xi = ReduceTestSupport.ints(rng, xOff + n, false);
        long[] xl = ReduceTestSupport.longs(rng, xOff + n, false);
        int wrappedInt = 1;
        long wrappedLong = 1;
        for (int i = 0; i < xOff + n; i++) {
            xi[i] |= 1;
            xl[i] |= 1;
            if (i >= xOff) {
                wrappedInt *= xi[i];
                wrappedLong *= xl[i];
            }
        }
        assertEquals(wrappedInt, ProdKernel.scalar(xi, xOff, n));
        assertEquals(wrappedInt, ProdKernel.simd(xi, xOff, n));
        assertEquals(wrappedInt, ProdKernel.run(xi, xOff, n));
        assertEquals(wrappedLong, ProdKernel.scalar(xl, xOff, n));
        assertEquals(wrappedLong, ProdKernel.simd(xl, xOff, n));
        assertEquals(wrappedLong, ProdKernel.run(xl, xOff, n));
    }

    @Example
    void knownAnswers() {
        assertEquals(24f, ProdKernel.run(new float[] {2, 3, 4}, 0, 3));
        assertEquals(1f, ProdKernel.run(new float[0], 0, 0));
        assertEquals(-0.125, ProdKernel.run(new double[] {7, 0.5, -0.5, 0.5}, 1, 3));
        assertEquals(24, ProdKernel.run(new int[] {2, 3, 4}, 0, 3));
        assertEquals(0, ProdKernel.run(new int[] {65536, 65536}, 0, 2), "2^32 wraps to 0");
        // 1e30 · 1e30 · 1e-30 · 1e-30 overflows a float accumulator; the double one gives 1
        float[] wide = new float[64];
        java.util.Arrays.fill(wide, 1f);
        wide[0] = 1e30f;
        wide[1] = 1e30f;
        wide[2] = 1e-30f;
        wide[3] = 1e-30f;
        assertEquals(1f, ProdKernel.simd(wide, 0, 64), 1e-6f);
        assertEquals(1f, ProdKernel.scalar(wide, 0, 64), 1e-6f);
        float[] withNaN = {1, 2, Float.NaN, 0};
        assertTrue(Float.isNaN(ProdKernel.run(withNaN, 0, 4)));
    }
}
