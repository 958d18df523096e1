package dev.vectorgrad.kernels.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * SumKernel.simdLanes, which the cold-start gate runs before the SIMD body, must give the float SIMD body's bits
 * exactly (its lane order, blocks and double totals), at every forced width, so that the switch cannot change a sum.
 */
class SumColdLanesTest {

    @Property(tries = 200)
    void randomFloatsGiveTheSimdBodysBits(@ForAll @IntRange(max = 5000) int n, @ForAll @IntRange(max = 7) int off,
                                         @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[off + n];
        double scale = Math.pow(10, rng.nextInt(-6, 7));
        for (int i = 0; i < x.length; i++) x[i] = (float) (rng.nextDouble(-1, 1) * scale);
        assertSameBits(x, off, n);
    }

    @Test
    void blockEdgesSpecialsAndCancellationGiveTheSimdBodysBits() {
        int step = 4 * Simd.F32.length();
        for (int n : new int[] {0, 1, step - 1, step, step + 1, SumKernel.BLOCK - 1, SumKernel.BLOCK,
            SumKernel.BLOCK + step, 3 * SumKernel.BLOCK + 5}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (i % 2 == 0 ? 1e8f : -1e8f) + i * 0.37f;
            assertSameBits(x, 0, n);
        }
        float[] specials = new float[3 * step];
        specials[5] = -0f;
        assertSameBits(specials, 0, specials.length);
        specials[7] = Float.NaN;
        assertSameBits(specials, 0, specials.length);
        specials[7] = Float.POSITIVE_INFINITY;
        specials[9] = Float.NEGATIVE_INFINITY;
        assertSameBits(specials, 0, specials.length);
    }

    private static void assertSameBits(float[] x, int off, int n) {
        assertThat(Float.floatToIntBits(SumKernel.simdLanes(x, off, n))).as("n=" + n)
                .isEqualTo(Float.floatToIntBits(SumKernel.simd(x, off, n)));
    }
}
