package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.reduce.MaxKernel;
import dev.vectorgrad.kernels.reduce.MinKernel;
import dev.vectorgrad.kernels.reduce.ProdKernel;
import dev.vectorgrad.kernels.reduce.SumKernel;

/**
 * Sum, product, max and min over any set of axes.
 *
 * <p>The walk visits the input once, in its own memory order, with an accumulator whose strides are
 * 0 along reduced axes. When the innermost run is reduced, the run goes to a reduction kernel
 * ({@link SumKernel} ...) and its result is folded into one accumulator cell. When the innermost run
 * is kept, the run is folded into a row of accumulators with the elementwise kernel (ADD, MUL,
 * MAXIMUM, MINIMUM) — an outer-axis sum is a vertical add of rows, never a strided gather.
 */
public final class Reductions {

    /** The four associative reductions. */
    public enum Kind {
        SUM(Op.ADD), PROD(Op.MUL), MAX(Op.MAXIMUM), MIN(Op.MINIMUM);

        final Op fold;

        Kind(Op fold) {
            this.fold = fold;
        }
    }

    /**
     * Reduces {@code x} (read as {@code t}) over {@code axes} (normalised and sorted).
     *
     * @param name the public op name for error messages
     */
    public static Strided reduce(Kind kind, String name, Strided x, int[] axes, boolean keepDims, DType t) {
        int[] shape = x.shape();
        int[] keep = Shapes.reducedShape(shape, axes, true);
        int[] outShape = keepDims ? keep : Shapes.reducedShape(shape, axes, false);
        int nOut = Shapes.size(keep);
        Object acc = Convert.allocateResult(t, nOut);
        Strided result = new Strided(t, acc, 0, outShape, Shapes.rowMajorStrides(outShape));
        if (nOut == 0) {
            return result;
        }
        if (x.size() == 0) {
            if (kind == Kind.MAX || kind == Kind.MIN) {
                throw new IllegalArgumentException(name + ": zero-size array " + Shapes.format(shape)
                        + " has no identity to reduce over axes " + java.util.Arrays.toString(axes));
            }
            fill(acc, kind == Kind.PROD ? 1 : 0);
            return result;
        }
        fillIdentity(kind, acc);
        if (x.dtype() == t && x.isContiguous() && contiguousAxes(axes)) {
            foldDense(kind, t, x, shape, axes, acc);
            return result;
        }
        int[] keepStrides = Shapes.rowMajorStrides(keep);
        int[] accStrides = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            accStrides[i] = keep[i] == shape[i] ? keepStrides[i] : 0;
        }
        StridedLoop loop = StridedLoop.plan(shape, new int[][] {x.strides(), accStrides}, new int[] {x.offset(), 0});
        int len0 = loop.runLength();
        Object scratch = Convert.allocate(t, Math.min(len0, Elementwise.CHUNK));
        KernelTable.Binary fold = KernelTable.binary(kind.fold, t);
        boolean typed = x.dtype() == t;
        loop.forEach((len, off, inc) -> {
            if (inc[1] == 0) {
                if (typed && inc[0] == 1) {
                    foldRun(kind, x.data(), off[0], len, acc, off[1]);
                } else {
                    for (int c = 0; c < len; c += Elementwise.CHUNK) {
                        int m = Math.min(Elementwise.CHUNK, len - c);
                        Convert.gather(x.dtype(), x.data(), off[0] + c * inc[0], inc[0], m, scratch, 0);
                        foldRun(kind, scratch, 0, m, acc, off[1]);
                    }
                }
            } else if (typed && inc[0] == 1) {
                fold.run(acc, off[1], x.data(), off[0], acc, off[1], len);
            } else {
                for (int c = 0; c < len; c += Elementwise.CHUNK) {
                    int m = Math.min(Elementwise.CHUNK, len - c);
                    Convert.gather(x.dtype(), x.data(), off[0] + c * inc[0], inc[0], m, scratch, 0);
                    fold.run(acc, off[1] + c, scratch, 0, acc, off[1] + c, m);
                }
            }
        });
        return result;
    }

    private static boolean contiguousAxes(int[] axes) {
        for (int i = 1; i < axes.length; i++) {
            if (axes[i] != axes[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * A dense input reduced over one contiguous block of axes {@code [first, last]}: seen as
     * {@code outer × reduced × inner}, each outer slab is either folded row by row into the inner
     * accumulators (vertical adds) or, when nothing is inner, reduced by the kernel in one call.
     */
    private static void foldDense(Kind kind, DType t, Strided x, int[] shape, int[] axes, Object acc) {
        int outer = 1, reduced = 1, inner = 1;
        for (int i = 0; i < shape.length; i++) {
            if (i < axes[0]) {
                outer *= shape[i];
            } else if (i <= axes[axes.length - 1]) {
                reduced *= shape[i];
            } else {
                inner *= shape[i];
            }
        }
        Object data = x.data();
        int base = x.offset();
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                foldRun(kind, data, base + o * reduced, reduced, acc, o);
            }
            return;
        }
        if (kind == Kind.SUM && inner < Elementwise.SHORT_BLOCK && reduced > 1) {
            // Short rows (a small layer's bias gradient: 32 rows of 10) as plain loops, not one kernel call per row:
            // each column still adds its rows in order, the same IEEE adds as the kernel's lanes, so the same bits.
            if (acc instanceof float[] sum) {
                addRows((float[]) data, base, outer, reduced, inner, sum);
                return;
            }
            if (acc instanceof double[] sum) {
                addRows((double[]) data, base, outer, reduced, inner, sum);
                return;
            }
        }
        KernelTable.Binary fold = KernelTable.binary(kind.fold, t);
        for (int o = 0; o < outer; o++) {
            int slab = base + o * reduced * inner;
            for (int r = 0; r < reduced; r++) {
                fold.run(acc, o * inner, data, slab + r * inner, acc, o * inner, inner);
            }
        }
    }

    private static void addRows(float[] x, int base, int outer, int reduced, int inner, float[] sum) {
        for (int o = 0; o < outer; o++) {
            int slab = base + o * reduced * inner;
            int s0 = o * inner;
            for (int r = 0; r < reduced; r++) {
                int row = slab + r * inner;
                for (int j = 0; j < inner; j++) {
                    sum[s0 + j] += x[row + j];
                }
            }
        }
    }

    private static void addRows(double[] x, int base, int outer, int reduced, int inner, double[] sum) {
        for (int o = 0; o < outer; o++) {
            int slab = base + o * reduced * inner;
            int s0 = o * inner;
            for (int r = 0; r < reduced; r++) {
                int row = slab + r * inner;
                for (int j = 0; j < inner; j++) {
                    sum[s0 + j] += x[row + j];
                }
            }
        }
    }

    private static void foldRun(Kind kind, Object src, int off, int n, Object acc, int at) {
        switch (acc) {
            case float[] a -> {
                float[] s = (float[]) src;
                a[at] = switch (kind) {
                    case SUM -> a[at] + SumKernel.run(s, off, n);
                    case PROD -> a[at] * ProdKernel.run(s, off, n);
                    case MAX -> Math.max(a[at], MaxKernel.run(s, off, n));
                    case MIN -> Math.min(a[at], MinKernel.run(s, off, n));
                };
            }
            case double[] a -> {
                double[] s = (double[]) src;
                a[at] = switch (kind) {
                    case SUM -> a[at] + SumKernel.run(s, off, n);
                    case PROD -> a[at] * ProdKernel.run(s, off, n);
                    case MAX -> Math.max(a[at], MaxKernel.run(s, off, n));
                    case MIN -> Math.min(a[at], MinKernel.run(s, off, n));
                };
            }
            case int[] a -> {
                int[] s = (int[]) src;
                a[at] = switch (kind) {
                    case SUM -> a[at] + SumKernel.run(s, off, n);
                    case PROD -> a[at] * ProdKernel.run(s, off, n);
                    case MAX -> Math.max(a[at], MaxKernel.run(s, off, n));
                    case MIN -> Math.min(a[at], MinKernel.run(s, off, n));
                };
            }
            case long[] a -> {
                long[] s = (long[]) src;
                a[at] = switch (kind) {
                    case SUM -> a[at] + SumKernel.run(s, off, n);
                    case PROD -> a[at] * ProdKernel.run(s, off, n);
                    case MAX -> Math.max(a[at], MaxKernel.run(s, off, n));
                    case MIN -> Math.min(a[at], MinKernel.run(s, off, n));
                };
            }
            default -> throw new IllegalStateException("cannot reduce into " + acc.getClass());
        }
    }

    private static void fillIdentity(Kind kind, Object acc) {
        switch (kind) {
            case SUM -> { /* zeros already */ }
            case PROD -> fill(acc, 1);
            case MAX -> {
                switch (acc) {
                    case float[] a -> java.util.Arrays.fill(a, Float.NEGATIVE_INFINITY);
                    case double[] a -> java.util.Arrays.fill(a, Double.NEGATIVE_INFINITY);
                    case int[] a -> java.util.Arrays.fill(a, Integer.MIN_VALUE);
                    case long[] a -> java.util.Arrays.fill(a, Long.MIN_VALUE);
                    default -> throw new IllegalStateException();
                }
            }
            case MIN -> {
                switch (acc) {
                    case float[] a -> java.util.Arrays.fill(a, Float.POSITIVE_INFINITY);
                    case double[] a -> java.util.Arrays.fill(a, Double.POSITIVE_INFINITY);
                    case int[] a -> java.util.Arrays.fill(a, Integer.MAX_VALUE);
                    case long[] a -> java.util.Arrays.fill(a, Long.MAX_VALUE);
                    default -> throw new IllegalStateException();
                }
            }
        }
    }

    private static void fill(Object acc, int v) {
        switch (acc) {
            case float[] a -> java.util.Arrays.fill(a, v);
            case double[] a -> java.util.Arrays.fill(a, v);
            case int[] a -> java.util.Arrays.fill(a, v);
            case long[] a -> java.util.Arrays.fill(a, v);
            default -> throw new IllegalStateException();
        }
    }

    private Reductions() {}
}
