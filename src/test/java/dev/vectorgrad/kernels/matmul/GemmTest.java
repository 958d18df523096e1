package dev.vectorgrad.kernels.matmul;

import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.MR;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F32;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.kernels.KernelThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Gemm} against a float64 triple loop, on every path: small, matrix-vector, packed (with
 * every MR/NR/KC/MC/NC edge), threaded, and concurrent callers. Each element must satisfy
 * {@code |C - ref| <= k·ulp(1)·Σ_p |a_ip·b_pj|}; C starts as NaN, so a path that reads C
 * (beta = 0 forbids it) fails, and everything around C must stay NaN.
 */
class GemmTest {

    /** Sizes at every register-block edge, plus random ones. */
    @Provide
    Arbitrary<Integer> dims() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 2, MR - 1, MR, MR + 1, 2 * MR + 1, NR_F64 - 1, NR_F64 + 1,
                        NR_F32 - 1, NR_F32, NR_F32 + 1, 2 * NR_F32 + 3),
                Arbitraries.integers().between(0, 70));
    }

    @Property
    void floatRunMatchesReferenceOnAnyLayout(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                             @ForAll @IntRange(max = 5) int aLayout, @ForAll @IntRange(max = 5) int bLayout,
                                             @ForAll long seed) {
        Problem pr = Problem.random(m, n, k, aLayout, bLayout, new SplittableRandom(seed));
        pr.checkFloat(Path.RUN);
        pr.checkFloat(Path.PACKED);
        pr.checkFloat(Path.SCALAR);
    }

    @Property
    void doubleRunMatchesReferenceOnAnyLayout(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                              @ForAll @IntRange(max = 5) int aLayout, @ForAll @IntRange(max = 5) int bLayout,
                                              @ForAll long seed) {
        Problem pr = Problem.random(m, n, k, aLayout, bLayout, new SplittableRandom(seed));
        pr.checkDouble(Path.RUN);
        pr.checkDouble(Path.PACKED);
        pr.checkDouble(Path.SCALAR);
    }

    /** The thin shapes take the unpacked matrix-vector paths; every layout must land on a correct one. */
    @Property
    void matrixVectorShapesMatchReference(@ForAll @IntRange(min = 1, max = 300) int len, @ForAll @IntRange(max = 300) int k,
                                          @ForAll boolean rowVector, @ForAll @IntRange(max = 5) int aLayout,
                                          @ForAll @IntRange(max = 5) int bLayout, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        Problem pr = rowVector ? Problem.random(1, len, k, aLayout, bLayout, rng) : Problem.random(len, 1, k, aLayout, bLayout, rng);
        pr.checkFloat(Path.RUN);
        pr.checkDouble(Path.RUN);
    }

    @Test
    void knownAnswer() {
        float[] a = {1, 2, 3, 4, 5, 6};        // 2×3
        float[] b = {7, 8, 9, 10, 11, 12};     // 3×2
        float[] c = new float[4];
        Gemm.run(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, c);
        double[] cd = new double[4];
        // the same product with both operands read as transposed views of their transposes
        double[] at = {1, 4, 2, 5, 3, 6};      // Aᵀ stored row-major, 3×2
        double[] bt = {7, 9, 11, 8, 10, 12};   // Bᵀ stored row-major, 2×3
        Gemm.run(2, 2, 3, at, 0, 1, 2, bt, 0, 1, 3, cd, 0, 2);
        assertArrayEquals(new double[] {58, 64, 139, 154}, cd);
    }

    @Test
    void emptyInnerDimensionGivesZerosAndEmptyOutputIsUntouched() {
        Problem.random(5, 7, 0, 0, 0, new SplittableRandom(1)).checkFloat(Path.RUN);
        Problem.random(5, 7, 0, 1, 1, new SplittableRandom(2)).checkDouble(Path.RUN);
        float[] c = {Float.NaN};
        Gemm.run(0, 1, 3, new float[3], 0, 3, 1, new float[3], 0, 1, 1, c, 0, 1);
        Gemm.run(1, 0, 3, new float[3], 0, 3, 1, new float[3], 0, 1, 1, c, 0, 1);
        assertThat(c[0]).isNaN();
    }

    @Test
    void negativeDimensionsAreRejectedWithTheirValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.run(2, -1, 3, new float[0], 0, 0, 0, new float[0], 0, 0, 0, new float[0], 0, 0));
        assertThat(e.getMessage()).contains("n=-1");
    }

    @Test
    void primeShapes() {
        for (int[] s : new int[][] {{7, 13, 17}, {97, 101, 103}, {3, 211, 5}}) {
            for (int layout = 0; layout < 3; layout++) {
                Problem pr = Problem.random(s[0], s[1], s[2], layout, 2 - layout, new SplittableRandom(s[0] + layout));
                pr.checkFloat(Path.RUN);
                pr.checkDouble(Path.RUN);
            }
        }
    }

    /** Each blocking edge on the packed path: KC (second and later blocks add into C), MC, NC. */
    @Test
    void packedPathAroundEveryBlockEdge() {
        var rng = new SplittableRandom(7);
        for (int k : new int[] {Gemm.KC - 1, Gemm.KC, Gemm.KC + 1, 2 * Gemm.KC + 3}) {
            Problem.random(MR + 1, NR_F32 + 1, k, 0, 1, rng).checkFloat(Path.PACKED);
            Problem.random(MR + 1, NR_F64 + 1, k, 1, 0, rng).checkDouble(Path.PACKED);
        }
        for (int m : new int[] {Gemm.MC_F32 - 1, Gemm.MC_F32 + 1}) {
            Problem.random(m, NR_F32 - 1, 9, 2, 0, rng).checkFloat(Path.PACKED);
        }
        for (int m : new int[] {Gemm.MC_F64 - 1, Gemm.MC_F64 + 1}) {
            Problem.random(m, NR_F64 + 3, 9, 0, 3, rng).checkDouble(Path.PACKED);
        }
        Problem.random(2, Gemm.NC_F32 + 1, 3, 0, 0, rng).checkFloat(Path.PACKED);
        Problem.random(2, Gemm.NC_F64 + 1, 3, 0, 1, rng).checkDouble(Path.PACKED);
    }

    /**
     * The two big products of a 784-128-10 training step (x·W, and xᵀ·dH with a transposed A), and
     * every row and column remainder of a row-major A read in place where its last row ends its
     * array: edge tiles must neither read past A nor write outside C.
     */
    @Test
    void trainingStepShapesAndEveryEdgeRemainder() {
        var rng = new SplittableRandom(13);
        Problem.random(128, 128, 784, 0, 0, rng).checkFloat(Path.PACKED);
        Problem.random(784, 128, 128, 1, 0, rng).checkFloat(Path.PACKED);
        Problem.random(128, 128, 784, 0, 0, rng).checkDouble(Path.PACKED);
        Problem.random(784, 128, 128, 1, 0, rng).checkDouble(Path.PACKED);
        for (int m = 1; m <= 2 * MR + 1; m++) {
            for (int n : new int[] {1, NR_F32 / 3 - 1, NR_F32 / 3 + 1, NR_F32 - 1, NR_F32 + 2 * NR_F32 / 3 + 1}) {
                Problem.random(m, n, 5, 0, 0, rng).checkFloat(Path.PACKED);
            }
            for (int n : new int[] {1, NR_F64 / 3 + 1, NR_F64 - 1, 2 * NR_F64 + 1}) {
                Problem.random(m, n, 5, 0, 1, rng).checkDouble(Path.PACKED);
            }
        }
    }

    /** Both split strategies, forced on small odd shapes, and through run above the threshold. */
    @Test
    void threadedPathMatchesReference() {
        var rng = new SplittableRandom(11);
        Problem.random(151, 37, Gemm.KC + 9, 0, 0, rng).checkFloat(Path.PARALLEL);  // shared B, claimed A blocks
        Problem.random(43, 173, 29, 1, 2, rng).checkFloat(Path.PARALLEL);           // column strips
        Problem.random(151, 37, Gemm.KC + 9, 2, 1, rng).checkDouble(Path.PARALLEL);
        Problem.random(43, 173, 29, 0, 0, rng).checkDouble(Path.PARALLEL);
        Problem.random(151, 61, 40, 0, 1, rng).checkFloat(Path.PARALLEL);          // row-major A, m > n: column strips
        Problem.random(151, 61, 40, 0, 2, rng).checkDouble(Path.PARALLEL);
        assertThat((long) 150 * 140 * 130).isGreaterThan(Gemm.PARALLEL_MIN_WORK);
        Problem.random(150, 140, 130, 0, 0, rng).checkFloat(Path.RUN);
        Problem.random(60, 250, 150, 1, 0, rng).checkDouble(Path.RUN);
    }

    /** Many user threads at once: per-thread workspaces must never be shared. */
    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int seed = t;
                calls.add(() -> {
                    var rng = new SplittableRandom(seed);
                    int m = 20 + rng.nextInt(120), n = 20 + rng.nextInt(120), k = 20 + rng.nextInt(200);
                    Problem pr = Problem.random(m, n, k, seed % 3, (seed + 1) % 3, rng);
                    pr.checkFloat(seed % 2 == 0 ? Path.RUN : Path.PARALLEL);
                    pr.checkDouble(Path.RUN);
                    return null;
                });
            }
            for (Future<Void> f : users.invokeAll(calls)) {
                f.get();
            }
        } finally {
            users.shutdownNow();
        }
        assertThat(KernelThreads.count()).isPositive();
    }

    enum Path { RUN, PACKED, PARALLEL, SCALAR }

    /**
     * One product with operands laid out by a layout code: 0 row-major, 1 transposed (column-major),
     * 2 both strides > 1, 3 rows broadcast (row stride 0), 4 columns broadcast, 5 both strides 0.
     * Offsets and leading-dimension padding are random; C rows are padded too.
     */
    record Problem(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                   double[] b, int bOff, int bRs, int bCs, int cOff, int ldc, int cLen) {

        static Problem random(int m, int n, int k, int aLayout, int bLayout, SplittableRandom rng) {
            int aOff = rng.nextInt(8), bOff = rng.nextInt(8), cOff = rng.nextInt(8);
            int[] as = strides(aLayout, m, k, rng), bs = strides(bLayout, k, n, rng);
            double[] a = values(aOff + span(m, k, as), rng), b = values(bOff + span(k, n, bs), rng);
            int ldc = n + rng.nextInt(4);
            int cLen = cOff + (m == 0 ? 0 : (m - 1) * ldc + n) + rng.nextInt(4);
            return new Problem(m, n, k, a, aOff, as[0], as[1], b, bOff, bs[0], bs[1], cOff, ldc, cLen);
        }

        private static int[] strides(int layout, int rows, int cols, SplittableRandom rng) {
            int pad = rng.nextInt(3);
            return switch (layout) {
                case 0 -> new int[] {cols + pad, 1};
                case 1 -> new int[] {1, rows + pad};
                case 2 -> new int[] {2 * cols + pad + 1, 2};
                case 3 -> new int[] {0, 1};
                case 4 -> new int[] {1, 0};
                default -> new int[] {0, 0};
            };
        }

        private static int span(int rows, int cols, int[] s) {
            return rows == 0 || cols == 0 ? 0 : (rows - 1) * s[0] + (cols - 1) * s[1] + 1;
        }

        private static double[] values(int len, SplittableRandom rng) {
            double[] v = new double[len];
            for (int i = 0; i < len; i++) {
                v[i] = rng.nextDouble(-1, 1);
            }
            return v;
        }

        void checkFloat(Path path) {
            float[] af = toFloat(a), bf = toFloat(b);
            float[] c = new float[cLen];
            java.util.Arrays.fill(c, Float.NaN);
            switch (path) {
                case RUN -> Gemm.run(m, n, k, af, aOff, aRs, aCs, bf, bOff, bRs, bCs, c, cOff, ldc);
                case PACKED -> Gemm.packed(m, n, k, af, aOff, aRs, aCs, bf, bOff, bRs, bCs, c, cOff, ldc);
                case PARALLEL -> Gemm.parallel(m, n, k, af, aOff, aRs, aCs, bf, bOff, bRs, bCs, c, cOff, ldc);
                case SCALAR -> Gemm.scalar(m, n, k, af, aOff, aRs, aCs, bf, bOff, bRs, bCs, c, cOff, ldc);
            }
            double[] cd = new double[cLen];
            for (int i = 0; i < cLen; i++) {
                cd[i] = c[i];
            }
            verify(path, toDouble(af), toDouble(bf), cd, Math.ulp(1f));
        }

        void checkDouble(Path path) {
            double[] c = new double[cLen];
            java.util.Arrays.fill(c, Double.NaN);
            switch (path) {
                case RUN -> Gemm.run(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
                case PACKED -> Gemm.packed(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
                case PARALLEL -> Gemm.parallel(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
                case SCALAR -> Gemm.scalar(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
            }
            verify(path, a, b, c, Math.ulp(1d));
        }

        /** Float inputs are exact in double, so the float64 loop is the reference for floats. */
        private void verify(Path path, double[] av, double[] bv, double[] c, double ulp) {
            boolean[] inside = new boolean[cLen];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double ref = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        double prod = av[aOff + i * aRs + p * aCs] * bv[bOff + p * bRs + j * bCs];
                        ref += prod;
                        abs += Math.abs(prod);
                    }
                    int idx = cOff + i * ldc + j;
                    inside[idx] = true;
                    double err = Math.abs(c[idx] - ref), bound = k * ulp * abs;
                    if (!(err <= bound)) {
                        throw new AssertionError(this + " path " + path + ": C[" + i + "," + j + "] = " + c[idx]
                                + ", reference " + ref + ", |err| " + err + " > bound " + bound);
                    }
                }
            }
            for (int idx = 0; idx < cLen; idx++) {
                if (!inside[idx] && !Double.isNaN(c[idx])) {
                    throw new AssertionError(this + " path " + path + ": wrote c[" + idx + "] outside C");
                }
            }
        }

        static float[] toFloat(double[] v) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        }

        static double[] toDouble(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }

        @Override
        public String toString() {
            return "Problem[m=" + m + ", n=" + n + ", k=" + k + ", a off " + aOff + " strides (" + aRs + "," + aCs
                    + "), b off " + bOff + " strides (" + bRs + "," + bCs + "), c off " + cOff + " ldc " + ldc + "]";
        }
    }
}
