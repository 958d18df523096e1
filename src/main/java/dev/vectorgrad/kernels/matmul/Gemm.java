package dev.vectorgrad.kernels.matmul;

import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.MR;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F32;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F64;

import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.Simd;
import java.util.Arrays;

/**
 * General matrix multiply {@code C[m×n] = A[m×k] · B[k×n]} (BLAS xGEMM with alpha = 1, beta = 0).
 *
 * <p>Element (i,p) of A is {@code a[aOff + i*aRowStride + p*aColStride]}, element (p,j) of B is
 * {@code b[bOff + p*bRowStride + j*bColStride]}: strides absorb transposes (a transposed view has
 * row stride 1), and a stride of 0 is a broadcast operand. C is row-major at {@code cOff} with
 * leading dimension {@code ldc}; it is overwritten and never read, so it may hold garbage or NaN.
 * C must not overlap A or B. {@code k == 0} gives zeros.
 *
 * <p>Accuracy: every element is a sum of k products rounded in some order (fma chains within a
 * KC block, one add per block), so {@code |C - exact| <= c·k·ulp·Σ_p |a_ip·b_pj|} for a small c,
 * the same bound as {@link #scalar}; results are not bit-identical to it.
 *
 * <p>Large problems run BLIS's five loops around the {@link GemmMicroKernel}:
 * <pre>
 *  for jc in 0..n step NC          B panel   kc × nc  → packed per thread (L3)
 *    for pc in 0..k step KC
 *      pack B[pc:pc+kc, jc:jc+nc]
 *      for ic in 0..m step MC      A block   mc × kc  → packed per thread (L2)
 *        pack A[ic:ic+mc, pc:pc+kc]
 *        for jr in 0..nc step NR   B micropanel kc × NR   → reused by every ir (L1/L2)
 *          for ir in 0..mc step MR
 *            micro-kernel: C[ic+ir : +MR, jc+jr : +NR] (=|+=) Ã · B̃   (= for pc = 0: C is never read)
 * </pre>
 * Above {@value #PARALLEL_MIN_WORK} multiply-adds the rows (or, when n is the long side, the
 * columns) are split into one independent strip per {@link KernelThreads} thread. Below
 * {@value #PACKED_MIN_WORK} multiply-adds, and for matrix-vector shapes (m == 1 or n == 1),
 * {@link GemmSmall} computes without packing.
 *
 * <p>Packing buffers live in a per-thread workspace that grows to at most one A block and one B
 * panel (KC·NC elements: about 6 MB of floats, 12 MB of doubles, for n above NC), so a call
 * allocates nothing once its thread has run a problem that large. Concurrent calls from many
 * threads are safe: they share nothing but the read-only operands.
 */
public final class Gemm {
    /**
     * Depth of a packed block: the B̃ micropanel takes KC·NR elements, 54 KB (KC = 576 on AVX2).
     * BLIS would keep it within half of L1, but on Zen 3 (n = 1008, thread CPU time) KC = 192
     * gave ~45 GFLOP/s, 384 ~60-68 and 576 ~69-71: every KC block reloads and stores each C
     * tile, and those C misses cost more than streaming B̃ from L2.
     */
    static final int KC = 54 * 1024 / (NR_F32 * Float.BYTES);
    /** Rows of a packed float A block: MC·KC floats (~144 KB) stay in a 512 KB L2. */
    static final int MC_F32 = 144 * 1024 / (KC * Float.BYTES) / MR * MR;
    /** Columns of a packed float B panel (KC·NC floats, ~6 MB): a share of the 32 MB L3. */
    static final int NC_F32 = 4080 / NR_F32 * NR_F32;
    /** Rows of a packed double A block: the same bytes in L2 as the float block. */
    static final int MC_F64 = 144 * 1024 / (KC * Double.BYTES) / MR * MR;
    /** Columns of a packed double B panel. */
    static final int NC_F64 = 4080 / NR_F64 * NR_F64;

    /** Below this many multiply-adds packing costs as much as it saves. */
    static final long PACKED_MIN_WORK = 1L << 14;
    /** Below this many multiply-adds (128³) a thread hand-off costs more than it saves. */
    static final long PARALLEL_MIN_WORK = 1L << 21;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    // ------------------------------------------------------------------------------------ float

    /**
     * The reference twin: a plain triple loop, one fma chain over p per element of C.
     * Same arguments as {@link #run(int, int, int, float[], int, int, int, float[], int, int, int, float[], int, int)}.
     */
    public static void scalar(int m, int n, int k,
                              float[] a, int aOff, int aRowStride, int aColStride,
                              float[] b, int bOff, int bRowStride, int bColStride,
                              float[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[aOff + i * aRowStride + p * aColStride], b[bOff + p * bRowStride + j * bColStride], sum);
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    /**
     * {@code C = A · B}; see the class comment for the layout of each operand.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param ldc distance in {@code c} between rows of C (at least n when m > 1)
     */
    public static void run(int m, int n, int k,
                           float[] a, int aOff, int aRowStride, int aColStride,
                           float[] b, int bOff, int bRowStride, int bColStride,
                           float[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        if (!Simd.ENABLED) {
            scalar(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (m == 1 && bColStride == 1) {
            GemmSmall.rowTimesPanel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc);
        } else if (n == 1 && aRowStride == 1 && ldc == 1) {
            // C is one contiguous column: Cᵀ = Bᵀ·Aᵀ is a row times a panel with unit column stride
            GemmSmall.rowTimesPanel(1, m, k, b, bOff, 0, bRowStride, a, aOff, aColStride, c, cOff, 1);
        } else if ((m == 1 || n == 1) && aColStride == 1 && bRowStride == 1) {
            GemmSmall.rowDotColumn(m, n, k, a, aOff, aRowStride, b, bOff, bColStride, c, cOff, ldc);
        } else if (work < PACKED_MIN_WORK) {
            if (bColStride == 1) {
                GemmSmall.rowTimesPanel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc);
            } else if (aColStride == 1 && bRowStride == 1) {
                // x·Wᵀ (the gradient of a layer's input): rows of A against rows of the stored B, both dense
                GemmSmall.rowDotColumn(m, n, k, a, aOff, aRowStride, b, bOff, bColStride, c, cOff, ldc);
            } else {
                // any other layout: packing absorbs the strides, still cheaper than the scalar loop
                packed(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
            }
        } else if (work < PARALLEL_MIN_WORK || KernelThreads.count() == 1) {
            packed(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        } else {
            parallel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        }
    }

    /** The five loops on the caller's thread, whatever the size (tests reach every edge through it). */
    static void packed(int m, int n, int k,
                       float[] a, int aOff, int aRs, int aCs,
                       float[] b, int bOff, int bRs, int bCs,
                       float[] c, int cOff, int ldc) {
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        Workspace ws = WORKSPACE.get();
        packed(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, ws);
    }

    private static void zero(int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
    }

    /** The five loops on one thread, packing into {@code ws}. */
    private static void packed(int m, int n, int k,
                               float[] a, int aOff, int aRs, int aCs,
                               float[] b, int bOff, int bRs, int bCs,
                               float[] c, int cOff, int ldc, Workspace ws) {
        for (int jc = 0; jc < n; jc += NC_F32) {
            int nc = Math.min(NC_F32, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] bp = ws.bF32(roundUp(nc, NR_F32) * kc);
                GemmPacking.packB(kc, nc, b, bOff + pc * bRs + jc * bCs, bRs, bCs, bp);
                for (int ic = 0; ic < m; ic += MC_F32) {
                    int mc = Math.min(MC_F32, m - ic);
                    float[] ap = ws.aF32(roundUp(mc, MR) * kc);
                    GemmPacking.packA(mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs, ap);
                    macroKernel(mc, nc, kc, ap, bp, c, cOff + ic * ldc + jc, ldc, pc > 0, ws.tileF32);
                }
            }
        }
    }

    /**
     * Splits a large product over {@link KernelThreads} into independent sub-products: row strips
     * (whole MR multiples) when m is the long side, column strips (whole NR multiples) otherwise.
     * Each thread packs its own copy of the shared operand's panels: that repeats k·n (or m·k)
     * copies per thread, a few percent of the work, and buys strips that never wait on each
     * other. Shared panels would need a barrier per KC block, and a spinning barrier on an
     * oversubscribed machine burns the time slice that the thread it waits for needs.
     */
    static void parallel(int m, int n, int k,
                         float[] a, int aOff, int aRs, int aCs,
                         float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int ldc) {
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        int threads = KernelThreads.count();
        if (n > m) {
            int strips = Math.min(threads, ceilDiv(n, NR_F32));
            int width = roundUp(ceilDiv(n, strips), NR_F32);
            KernelThreads.parallelFor(strips, t -> {
                int j0 = t * width, cols = Math.min(width, n - j0);
                if (cols > 0) {
                    Workspace ws = WORKSPACE.get();
                    packed(m, cols, k, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs, c, cOff + j0, ldc, ws);
                }
            });
        } else {
            int strips = Math.min(threads, ceilDiv(m, MR));
            int height = roundUp(ceilDiv(m, strips), MR);
            KernelThreads.parallelFor(strips, t -> {
                int i0 = t * height, rows = Math.min(height, m - i0);
                if (rows > 0) {
                    Workspace ws = WORKSPACE.get();
                    packed(rows, n, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff, bRs, bCs, c, cOff + i0 * ldc, ldc, ws);
                }
            });
        }
    }

    /** The two loops around the micro-kernel over one packed A block and one packed B panel. */
    private static void macroKernel(int mc, int nc, int kc, float[] ap, float[] bp,
                                    float[] c, int cOff, int ldc, boolean accumulate, float[] tile) {
        for (int j0 = 0; j0 < nc; j0 += NR_F32) {
            int cols = Math.min(NR_F32, nc - j0);
            for (int i0 = 0; i0 < mc; i0 += MR) {
                int rows = Math.min(MR, mc - i0);
                int ct = cOff + i0 * ldc + j0;
                if (rows == MR && cols == NR_F32) {
                    GemmMicroKernel.run(kc, ap, i0 * kc, bp, j0 * kc, c, ct, ldc, accumulate);
                    continue;
                }
                // an edge tile: compute the full padded tile aside, keep the part inside C
                GemmMicroKernel.run(kc, ap, i0 * kc, bp, j0 * kc, tile, 0, NR_F32, false);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        float v = tile[r * NR_F32 + j];
                        c[ct + r * ldc + j] = accumulate ? v + c[ct + r * ldc + j] : v;
                    }
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- double

    /**
     * The reference twin: a plain triple loop, one fma chain over p per element of C.
     * Same arguments as {@link #run(int, int, int, double[], int, int, int, double[], int, int, int, double[], int, int)}.
     */
    public static void scalar(int m, int n, int k,
                              double[] a, int aOff, int aRowStride, int aColStride,
                              double[] b, int bOff, int bRowStride, int bColStride,
                              double[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0d;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[aOff + i * aRowStride + p * aColStride], b[bOff + p * bRowStride + j * bColStride], sum);
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }

    /**
     * {@code C = A · B}; see the class comment for the layout of each operand.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param ldc distance in {@code c} between rows of C (at least n when m > 1)
     */
    public static void run(int m, int n, int k,
                           double[] a, int aOff, int aRowStride, int aColStride,
                           double[] b, int bOff, int bRowStride, int bColStride,
                           double[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        if (!Simd.ENABLED) {
            scalar(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (m == 1 && bColStride == 1) {
            GemmSmall.rowTimesPanel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc);
        } else if (n == 1 && aRowStride == 1 && ldc == 1) {
            // C is one contiguous column: Cᵀ = Bᵀ·Aᵀ is a row times a panel with unit column stride
            GemmSmall.rowTimesPanel(1, m, k, b, bOff, 0, bRowStride, a, aOff, aColStride, c, cOff, 1);
        } else if ((m == 1 || n == 1) && aColStride == 1 && bRowStride == 1) {
            GemmSmall.rowDotColumn(m, n, k, a, aOff, aRowStride, b, bOff, bColStride, c, cOff, ldc);
        } else if (work < PACKED_MIN_WORK) {
            if (bColStride == 1) {
                GemmSmall.rowTimesPanel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, c, cOff, ldc);
            } else if (aColStride == 1 && bRowStride == 1) {
                // x·Wᵀ (the gradient of a layer's input): rows of A against rows of the stored B, both dense
                GemmSmall.rowDotColumn(m, n, k, a, aOff, aRowStride, b, bOff, bColStride, c, cOff, ldc);
            } else {
                // any other layout: packing absorbs the strides, still cheaper than the scalar loop
                packed(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
            }
        } else if (work < PARALLEL_MIN_WORK || KernelThreads.count() == 1) {
            packed(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        } else {
            parallel(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc);
        }
    }

    /** The five loops on the caller's thread, whatever the size (tests reach every edge through it). */
    static void packed(int m, int n, int k,
                       double[] a, int aOff, int aRs, int aCs,
                       double[] b, int bOff, int bRs, int bCs,
                       double[] c, int cOff, int ldc) {
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        Workspace ws = WORKSPACE.get();
        packed(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc, ws);
    }

    private static void zero(int m, int n, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0d);
        }
    }

    /** The five loops on one thread, packing into {@code ws}. */
    private static void packed(int m, int n, int k,
                               double[] a, int aOff, int aRs, int aCs,
                               double[] b, int bOff, int bRs, int bCs,
                               double[] c, int cOff, int ldc, Workspace ws) {
        for (int jc = 0; jc < n; jc += NC_F64) {
            int nc = Math.min(NC_F64, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double[] bp = ws.bF64(roundUp(nc, NR_F64) * kc);
                GemmPacking.packB(kc, nc, b, bOff + pc * bRs + jc * bCs, bRs, bCs, bp);
                for (int ic = 0; ic < m; ic += MC_F64) {
                    int mc = Math.min(MC_F64, m - ic);
                    double[] ap = ws.aF64(roundUp(mc, MR) * kc);
                    GemmPacking.packA(mc, kc, a, aOff + ic * aRs + pc * aCs, aRs, aCs, ap);
                    macroKernel(mc, nc, kc, ap, bp, c, cOff + ic * ldc + jc, ldc, pc > 0, ws.tileF64);
                }
            }
        }
    }

    /**
     * Splits a large product over {@link KernelThreads} into independent sub-products: row strips
     * (whole MR multiples) when m is the long side, column strips (whole NR multiples) otherwise.
     * Each thread packs its own copy of the shared operand's panels: that repeats k·n (or m·k)
     * copies per thread, a few percent of the work, and buys strips that never wait on each
     * other. Shared panels would need a barrier per KC block, and a spinning barrier on an
     * oversubscribed machine burns the time slice that the thread it waits for needs.
     */
    static void parallel(int m, int n, int k,
                         double[] a, int aOff, int aRs, int aCs,
                         double[] b, int bOff, int bRs, int bCs,
                         double[] c, int cOff, int ldc) {
        if (k == 0) {
            zero(m, n, c, cOff, ldc);
            return;
        }
        int threads = KernelThreads.count();
        if (n > m) {
            int strips = Math.min(threads, ceilDiv(n, NR_F64));
            int width = roundUp(ceilDiv(n, strips), NR_F64);
            KernelThreads.parallelFor(strips, t -> {
                int j0 = t * width, cols = Math.min(width, n - j0);
                if (cols > 0) {
                    Workspace ws = WORKSPACE.get();
                    packed(m, cols, k, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs, c, cOff + j0, ldc, ws);
                }
            });
        } else {
            int strips = Math.min(threads, ceilDiv(m, MR));
            int height = roundUp(ceilDiv(m, strips), MR);
            KernelThreads.parallelFor(strips, t -> {
                int i0 = t * height, rows = Math.min(height, m - i0);
                if (rows > 0) {
                    Workspace ws = WORKSPACE.get();
                    packed(rows, n, k, a, aOff + i0 * aRs, aRs, aCs, b, bOff, bRs, bCs, c, cOff + i0 * ldc, ldc, ws);
                }
            });
        }
    }

    /** The two loops around the micro-kernel over one packed A block and one packed B panel. */
    private static void macroKernel(int mc, int nc, int kc, double[] ap, double[] bp,
                                    double[] c, int cOff, int ldc, boolean accumulate, double[] tile) {
        for (int j0 = 0; j0 < nc; j0 += NR_F64) {
            int cols = Math.min(NR_F64, nc - j0);
            for (int i0 = 0; i0 < mc; i0 += MR) {
                int rows = Math.min(MR, mc - i0);
                int ct = cOff + i0 * ldc + j0;
                if (rows == MR && cols == NR_F64) {
                    GemmMicroKernel.run(kc, ap, i0 * kc, bp, j0 * kc, c, ct, ldc, accumulate);
                    continue;
                }
                // an edge tile: compute the full padded tile aside, keep the part inside C
                GemmMicroKernel.run(kc, ap, i0 * kc, bp, j0 * kc, tile, 0, NR_F64, false);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        double v = tile[r * NR_F64 + j];
                        c[ct + r * ldc + j] = accumulate ? v + c[ct + r * ldc + j] : v;
                    }
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------- shared

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    /** Per-thread packing buffers, grown on demand and then reused by every later call. */
    private static final class Workspace {
        final float[] tileF32 = new float[MR * NR_F32];
        final double[] tileF64 = new double[MR * NR_F64];
        private float[] aF32 = new float[0];
        private float[] bF32 = new float[0];
        private double[] aF64 = new double[0];
        private double[] bF64 = new double[0];

        float[] aF32(int size) {
            return aF32.length >= size ? aF32 : (aF32 = new float[size]);
        }

        float[] bF32(int size) {
            return bF32.length >= size ? bF32 : (bF32 = new float[size]);
        }

        double[] aF64(int size) {
            return aF64.length >= size ? aF64 : (aF64 = new double[size]);
        }

        double[] bF64(int size) {
            return bF64.length >= size ? bF64 : (bF64 = new double[size]);
        }
    }

    private Gemm() {}
}

