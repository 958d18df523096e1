package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * Strided reads with type conversion: gathers a run of {@code n} elements starting at {@code off}
 * with increment {@code inc} (0 repeats one element) into a contiguous destination of another type.
 * Conversions follow Java's casts: float to int truncates toward zero (NaN gives 0), int64 to int32
 * wraps, anything to bool tests {@code != 0}. Complex to real keeps the real part and complex to bool
 * tests both parts, as NumPy does; real to complex gives a zero imaginary part. STRING converts only to
 * STRING (TensorFlow's {@code tf.cast} refuses strings).
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
            case COMPLEX64 -> toF32(DType.FLOAT32, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff); // NumPy drops im
            case COMPLEX128 -> toF32(DType.FLOAT64, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff);
            case STRING -> throw notNumeric(DType.FLOAT32);
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
            case COMPLEX64 -> toF64(DType.FLOAT32, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff); // NumPy drops im
            case COMPLEX128 -> toF64(DType.FLOAT64, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff);
            case STRING -> throw notNumeric(DType.FLOAT64);
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
            case COMPLEX64 -> toI32(DType.FLOAT32, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff); // NumPy drops im
            case COMPLEX128 -> toI32(DType.FLOAT64, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff);
            case STRING -> throw notNumeric(DType.INT32);
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
            case COMPLEX64 -> toI64(DType.FLOAT32, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff); // NumPy drops im
            case COMPLEX128 -> toI64(DType.FLOAT64, ((ComplexBuffer) src).reals(), off, inc, n, dst, dOff);
            case STRING -> throw notNumeric(DType.INT64);
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
            case COMPLEX64, COMPLEX128 -> {
                ComplexBuffer c = (ComplexBuffer) src; // NumPy: true unless both parts are zero
                for (int i = 0; i < n; i++) dst[dOff + i] = c.re(off + i * inc) != 0 || c.im(off + i * inc) != 0;
            }
            case STRING -> throw notNumeric(DType.BOOL);
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
            case ComplexBuffer c -> toComplex(t, src, off, inc, n, c, dOff);
            case String[] text -> toStrings(t, src, off, inc, n, text, dOff);
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
            case String[] d -> { String[] v = (String[]) src; for (int i = 0; i < n; i++) d[dOff + i * inc] = v[i]; }
            case ComplexBuffer d -> {
                scatter(((ComplexBuffer) src).reals(), n, d.reals(), dOff, inc);
                scatter(((ComplexBuffer) src).imags(), n, d.imags(), dOff, inc);
            }
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
            case STRING -> emptyStrings(n);
            case COMPLEX64, COMPLEX128 -> ComplexBuffer.allocate(t, n);
        };
    }

    // ---- result scopes (NDArray.scope()) ----

    /**
     * Like {@link #allocate}, zeroed, for the buffer of an op's <em>result</em>: inside an {@code NDArray.scope()} it
     * is a warm buffer that an earlier scope released (see {@link ScopedBuffers}). Only for buffers that become an
     * NDArray (which then tracks the scope's generation) or scratch dead when the op returns; never for a buffer kept
     * raw (slots, caches, arrays handed to the user), which would change under its holder when the scope closes.
     */
    public static Object allocateResult(DType t, int n) {
        Object b = ScopedBuffers.take(t, n, true);
        return b != null ? b : allocate(t, n);
    }

    /**
     * {@link #allocateResult} without the zeroing, for results of which the caller writes every element (an
     * elementwise kernel's output, a product with beta = 0): a recycled buffer's old contents are never seen.
     */
    public static Object allocateForOverwrite(DType t, int n) {
        Object b = ScopedBuffers.take(t, n, false);
        return b != null ? b : allocate(t, n);
    }

    // ---- more dtypes: string and complex ----

    /**
     * Gathers a run into a complex buffer: a complex source copies both parts, a real one becomes
     * the real parts with zero imaginary parts (NumPy's cast to complex).
     */
    public static void toComplex(DType t, Object src, int off, int inc, int n, ComplexBuffer dst, int dOff) {
        if (t.isComplex()) {
            ComplexBuffer c = (ComplexBuffer) src;
            DType part = t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
            gather(part, c.reals(), off, inc, n, dst.reals(), dOff);
            gather(part, c.imags(), off, inc, n, dst.imags(), dOff);
            return;
        }
        if (t == DType.STRING) {
            throw notNumeric(dst instanceof ComplexBuffer.OfFloat ? DType.COMPLEX64 : DType.COMPLEX128);
        }
        gather(t, src, off, inc, n, dst.reals(), dOff);
        switch (dst.imags()) {
            case float[] f -> java.util.Arrays.fill(f, dOff, dOff + n, 0f);
            case double[] d -> java.util.Arrays.fill(d, dOff, dOff + n, 0.0);
            default -> throw new IllegalStateException();
        }
    }

    /** Gathers a run of strings; only a STRING source qualifies (TensorFlow's {@code tf.cast} refuses the rest). */
    public static void toStrings(DType t, Object src, int off, int inc, int n, String[] dst, int dOff) {
        if (t != DType.STRING) {
            throw new IllegalArgumentException("cast: " + t + " cannot be converted to string");
        }
        String[] s = (String[]) src;
        if (inc == 1) {
            System.arraycopy(s, off, dst, dOff, n);
        } else {
            for (int i = 0; i < n; i++) dst[dOff + i] = s[off + i * inc];
        }
    }

    /**
     * {@code System.arraycopy} for any vectorgrad buffer, complex ones included (their two parts are
     * copied in turn); code that copies raw buffers should call this rather than arraycopy.
     */
    public static void copy(Object src, int srcPos, Object dst, int dstPos, int n) {
        if (src instanceof ComplexBuffer s && dst instanceof ComplexBuffer d) {
            System.arraycopy(s.reals(), srcPos, d.reals(), dstPos, n);
            System.arraycopy(s.imags(), srcPos, d.imags(), dstPos, n);
        } else {
            System.arraycopy(src, srcPos, dst, dstPos, n);
        }
    }

    /**
     * {@code x} broadcast to {@code shape} and converted to {@code t}, as a row-major array with offset 0
     * and a buffer of exactly its size: {@code x} itself when it already is one, else a copy. Buffers
     * are never written after creation, so handing one to a second array is safe.
     */
    public static Strided contiguousAs(Strided x, DType t, int[] shape) {
        int n = Shapes.size(shape);
        if (x.dtype() == t && x.offset() == 0 && java.util.Arrays.equals(x.shape(), shape) && x.isContiguous()
                && length(x.data()) == n) {
            return x;
        }
        Strided b = new Strided(x.dtype(), x.data(), x.offset(), shape, x.stridesFor(shape));
        return new Strided(t, contiguous(b, t), 0, shape, Shapes.rowMajorStrides(shape));
    }

    /** Number of elements in a buffer. */
    public static int length(Object buffer) {
        return buffer instanceof ComplexBuffer c ? c.length() : java.lang.reflect.Array.getLength(buffer);
    }

    /** TensorFlow's empty string {@code b''} in every element, so a STRING buffer never holds null. */
    private static String[] emptyStrings(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "");
        return s;
    }

    private static IllegalArgumentException notNumeric(DType to) {
        return new IllegalArgumentException("cast: string cannot be converted to " + to
                + " (as in TensorFlow, whose tf.cast refuses strings; parse the text instead)");
    }

    /** A row-major copy of {@code x} converted to {@code to}: the one place a whole array is copied. */
    public static Object contiguous(Strided x, DType to) {
        return contiguousInto(x, to, allocate(to, x.size()));
    }

    /**
     * {@link #contiguous} into a buffer from {@link #allocateForOverwrite} (every element is written), for a copy that
     * becomes an NDArray (a cast, a reshape or {@code contiguous()} that must copy); never for one handed out raw.
     */
    public static Object contiguousResult(Strided x, DType to) {
        return contiguousInto(x, to, allocateForOverwrite(to, x.size()));
    }

    private static Object contiguousInto(Strided x, DType to, Object out) {
        int n = x.size();
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
