package dev.vectorgrad.kernels.matmul;

import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.MR;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F32;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F64;

/**
 * Copies a block of A or B, read through any element strides, into the contiguous micropanels the
 * {@link GemmMicroKernel} streams through (BLIS "packing").
 *
 * <pre>
 *  A block (mc × kc)  →  ⌈mc/MR⌉ micropanels of MR × kc, each stored column by column:
 *
 *     rows 0..MR-1     ┌ a00 a01 a02 … ┐      buf: a00 a10 … a(MR-1)0 | a01 a11 … | a02 …
 *                      │ a10 a11 a12 … │           └──── p = 0 ─────┘  └ p = 1 ┘
 *     rows MR..2MR-1   ├───────────────┤      then the next micropanel at MR·kc
 *                      └───────────────┘      element (r, p) of panel q at q·MR·kc + p·MR + r
 *
 *  B panel (kc × nc)  →  ⌈nc/NR⌉ micropanels of kc × NR, each stored row by row:
 *      element (p, j) of panel q at q·NR·kc + p·NR + j
 * </pre>
 *
 * Rows of the last A micropanel past mc, and columns of the last B micropanel past nc, are written
 * as zeros: the micro-kernel then computes a full tile whose extra rows and columns are zero and
 * never need a partial-tile code path. Packing reads each element once through
 * {@code off + i*rowStride + p*colStride}, so transposed views (rowStride = 1), offsets and
 * broadcast operands (stride 0) cost nothing extra: the whole operand is never copied first.
 */
final class GemmPacking {

    /** Packs {@code A[0:mc, 0:kc]} (element (i,p) at {@code a[aOff + i*rs + p*cs]}) into {@code buf[0:⌈mc/MR⌉·MR·kc]}. */
    static void packA(int mc, int kc, float[] a, int aOff, int rs, int cs, float[] buf) {
        int dst = 0;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0);
            int rowStart = aOff + i0 * rs;
            for (int p = 0; p < kc; p++, dst += MR) {
                int src = rowStart + p * cs;
                for (int r = 0; r < rows; r++) {
                    buf[dst + r] = a[src + r * rs];
                }
                for (int r = rows; r < MR; r++) {
                    buf[dst + r] = 0f;
                }
            }
        }
    }

    /** Packs {@code B[0:kc, 0:nc]} (element (p,j) at {@code b[bOff + p*rs + j*cs]}) into {@code buf[0:⌈nc/NR⌉·NR·kc]}. */
    static void packB(int kc, int nc, float[] b, int bOff, int rs, int cs, float[] buf) {
        int dst = 0;
        for (int j0 = 0; j0 < nc; j0 += NR_F32) {
            int cols = Math.min(NR_F32, nc - j0);
            int colStart = bOff + j0 * cs;
            for (int p = 0; p < kc; p++, dst += NR_F32) {
                int src = colStart + p * rs;
                if (cs == 1 && cols == NR_F32) {
                    // the usual row-major B: a micropanel row is one contiguous run
                    System.arraycopy(b, src, buf, dst, NR_F32);
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    buf[dst + j] = b[src + j * cs];
                }
                for (int j = cols; j < NR_F32; j++) {
                    buf[dst + j] = 0f;
                }
            }
        }
    }

    /** Double twin of {@link #packA(int, int, float[], int, int, int, float[])}. */
    static void packA(int mc, int kc, double[] a, int aOff, int rs, int cs, double[] buf) {
        int dst = 0;
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0);
            int rowStart = aOff + i0 * rs;
            for (int p = 0; p < kc; p++, dst += MR) {
                int src = rowStart + p * cs;
                for (int r = 0; r < rows; r++) {
                    buf[dst + r] = a[src + r * rs];
                }
                for (int r = rows; r < MR; r++) {
                    buf[dst + r] = 0d;
                }
            }
        }
    }

    /** Double twin of {@link #packB(int, int, float[], int, int, int, float[])}. */
    static void packB(int kc, int nc, double[] b, int bOff, int rs, int cs, double[] buf) {
        int dst = 0;
        for (int j0 = 0; j0 < nc; j0 += NR_F64) {
            int cols = Math.min(NR_F64, nc - j0);
            int colStart = bOff + j0 * cs;
            for (int p = 0; p < kc; p++, dst += NR_F64) {
                int src = colStart + p * rs;
                if (cs == 1 && cols == NR_F64) {
                    System.arraycopy(b, src, buf, dst, NR_F64);
                    continue;
                }
                for (int j = 0; j < cols; j++) {
                    buf[dst + j] = b[src + j * cs];
                }
                for (int j = cols; j < NR_F64; j++) {
                    buf[dst + j] = 0d;
                }
            }
        }
    }

    private GemmPacking() {}
}
