package dev.vectorgrad.kernels.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The cold-start gate may run {@link Gemm#scalar} in place of the SIMD path only where {@link Gemm#twinExact} says
 * the two give the same bits: this checks that claim against {@code run}, which the kernel suite runs with the gate
 * off, at every forced width.
 */
class GemmColdGateTest {

    @Property(tries = 300)
    void whereTwinExactSaysSoRunGivesTheTwinsBitsFloat(@ForAll @IntRange(min = 1, max = 40) int m,
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 1, max = 70) int k,
            @ForAll boolean aTransposed, @ForAll boolean bTransposed, @ForAll long seed) {
        checkFloat(m, n, k, aTransposed, bTransposed, seed);
    }

    @Property(tries = 300)
    void whereTwinExactSaysSoRunGivesTheTwinsBitsDouble(@ForAll @IntRange(min = 1, max = 40) int m,
            @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 1, max = 70) int k,
            @ForAll boolean aTransposed, @ForAll boolean bTransposed, @ForAll long seed) {
        checkDouble(m, n, k, aTransposed, bTransposed, seed);
    }

    @Test
    void packedAndParallelProductsWithinOneKcBlockKeepTheTwinsChain() {
        checkFloat(64, 70, Gemm.KC, false, false, 1);
        checkFloat(33, 9, Gemm.KC - 1, true, false, 2);
        checkDouble(64, 70, Gemm.KC, false, false, 3);
        checkDouble(17, 40, 300, true, true, 4);
    }

    @Test
    void theShapesThatDifferAreNotGated() {
        int lf = Simd.F32.length();
        // x·Wᵀ with a long k: lanes then reduceLanes, not one chain
        assertThat(Gemm.twinExact(32, 10, 2 * lf, 2 * lf, 1, 1, 2 * lf, 10, lf)).isFalse();
        assertThat(Gemm.twinExact(32, 10, 2 * lf - 1, 2 * lf - 1, 1, 1, 2 * lf - 1, 10, lf)).isTrue();
        // more than one KC block: one add per block
        assertThat(Gemm.twinExact(64, 64, Gemm.KC + 1, Gemm.KC + 1, 1, 64, 1, 64, lf)).isFalse();
        // a row times a panel keeps the chain for any k
        assertThat(Gemm.twinExact(1, 64, 5000, 5000, 1, 64, 1, 64, lf)).isTrue();
    }

    private static void checkFloat(int m, int n, int k, boolean aT, boolean bT, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[m * k + 3];
        float[] b = new float[k * n + 3];
        for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextDouble(-2, 2);
        for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextDouble(-2, 2);
        int aRs = aT ? 1 : k, aCs = aT ? m : 1, bRs = bT ? 1 : n, bCs = bT ? k : 1;
        if (!Gemm.twinExact(m, n, k, aRs, aCs, bRs, bCs, n, Simd.F32.length())) {
            return;
        }
        float[] viaRun = new float[m * n + 2];
        float[] viaTwin = new float[m * n + 2];
        Gemm.run(m, n, k, a, 3, aRs, aCs, b, 3, bRs, bCs, viaRun, 2, n);
        Gemm.scalar(m, n, k, a, 3, aRs, aCs, b, 3, bRs, bCs, viaTwin, 2, n);
        for (int i = 0; i < viaRun.length; i++) {
            int at = i;
            assertThat(Float.floatToRawIntBits(viaRun[i])).as(() -> "m=%d n=%d k=%d aT=%s bT=%s at %d"
                    .formatted(m, n, k, aT, bT, at)).isEqualTo(Float.floatToRawIntBits(viaTwin[i]));
        }
    }

    private static void checkDouble(int m, int n, int k, boolean aT, boolean bT, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[m * k + 3];
        double[] b = new double[k * n + 3];
        for (int i = 0; i < a.length; i++) a[i] = rng.nextDouble(-2, 2);
        for (int i = 0; i < b.length; i++) b[i] = rng.nextDouble(-2, 2);
        int aRs = aT ? 1 : k, aCs = aT ? m : 1, bRs = bT ? 1 : n, bCs = bT ? k : 1;
        if (!Gemm.twinExact(m, n, k, aRs, aCs, bRs, bCs, n, Simd.F64.length())) {
            return;
        }
        double[] viaRun = new double[m * n + 2];
        double[] viaTwin = new double[m * n + 2];
        Gemm.run(m, n, k, a, 3, aRs, aCs, b, 3, bRs, bCs, viaRun, 2, n);
        Gemm.scalar(m, n, k, a, 3, aRs, aCs, b, 3, bRs, bCs, viaTwin, 2, n);
        for (int i = 0; i < viaRun.length; i++) {
            int at = i;
            assertThat(Double.doubleToRawLongBits(viaRun[i])).as(() -> "m=%d n=%d k=%d aT=%s bT=%s at %d"
                    .formatted(m, n, k, aT, bT, at)).isEqualTo(Double.doubleToRawLongBits(viaTwin[i]));
        }
    }
}
