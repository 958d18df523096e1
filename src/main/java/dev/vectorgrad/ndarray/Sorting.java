package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * Stable argsort along an axis, and the two index-driven lane copies built on it: {@link #take}
 * ({@code out[..., i, ...] = x[..., idx[..., i, ...], ...]}, NumPy's {@code take_along_axis}) and its
 * adjoint {@link #put} (scatter-add into zeros). Sorted values are {@code take(x, argsort(x))}, and the
 * top-k values {@code take(x, first k of argsort)}, so one gradient pair serves sort and topK.
 *
 * <p>Order: NumPy's total order for floats, NaN above {@code +Inf}; {@code -0.0} equals {@code 0.0}.
 * Equal keys keep their original order in both directions (a stable merge sort on indices), which is
 * what {@code tf.argsort(stable=True)} and {@code tf.math.top_k}'s "lower index first" promise.
 */
public final class Sorting {

    /** INT64 indices of the same shape as {@code x}, sorting each lane along {@code axis}. */
    public static Strided argsort(Strided x, int axis, boolean descending) {
        return argsortPrefix(x, axis, descending, x.shape()[axis]);
    }

    /**
     * The first {@code k} indices of each lane's stable sort along {@code axis}: shape {@code x.shape}
     * with {@code k} along the axis.
     */
    public static Strided argsortPrefix(Strided x, int axis, boolean descending, int k) {
        int[] shape = x.shape();
        int n = shape[axis];
        int[] outShape = shape.clone();
        outShape[axis] = k;
        long[] out = new long[Shapes.size(outShape)];
        int[] outStrides = Shapes.rowMajorStrides(outShape);
        Strided result = new Strided(DType.INT64, out, 0, outShape, outStrides);
        if (out.length == 0) {
            return result;
        }
        if (descending && k <= SELECT_MAX_K && 8 * k < n && (x.data() instanceof float[] || x.data() instanceof double[])) {
            selectLanes(x, axis, k, result);
            return result;
        }
        boolean exact64 = x.dtype() == DType.INT64;    // longs beyond 2^53 would collide as doubles
        double[] keyD = exact64 ? null : new double[n];
        long[] keyL = exact64 ? new long[n] : null;
        int[] idx = new int[n];
        int[] tmp = new int[n];
        int[] others = shape.clone();
        others[axis] = 1;
        int xs = x.strides()[axis];
        int os = outStrides[axis];
        StridedLoop.plan(others, new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    for (int j = 0; j < len; j++) {
                        if (exact64) {
                            Convert.toI64(x.dtype(), x.data(), off[0] + j * inc[0], xs, n, keyL, 0);
                            sortIndices(keyL, idx, tmp, n, descending);
                        } else {
                            Convert.toF64(x.dtype(), x.data(), off[0] + j * inc[0], xs, n, keyD, 0);
                            if (descending && k <= SELECT_MAX_K && 8 * k < n) {
                                selectLargest(keyD, n, k, idx);
                            } else {
                                sortIndices(keyD, idx, tmp, n, descending);
                            }
                        }
                        int o = off[1] + j * inc[1];
                        for (int i = 0; i < k; i++) out[o + i * os] = idx[i];
                    }
                });
        return result;
    }

    // top-k with a small k keeps a sorted buffer of k candidates: one pass, O(n) compares plus rare insertions,
    // instead of sorting the whole lane
    private static final int SELECT_MAX_K = 64;

    /**
     * The indices of the {@code k} largest keys in descending order, ties to the lower index: exactly the first
     * {@code k} of {@link #sortIndices} descending (the lane is scanned in index order, so a later equal key
     * never overtakes an earlier one).
     */
    static void selectLargest(double[] key, int n, int k, int[] idx) {
        int size = 0;
        for (int i = 0; i < n; i++) {
            double v = key[i];
            if (size == k && compare(v, key[idx[k - 1]]) <= 0) {
                continue;   // not strictly better than the current k-th
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && compare(v, key[idx[at - 1]]) > 0) {
                idx[at] = idx[at - 1];
                at--;
            }
            idx[at] = i;
        }
    }

    /**
     * Top-k of float or double lanes read where they lie: no key copy of the lane, no index arrays of its
     * length, only the {@code k} candidates. Same selection, same comparisons, same result as
     * {@link #selectLargest(double[], int, int, int[])} on the lane widened to double.
     */
    private static void selectLanes(Strided x, int axis, int k, Strided result) {
        int n = x.shape()[axis];
        int[] others = x.shape().clone();
        others[axis] = 1;
        int xs = x.strides()[axis];
        int os = result.strides()[axis];
        long[] out = result.i64();
        int[] top = new int[k];
        StridedLoop.plan(others, new int[][] {x.strides(), result.strides()}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    for (int j = 0; j < len; j++) {
                        if (x.data() instanceof float[] f) {
                            selectLargest(f, off[0] + j * inc[0], xs, n, k, top);
                        } else {
                            selectLargest((double[]) x.data(), off[0] + j * inc[0], xs, n, k, top);
                        }
                        int o = off[1] + j * inc[1];
                        for (int i = 0; i < k; i++) out[o + i * os] = top[i];
                    }
                });
    }

    /**
     * {@link #selectLargest(double[], int, int, int[])} over {@code s[off + i·inc]}, {@code i < n} ({@code 0 < k < n}).
     * Past the first {@code k}, an element neither above the current k-th nor NaN is dropped after two compares,
     * the common case once the candidates are large; only the rest goes through the NaN-aware order.
     */
    static void selectLargest(float[] s, int off, int inc, int n, int k, int[] idx) {
        for (int i = 0; i < k; i++) {
            insert(s[off + i * inc], i, i, s, off, inc, idx);
        }
        float kth = s[off + idx[k - 1] * inc];
        for (int i = k; i < n; i++) {
            float v = s[off + i * inc];
            if (!(v > kth) && v == v) {
                continue;
            }
            if (compare(v, kth) > 0) {   // strictly better: an equal later key never overtakes
                insert(v, i, k - 1, s, off, inc, idx);
                kth = s[off + idx[k - 1] * inc];
            }
        }
    }

    // places index i of value v at idx[at] or above, shifting lower-ranked candidates down
    private static void insert(float v, int i, int at, float[] s, int off, int inc, int[] idx) {
        while (at > 0 && compare(v, s[off + idx[at - 1] * inc]) > 0) {
            idx[at] = idx[at - 1];
            at--;
        }
        idx[at] = i;
    }

    /** The double twin of {@link #selectLargest(float[], int, int, int, int, int[])}. */
    static void selectLargest(double[] s, int off, int inc, int n, int k, int[] idx) {
        for (int i = 0; i < k; i++) {
            insert(s[off + i * inc], i, i, s, off, inc, idx);
        }
        double kth = s[off + idx[k - 1] * inc];
        for (int i = k; i < n; i++) {
            double v = s[off + i * inc];
            if (!(v > kth) && v == v) {
                continue;
            }
            if (compare(v, kth) > 0) {
                insert(v, i, k - 1, s, off, inc, idx);
                kth = s[off + idx[k - 1] * inc];
            }
        }
    }

    private static void insert(double v, int i, int at, double[] s, int off, int inc, int[] idx) {
        while (at > 0 && compare(v, s[off + idx[at - 1] * inc]) > 0) {
            idx[at] = idx[at - 1];
            at--;
        }
        idx[at] = i;
    }

    /** Sorts {@code 0..n-1} by {@code key} (stable merge sort, NaN greatest). */
    static void sortIndices(double[] key, int[] idx, int[] tmp, int n, boolean descending) {
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width, hi = Math.min(lo + 2 * width, n);
                int a = lo, b = mid, t = lo;
                while (a < mid && b < hi) {
                    // take from the right run only when strictly before: that is what keeps ties stable
                    int c = compare(key[idx[b]], key[idx[a]]);
                    tmp[t++] = (descending ? c > 0 : c < 0) ? idx[b++] : idx[a++];
                }
                while (a < mid) tmp[t++] = idx[a++];
                while (b < hi) tmp[t++] = idx[b++];
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
    }

    static void sortIndices(long[] key, int[] idx, int[] tmp, int n, boolean descending) {
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width, hi = Math.min(lo + 2 * width, n);
                int a = lo, b = mid, t = lo;
                while (a < mid && b < hi) {
                    int c = Long.compare(key[idx[b]], key[idx[a]]);
                    tmp[t++] = (descending ? c > 0 : c < 0) ? idx[b++] : idx[a++];
                }
                while (a < mid) tmp[t++] = idx[a++];
                while (b < hi) tmp[t++] = idx[b++];
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
    }

    /** NumPy's sort order: numbers by value ({@code -0.0 == 0.0}), every NaN above every number. */
    private static int compare(double a, double b) {
        if (a < b) return -1;
        if (a > b) return 1;
        boolean na = a != a, nb = b != b;
        return na == nb ? 0 : na ? 1 : -1;
    }

    /**
     * {@code out[..., i, ...] = x[..., idx[..., i, ...], ...]} along {@code axis}; {@code idx} (INT64,
     * contiguous, in range) has {@code x}'s shape except along the axis, which sets the result's length.
     */
    public static Strided take(Strided x, long[] idx, int[] idxShape, int axis) {
        DType t = x.dtype();
        Object out = Convert.allocateResult(t, idx.length);
        int[] outStrides = Shapes.rowMajorStrides(idxShape);
        Strided result = new Strided(t, out, 0, idxShape, outStrides);
        if (idx.length == 0) {
            return result;
        }
        int m = idxShape[axis];
        int[] others = idxShape.clone();
        others[axis] = 1;
        int xs = x.strides()[axis];
        int os = outStrides[axis];
        Object src = x.data();
        StridedLoop.plan(others, new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    for (int j = 0; j < len; j++) {
                        int xo = off[0] + j * inc[0], o = off[1] + j * inc[1];
                        switch (out) {
                            case float[] d -> { float[] s = (float[]) src; for (int i = 0; i < m; i++) d[o + i * os] = s[xo + (int) idx[o + i * os] * xs]; }
                            case double[] d -> { double[] s = (double[]) src; for (int i = 0; i < m; i++) d[o + i * os] = s[xo + (int) idx[o + i * os] * xs]; }
                            case int[] d -> { int[] s = (int[]) src; for (int i = 0; i < m; i++) d[o + i * os] = s[xo + (int) idx[o + i * os] * xs]; }
                            case long[] d -> { long[] s = (long[]) src; for (int i = 0; i < m; i++) d[o + i * os] = s[xo + (int) idx[o + i * os] * xs]; }
                            case boolean[] d -> { boolean[] s = (boolean[]) src; for (int i = 0; i < m; i++) d[o + i * os] = s[xo + (int) idx[o + i * os] * xs]; }
                            default -> throw new IllegalStateException("take: no lane copy for " + out.getClass());
                        }
                    }
                });
        return result;
    }

    /**
     * The adjoint of {@link #take}: zeros of {@code idxShape} with length {@code n} along {@code axis},
     * into which {@code g[..., i, ...]} is added at {@code [..., idx[..., i, ...], ...]} (float types).
     */
    public static Strided put(Strided g, long[] idx, int[] idxShape, int axis, int n) {
        DType t = g.dtype();
        int[] outShape = idxShape.clone();
        outShape[axis] = n;
        int[] outStrides = Shapes.rowMajorStrides(outShape);
        Object out = Convert.allocateResult(t, Shapes.size(outShape));
        Strided result = new Strided(t, out, 0, outShape, outStrides);
        if (idx.length == 0 || Shapes.size(outShape) == 0) {
            return result;
        }
        int m = idxShape[axis];
        int[] idxStrides = Shapes.rowMajorStrides(idxShape);
        int[] gStrides = g.stridesFor(idxShape);
        int[] others = idxShape.clone();
        others[axis] = 1;
        int gs = gStrides[axis], is = idxStrides[axis], os = outStrides[axis];
        Object src = g.data();
        StridedLoop.plan(others, new int[][] {gStrides, idxStrides, outStrides}, new int[] {g.offset(), 0, 0})
                .forEach((len, off, inc) -> {
                    for (int j = 0; j < len; j++) {
                        int go = off[0] + j * inc[0], io = off[1] + j * inc[1], o = off[2] + j * inc[2];
                        switch (out) {
                            case float[] d -> { float[] s = (float[]) src; for (int i = 0; i < m; i++) d[o + (int) idx[io + i * is] * os] += s[go + i * gs]; }
                            case double[] d -> { double[] s = (double[]) src; for (int i = 0; i < m; i++) d[o + (int) idx[io + i * is] * os] += s[go + i * gs]; }
                            default -> throw new IllegalStateException("put: gradients are float, got " + out.getClass());
                        }
                    }
                });
        return result;
    }

    private Sorting() {}
}
