package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * Strided reads with type conversion: gathers a run of {@code n} elements starting at {@code off}
 * with increment {@code inc} (0 repeats one element) into a contiguous destination of another type.
 * Conversions follow Java's casts: float to int truncates toward zero (NaN gives 0), int64 to int32
 * wraps, anything to bool tests {@code != 0}.
 */
public final class Convert {

    public static void toF32(DType t, Object src, int off, int inc, int n, float[] dst, int dOff) {
        switch (t) {
            case FLOAT32 -> {
                float[] s = (float[]) src;
                if (inc == 1) {
                    System.arraycopy(s, off, dst, dOff, n);
                } else {
                    for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
                }
            }
            case FLOAT64 -> { double[] s = (double[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (float) s[off + i * inc]; }
            case INT32 -> { int[] s = (int[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case INT64 -> { long[] s = (long[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case BOOL -> { boolean[] s = (boolean[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] ? 1f : 0f; }
        }
    }

    public static void toF64(DType t, Object src, int off, int inc, int n, double[] dst, int dOff) {
        switch (t) {
            case FLOAT64 -> {
                double[] s = (double[]) src;
                if (inc == 1) {
                    System.arraycopy(s, off, dst, dOff, n);
                } else {
                    for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
                }
            }
            case FLOAT32 -> { float[] s = (float[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case INT32 -> { int[] s = (int[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case INT64 -> { long[] s = (long[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case BOOL -> { boolean[] s = (boolean[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] ? 1 : 0; }
        }
    }

    public static void toI32(DType t, Object src, int off, int inc, int n, int[] dst, int dOff) {
        switch (t) {
            case INT32 -> {
                int[] s = (int[]) src;
                if (inc == 1) {
                    System.arraycopy(s, off, dst, dOff, n);
                } else {
                    for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
                }
            }
            case FLOAT32 -> { float[] s = (float[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (int) s[off + i * inc]; }
            case FLOAT64 -> { double[] s = (double[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (int) s[off + i * inc]; }
            case INT64 -> { long[] s = (long[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (int) s[off + i * inc]; }
            case BOOL -> { boolean[] s = (boolean[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] ? 1 : 0; }
        }
    }

    public static void toI64(DType t, Object src, int off, int inc, int n, long[] dst, int dOff) {
        switch (t) {
            case INT64 -> {
                long[] s = (long[]) src;
                if (inc == 1) {
                    System.arraycopy(s, off, dst, dOff, n);
                } else {
                    for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
                }
            }
            case FLOAT32 -> { float[] s = (float[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (long) s[off + i * inc]; }
            case FLOAT64 -> { double[] s = (double[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = (long) s[off + i * inc]; }
            case INT32 -> { int[] s = (int[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc]; }
            case BOOL -> { boolean[] s = (boolean[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] ? 1 : 0; }
        }
    }

    public static void toBool(DType t, Object src, int off, int inc, int n, boolean[] dst, int dOff) {
        switch (t) {
            case BOOL -> {
                boolean[] s = (boolean[]) src;
                if (inc == 1) {
                    System.arraycopy(s, off, dst, dOff, n);
                } else {
                    for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
                }
            }
            case FLOAT32 -> { float[] s = (float[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] != 0; }
            case FLOAT64 -> { double[] s = (double[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] != 0; }
            case INT32 -> { int[] s = (int[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] != 0; }
            case INT64 -> { long[] s = (long[]) src; for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc] != 0; }
        }
    }

    /** Gathers a run into {@code dst} (whose array type decides the target dtype). */
    public static void gather(DType t, Object src, int off, int inc, int n, Object dst, int dOff) {
        switch (dst) {
            case float[] f -> toF32(t, src, off, inc, n, f, dOff);
            case double[] d -> toF64(t, src, off, inc, n, d, dOff);
            case int[] i -> toI32(t, src, off, inc, n, i, dOff);
            case long[] l -> toI64(t, src, off, inc, n, l, dOff);
            case boolean[] b -> toBool(t, src, off, inc, n, b, dOff);
            default -> throw new IllegalStateException("not a vectorgrad buffer: " + dst.getClass());
        }
    }

    /** Writes {@code n} elements of {@code src} (same type as {@code dst}) to {@code dst} with increment {@code inc}. */
    public static void scatter(Object src, int n, Object dst, int dOff, int inc) {
        switch (dst) {
            case float[] d -> { float[] v = (float[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            case double[] d -> { double[] v = (double[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            case int[] d -> { int[] v = (int[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            case long[] d -> { long[] v = (long[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            case boolean[] d -> { boolean[] v = (boolean[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            default -> throw new IllegalStateException("not a vectorgrad buffer: " + dst.getClass());
        }
    }

    /** A new zeroed buffer of {@code n} elements of type {@code t}. */
    public static Object allocate(DType t, int n) {
        return switch (t) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
    }

    /** A row-major copy of {@code x} converted to {@code to}: the one place a whole array is copied. */
    public static Object contiguous(Strided x, DType to) {
        int n = x.size();
        Object out = allocate(to, n);
        if (n == 0) {
            return out;
        }
        int[] outStrides = Shapes.rowMajorStrides(x.shape());
        StridedLoop.plan(x.shape(), new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> gather(x.dtype(), x.data(), off[0], inc[0], len, out, off[1]));
        return out;
    }

    private Convert() {}
}
