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
        KernelTable.Binary fold = KernelTable.binary(kind == Reductions.Kind.SUM ? Op.ADD : Op.MUL, t);
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
        if (!exclusive) {
            return result;
        }
        // exclusive: the inclusive scan moved one row along the axis, the vacated row the identity
        Object ex = Convert.allocate(t, size);
        double identity = kind == Reductions.Kind.SUM ? 0 : 1;
        for (int o = 0; o < outer; o++) {
            int base = o * block;
            int from = reverse ? base + inner : base;
            int to = reverse ? base : base + inner;
            System.arraycopy(y, from, ex, to, (n - 1) * inner);
            fillIdentity(ex, reverse ? base + (n - 1) * inner : base, inner, identity);
        }
        return new Strided(t, ex, 0, shape, result.strides());
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
