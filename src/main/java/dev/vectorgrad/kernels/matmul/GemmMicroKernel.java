package dev.vectorgrad.kernels.matmul;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C[0:MR, 0:NR] (+)= Ã · B̃} for one packed micropanel pair: the BLIS "gemm microkernel".
 *
 * <pre>
 *             k                                NR = 3 vectors
 *   Ã  ┌───────────┐ MR rows       B̃   ┌────┬────┬────┐
 *      │ a[p*MR+r] │                   │ b0 │ b1 │ b2 │  row p = b[p*NR + j]
 *      └───────────┘                   ├────┼────┼────┤  k rows
 *   column p: the MR values            │    │    │    │
 *   broadcast at step p                └────┴────┴────┘
 *
 *   step p:  c[r][v] += a[p*MR + r] * b_v      for every r < MR, v < 3
 * </pre>
 *
 * The MR × 3 accumulators are local vector variables and the k loop body is written out for every
 * row and vector: no arrays, no loop over MR or NR, so C2 keeps every accumulator in a register for
 * the whole k loop (BLIS's rule). C2 issues all MR broadcasts of a step before their fmas, so the
 * block must satisfy {@code MR·3 + 3 + MR <= registers}, or an accumulator is spilled and its fma
 * chain goes through memory (seen with 6 × 2 on AVX2: one accumulator stored and reloaded every
 * step). Hence:
 * <ul>
 *   <li>16 registers (AVX2; also forced 128-bit): 3 × 3 = 9 accumulators + 3 B vectors
 *       + 3 broadcasts = 15 (float tile 3 × 24, double 3 × 12 on AVX2). Checked in the C2
 *       disassembly: the loop is 9 vfmadd231ps, 3 vmovups, 3 vbroadcastss, no stack access;</li>
 *   <li>32 registers (AVX-512): 6 × 3 = 18 accumulators + 3 + 6 = 27.</li>
 * </ul>
 * Edges are zero-padded by {@link GemmPacking}, so these methods always compute a full tile; the
 * driver points a partial tile at a scratch tile instead of C.
 *
 * <p>{@code accumulate == false} stores the tile without reading C (beta = 0: C may hold NaN);
 * {@code true} adds it to C (the second and later KC blocks). Each element is an fma chain over p
 * in order, then one add to C per KC block.
 */
final class GemmMicroKernel {
    private static final VectorSpecies<Float> F = Simd.F32;
    private static final VectorSpecies<Double> D = Simd.F64;
    private static final int LF = F.length();
    private static final int LD = D.length();

    // decided once: 512-bit vectors come with 32 registers, narrower ones are taken to have 16
    private static final boolean WIDE = Simd.BITS >= 512;

    /** Rows of a register block (float and double alike). */
    static final int MR = WIDE ? 6 : 3;
    /** Columns of a float register block: three vectors. */
    static final int NR_F32 = 3 * LF;
    /** Columns of a double register block: three vectors. */
    static final int NR_F64 = 3 * LD;

    /** One MR × NR_F32 tile at {@code c[cOff]}, row stride {@code ldc}, from k packed steps. */
    static void run(int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        // WIDE is a static final: C2 folds this branch away, there is no width test per call
        if (WIDE) {
            kernel6x3(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        } else {
            kernel3x3(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    /** One MR × NR_F64 tile at {@code c[cOff]}, row stride {@code ldc}, from k packed steps. */
    static void run(int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc, boolean accumulate) {
        if (WIDE) {
            kernel6x3(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        } else {
            kernel3x3(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    private static void kernel3x3(int k, float[] a, int aOff, float[] b, int bOff,
                                   float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 3, pb = bOff + p * NR_F32;
            FloatVector b0 = FloatVector.fromArray(F, b, pb);
            FloatVector b1 = FloatVector.fromArray(F, b, pb + LF);
            FloatVector b2 = FloatVector.fromArray(F, b, pb + 2 * LF);
            FloatVector a0 = FloatVector.broadcast(F, a[pa + 0]); c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(F, a[pa + 1]); c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(F, a[pa + 2]); c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(F, c, cOff)); c01 = c01.add(FloatVector.fromArray(F, c, cOff + LF)); c02 = c02.add(FloatVector.fromArray(F, c, cOff + 2 * LF));
            c10 = c10.add(FloatVector.fromArray(F, c, cOff + ldc)); c11 = c11.add(FloatVector.fromArray(F, c, cOff + ldc + LF)); c12 = c12.add(FloatVector.fromArray(F, c, cOff + ldc + 2 * LF));
            c20 = c20.add(FloatVector.fromArray(F, c, cOff + 2 * ldc)); c21 = c21.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + LF)); c22 = c22.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + 2 * LF));
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + LF); c02.intoArray(c, cOff + 2 * LF);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LF); c12.intoArray(c, cOff + ldc + 2 * LF);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + LF); c22.intoArray(c, cOff + 2 * ldc + 2 * LF);
    }

    private static void kernel6x3(int k, float[] a, int aOff, float[] b, int bOff,
                                   float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c02 = FloatVector.zero(F);
        FloatVector c10 = FloatVector.zero(F), c11 = FloatVector.zero(F), c12 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c22 = FloatVector.zero(F);
        FloatVector c30 = FloatVector.zero(F), c31 = FloatVector.zero(F), c32 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c42 = FloatVector.zero(F);
        FloatVector c50 = FloatVector.zero(F), c51 = FloatVector.zero(F), c52 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 6, pb = bOff + p * NR_F32;
            FloatVector b0 = FloatVector.fromArray(F, b, pb);
            FloatVector b1 = FloatVector.fromArray(F, b, pb + LF);
            FloatVector b2 = FloatVector.fromArray(F, b, pb + 2 * LF);
            FloatVector a0 = FloatVector.broadcast(F, a[pa + 0]); c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(F, a[pa + 1]); c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(F, a[pa + 2]); c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(F, a[pa + 3]); c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            FloatVector a4 = FloatVector.broadcast(F, a[pa + 4]); c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            FloatVector a5 = FloatVector.broadcast(F, a[pa + 5]); c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(F, c, cOff)); c01 = c01.add(FloatVector.fromArray(F, c, cOff + LF)); c02 = c02.add(FloatVector.fromArray(F, c, cOff + 2 * LF));
            c10 = c10.add(FloatVector.fromArray(F, c, cOff + ldc)); c11 = c11.add(FloatVector.fromArray(F, c, cOff + ldc + LF)); c12 = c12.add(FloatVector.fromArray(F, c, cOff + ldc + 2 * LF));
            c20 = c20.add(FloatVector.fromArray(F, c, cOff + 2 * ldc)); c21 = c21.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + LF)); c22 = c22.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + 2 * LF));
            c30 = c30.add(FloatVector.fromArray(F, c, cOff + 3 * ldc)); c31 = c31.add(FloatVector.fromArray(F, c, cOff + 3 * ldc + LF)); c32 = c32.add(FloatVector.fromArray(F, c, cOff + 3 * ldc + 2 * LF));
            c40 = c40.add(FloatVector.fromArray(F, c, cOff + 4 * ldc)); c41 = c41.add(FloatVector.fromArray(F, c, cOff + 4 * ldc + LF)); c42 = c42.add(FloatVector.fromArray(F, c, cOff + 4 * ldc + 2 * LF));
            c50 = c50.add(FloatVector.fromArray(F, c, cOff + 5 * ldc)); c51 = c51.add(FloatVector.fromArray(F, c, cOff + 5 * ldc + LF)); c52 = c52.add(FloatVector.fromArray(F, c, cOff + 5 * ldc + 2 * LF));
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + LF); c02.intoArray(c, cOff + 2 * LF);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LF); c12.intoArray(c, cOff + ldc + 2 * LF);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + LF); c22.intoArray(c, cOff + 2 * ldc + 2 * LF);
        c30.intoArray(c, cOff + 3 * ldc); c31.intoArray(c, cOff + 3 * ldc + LF); c32.intoArray(c, cOff + 3 * ldc + 2 * LF);
        c40.intoArray(c, cOff + 4 * ldc); c41.intoArray(c, cOff + 4 * ldc + LF); c42.intoArray(c, cOff + 4 * ldc + 2 * LF);
        c50.intoArray(c, cOff + 5 * ldc); c51.intoArray(c, cOff + 5 * ldc + LF); c52.intoArray(c, cOff + 5 * ldc + 2 * LF);
    }

    private static void kernel3x3(int k, double[] a, int aOff, double[] b, int bOff,
                                   double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D), c02 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D), c12 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D), c22 = DoubleVector.zero(D);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 3, pb = bOff + p * NR_F64;
            DoubleVector b0 = DoubleVector.fromArray(D, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(D, b, pb + LD);
            DoubleVector b2 = DoubleVector.fromArray(D, b, pb + 2 * LD);
            DoubleVector a0 = DoubleVector.broadcast(D, a[pa + 0]); c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(D, a[pa + 1]); c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(D, a[pa + 2]); c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
        }
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(D, c, cOff)); c01 = c01.add(DoubleVector.fromArray(D, c, cOff + LD)); c02 = c02.add(DoubleVector.fromArray(D, c, cOff + 2 * LD));
            c10 = c10.add(DoubleVector.fromArray(D, c, cOff + ldc)); c11 = c11.add(DoubleVector.fromArray(D, c, cOff + ldc + LD)); c12 = c12.add(DoubleVector.fromArray(D, c, cOff + ldc + 2 * LD));
            c20 = c20.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc)); c21 = c21.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + LD)); c22 = c22.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + 2 * LD));
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + LD); c02.intoArray(c, cOff + 2 * LD);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LD); c12.intoArray(c, cOff + ldc + 2 * LD);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + LD); c22.intoArray(c, cOff + 2 * ldc + 2 * LD);
    }

    private static void kernel6x3(int k, double[] a, int aOff, double[] b, int bOff,
                                   double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector c00 = DoubleVector.zero(D), c01 = DoubleVector.zero(D), c02 = DoubleVector.zero(D);
        DoubleVector c10 = DoubleVector.zero(D), c11 = DoubleVector.zero(D), c12 = DoubleVector.zero(D);
        DoubleVector c20 = DoubleVector.zero(D), c21 = DoubleVector.zero(D), c22 = DoubleVector.zero(D);
        DoubleVector c30 = DoubleVector.zero(D), c31 = DoubleVector.zero(D), c32 = DoubleVector.zero(D);
        DoubleVector c40 = DoubleVector.zero(D), c41 = DoubleVector.zero(D), c42 = DoubleVector.zero(D);
        DoubleVector c50 = DoubleVector.zero(D), c51 = DoubleVector.zero(D), c52 = DoubleVector.zero(D);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 6, pb = bOff + p * NR_F64;
            DoubleVector b0 = DoubleVector.fromArray(D, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(D, b, pb + LD);
            DoubleVector b2 = DoubleVector.fromArray(D, b, pb + 2 * LD);
            DoubleVector a0 = DoubleVector.broadcast(D, a[pa + 0]); c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            DoubleVector a1 = DoubleVector.broadcast(D, a[pa + 1]); c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            DoubleVector a2 = DoubleVector.broadcast(D, a[pa + 2]); c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            DoubleVector a3 = DoubleVector.broadcast(D, a[pa + 3]); c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            DoubleVector a4 = DoubleVector.broadcast(D, a[pa + 4]); c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            DoubleVector a5 = DoubleVector.broadcast(D, a[pa + 5]); c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
        }
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(D, c, cOff)); c01 = c01.add(DoubleVector.fromArray(D, c, cOff + LD)); c02 = c02.add(DoubleVector.fromArray(D, c, cOff + 2 * LD));
            c10 = c10.add(DoubleVector.fromArray(D, c, cOff + ldc)); c11 = c11.add(DoubleVector.fromArray(D, c, cOff + ldc + LD)); c12 = c12.add(DoubleVector.fromArray(D, c, cOff + ldc + 2 * LD));
            c20 = c20.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc)); c21 = c21.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + LD)); c22 = c22.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + 2 * LD));
            c30 = c30.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc)); c31 = c31.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc + LD)); c32 = c32.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc + 2 * LD));
            c40 = c40.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc)); c41 = c41.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc + LD)); c42 = c42.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc + 2 * LD));
            c50 = c50.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc)); c51 = c51.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc + LD)); c52 = c52.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc + 2 * LD));
        }
        c00.intoArray(c, cOff); c01.intoArray(c, cOff + LD); c02.intoArray(c, cOff + 2 * LD);
        c10.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LD); c12.intoArray(c, cOff + ldc + 2 * LD);
        c20.intoArray(c, cOff + 2 * ldc); c21.intoArray(c, cOff + 2 * ldc + LD); c22.intoArray(c, cOff + 2 * ldc + 2 * LD);
        c30.intoArray(c, cOff + 3 * ldc); c31.intoArray(c, cOff + 3 * ldc + LD); c32.intoArray(c, cOff + 3 * ldc + 2 * LD);
        c40.intoArray(c, cOff + 4 * ldc); c41.intoArray(c, cOff + 4 * ldc + LD); c42.intoArray(c, cOff + 4 * ldc + 2 * LD);
        c50.intoArray(c, cOff + 5 * ldc); c51.intoArray(c, cOff + 5 * ldc + LD); c52.intoArray(c, cOff + 5 * ldc + 2 * LD);
    }

    private GemmMicroKernel() {}
}
