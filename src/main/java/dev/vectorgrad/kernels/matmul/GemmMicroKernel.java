package dev.vectorgrad.kernels.matmul;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C[0:MR, 0:NR] (+)= Ã · B̃} for one packed micropanel pair: the BLIS "gemm microkernel".
 *
 * <pre>
 *            k                                 NR = 2 vectors
 *   Ã  ┌──────────┐ MR rows        B̃   ┌─────┬─────┐
 *      │a[p*MR+r] │                    │ b0  │ b1  │  row p = b[p*NR + j]
 *      └──────────┘                    ├─────┼─────┤  k rows
 *   column p = the MR values           │     │     │
 *   broadcast at step p                └─────┴─────┘
 *
 *   step p:  c[r][0] += a[p*MR+r] * b0,   c[r][1] += a[p*MR+r] * b1     for r < MR
 * </pre>
 *
 * The MR × 2 accumulators are local vector variables and the k loop body is written out for every
 * row: no arrays, no loop over MR or NR, so C2 keeps every accumulator in a register for the whole
 * k loop (BLIS's rule). The block fits the register file of the width in use:
 * <ul>
 *   <li>16 registers (AVX2, or any width below 512 bits): 6 × 2 = 12 accumulators + 2 B vectors
 *       + 1 broadcast = 15 (BLIS's Haswell/Zen shape, 6 × 16 floats, 6 × 8 doubles);</li>
 *   <li>32 registers (AVX-512): 12 × 2 = 24 accumulators + 2 + 1 = 27 (BLIS's SkylakeX shape,
 *       12 × 32 floats), leaving C2's allocator room so it never spills inside the loop.</li>
 * </ul>
 * Edges are zero-padded by {@link GemmPacking}, so these methods always compute a full tile; the
 * driver points a partial tile at a scratch tile instead of C.
 *
 * <p>{@code accumulate == false} stores the tile without reading C (beta = 0: C may hold NaN);
 * {@code true} adds it to C (the second and later KC blocks). Each element is a chain of
 * {@code fma} over p in order, then one add to C per KC block.
 */
final class GemmMicroKernel {
    private static final VectorSpecies<Float> F = Simd.F32;
    private static final VectorSpecies<Double> D = Simd.F64;
    private static final int LF = F.length();
    private static final int LD = D.length();

    // decided once: 512-bit vectors come with 32 registers, narrower ones are taken to have 16
    private static final boolean WIDE = Simd.BITS >= 512;

    /** Rows of a register block (float and double alike). */
    static final int MR = WIDE ? 12 : 6;
    /** Columns of a float register block: two vectors. */
    static final int NR_F32 = 2 * LF;
    /** Columns of a double register block: two vectors. */
    static final int NR_F64 = 2 * LD;

    /** One MR × NR_F32 tile at {@code c[cOff]}, row stride {@code ldc}, from k packed steps. */
    static void run(int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate) {
        // WIDE is a static final: C2 folds this branch away, there is no width test per call
        if (WIDE) {
            kernel12x2(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        } else {
            kernel6x2(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    /** One MR × NR_F64 tile at {@code c[cOff]}, row stride {@code ldc}, from k packed steps. */
    static void run(int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int ldc, boolean accumulate) {
        if (WIDE) {
            kernel12x2(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        } else {
            kernel6x2(k, a, aOff, b, bOff, c, cOff, ldc, accumulate);
        }
    }

    private static void kernel6x2(int k, float[] a, int aOff, float[] b, int bOff,
                                   float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c000 = FloatVector.zero(F), c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F), c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F), c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F), c031 = FloatVector.zero(F);
        FloatVector c040 = FloatVector.zero(F), c041 = FloatVector.zero(F);
        FloatVector c050 = FloatVector.zero(F), c051 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 6, pb = bOff + p * NR_F32;
            FloatVector b0 = FloatVector.fromArray(F, b, pb);
            FloatVector b1 = FloatVector.fromArray(F, b, pb + LF);
            FloatVector a00 = FloatVector.broadcast(F, a[pa + 0]); c000 = a00.fma(b0, c000); c001 = a00.fma(b1, c001);
            FloatVector a01 = FloatVector.broadcast(F, a[pa + 1]); c010 = a01.fma(b0, c010); c011 = a01.fma(b1, c011);
            FloatVector a02 = FloatVector.broadcast(F, a[pa + 2]); c020 = a02.fma(b0, c020); c021 = a02.fma(b1, c021);
            FloatVector a03 = FloatVector.broadcast(F, a[pa + 3]); c030 = a03.fma(b0, c030); c031 = a03.fma(b1, c031);
            FloatVector a04 = FloatVector.broadcast(F, a[pa + 4]); c040 = a04.fma(b0, c040); c041 = a04.fma(b1, c041);
            FloatVector a05 = FloatVector.broadcast(F, a[pa + 5]); c050 = a05.fma(b0, c050); c051 = a05.fma(b1, c051);
        }
        if (accumulate) {
            c000 = c000.add(FloatVector.fromArray(F, c, cOff)); c001 = c001.add(FloatVector.fromArray(F, c, cOff + LF));
            c010 = c010.add(FloatVector.fromArray(F, c, cOff + ldc)); c011 = c011.add(FloatVector.fromArray(F, c, cOff + ldc + LF));
            c020 = c020.add(FloatVector.fromArray(F, c, cOff + 2 * ldc)); c021 = c021.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + LF));
            c030 = c030.add(FloatVector.fromArray(F, c, cOff + 3 * ldc)); c031 = c031.add(FloatVector.fromArray(F, c, cOff + 3 * ldc + LF));
            c040 = c040.add(FloatVector.fromArray(F, c, cOff + 4 * ldc)); c041 = c041.add(FloatVector.fromArray(F, c, cOff + 4 * ldc + LF));
            c050 = c050.add(FloatVector.fromArray(F, c, cOff + 5 * ldc)); c051 = c051.add(FloatVector.fromArray(F, c, cOff + 5 * ldc + LF));
        }
        c000.intoArray(c, cOff); c001.intoArray(c, cOff + LF);
        c010.intoArray(c, cOff + ldc); c011.intoArray(c, cOff + ldc + LF);
        c020.intoArray(c, cOff + 2 * ldc); c021.intoArray(c, cOff + 2 * ldc + LF);
        c030.intoArray(c, cOff + 3 * ldc); c031.intoArray(c, cOff + 3 * ldc + LF);
        c040.intoArray(c, cOff + 4 * ldc); c041.intoArray(c, cOff + 4 * ldc + LF);
        c050.intoArray(c, cOff + 5 * ldc); c051.intoArray(c, cOff + 5 * ldc + LF);
    }

    private static void kernel12x2(int k, float[] a, int aOff, float[] b, int bOff,
                                   float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c000 = FloatVector.zero(F), c001 = FloatVector.zero(F);
        FloatVector c010 = FloatVector.zero(F), c011 = FloatVector.zero(F);
        FloatVector c020 = FloatVector.zero(F), c021 = FloatVector.zero(F);
        FloatVector c030 = FloatVector.zero(F), c031 = FloatVector.zero(F);
        FloatVector c040 = FloatVector.zero(F), c041 = FloatVector.zero(F);
        FloatVector c050 = FloatVector.zero(F), c051 = FloatVector.zero(F);
        FloatVector c060 = FloatVector.zero(F), c061 = FloatVector.zero(F);
        FloatVector c070 = FloatVector.zero(F), c071 = FloatVector.zero(F);
        FloatVector c080 = FloatVector.zero(F), c081 = FloatVector.zero(F);
        FloatVector c090 = FloatVector.zero(F), c091 = FloatVector.zero(F);
        FloatVector c100 = FloatVector.zero(F), c101 = FloatVector.zero(F);
        FloatVector c110 = FloatVector.zero(F), c111 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 12, pb = bOff + p * NR_F32;
            FloatVector b0 = FloatVector.fromArray(F, b, pb);
            FloatVector b1 = FloatVector.fromArray(F, b, pb + LF);
            FloatVector a00 = FloatVector.broadcast(F, a[pa + 0]); c000 = a00.fma(b0, c000); c001 = a00.fma(b1, c001);
            FloatVector a01 = FloatVector.broadcast(F, a[pa + 1]); c010 = a01.fma(b0, c010); c011 = a01.fma(b1, c011);
            FloatVector a02 = FloatVector.broadcast(F, a[pa + 2]); c020 = a02.fma(b0, c020); c021 = a02.fma(b1, c021);
            FloatVector a03 = FloatVector.broadcast(F, a[pa + 3]); c030 = a03.fma(b0, c030); c031 = a03.fma(b1, c031);
            FloatVector a04 = FloatVector.broadcast(F, a[pa + 4]); c040 = a04.fma(b0, c040); c041 = a04.fma(b1, c041);
            FloatVector a05 = FloatVector.broadcast(F, a[pa + 5]); c050 = a05.fma(b0, c050); c051 = a05.fma(b1, c051);
            FloatVector a06 = FloatVector.broadcast(F, a[pa + 6]); c060 = a06.fma(b0, c060); c061 = a06.fma(b1, c061);
            FloatVector a07 = FloatVector.broadcast(F, a[pa + 7]); c070 = a07.fma(b0, c070); c071 = a07.fma(b1, c071);
            FloatVector a08 = FloatVector.broadcast(F, a[pa + 8]); c080 = a08.fma(b0, c080); c081 = a08.fma(b1, c081);
            FloatVector a09 = FloatVector.broadcast(F, a[pa + 9]); c090 = a09.fma(b0, c090); c091 = a09.fma(b1, c091);
            FloatVector a10 = FloatVector.broadcast(F, a[pa + 10]); c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(F, a[pa + 11]); c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        if (accumulate) {
            c000 = c000.add(FloatVector.fromArray(F, c, cOff)); c001 = c001.add(FloatVector.fromArray(F, c, cOff + LF));
            c010 = c010.add(FloatVector.fromArray(F, c, cOff + ldc)); c011 = c011.add(FloatVector.fromArray(F, c, cOff + ldc + LF));
            c020 = c020.add(FloatVector.fromArray(F, c, cOff + 2 * ldc)); c021 = c021.add(FloatVector.fromArray(F, c, cOff + 2 * ldc + LF));
            c030 = c030.add(FloatVector.fromArray(F, c, cOff + 3 * ldc)); c031 = c031.add(FloatVector.fromArray(F, c, cOff + 3 * ldc + LF));
            c040 = c040.add(FloatVector.fromArray(F, c, cOff + 4 * ldc)); c041 = c041.add(FloatVector.fromArray(F, c, cOff + 4 * ldc + LF));
            c050 = c050.add(FloatVector.fromArray(F, c, cOff + 5 * ldc)); c051 = c051.add(FloatVector.fromArray(F, c, cOff + 5 * ldc + LF));
            c060 = c060.add(FloatVector.fromArray(F, c, cOff + 6 * ldc)); c061 = c061.add(FloatVector.fromArray(F, c, cOff + 6 * ldc + LF));
            c070 = c070.add(FloatVector.fromArray(F, c, cOff + 7 * ldc)); c071 = c071.add(FloatVector.fromArray(F, c, cOff + 7 * ldc + LF));
            c080 = c080.add(FloatVector.fromArray(F, c, cOff + 8 * ldc)); c081 = c081.add(FloatVector.fromArray(F, c, cOff + 8 * ldc + LF));
            c090 = c090.add(FloatVector.fromArray(F, c, cOff + 9 * ldc)); c091 = c091.add(FloatVector.fromArray(F, c, cOff + 9 * ldc + LF));
            c100 = c100.add(FloatVector.fromArray(F, c, cOff + 10 * ldc)); c101 = c101.add(FloatVector.fromArray(F, c, cOff + 10 * ldc + LF));
            c110 = c110.add(FloatVector.fromArray(F, c, cOff + 11 * ldc)); c111 = c111.add(FloatVector.fromArray(F, c, cOff + 11 * ldc + LF));
        }
        c000.intoArray(c, cOff); c001.intoArray(c, cOff + LF);
        c010.intoArray(c, cOff + ldc); c011.intoArray(c, cOff + ldc + LF);
        c020.intoArray(c, cOff + 2 * ldc); c021.intoArray(c, cOff + 2 * ldc + LF);
        c030.intoArray(c, cOff + 3 * ldc); c031.intoArray(c, cOff + 3 * ldc + LF);
        c040.intoArray(c, cOff + 4 * ldc); c041.intoArray(c, cOff + 4 * ldc + LF);
        c050.intoArray(c, cOff + 5 * ldc); c051.intoArray(c, cOff + 5 * ldc + LF);
        c060.intoArray(c, cOff + 6 * ldc); c061.intoArray(c, cOff + 6 * ldc + LF);
        c070.intoArray(c, cOff + 7 * ldc); c071.intoArray(c, cOff + 7 * ldc + LF);
        c080.intoArray(c, cOff + 8 * ldc); c081.intoArray(c, cOff + 8 * ldc + LF);
        c090.intoArray(c, cOff + 9 * ldc); c091.intoArray(c, cOff + 9 * ldc + LF);
        c100.intoArray(c, cOff + 10 * ldc); c101.intoArray(c, cOff + 10 * ldc + LF);
        c110.intoArray(c, cOff + 11 * ldc); c111.intoArray(c, cOff + 11 * ldc + LF);
    }

    private static void kernel6x2(int k, double[] a, int aOff, double[] b, int bOff,
                                   double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector c000 = DoubleVector.zero(D), c001 = DoubleVector.zero(D);
        DoubleVector c010 = DoubleVector.zero(D), c011 = DoubleVector.zero(D);
        DoubleVector c020 = DoubleVector.zero(D), c021 = DoubleVector.zero(D);
        DoubleVector c030 = DoubleVector.zero(D), c031 = DoubleVector.zero(D);
        DoubleVector c040 = DoubleVector.zero(D), c041 = DoubleVector.zero(D);
        DoubleVector c050 = DoubleVector.zero(D), c051 = DoubleVector.zero(D);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 6, pb = bOff + p * NR_F64;
            DoubleVector b0 = DoubleVector.fromArray(D, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(D, b, pb + LD);
            DoubleVector a00 = DoubleVector.broadcast(D, a[pa + 0]); c000 = a00.fma(b0, c000); c001 = a00.fma(b1, c001);
            DoubleVector a01 = DoubleVector.broadcast(D, a[pa + 1]); c010 = a01.fma(b0, c010); c011 = a01.fma(b1, c011);
            DoubleVector a02 = DoubleVector.broadcast(D, a[pa + 2]); c020 = a02.fma(b0, c020); c021 = a02.fma(b1, c021);
            DoubleVector a03 = DoubleVector.broadcast(D, a[pa + 3]); c030 = a03.fma(b0, c030); c031 = a03.fma(b1, c031);
            DoubleVector a04 = DoubleVector.broadcast(D, a[pa + 4]); c040 = a04.fma(b0, c040); c041 = a04.fma(b1, c041);
            DoubleVector a05 = DoubleVector.broadcast(D, a[pa + 5]); c050 = a05.fma(b0, c050); c051 = a05.fma(b1, c051);
        }
        if (accumulate) {
            c000 = c000.add(DoubleVector.fromArray(D, c, cOff)); c001 = c001.add(DoubleVector.fromArray(D, c, cOff + LD));
            c010 = c010.add(DoubleVector.fromArray(D, c, cOff + ldc)); c011 = c011.add(DoubleVector.fromArray(D, c, cOff + ldc + LD));
            c020 = c020.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc)); c021 = c021.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + LD));
            c030 = c030.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc)); c031 = c031.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc + LD));
            c040 = c040.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc)); c041 = c041.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc + LD));
            c050 = c050.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc)); c051 = c051.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc + LD));
        }
        c000.intoArray(c, cOff); c001.intoArray(c, cOff + LD);
        c010.intoArray(c, cOff + ldc); c011.intoArray(c, cOff + ldc + LD);
        c020.intoArray(c, cOff + 2 * ldc); c021.intoArray(c, cOff + 2 * ldc + LD);
        c030.intoArray(c, cOff + 3 * ldc); c031.intoArray(c, cOff + 3 * ldc + LD);
        c040.intoArray(c, cOff + 4 * ldc); c041.intoArray(c, cOff + 4 * ldc + LD);
        c050.intoArray(c, cOff + 5 * ldc); c051.intoArray(c, cOff + 5 * ldc + LD);
    }

    private static void kernel12x2(int k, double[] a, int aOff, double[] b, int bOff,
                                   double[] c, int cOff, int ldc, boolean accumulate) {
        DoubleVector c000 = DoubleVector.zero(D), c001 = DoubleVector.zero(D);
        DoubleVector c010 = DoubleVector.zero(D), c011 = DoubleVector.zero(D);
        DoubleVector c020 = DoubleVector.zero(D), c021 = DoubleVector.zero(D);
        DoubleVector c030 = DoubleVector.zero(D), c031 = DoubleVector.zero(D);
        DoubleVector c040 = DoubleVector.zero(D), c041 = DoubleVector.zero(D);
        DoubleVector c050 = DoubleVector.zero(D), c051 = DoubleVector.zero(D);
        DoubleVector c060 = DoubleVector.zero(D), c061 = DoubleVector.zero(D);
        DoubleVector c070 = DoubleVector.zero(D), c071 = DoubleVector.zero(D);
        DoubleVector c080 = DoubleVector.zero(D), c081 = DoubleVector.zero(D);
        DoubleVector c090 = DoubleVector.zero(D), c091 = DoubleVector.zero(D);
        DoubleVector c100 = DoubleVector.zero(D), c101 = DoubleVector.zero(D);
        DoubleVector c110 = DoubleVector.zero(D), c111 = DoubleVector.zero(D);
        for (int p = 0; p < k; p++) {
            // indices linear in p (not bumped offsets) so C2 hoists the range checks out of the loop
            int pa = aOff + p * 12, pb = bOff + p * NR_F64;
            DoubleVector b0 = DoubleVector.fromArray(D, b, pb);
            DoubleVector b1 = DoubleVector.fromArray(D, b, pb + LD);
            DoubleVector a00 = DoubleVector.broadcast(D, a[pa + 0]); c000 = a00.fma(b0, c000); c001 = a00.fma(b1, c001);
            DoubleVector a01 = DoubleVector.broadcast(D, a[pa + 1]); c010 = a01.fma(b0, c010); c011 = a01.fma(b1, c011);
            DoubleVector a02 = DoubleVector.broadcast(D, a[pa + 2]); c020 = a02.fma(b0, c020); c021 = a02.fma(b1, c021);
            DoubleVector a03 = DoubleVector.broadcast(D, a[pa + 3]); c030 = a03.fma(b0, c030); c031 = a03.fma(b1, c031);
            DoubleVector a04 = DoubleVector.broadcast(D, a[pa + 4]); c040 = a04.fma(b0, c040); c041 = a04.fma(b1, c041);
            DoubleVector a05 = DoubleVector.broadcast(D, a[pa + 5]); c050 = a05.fma(b0, c050); c051 = a05.fma(b1, c051);
            DoubleVector a06 = DoubleVector.broadcast(D, a[pa + 6]); c060 = a06.fma(b0, c060); c061 = a06.fma(b1, c061);
            DoubleVector a07 = DoubleVector.broadcast(D, a[pa + 7]); c070 = a07.fma(b0, c070); c071 = a07.fma(b1, c071);
            DoubleVector a08 = DoubleVector.broadcast(D, a[pa + 8]); c080 = a08.fma(b0, c080); c081 = a08.fma(b1, c081);
            DoubleVector a09 = DoubleVector.broadcast(D, a[pa + 9]); c090 = a09.fma(b0, c090); c091 = a09.fma(b1, c091);
            DoubleVector a10 = DoubleVector.broadcast(D, a[pa + 10]); c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            DoubleVector a11 = DoubleVector.broadcast(D, a[pa + 11]); c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        if (accumulate) {
            c000 = c000.add(DoubleVector.fromArray(D, c, cOff)); c001 = c001.add(DoubleVector.fromArray(D, c, cOff + LD));
            c010 = c010.add(DoubleVector.fromArray(D, c, cOff + ldc)); c011 = c011.add(DoubleVector.fromArray(D, c, cOff + ldc + LD));
            c020 = c020.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc)); c021 = c021.add(DoubleVector.fromArray(D, c, cOff + 2 * ldc + LD));
            c030 = c030.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc)); c031 = c031.add(DoubleVector.fromArray(D, c, cOff + 3 * ldc + LD));
            c040 = c040.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc)); c041 = c041.add(DoubleVector.fromArray(D, c, cOff + 4 * ldc + LD));
            c050 = c050.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc)); c051 = c051.add(DoubleVector.fromArray(D, c, cOff + 5 * ldc + LD));
            c060 = c060.add(DoubleVector.fromArray(D, c, cOff + 6 * ldc)); c061 = c061.add(DoubleVector.fromArray(D, c, cOff + 6 * ldc + LD));
            c070 = c070.add(DoubleVector.fromArray(D, c, cOff + 7 * ldc)); c071 = c071.add(DoubleVector.fromArray(D, c, cOff + 7 * ldc + LD));
            c080 = c080.add(DoubleVector.fromArray(D, c, cOff + 8 * ldc)); c081 = c081.add(DoubleVector.fromArray(D, c, cOff + 8 * ldc + LD));
            c090 = c090.add(DoubleVector.fromArray(D, c, cOff + 9 * ldc)); c091 = c091.add(DoubleVector.fromArray(D, c, cOff + 9 * ldc + LD));
            c100 = c100.add(DoubleVector.fromArray(D, c, cOff + 10 * ldc)); c101 = c101.add(DoubleVector.fromArray(D, c, cOff + 10 * ldc + LD));
            c110 = c110.add(DoubleVector.fromArray(D, c, cOff + 11 * ldc)); c111 = c111.add(DoubleVector.fromArray(D, c, cOff + 11 * ldc + LD));
        }
        c000.intoArray(c, cOff); c001.intoArray(c, cOff + LD);
        c010.intoArray(c, cOff + ldc); c011.intoArray(c, cOff + ldc + LD);
        c020.intoArray(c, cOff + 2 * ldc); c021.intoArray(c, cOff + 2 * ldc + LD);
        c030.intoArray(c, cOff + 3 * ldc); c031.intoArray(c, cOff + 3 * ldc + LD);
        c040.intoArray(c, cOff + 4 * ldc); c041.intoArray(c, cOff + 4 * ldc + LD);
        c050.intoArray(c, cOff + 5 * ldc); c051.intoArray(c, cOff + 5 * ldc + LD);
        c060.intoArray(c, cOff + 6 * ldc); c061.intoArray(c, cOff + 6 * ldc + LD);
        c070.intoArray(c, cOff + 7 * ldc); c071.intoArray(c, cOff + 7 * ldc + LD);
        c080.intoArray(c, cOff + 8 * ldc); c081.intoArray(c, cOff + 8 * ldc + LD);
        c090.intoArray(c, cOff + 9 * ldc); c091.intoArray(c, cOff + 9 * ldc + LD);
        c100.intoArray(c, cOff + 10 * ldc); c101.intoArray(c, cOff + 10 * ldc + LD);
        c110.intoArray(c, cOff + 11 * ldc); c111.intoArray(c, cOff + 11 * ldc + LD);
    }

    private GemmMicroKernel() {}
}
