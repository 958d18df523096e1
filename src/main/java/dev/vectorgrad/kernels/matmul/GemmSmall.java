package dev.vectorgrad.kernels.matmul;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unpacked paths of {@link Gemm}, for problems too small or too thin for packing to pay:
 * tiny products, and the matrix-vector shapes (m == 1 or n == 1) where every element of A or B is
 * used once, so the run is memory-bound and a copy into panels would only add traffic.
 *
 * <ul>
 *   <li>{@code rowTimesPanel}: {@code C[i, j:j+L] = Σ_p A[i,p] · B[p, j:j+L]} with B's columns
 *       contiguous; the p loop runs inside, so each C vector is written once and never read.</li>
 *   <li>{@code rowDotColumn}: {@code C[i,j] = A[i,:] · B[:,j]} with A's rows and B's columns
 *       contiguous (x·Wᵀ, A·x).</li>
 * </ul>
 * Both sum each element over p in order within a lane, so they meet the same error bound as
 * {@link Gemm#scalar}.
 */
final class GemmSmall {
    private static final VectorSpecies<Float> F = Simd.F32;
    private static final VectorSpecies<Double> D = Simd.F64;
    private static final int LF = F.length();
    private static final int LD = D.length();

    /** Needs {@code bColStride == 1}. */
    static void rowTimesPanel(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                              float[] b, int bOff, int bRs, float[] c, int cOff, int ldc) {
        int upper2 = n - n % (2 * LF);
        int upper = F.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRs, ci = cOff + i * ldc;
            int j = 0;
            // two accumulators: two independent fma chains hide part of the fma latency
            for (; j < upper2; j += 2 * LF) {
                FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
                for (int p = 0; p < k; p++) {
                    FloatVector va = FloatVector.broadcast(F, a[ai + p * aCs]);
                    int bp = bOff + p * bRs + j;
                    acc0 = va.fma(FloatVector.fromArray(F, b, bp), acc0);
                    acc1 = va.fma(FloatVector.fromArray(F, b, bp + LF), acc1);
                }
                acc0.intoArray(c, ci + j);
                acc1.intoArray(c, ci + j + LF);
            }
            for (; j < upper; j += LF) {
                FloatVector acc0 = FloatVector.zero(F);
                for (int p = 0; p < k; p++) {
                    acc0 = FloatVector.broadcast(F, a[ai + p * aCs]).fma(FloatVector.fromArray(F, b, bOff + p * bRs + j), acc0);
                }
                acc0.intoArray(c, ci + j);
            }
            // the tail is the twin
            Gemm.scalar(1, n - j, k, a, ai, aRs, aCs, b, bOff + j, bRs, 1, c, ci + j, ldc);
        }
    }

    /** Needs {@code aColStride == 1} and {@code bRowStride == 1}. */
    static void rowDotColumn(int m, int n, int k, float[] a, int aOff, int aRs,
                             float[] b, int bOff, int bCs, float[] c, int cOff, int ldc) {
        int upper2 = k - k % (2 * LF);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRs;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bCs;
                // two accumulators: two independent fma chains hide part of the fma latency
                FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
                int p = 0;
                for (; p < upper2; p += 2 * LF) {
                    acc0 = FloatVector.fromArray(F, a, ai + p).fma(FloatVector.fromArray(F, b, bj + p), acc0);
                    acc1 = FloatVector.fromArray(F, a, ai + p + LF).fma(FloatVector.fromArray(F, b, bj + p + LF), acc1);
                }
                float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    sum = Math.fma(a[ai + p], b[bj + p], sum);
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    /** Double twin of the float {@code rowTimesPanel}. */
    static void rowTimesPanel(int m, int n, int k, double[] a, int aOff, int aRs, int aCs,
                              double[] b, int bOff, int bRs, double[] c, int cOff, int ldc) {
        int upper2 = n - n % (2 * LD);
        int upper = D.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRs, ci = cOff + i * ldc;
            int j = 0;
            for (; j < upper2; j += 2 * LD) {
                DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
                for (int p = 0; p < k; p++) {
                    DoubleVector va = DoubleVector.broadcast(D, a[ai + p * aCs]);
                    int bp = bOff + p * bRs + j;
                    acc0 = va.fma(DoubleVector.fromArray(D, b, bp), acc0);
                    acc1 = va.fma(DoubleVector.fromArray(D, b, bp + LD), acc1);
                }
                acc0.intoArray(c, ci + j);
                acc1.intoArray(c, ci + j + LD);
            }
            for (; j < upper; j += LD) {
                DoubleVector acc0 = DoubleVector.zero(D);
                for (int p = 0; p < k; p++) {
                    acc0 = DoubleVector.broadcast(D, a[ai + p * aCs]).fma(DoubleVector.fromArray(D, b, bOff + p * bRs + j), acc0);
                }
                acc0.intoArray(c, ci + j);
            }
            Gemm.scalar(1, n - j, k, a, ai, aRs, aCs, b, bOff + j, bRs, 1, c, ci + j, ldc);
        }
    }

    /** Double twin of the float {@code rowDotColumn}. */
    static void rowDotColumn(int m, int n, int k, double[] a, int aOff, int aRs,
                             double[] b, int bOff, int bCs, double[] c, int cOff, int ldc) {
        int upper2 = k - k % (2 * LD);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRs;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bCs;
                DoubleVector acc0 = DoubleVector.zero(D), acc1 = DoubleVector.zero(D);
                int p = 0;
                for (; p < upper2; p += 2 * LD) {
                    acc0 = DoubleVector.fromArray(D, a, ai + p).fma(DoubleVector.fromArray(D, b, bj + p), acc0);
                    acc1 = DoubleVector.fromArray(D, a, ai + p + LD).fma(DoubleVector.fromArray(D, b, bj + p + LD), acc1);
                }
                double sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    sum = Math.fma(a[ai + p], b[bj + p], sum);
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    private GemmSmall() {}
}
