package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.util.Arrays;

/**
 * Integer-indexed reads and writes: gather (the one data-moving read, which gatherNd, takeAlongAxis
 * and booleanMask reduce to through flat indices) and the segment sum that scatters with addition
 * (its adjoint, which scatterNd and gather's gradient reduce to). Indices may be int32 or int64;
 * negative ones count from the end as in NumPy and PyTorch, anything else out of range is an error
 * naming the op, the index and the axis.
 */
public final class Indexing {

    /** The values of an int32/int64 index array, row-major; the message names {@code op} otherwise. */
    public static long[] indices(String op, Strided idx) {
        if (idx.dtype() != DType.INT32 && idx.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": indices must be int32 or int64, got " + idx.dtype());
        }
        return (long[]) Convert.contiguous(idx, DType.INT64);
    }

    /** {@code i} in {@code [-n, n)} normalised into {@code [0, n)}, else the error every indexing op gives. */
    public static int wrap(String op, long i, int axis, int n) {
        long j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException(op + ": index " + i + " out of range for axis " + axis + " of size " + n);
        }
        return (int) j;
    }

    /**
     * {@code tf.gather(x, indices, axis)} with the indices as an int32/int64 array of any shape. Contiguous
     * int32 indices (the common embedding lookup) are range-checked where they lie and read in place; others
     * are converted once to int positions.
     */
    public static Strided gather(Strided x, Strided indices, int axis) {
        DType it = indices.dtype();
        if (it != DType.INT32 && it != DType.INT64) {
            throw new IllegalArgumentException("gather: indices must be int32 or int64, got " + it);
        }
        int n = x.shape()[axis];
        int m = indices.size();
        if (it == DType.INT32 && indices.isContiguous()) {
            checkRange("gather", indices.i32(), indices.offset(), m, axis, n);
            return gather(x, indices.i32(), indices.offset(), indices.shape(), axis);
        }
        return gather(x, indices("gather", indices), indices.shape(), axis);
    }

    /**
     * {@code tf.gather(x, idx, axis)}: shape {@code x.shape[:axis] + idxShape + x.shape[axis+1:]}. Each
     * gathered slab ({@code x.shape[axis+1:]}) is one typed copy ({@link TypedCopy}); gathers along the last
     * axis are one typed element loop.
     */
    public static Strided gather(Strided x, long[] idx, int[] idxShape, int axis) {
        int n = x.shape()[axis];
        int[] at = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            at[i] = wrap("gather", idx[i], axis, n);
        }
        return gather(x, at, 0, idxShape, axis);
    }

    /**
     * Checks that {@code at[off..off+m)} all lie in {@code [-n, n)}, by their minimum and maximum (a loop C2
     * vectorises); only when one does not is the first offender searched for and named.
     */
    static void checkRange(String op, int[] at, int off, int m, int axis, int n) {
        int lo = 0, hi = 0;
        for (int j = 0; j < m; j++) {
            lo = Math.min(lo, at[off + j]);
            hi = Math.max(hi, at[off + j]);
        }
        if (m > 0 && (lo < -n || hi >= n)) {
            for (int j = 0; j < m; j++) {
                wrap(op, at[off + j], axis, n);
            }
        }
    }

    /** The gather of the checked positions {@code at[atOff..]} (each in {@code [-n, n)}), laid out as {@code idxShape}. */
    private static Strided gather(Strided x, int[] at, int atOff, int[] idxShape, int axis) {
        int[] shape = x.shape();
        int n = shape[axis];
        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(shape, axis + 1, shape.length));
        int[] outShape = new int[shape.length - 1 + idxShape.length];
        System.arraycopy(shape, 0, outShape, 0, axis);
        System.arraycopy(idxShape, 0, outShape, axis, idxShape.length);
        System.arraycopy(shape, axis + 1, outShape, axis + idxShape.length, shape.length - axis - 1);
        // every element is written by the gather below
        Object out = Convert.allocateForOverwrite(x.dtype(), Shapes.size(outShape));
        Strided result = Blit.dense(x.dtype(), out, outShape);
        if (Shapes.size(outShape) == 0) {
            return result;
        }
        Object src = x.isContiguous() ? x.data() : Convert.contiguous(x, x.dtype());
        int base = x.isContiguous() ? x.offset() : 0;
        TypedCopy.gather(src, base, outer, n, inner, at, atOff, Shapes.size(idxShape), out);
        return result;
    }

    /**
     * TensorFlow's {@code unsorted_segment_sum}: {@code out[ids[i...], ...] += data[i..., ...]}, shape
     * {@code [num] + data.shape[idsShape.length:]}; ids must lie in {@code [0, num)}.
     */
    public static Strided segmentSum(Strided data, long[] ids, int[] idsShape, int num) {
        int[] shape = data.shape();
        if (idsShape.length > shape.length || !Arrays.equals(idsShape, Arrays.copyOf(shape, idsShape.length))) {
            throw new IllegalArgumentException("unsortedSegmentSum: segment ids of shape " + Shapes.format(idsShape)
                    + " must be a prefix of the data shape " + Shapes.format(shape));
        }
        if (num < 0) {
            throw new IllegalArgumentException("unsortedSegmentSum: numSegments must be non-negative, got " + num);
        }
        int inner = Shapes.size(Arrays.copyOfRange(shape, idsShape.length, shape.length));
        int[] outShape = new int[shape.length - idsShape.length + 1];
        outShape[0] = num;
        System.arraycopy(shape, idsShape.length, outShape, 1, outShape.length - 1);
        DType t = data.dtype();
        if (!t.isFloating() && !t.isInteger()) {
            throw new IllegalArgumentException("unsortedSegmentSum: not supported for dtype " + t);
        }
        Object out = Convert.allocateResult(t, Shapes.size(outShape));
        int[] at = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= num) {
                throw new IllegalArgumentException("unsortedSegmentSum: segment id " + ids[i] + " out of range [0, "
                        + num + ")");
            }
            at[i] = (int) ids[i];
        }
        if (inner > 0 && ids.length > 0) {
            Object src = data.isContiguous() ? data.data() : Convert.contiguous(data, t);
            int base = data.isContiguous() ? data.offset() : 0;
            for (int i = 0; i < at.length; i++) {
                addRow(src, base + i * inner, out, at[i] * inner, inner);
            }
        }
        return Blit.dense(t, out, outShape);
    }

    private static void addRow(Object src, int sOff, Object out, int oOff, int n) {
        switch (out) {
            case float[] d -> { float[] s = (float[]) src; for (int j = 0; j < n; j++) d[oOff + j] += s[sOff + j]; }
            case double[] d -> { double[] s = (double[]) src; for (int j = 0; j < n; j++) d[oOff + j] += s[sOff + j]; }
            case int[] d -> { int[] s = (int[]) src; for (int j = 0; j < n; j++) d[oOff + j] += s[sOff + j]; }
            case long[] d -> { long[] s = (long[]) src; for (int j = 0; j < n; j++) d[oOff + j] += s[sOff + j]; }
            default -> throw new IllegalStateException("not a numeric buffer: " + out.getClass());
        }
    }

    /**
     * Row-major flat positions within {@code dims} of the index tuples in the last axis of {@code idx}
     * ({@code tf.gather_nd}'s addressing); each component is checked against its axis.
     */
    public static long[] flatNd(String op, long[] idx, int[] idxShape, int[] dims) {
        int m = idxShape[idxShape.length - 1];
        int count = m == 0 ? Shapes.size(Arrays.copyOf(idxShape, idxShape.length - 1)) : idx.length / m;
        long[] flat = new long[count];
        for (int i = 0; i < count; i++) {
            long f = 0;
            for (int k = 0; k < m; k++) {
                f = f * dims[k] + wrap(op, idx[i * m + k], k, dims[k]);
            }
            flat[i] = f;
        }
        return flat;
    }

    /**
     * NumPy's {@code take_along_axis} addressing: for each position of {@code outShape} (x's shape with
     * {@code axis} replaced by the index length; {@code idx} already broadcast to it), the row-major
     * position in x of the element it takes.
     */
    public static long[] flatAlongAxis(long[] idx, int[] xShape, int[] outShape, int axis) {
        int rank = outShape.length;
        int[] xStrides = Shapes.rowMajorStrides(xShape);
        long[] flat = new long[idx.length];
        int[] pos = new int[rank];
        for (int i = 0; i < idx.length; i++) {
            long f = 0;
            for (int d = 0; d < rank; d++) {
                int c = d == axis ? wrap("takeAlongAxis", idx[i], axis, xShape[axis]) : pos[d];
                f += (long) c * xStrides[d];
            }
            flat[i] = f;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < outShape[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return flat;
    }

    /** Row-major positions of the true elements. */
    public static long[] trueIndices(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        long[] out = new long[n];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** {@code tf.where(cond)}: the coordinates of the non-zero elements, int64 {@code [n, rank]}, row-major order. */
    public static Strided argWhere(Strided x) {
        int[] shape = x.shape();
        long[] flat = trueIndices((boolean[]) Convert.contiguous(x, DType.BOOL));
        int rank = shape.length;
        long[] out = new long[flat.length * rank];
        int[] strides = Shapes.rowMajorStrides(shape);
        for (int i = 0; i < flat.length; i++) {
            long f = flat[i];
            for (int d = 0; d < rank; d++) {
                out[i * rank + d] = f / strides[d];
                f %= strides[d];
            }
        }
        return Blit.dense(DType.INT64, out, new int[] {flat.length, rank});
    }

    private Indexing() {}
}
