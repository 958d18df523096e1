package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.util.Arrays;

/**
 * Elementwise dispatch: broadcasts the operands, then hands each inner run to a kernel in one of
 * three shapes — both operands contiguous, right operand broadcast (stride 0), left operand
 * broadcast. Runs that are neither (a transposed operand, a step slice, a type to convert) are
 * gathered one run at a time into a small scratch buffer; the whole array is never copied.
 */
public final class Elementwise {
    /** Gathered runs are processed in chunks of this many elements, so scratch stays in L1/L2. */
    static final int CHUNK = 2048;

    /** A repeated block shorter than this many elements is first copied into whole repeats of it (see apply). */
    static final int SHORT_BLOCK = 64;

    /** About how many elements such a block of whole repeats holds. */
    private static final int REPEATED_BLOCK = 4 * SHORT_BLOCK;

    /**
     * The dense block {@code x} that broadcasting repeats along leading axes of an {@code n}-element result, as one
     * flat run of whole repeats: {@code x} itself when it is long enough (or the result is one repeat), else a new
     * buffer of up to {@link #REPEATED_BLOCK} elements, filled by doubling copies.
     */
    private static Strided wholeRepeats(Strided x, int n, DType t) {
        int len = x.size();
        if (len >= SHORT_BLOCK || n <= len) {
            return x;
        }
        int size = len * (Math.min(n, REPEATED_BLOCK) / len);
        Object block = Convert.allocate(t, size);
        System.arraycopy(x.data(), x.offset(), block, 0, len);
        for (int have = len; have < size; have *= 2) {
            System.arraycopy(block, 0, block, have, Math.min(have, size - have));
        }
        return new Strided(t, block, 0, new int[] {size}, new int[] {1});
    }

    /** {@code a op b} with broadcasting, both operands read as {@code t}, result of type {@code t}. */
    public static Strided binary(Op op, String name, Strided a, Strided b, DType t) {
        KernelTable.Binary k = KernelTable.binary(op, t);
        if (k == null) {
            throw new IllegalArgumentException(name + ": not supported for dtype " + t);
        }
        return apply(k, name, a, b, t, t);
    }

    /** Comparison {@code a op b} with both operands read as {@code t}; a BOOL result. */
    public static Strided compare(Op op, String name, Strided a, Strided b, DType t) {
        return apply(KernelTable.compare(op, t), name, a, b, t, DType.BOOL);
    }

    /** {@code f(x)} with {@code x} read as {@code t}, result of type {@code t}. */
    public static Strided unary(Op op, String name, Strided x, DType t) {
        KernelTable.Unary k = KernelTable.unary(op, t);
        if (k == null) {
            throw new IllegalArgumentException(name + ": not supported for dtype " + t);
        }
        int[] shape = x.shape();
        int n = Shapes.size(shape);
        Object out = Convert.allocateForOverwrite(t, n); // every element is written below
        Strided result = new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape));
        if (n == 0) {
            return result;
        }
        if (x.dtype() == t && x.isContiguous()) {
            k.run(x.data(), x.offset(), out, 0, n);
            return result;
        }
        StridedLoop loop = StridedLoop.plan(shape, new int[][] {x.strides(), result.strides()},
                new int[] {x.offset(), 0});
        Object scratch = Convert.allocate(t, Math.min(loop.runLength(), CHUNK));
        loop.forEach((len, off, inc) -> {
            if (inc[0] == 1 && x.dtype() == t) {
                k.run(x.data(), off[0], out, off[1], len);
            } else {
                for (int c = 0; c < len; c += CHUNK) {
                    int m = Math.min(CHUNK, len - c);
                    Convert.gather(x.dtype(), x.data(), off[0] + c * inc[0], inc[0], m, scratch, 0);
                    k.run(scratch, 0, out, off[1] + c, m);
                }
            }
        });
        return result;
    }

    /** {@code cond ? a : b} elementwise with three-way broadcasting; result of type {@code t}. */
    public static Strided where(Strided cond, Strided a, Strided b, DType t) {
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape(), a.shape()), b.shape());
        int n = Shapes.size(shape);
        Object out = Convert.allocateForOverwrite(t, n); // a is gathered into every element, b over some
        int[] outStrides = Shapes.rowMajorStrides(shape);
        Strided result = new Strided(t, out, 0, shape, outStrides);
        if (n == 0) {
            return result;
        }
        StridedLoop loop = StridedLoop.plan(shape,
                new int[][] {cond.stridesFor(shape), a.stridesFor(shape), b.stridesFor(shape), outStrides},
                new int[] {cond.offset(), a.offset(), b.offset(), 0});
        int chunk = Math.min(loop.runLength(), CHUNK);
        boolean[] c = new boolean[chunk];
        Object sb = Convert.allocate(t, chunk);
        loop.forEach((len, off, inc) -> {
            for (int s = 0; s < len; s += CHUNK) {
                int m = Math.min(CHUNK, len - s);
                Convert.toBool(cond.dtype(), cond.data(), off[0] + s * inc[0], inc[0], m, c, 0);
                // a lands in the output directly; b is gathered aside and copied over where cond is false
                Convert.gather(a.dtype(), a.data(), off[1] + s * inc[1], inc[1], m, out, off[3] + s);
                Convert.gather(b.dtype(), b.data(), off[2] + s * inc[2], inc[2], m, sb, 0);
                takeWhereFalse(c, sb, out, off[3] + s, m);
            }
        });
        return result;
    }

    private static void takeWhereFalse(boolean[] c, Object src, Object dst, int dOff, int n) {
        switch (dst) {
            case float[] d -> {
                float[] v = (float[]) src;
                for (int i = 0; i < n; i++) if (!c[i]) d[dOff + i] = v[i];
            }
            case double[] d -> {
                double[] v = (double[]) src;
                for (int i = 0; i < n; i++) if (!c[i]) d[dOff + i] = v[i];
            }
            case int[] d -> {
                int[] v = (int[]) src;
                for (int i = 0; i < n; i++) if (!c[i]) d[dOff + i] = v[i];
            }
            case long[] d -> {
                long[] v = (long[]) src;
                for (int i = 0; i < n; i++) if (!c[i]) d[dOff + i] = v[i];
            }
            case boolean[] d -> {
                boolean[] v = (boolean[]) src;
                for (int i = 0; i < n; i++) if (!c[i]) d[dOff + i] = v[i];
            }
            default -> throw new IllegalStateException("not a vectorgrad buffer: " + dst.getClass());
        }
    }

    private static Strided apply(KernelTable.Binary k, String name, Strided a, Strided b, DType in, DType outType) {
        int[] shape = Arrays.equals(a.shape(), b.shape()) ? a.shape() : Shapes.broadcast(name, a.shape(), b.shape());
        int n = Shapes.size(shape);
        Object out = Convert.allocateForOverwrite(outType, n); // each path below writes every element
        int[] outStrides = Shapes.rowMajorStrides(shape);
        Strided result = new Strided(outType, out, 0, shape, outStrides);
        if (n == 0) {
            return result;
        }
        boolean aTyped = a.dtype() == in;
        boolean bTyped = b.dtype() == in;
        // Fast paths first: most calls are dense arrays of one shape, or an array with a scalar.
        if (aTyped && bTyped) {
            boolean aDense = a.shape().length == shape.length && a.size() == n && a.isContiguous();
            boolean bDense = b.shape().length == shape.length && b.size() == n && b.isContiguous();
            if (aDense && bDense) {
                k.run(a.data(), a.offset(), b.data(), b.offset(), out, 0, n);
                return result;
            }
            if (aDense && b.size() == 1) {
                k.right(a.data(), a.offset(), b.data(), b.offset(), out, 0, n);
                return result;
            }
            if (bDense && a.size() == 1) {
                k.left(a.data(), a.offset(), b.data(), b.offset(), out, 0, n);
                return result;
            }
            // A dense block repeated along leading axes (a bias row added to a batch): one kernel call
            // per row, without planning a strided walk; a short block is first repeated into whole rows of
            // a longer one, so a 10-unit layer's bias over 32 rows is one call, not 32 of 10 elements.
            if (aDense && isTrailingBlock(b, shape)) {
                Strided block = wholeRepeats(b, n, in);
                int len = block.size();
                for (int r = 0; r < n; r += len) {
                    k.run(a.data(), a.offset() + r, block.data(), block.offset(), out, r, Math.min(len, n - r));
                }
                return result;
            }
            if (bDense && isTrailingBlock(a, shape)) {
                Strided block = wholeRepeats(a, n, in);
                int len = block.size();
                for (int r = 0; r < n; r += len) {
                    k.run(block.data(), block.offset(), b.data(), b.offset() + r, out, r, Math.min(len, n - r));
                }
                return result;
            }
            // One value per row against a dense array ([m, 1] with [m, n]: a per-sample factor, as the backward of a
            // sum over the last axis or of a log-softmax makes): the same scalar kernel per row that the strided walk
            // would call, without planning the walk (a loss's [32, 3] gradient was 32 planned runs of 3).
            if (aDense && isColumn(b, shape)) {
                int len = shape[shape.length - 1];
                for (int r = 0, i = b.offset(); r < n; r += len, i++) {
                    k.right(a.data(), a.offset() + r, b.data(), i, out, r, len);
                }
                return result;
            }
            if (bDense && isColumn(a, shape)) {
                int len = shape[shape.length - 1];
                for (int r = 0, i = a.offset(); r < n; r += len, i++) {
                    k.left(a.data(), i, b.data(), b.offset() + r, out, r, len);
                }
                return result;
            }
        }
        StridedLoop loop = StridedLoop.plan(shape,
                new int[][] {a.stridesFor(shape), b.stridesFor(shape), outStrides},
                new int[] {a.offset(), b.offset(), 0});
        int len0 = loop.runLength();
        Object gatherA = Convert.allocate(in, Math.min(len0, CHUNK));
        Object gatherB = Convert.allocate(in, Math.min(len0, CHUNK));
        loop.forEach((len, off, inc) -> {
            boolean aRun = aTyped && inc[0] == 1;
            boolean bRun = bTyped && inc[1] == 1;
            boolean aScalar = aTyped && inc[0] == 0;
            boolean bScalar = bTyped && inc[1] == 0;
            if (aRun && bRun) {
                k.run(a.data(), off[0], b.data(), off[1], out, off[2], len);
            } else if (aRun && bScalar) {
                k.right(a.data(), off[0], b.data(), off[1], out, off[2], len);
            } else if (aScalar && bRun) {
                k.left(a.data(), off[0], b.data(), off[1], out, off[2], len);
            } else {
                // gather what is not a plain run, CHUNK elements at a time, then run the dense kernel
                for (int c = 0; c < len; c += CHUNK) {
                    int m = Math.min(CHUNK, len - c);
                    Object xa = a.data();
                    int oa = off[0] + c;
                    if (!aRun) {
                        Convert.gather(a.dtype(), a.data(), off[0] + c * inc[0], inc[0], m, gatherA, 0);
                        xa = gatherA;
                        oa = 0;
                    }
                    Object xb = b.data();
                    int ob = off[1] + c;
                    if (!bRun) {
                        Convert.gather(b.dtype(), b.data(), off[1] + c * inc[1], inc[1], m, gatherB, 0);
                        xb = gatherB;
                        ob = 0;
                    }
                    k.run(xa, oa, xb, ob, out, off[2] + c, m);
                }
            }
        });
        return result;
    }

    /**
     * True when {@code x} is contiguous and its shape, without leading 1s, is a proper suffix of
     * {@code shape}: broadcasting then repeats it as a whole block.
     */
    private static boolean isTrailingBlock(Strided x, int[] shape) {
        int[] xs = x.shape();
        int lead = 0;
        while (lead < xs.length && xs[lead] == 1) {
            lead++;
        }
        int k = xs.length - lead;
        if (k == 0 || k >= shape.length || !x.isContiguous()) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (xs[lead + i] != shape[shape.length - k + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code x}, broadcast to {@code shape}, holds one value per row of the last axis, in row order: a
     * contiguous {@code x} whose last axis is 1 and whose other axes match {@code shape}'s (any axes {@code shape}
     * has in front of them are 1, which the size check ensures).
     */
    private static boolean isColumn(Strided x, int[] shape) {
        int[] xs = x.shape();
        int r = shape.length;
        if (xs.length == 0 || r == 0 || xs.length > r || xs[xs.length - 1] != 1 || shape[r - 1] <= 1
                || !x.isContiguous()) {
            return false;
        }
        for (int i = 0; i < xs.length - 1; i++) {
            if (xs[i] != shape[r - xs.length + i]) {
                return false;
            }
        }
        return (long) Shapes.size(xs) * shape[r - 1] == Shapes.size(shape);
    }

    private Elementwise() {}
}
