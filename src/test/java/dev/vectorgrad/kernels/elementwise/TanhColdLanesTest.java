package dev.vectorgrad.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * TanhKernel.simdLanes, which the cold-start gate runs before the SIMD body, must give the float SIMD body's bits
 * exactly (not just within its ulps), at every forced width, so that the switch cannot change a result.
 */
class TanhColdLanesTest {
    private static final float[] EDGES = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-20f, -1e-7f, 0.5625f, -0.5625f,
        Math.nextDown(0.5625f), Math.nextUp(0.5625f), 9.01f, 9.02f, -9.03f, 10f, Math.nextUp(10f), -10f, 88f, -100f,
        Float.MAX_VALUE, -Float.MAX_VALUE, 0.25f, 1f, -1f, 3.3f};

    @Test
    void edgesGiveTheSimdBodysBits() {
        float[] x = new float[EDGES.length * Simd.F32.length()];
        for (int i = 0; i < x.length; i++) x[i] = EDGES[i % EDGES.length];
        assertSameBits(x, 0, x.length);
    }

    @Property(tries = 200)
    void randomInputsGiveTheSimdBodysBits(@ForAll @IntRange(max = 300) int n, @ForAll @IntRange(max = 5) int off,
                                         @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[off + n];
        for (int i = 0; i < x.length; i++) {
            // mostly where the two branches and the saturation live, sometimes any float bits at all
            x[i] = rng.nextInt(8) == 0 ? Float.intBitsToFloat(rng.nextInt()) : (float) rng.nextDouble(-12, 12);
        }
        assertSameBits(x, off, n);
    }

    private static void assertSameBits(float[] x, int off, int n) {
        float[] lanes = new float[n];
        float[] simd = new float[n];
        TanhKernel.simdLanes(x, off, lanes, 0, n);
        TanhKernel.simd(x, off, simd, 0, n);
        for (int i = 0; i < n; i++) {
            int at = i;
            assertThat(Float.floatToIntBits(lanes[i])).as(() -> "tanh(" + x[off + at] + ")")
                    .isEqualTo(Float.floatToIntBits(simd[i]));
        }
    }
}
