package dev.vectorgrad.kernels.matmul;

import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.MR;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F32;
import static dev.vectorgrad.kernels.matmul.GemmMicroKernel.NR_F64;

import dev.vectorgrad.kernels.Simd;

/**
 * {@code C (+)= A · B} for many A's against one B packed once: the recurrent kernel of an LSTM, multiplied by
 * every step's hidden state, or its transpose in backpropagation through time.
 *
 * <p>{@link Gemm#run} packs B into micropanels on every call. For a {@code [32, 128] · [128, 512]} step that
 * copy is as long as the micro-kernel's work, and a sequence repeats it at every step. {@link #pack} does it
 * once, in {@link Gemm}'s own block order (NC-wide column panels, each cut into KC-deep blocks, each stored as
 * {@link GemmPacking#packB} stores it), and {@link #run} walks the same loops as {@link Gemm}'s single-thread
 * path with the B blocks read from the packed copy; only A (the small, changing operand) is packed per call.
 *
 * <p>A call runs on the caller's thread: the products it exists for are below or at
 * {@link Gemm#PARALLEL_MIN_WORK}, where a hand-off costs about what it saves, and a sequence cannot split its
 * steps. Accuracy is {@link Gemm}'s; {@code accumulate} adds the product to C as a later KC block does.
 * With SIMD off the packed copy is not made and {@link #scalar} (a triple loop on the original B) runs.
 *
 * <p>A packed operand keeps a reference to the array it was packed from (the scalar twin reads it): the caller
 * must not change that array while the packed operand is in use.
 */
public final class GemmPrepacked {

    /** A {@code [k, n]} float B operand in GEMM's packed block layout, and where it was read from. */
    public static final class PackedF32 {
        final int k;
        final int n;
        final float[] panels;
        final float[] b;
        final int bOff;
        final int bRs;
        final int bCs;

        private PackedF32(int k, int n, float[] panels, float[] b, int bOff, int bRs, int bCs) {
            this.k = k;
            this.n = n;
            this.panels = panels;
            this.b = b;
            this.bOff = bOff;
            this.bRs = bRs;
            this.bCs = bCs;
        }

        /** Rows of B (the inner dimension of a product). */
        public int k() {
            return k;
        }

        /** Columns of B and of every product's C. */
        public int n() {
            return n;
        }
    }

    /** A {@code [k, n]} double B operand in GEMM's packed block layout, and where it was read from. */
    public static final class PackedF64 {
        final int k;
        final int n;
        final double[] panels;
        final double[] b;
        final int bOff;
        final int bRs;
        final int bCs;

        private PackedF64(int k, int n, double[] panels, double[] b, int bOff, int bRs, int bCs) {
            this.k = k;
            this.n = n;
            this.panels = panels;
            this.b = b;
            this.bOff = bOff;
            this.bRs = bRs;
            this.bCs = bCs;
        }

        /** Rows of B (the inner dimension of a product). */
        public int k() {
            return k;
        }

        /** Columns of B and of every product's C. */
        public int n() {
            return n;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    // ---- float --------------------------------------------------------------------------------

    /**
     * Packs {@code B [k, n]} (element (p,j) at {@code b[bOff + p*bRowStride + j*bColStride]}); a transposed
     * view is a row stride of 1, as in {@link Gemm#run}.
     */
    public static PackedF32 pack(int k, int n, float[] b, int bOff, int bRowStride, int bColStride) {
        checkDims(0, n, k);
        if (!Simd.ENABLED) {
            return new PackedF32(k, n, null, b, bOff, bRowStride, bColStride);
        }
        float[] panels = new float[packedSize(k, n, Gemm.NC_F32, NR_F32)];
        int dst = 0;
        for (int jc = 0; jc < n; jc += Gemm.NC_F32) {
            int nc = Math.min(Gemm.NC_F32, n - jc);
            for (int pc = 0; pc < k; pc += Gemm.KC) {
                int kc = Math.min(Gemm.KC, k - pc);
                float[] block = new float[roundUp(nc, NR_F32) * kc];
                GemmPacking.packB(kc, nc, b, bOff + pc * bRowStride + jc * bColStride, bRowStride, bColStride, block);
                System.arraycopy(block, 0, panels, dst, block.length);
                dst += block.length;
            }
        }
        return new PackedF32(k, n, panels, b, bOff, bRowStride, bColStride);
    }

    /**
     * {@code C = A · B}, or {@code C += A · B} when {@code accumulate}; A is {@code [m, packed.k()]} read through
     * its strides, C row-major at {@code cOff} with leading dimension {@code ldc}. Without {@code accumulate} C
     * is never read.
     */
    public static void run(int m, float[] a, int aOff, int aRowStride, int aColStride, PackedF32 packed,
                           float[] c, int cOff, int ldc, boolean accumulate) {
        checkDims(m, packed.n, packed.k);
        if (m == 0 || packed.n == 0) {
            return;
        }
        if (packed.panels == null) {
            scalar(m, a, aOff, aRowStride, aColStride, packed, c, cOff, ldc, accumulate);
            return;
        }
        int n = packed.n, k = packed.k;
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        Scratch s = SCRATCH.get();
        int src = 0;
        for (int jc = 0; jc < n; jc += Gemm.NC_F32) {
            int nc = Math.min(Gemm.NC_F32, n - jc);
            for (int pc = 0; pc < k; pc += Gemm.KC) {
                int kc = Math.min(Gemm.KC, k - pc);
                for (int ic = 0; ic < m; ic += Gemm.MC_F32) {
                    int mc = Math.min(Gemm.MC_F32, m - ic);
                    float[] ap = s.aF32(roundUp(mc, MR) * kc);
                    GemmPacking.packA(mc, kc, a, aOff + ic * aRowStride + pc * aColStride, aRowStride, aColStride, ap);
                    Gemm.macroKernel(mc, nc, kc, ap, packed.panels, src, kc, c, cOff + ic * ldc + jc, ldc,
                            accumulate || pc > 0, s.tileF32);
                }
                src += roundUp(nc, NR_F32) * kc;
            }
        }
    }

    /** The reference twin: {@link Gemm#scalar} on the original B, then added to C when {@code accumulate}. */
    public static void scalar(int m, float[] a, int aOff, int aRowStride, int aColStride, PackedF32 packed,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        int n = packed.n;
        if (!accumulate) {
            Gemm.scalar(m, n, packed.k, a, aOff, aRowStride, aColStride, packed.b, packed.bOff, packed.bRs, packed.bCs,
                    c, cOff, ldc);
            return;
        }
        float[] t = new float[m * n];
        Gemm.scalar(m, n, packed.k, a, aOff, aRowStride, aColStride, packed.b, packed.bOff, packed.bRs, packed.bCs,
                t, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] += t[i * n + j];
            }
        }
    }

    // ---- double -------------------------------------------------------------------------------

    /** Packs {@code B [k, n]} (element (p,j) at {@code b[bOff + p*bRowStride + j*bColStride]}). */
    public static PackedF64 pack(int k, int n, double[] b, int bOff, int bRowStride, int bColStride) {
        checkDims(0, n, k);
        if (!Simd.ENABLED) {
            return new PackedF64(k, n, null, b, bOff, bRowStride, bColStride);
        }
        double[] panels = new double[packedSize(k, n, Gemm.NC_F64, NR_F64)];
        int dst = 0;
        for (int jc = 0; jc < n; jc += Gemm.NC_F64) {
            int nc = Math.min(Gemm.NC_F64, n - jc);
            for (int pc = 0; pc < k; pc += Gemm.KC) {
                int kc = Math.min(Gemm.KC, k - pc);
                double[] block = new double[roundUp(nc, NR_F64) * kc];
                GemmPacking.packB(kc, nc, b, bOff + pc * bRowStride + jc * bColStride, bRowStride, bColStride, block);
                System.arraycopy(block, 0, panels, dst, block.length);
                dst += block.length;
            }
        }
        return new PackedF64(k, n, panels, b, bOff, bRowStride, bColStride);
    }

    /** {@code C = A · B}, or {@code C += A · B} when {@code accumulate} (see the float overload). */
    public static void run(int m, double[] a, int aOff, int aRowStride, int aColStride, PackedF64 packed,
                           double[] c, int cOff, int ldc, boolean accumulate) {
        checkDims(m, packed.n, packed.k);
        if (m == 0 || packed.n == 0) {
            return;
        }
        if (packed.panels == null) {
            scalar(m, a, aOff, aRowStride, aColStride, packed, c, cOff, ldc, accumulate);
            return;
        }
        int n = packed.n, k = packed.k;
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0d);
                }
            }
            return;
        }
        Scratch s = SCRATCH.get();
        int src = 0;
        for (int jc = 0; jc < n; jc += Gemm.NC_F64) {
            int nc = Math.min(Gemm.NC_F64, n - jc);
            for (int pc = 0; pc < k; pc += Gemm.KC) {
                int kc = Math.min(Gemm.KC, k - pc);
                for (int ic = 0; ic < m; ic += Gemm.MC_F64) {
                    int mc = Math.min(Gemm.MC_F64, m - ic);
                    double[] ap = s.aF64(roundUp(mc, MR) * kc);
                    GemmPacking.packA(mc, kc, a, aOff + ic * aRowStride + pc * aColStride, aRowStride, aColStride, ap);
                    Gemm.macroKernel(mc, nc, kc, ap, packed.panels, src, kc, c, cOff + ic * ldc + jc, ldc,
                            accumulate || pc > 0, s.tileF64);
                }
                src += roundUp(nc, NR_F64) * kc;
            }
        }
    }

    /** The reference twin: {@link Gemm#scalar} on the original B, then added to C when {@code accumulate}. */
    public static void scalar(int m, double[] a, int aOff, int aRowStride, int aColStride, PackedF64 packed,
                              double[] c, int cOff, int ldc, boolean accumulate) {
        int n = packed.n;
        if (!accumulate) {
            Gemm.scalar(m, n, packed.k, a, aOff, aRowStride, aColStride, packed.b, packed.bOff, packed.bRs, packed.bCs,
                    c, cOff, ldc);
            return;
        }
        double[] t = new double[m * n];
        Gemm.scalar(m, n, packed.k, a, aOff, aRowStride, aColStride, packed.b, packed.bOff, packed.bRs, packed.bCs,
                t, 0, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] += t[i * n + j];
            }
        }
    }

    // ---- shared -------------------------------------------------------------------------------

    private static int packedSize(int k, int n, int nc, int nr) {
        long size = 0;
        for (int jc = 0; jc < n; jc += nc) {
            size += (long) roundUp(Math.min(nc, n - jc), nr) * k;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("GemmPrepacked: a packed [" + k + ", " + n + "] operand is too large");
        }
        return (int) size;
    }

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("GEMM dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Per-thread A blocks and edge tiles, grown on demand and reused (as {@link Gemm}'s workspace). */
    private static final class Scratch {
        final float[] tileF32 = new float[MR * NR_F32];
        final double[] tileF64 = new double[MR * NR_F64];
        private float[] aF32 = new float[0];
        private double[] aF64 = new double[0];

        float[] aF32(int size) {
            return aF32.length >= size ? aF32 : (aF32 = new float[size]);
        }

        double[] aF64(int size) {
            return aF64.length >= size ? aF64 : (aF64 = new double[size]);
        }
    }

    private GemmPrepacked() {}
}
