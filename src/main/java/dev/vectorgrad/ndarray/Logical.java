package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * Logical ops on BOOL arrays with NumPy broadcasting ({@code tf.math.logical_and} ...), and the
 * {@code any}/{@code all} reductions, which count the true elements with the int32 sum and compare the
 * count with 0 or with the lane length (so empty lanes give NumPy's {@code False} and {@code True}).
 */
public final class Logical {

    /** The three binary connectives. */
    public enum Connective {
        /** Both. */
        AND,
        /** Either. */
        OR,
        /** Exactly one. */
        XOR
    }

    /** {@code a op b} elementwise with broadcasting; both BOOL (checked by the caller). */
    public static Strided binary(Connective c, String name, Strided a, Strided b) {
        int[] shape = Shapes.broadcast(name, a.shape(), b.shape());
        int n = Shapes.size(shape);
        boolean[] out = new boolean[n];
        int[] outStrides = Shapes.rowMajorStrides(shape);
        Strided result = new Strided(DType.BOOL, out, 0, shape, outStrides);
        boolean[] x = a.bool(), y = b.bool();
        StridedLoop.plan(shape, new int[][] {a.stridesFor(shape), b.stridesFor(shape), outStrides},
                new int[] {a.offset(), b.offset(), 0}).forEach((len, off, inc) -> {
                    int ao = off[0], bo = off[1], oo = off[2], ia = inc[0], ib = inc[1];
                    switch (c) {
                        case AND -> { for (int i = 0; i < len; i++) out[oo + i] = x[ao + i * ia] & y[bo + i * ib]; }
                        case OR -> { for (int i = 0; i < len; i++) out[oo + i] = x[ao + i * ia] | y[bo + i * ib]; }
                        case XOR -> { for (int i = 0; i < len; i++) out[oo + i] = x[ao + i * ia] ^ y[bo + i * ib]; }
                    }
                });
        return result;
    }

    /** {@code !x} elementwise; BOOL (checked by the caller). */
    public static Strided not(Strided x) {
        boolean[] out = (boolean[]) Convert.contiguous(x, DType.BOOL);
        for (int i = 0; i < out.length; i++) out[i] = !out[i];
        return new Strided(DType.BOOL, out, 0, x.shape(), Shapes.rowMajorStrides(x.shape()));
    }

    /**
     * {@code any} ({@code all} when {@code all}) over {@code axes}; any dtype, non-zero (and NaN) is true,
     * as in NumPy.
     */
    public static Strided anyAll(boolean all, String name, Strided x, int[] axes, boolean keepDims) {
        Strided truth = x.dtype() == DType.BOOL ? x
                : new Strided(DType.BOOL, Convert.contiguous(x, DType.BOOL), 0, x.shape(), Shapes.rowMajorStrides(x.shape()));
        Strided count = Reductions.reduce(Reductions.Kind.SUM, name, truth, axes, keepDims, DType.INT32);
        int lane = 1;
        for (int a : axes) lane *= x.shape()[a];
        int[] c = count.i32();
        boolean[] out = new boolean[c.length];
        for (int i = 0; i < c.length; i++) out[i] = all ? c[i] == lane : c[i] > 0;
        return new Strided(DType.BOOL, out, 0, count.shape(), count.strides());
    }

    private Logical() {}
}
