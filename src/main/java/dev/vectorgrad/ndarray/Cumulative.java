package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * Cumulative sums and products along one axis ({@code tf.math.cumsum}, {@code tf.math.cumprod}),
 * inclusive or exclusive, forward or reversed.
 *
 * <p>The input is copied once, row-major, into the result; the scan then runs in place. Viewed as
 * {@code [outer, n, inner]} around the axis, step {@code i} folds row {@code i-1} into row {@code i}:
 * with {@code inner > 1} that is one elementwise kernel call per row ({@code AddKernel},
 * {@code MulKernel}), vectorised across the inner axis; along the last axis ({@code inner == 1}) it is a
 * sequential loop. Either way every output element is the same left-to-right fold NumPy computes, in
 * the array's own type, so float results match {@code np.cumsum} bit for bit.
 */
public final class Cumulative {

    /** The scan of {@code x} (read as {@code t}) along {@code axis}: {@code SUM} or {@code PROD}. */
    public static Strided scan(Reductions.Kind kind, Strided x, int axis, boolean exclusive, boolean reverse, DType t) {
        int[] shape = x.shape();
        int size = Shapes.size(shape);
        Object y = Convert.contiguous(x, t);
        Strided result = new Strided(t, y, 0, shape, Shapes.rowMajorStrides(shape));
        int n = shape[axis];
        if (size == 0) {
            return result;
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        int outer = size / (n * inner);
        int block = n * inner;
        boolean product = kind == Reductions.Kind.PROD;
        if (inner == 1 && scanLanes(y, outer, n, product, reverse)) {
            return exclusive ? exclusive(y, t, shape, outer, n, inner, product, reverse) : result;
        }
        KernelTable.Binary fold = KernelTable.binary(product ? Op.MUL : Op.ADD, t);
        for (int o = 0; o < outer; o++) {
            int base = o * block;
            if (reverse) {
                for (int i = n - 2; i >= 0; i--) {
                    int at = base + i * inner;
                    fold.run(y, at + inner, y, at, y, at, inner);  // y[i] = y[i+1] op y[i]
                }
            } else {
                for (int i = 1; i < n; i++) {
                    int at = base + i * inner;
                    fold.run(y, at - inner, y, at, y, at, inner);  // y[i] = y[i-1] op y[i]
                }
            }
        }
        return exclusive ? exclusive(y, t, shape, outer, n, inner, product, reverse) : result;
    }

    /** The exclusive scan from the inclusive one {@code y}: moved one row along the axis, the vacated row the identity. */
    private static Strided exclusive(Object y, DType t, int[] shape, int outer, int n, int inner, boolean product,
            boolean reverse) {
        int block = n * inner;
        Object ex = Convert.allocateResult(t, outer * block);
        double identity = product ? 1 : 0;
        for (int o = 0; o < outer; o++) {
            int base = o * block;
            int from = reverse ? base + inner : base;
            int to = reverse ? base : base + inner;
            System.arraycopy(y, from, ex, to, (n - 1) * inner);
            fillIdentity(ex, reverse ? base + (n - 1) * inner : base, inner, identity);
        }
        return new Strided(t, ex, 0, shape, Shapes.rowMajorStrides(shape));
    }

    /**
     * The scan along the last axis, in place, for each of {@code outer} lanes of {@code n}: one typed loop
     * carrying the running value in a register, where the general path makes one kernel call per element.
     * Same fold, same order, same type ({@code y[i] = y[i-1] op y[i]}), so the same bits; vectorised prefix
     * sums re-associate float additions and are not used for that reason. False for a buffer type without
     * such a loop (complex), which then takes the general path.
     */
    private static boolean scanLanes(Object y, int outer, int n, boolean product, boolean reverse) {
        int step = reverse ? -1 : 1;
        for (int o = 0; o < outer; o++) {
            int first = o * n + (reverse ? n - 1 : 0);
            switch (y) {   // one loop per operator: no operator chosen inside a loop body
                case float[] a when product -> { float acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc * a[at]; a[at] = acc; } }
                case float[] a -> { float acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc + a[at]; a[at] = acc; } }
                case double[] a when product -> { double acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc * a[at]; a[at] = acc; } }
                case double[] a -> { double acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc + a[at]; a[at] = acc; } }
                case int[] a when product -> { int acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc * a[at]; a[at] = acc; } }
                case int[] a -> { int acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc + a[at]; a[at] = acc; } }
                case long[] a when product -> { long acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc * a[at]; a[at] = acc; } }
                case long[] a -> { long acc = a[first]; for (int i = 1, at = first; i < n; i++) { at += step; acc = acc + a[at]; a[at] = acc; } }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static void fillIdentity(Object a, int from, int n, double v) {
        switch (a) {
            case float[] f -> java.util.Arrays.fill(f, from, from + n, (float) v);
            case double[] d -> java.util.Arrays.fill(d, from, from + n, v);
            case int[] i -> java.util.Arrays.fill(i, from, from + n, (int) v);
            case long[] l -> java.util.Arrays.fill(l, from, from + n, (long) v);
            default -> throw new IllegalStateException("no scan over " + a.getClass());
        }
    }

    private Cumulative() {}
}
