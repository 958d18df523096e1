package dev.vectorgrad.kernels.elementwise;

import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomDouble;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomFloat;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** AxpyKernel: the fused lanes against the Math.fma twin, bit for bit, and one answer only a fused op gives. */
class AxpyKernelTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return BinaryKernelsTestSupport.lengths();
    }

    @Property(tries = 100)
    void simdAndRunMatchTheFmaTwinBitForBit(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                             @ForAll @IntRange(max = 7) int yOff, @ForAll @IntRange(max = 7) int outOff,
                                             @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float alpha = randomFloat(rng);
        float[] x = new float[xOff + n];
        float[] y = new float[yOff + n];
        float[] expected = new float[outOff + n + 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = randomFloat(rng);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = randomFloat(rng);
        }
        float[] simd = expected.clone();
        float[] run = expected.clone();

        AxpyKernel.scalar(alpha, x, xOff, y, yOff, expected, outOff, n);
        AxpyKernel.simd(alpha, x, xOff, y, yOff, simd, outOff, n);
        AxpyKernel.run(alpha, x, xOff, y, yOff, run, outOff, n);

        String where = "alpha=" + alpha + " n=" + n;
        assertTrue(sameBits(expected, simd), where);
        assertTrue(sameBits(expected, run), where);
    }

    @Property(tries = 100)
    void doubleSimdAndInPlaceRunMatchTheFmaTwin(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int xOff,
                                                @ForAll @IntRange(max = 7) int yOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        double alpha = randomDouble(rng);
        double[] x = new double[xOff + n];
        double[] y = new double[yOff + n];
        for (int i = 0; i < x.length; i++) {
            x[i] = randomDouble(rng);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = randomDouble(rng);
        }
        double[] expected = new double[n];
        double[] simd = new double[n];
        double[] inPlace = y.clone();

        AxpyKernel.scalar(alpha, x, xOff, y, yOff, expected, 0, n);
        AxpyKernel.simd(alpha, x, xOff, y, yOff, simd, 0, n);
        AxpyKernel.run(alpha, x, xOff, inPlace, yOff, inPlace, yOff, n); // y += alpha * x

        assertTrue(sameBits(expected, simd), "alpha=" + alpha + " n=" + n);
        assertTrue(sameBits(expected, Arrays.copyOfRange(inPlace, yOff, yOff + n)), "in place, n=" + n);
    }

    @Example
    void theProductIsNotRoundedBeforeTheAdd() {
        // 0.1f = 13421773 * 2^-27, so 0.1f * 10 = 1 + 2^-26 exactly: rounding it first would give 1 and then 0.
        float[] x = new float[19];
        float[] y = new float[19];
        Arrays.fill(x, 10f);
        Arrays.fill(y, -1f);
        float[] out = new float[19];

        AxpyKernel.run(0.1f, x, 0, y, 0, out, 0, 19);

        for (float v : out) {
            assertEquals(0x1p-26f, v);
        }
    }
}
