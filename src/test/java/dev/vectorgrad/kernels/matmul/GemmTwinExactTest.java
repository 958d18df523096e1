package dev.vectorgrad.kernels.matmul;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Where {@link Gemm#twinExact} says so, the SIMD path gives the scalar twin's bits: the cold-start gate
 * ({@code kernels/Warmup}) may then send a call to the twin without any result depending on when C2 compiled the
 * SIMD path. The surefire runs keep the gates open, so {@code run} here is the SIMD path (or, in the scalar run,
 * the twin itself).
 */
class GemmTwinExactTest {

    /** m, n, k, A transposed (row stride 1), B transposed (column stride k). */
    private static final int[][] SHAPES = {
        {1, 37, 9, 0, 0}, {23, 1, 11, 1, 0}, {7, 10, 4, 0, 0}, {32, 10, 4, 1, 0}, {32, 32, 32, 0, 0},
        {50, 40, 30, 1, 0}, {4, 10, 32, 1, 0}, {33, 47, 129, 0, 1}, {64, 64, 64, 0, 1},
    };

    @Test
    void theTwinGivesTheSimdPathsBitsOnEveryShapeTwinExactAccepts() {
        SplittableRandom rnd = new SplittableRandom(11);
        int exact = 0;
        for (int[] s : SHAPES) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = new float[m * k], b = new float[k * n];
            double[] ad = new double[m * k], bd = new double[k * n];
            for (int i = 0; i < a.length; i++) {
                ad[i] = rnd.nextDouble(-2, 2);
                a[i] = (float) ad[i];
            }
            for (int i = 0; i < b.length; i++) {
                bd[i] = rnd.nextDouble(-2, 2);
                b[i] = (float) bd[i];
            }
            int aRs = s[3] == 1 ? 1 : k, aCs = s[3] == 1 ? m : 1;
            int bRs = s[4] == 1 ? 1 : n, bCs = s[4] == 1 ? k : 1;
            if (!Gemm.twinExact(m, n, k, aRs, aCs, bRs, bCs, n, (long) m * n * k)) {
                continue;
            }
            exact++;
            float[] run = new float[m * n], twin = new float[m * n];
            Gemm.run(m, n, k, a, 0, aRs, aCs, b, 0, bRs, bCs, run, 0, n);
            Gemm.scalar(m, n, k, a, 0, aRs, aCs, b, 0, bRs, bCs, twin, 0, n);
            assertArrayEquals(twin, run, () -> "float " + m + "x" + n + "x" + k);
            double[] rund = new double[m * n], twind = new double[m * n];
            Gemm.run(m, n, k, ad, 0, aRs, aCs, bd, 0, bRs, bCs, rund, 0, n);
            Gemm.scalar(m, n, k, ad, 0, aRs, aCs, bd, 0, bRs, bCs, twind, 0, n);
            assertArrayEquals(twind, rund, () -> "double " + m + "x" + n + "x" + k);
        }
        assertTrue(exact >= 6, "most shapes here take an exact path: " + exact);
    }

    @Test
    void theRowDotColumnPathAndDeepProductsAreNotExact() {
        // x·Wᵀ below the packing size: rows of A against stored rows of B, two accumulators and a lane sum
        assertFalse(Gemm.twinExact(8, 10, 16, 16, 1, 1, 16, 10, 8 * 10 * 16));
        // deeper than one KC block: one add per block
        assertFalse(Gemm.twinExact(64, 64, Gemm.KC + 1, Gemm.KC + 1, 1, 64, 1, 64, 64L * 64 * (Gemm.KC + 1)));
        assertTrue(Gemm.twinExact(64, 64, Gemm.KC, Gemm.KC, 1, 64, 1, 64, 64L * 64 * Gemm.KC));
    }
}
