package dev.vectorgrad.kernels.matmul;

import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.MR;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F32;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmPrepacked} against a float64 triple loop, with {@link GemmTest.Problem}'s operand layouts: one
 * packed B reused by several A's, with and without accumulation, around every MR/NR/KC/MC/NC edge. The bound is
 * {@link GemmTest}'s plus one rounding of the accumulated C; C's untouched neighbours must stay NaN.
 */
class GemmPrepackedTest {

    @Provide
    Arbitrary<Integer> dims() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 2, MR - 1, MR, MR + 1, 2 * MR + 1, NR_F64 - 1, NR_F64 + 1,
                        NR_F32 - 1, NR_F32, NR_F32 + 1, 2 * NR_F32 + 3),
                Arbitraries.integers().between(0, 70));
    }

    @Property
    void floatProductsAgainstOnePackedOperand(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                              @ForAll @IntRange(max = 5) int aLayout, @ForAll @IntRange(max = 5) int bLayout,
                                              @ForAll boolean accumulate, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        GemmTest.Problem first = GemmTest.Problem.random(m, n, k, aLayout, bLayout, rng);
        float[] b = GemmTest.Problem.toFloat(first.b());
        GemmPrepacked.PackedF32 packed = GemmPrepacked.pack(k, n, b, first.bOff(), first.bRs(), first.bCs());
        assertThat(packed.k()).isEqualTo(k);
        assertThat(packed.n()).isEqualTo(n);
        for (int rep = 0; rep < 3; rep++) {
            GemmTest.Problem pr = GemmTest.Problem.random(m, n, k, (aLayout + rep) % 6, bLayout, rng);
            checkFloat(pr, b, first, packed, accumulate, rng);
        }
    }

    @Property
    void doubleProductsAgainstOnePackedOperand(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                               @ForAll @IntRange(max = 5) int aLayout, @ForAll @IntRange(max = 5) int bLayout,
                                               @ForAll boolean accumulate, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        GemmTest.Problem first = GemmTest.Problem.random(m, n, k, aLayout, bLayout, rng);
        GemmPrepacked.PackedF64 packed = GemmPrepacked.pack(k, n, first.b(), first.bOff(), first.bRs(), first.bCs());
        for (int rep = 0; rep < 3; rep++) {
            GemmTest.Problem pr = GemmTest.Problem.random(m, n, k, (aLayout + rep) % 6, bLayout, rng);
            checkDouble(pr, first, packed, accumulate, rng);
        }
    }

    /** The LSTM's own shapes (h·U and dz·Uᵀ), and each blocking edge: KC blocks, MC blocks, NC panels. */
    @Test
    void recurrentShapesAndEveryBlockEdge() {
        var rng = new SplittableRandom(3);
        int[][] shapes = {{32, 512, 128}, {32, 128, 512}, {7, 60, Gemm.KC + 1}, {5, 9, 2 * Gemm.KC + 3},
            {Gemm.MC_F32 + 1, NR_F32 + 1, 9}, {Gemm.MC_F64 + 1, NR_F64 - 1, 9}, {2, Gemm.NC_F32 + 1, 3},
            {2, Gemm.NC_F64 + 1, 4}};
        for (int[] s : shapes) {
            for (boolean acc : new boolean[] {false, true}) {
                GemmTest.Problem pr = GemmTest.Problem.random(s[0], s[1], s[2], 0, acc ? 1 : 0, rng);
                float[] b = GemmTest.Problem.toFloat(pr.b());
                checkFloat(pr, b, pr, GemmPrepacked.pack(s[2], s[1], b, pr.bOff(), pr.bRs(), pr.bCs()), acc, rng);
                checkDouble(pr, pr, GemmPrepacked.pack(s[2], s[1], pr.b(), pr.bOff(), pr.bRs(), pr.bCs()), acc, rng);
            }
        }
    }

    @Test
    void knownAnswerAndAccumulation() {
        float[] b = {7, 8, 9, 10, 11, 12};     // 3×2
        GemmPrepacked.PackedF32 p = GemmPrepacked.pack(3, 2, b, 0, 2, 1);
        float[] c = {1, 1, 1, 1};
        GemmPrepacked.run(2, new float[] {1, 2, 3, 4, 5, 6}, 0, 3, 1, p, c, 0, 2, true);
        assertArrayEquals(new float[] {59, 65, 140, 155}, c);
        GemmPrepacked.run(2, new float[] {1, 2, 3, 4, 5, 6}, 0, 3, 1, p, c, 0, 2, false);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        double[] bt = {7, 9, 11, 8, 10, 12};   // Bᵀ stored row-major: B read as a transposed view
        double[] cd = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        GemmPrepacked.run(2, new double[] {1, 2, 3, 4, 5, 6}, 0, 3, 1, GemmPrepacked.pack(3, 2, bt, 0, 1, 3),
                cd, 0, 2, false);
        assertArrayEquals(new double[] {58, 64, 139, 154}, cd);
    }

    @Test
    void negativeDimensionsAreRejectedWithTheirValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> GemmPrepacked.pack(-2, 3, new float[0], 0, 3, 1));
        assertThat(e.getMessage()).contains("k=-2");
        GemmPrepacked.PackedF64 p = GemmPrepacked.pack(2, 2, new double[4], 0, 2, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> GemmPrepacked.run(-1, new double[0], 0, 2, 1, p, new double[0], 0, 2, false));
        assertThat(e.getMessage()).contains("m=-1");
    }

    // ---- checking -----------------------------------------------------------------------------

    private static void checkFloat(GemmTest.Problem pr, float[] b, GemmTest.Problem bSource,
                                   GemmPrepacked.PackedF32 packed, boolean accumulate, SplittableRandom rng) {
        float[] a = GemmTest.Problem.toFloat(pr.a());
        float[] c = new float[pr.cLen()];
        java.util.Arrays.fill(c, Float.NaN);
        double[] c0 = initialC(pr, accumulate, rng);
        for (int i = 0; i < pr.m(); i++) {
            for (int j = 0; j < pr.n(); j++) {
                int idx = pr.cOff() + i * pr.ldc() + j;
                c[idx] = (float) c0[idx];
            }
        }
        GemmPrepacked.run(pr.m(), a, pr.aOff(), pr.aRs(), pr.aCs(), packed, c, pr.cOff(), pr.ldc(), accumulate);
        double[] got = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            got[i] = c[i];
        }
        verify(pr, GemmTest.Problem.toDouble(a), GemmTest.Problem.toDouble(b), bSource, c0, got, Math.ulp(1f));
    }

    private static void checkDouble(GemmTest.Problem pr, GemmTest.Problem bSource, GemmPrepacked.PackedF64 packed,
                                    boolean accumulate, SplittableRandom rng) {
        double[] c = new double[pr.cLen()];
        java.util.Arrays.fill(c, Double.NaN);
        double[] c0 = initialC(pr, accumulate, rng);
        for (int i = 0; i < pr.m(); i++) {
            for (int j = 0; j < pr.n(); j++) {
                int idx = pr.cOff() + i * pr.ldc() + j;
                c[idx] = c0[idx];
            }
        }
        GemmPrepacked.run(pr.m(), pr.a(), pr.aOff(), pr.aRs(), pr.aCs(), packed, c, pr.cOff(), pr.ldc(), accumulate);
        verify(pr, pr.a(), bSource.b(), bSource, c0, c, Math.ulp(1d));
    }

    /** C's starting values: small floats (exact in both widths) to add to, or NaN, which must be overwritten. */
    private static double[] initialC(GemmTest.Problem pr, boolean accumulate, SplittableRandom rng) {
        double[] c0 = new double[pr.cLen()];
        for (int i = 0; i < c0.length; i++) {
            c0[i] = accumulate ? (float) rng.nextDouble(-1, 1) : Double.NaN;
        }
        return c0;
    }

    private static void verify(GemmTest.Problem pr, double[] a, double[] b, GemmTest.Problem bs, double[] c0,
                               double[] c, double ulp) {
        boolean[] inside = new boolean[c.length];
        for (int i = 0; i < pr.m(); i++) {
            for (int j = 0; j < pr.n(); j++) {
                double ref = 0, abs = 0;
                for (int p = 0; p < pr.k(); p++) {
                    double prod = a[pr.aOff() + i * pr.aRs() + p * pr.aCs()] * b[bs.bOff() + p * bs.bRs() + j * bs.bCs()];
                    ref += prod;
                    abs += Math.abs(prod);
                }
                int idx = pr.cOff() + i * pr.ldc() + j;
                inside[idx] = true;
                double start = Double.isNaN(c0[idx]) ? 0 : c0[idx];
                ref += start;
                double err = Math.abs(c[idx] - ref), bound = (pr.k() + 1) * ulp * (abs + Math.abs(start));
                if (!(err <= bound)) {
                    throw new AssertionError(pr + ": C[" + i + "," + j + "] = " + c[idx] + ", reference " + ref
                            + ", |err| " + err + " > bound " + bound);
                }
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            if (!inside[idx] && !Double.isNaN(c[idx])) {
                throw new AssertionError(pr + ": wrote c[" + idx + "] outside C");
            }
        }
    }
}
