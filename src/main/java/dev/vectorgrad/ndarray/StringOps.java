package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * What a STRING array supports beyond views: equality and selection, with broadcasting. A STRING
 * buffer is a {@code String[]} (never holding null), so views, {@link Convert#contiguous} and
 * {@code System.arraycopy} work on it unchanged; arithmetic is refused by NDArray before it gets here.
 */
public final class StringOps {

    /** {@code a == b} (EQ) or {@code a != b} (NE) elementwise by content, broadcasting; a BOOL result. */
    public static Strided compare(Op op, String name, Strided a, Strided b) {
        if (a.dtype() != DType.STRING || b.dtype() != DType.STRING) {
            throw new IllegalArgumentException(name + ": cannot compare dtypes " + a.dtype() + " and " + b.dtype());
        }
        if (op != Op.EQ && op != Op.NE) {
            throw new IllegalArgumentException(name + ": not supported for dtype string (only eq and ne are)");
        }
        int[] shape = Shapes.broadcast(name, a.shape(), b.shape());
        boolean[] out = new boolean[Shapes.size(shape)];
        int[] outStrides = Shapes.rowMajorStrides(shape);
        String[] x = (String[]) a.data();
        String[] y = (String[]) b.data();
        boolean equal = op == Op.EQ;
        StridedLoop.plan(shape, new int[][] {a.stridesFor(shape), b.stridesFor(shape), outStrides},
                new int[] {a.offset(), b.offset(), 0}).forEach((len, off, inc) -> {
                    for (int i = 0; i < len; i++) {
                        out[off[2] + i] = x[off[0] + i * inc[0]].equals(y[off[1] + i * inc[1]]) == equal;
                    }
                });
        return new Strided(DType.BOOL, out, 0, shape, outStrides);
    }

    /** {@code cond ? a : b} elementwise with three-way broadcasting, both branches STRING. */
    public static Strided where(Strided cond, Strided a, Strided b) {
        if (a.dtype() != DType.STRING || b.dtype() != DType.STRING) {
            throw new IllegalArgumentException("where: cannot select between dtypes " + a.dtype() + " and " + b.dtype());
        }
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape(), a.shape()), b.shape());
        String[] out = new String[Shapes.size(shape)];
        int[] outStrides = Shapes.rowMajorStrides(shape);
        boolean[] c = (boolean[]) cond.data();
        String[] x = (String[]) a.data();
        String[] y = (String[]) b.data();
        StridedLoop.plan(shape, new int[][] {cond.stridesFor(shape), a.stridesFor(shape), b.stridesFor(shape), outStrides},
                new int[] {cond.offset(), a.offset(), b.offset(), 0}).forEach((len, off, inc) -> {
                    for (int i = 0; i < len; i++) {
                        out[off[3] + i] = c[off[0] + i * inc[0]] ? x[off[1] + i * inc[1]] : y[off[2] + i * inc[2]];
                    }
                });
        return new Strided(DType.STRING, out, 0, shape, outStrides);
    }

    private StringOps() {}
}
