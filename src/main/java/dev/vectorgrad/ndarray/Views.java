package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.util.Arrays;

/**
 * View arithmetic: new shapes and strides over the same buffer. Nothing here copies, except
 * {@link #reshape} when the requested shape cannot be expressed with strides over the old layout.
 */
public final class Views {

    /**
     * Reshape: a view when the old strides allow it (NumPy's no-copy reshape test), else a row-major
     * copy. One dimension may be -1.
     */
    public static Strided reshape(Strided x, int[] requested) {
        int[] shape = inferShape(x.shape(), requested);
        if (Arrays.equals(shape, x.shape())) {
            return new Strided(x.dtype(), x.data(), x.offset(), shape, x.strides());
        }
        int[] strides = viewStrides(x.shape(), x.strides(), shape);
        if (strides != null) {
            return new Strided(x.dtype(), x.data(), x.offset(), shape, strides);
        }
        return new Strided(x.dtype(), Convert.contiguousResult(x, x.dtype()), 0, shape, Shapes.rowMajorStrides(shape));
    }

    private static int[] inferShape(int[] old, int[] requested) {
        int size = Shapes.size(old);
        int[] shape = requested.clone();
        int unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: can only specify one unknown dimension, got "
                            + Arrays.toString(requested));
                }
                unknown = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + Arrays.toString(requested));
            }
        }
        if (unknown >= 0) {
            shape[unknown] = 1;
            long known = Shapes.size(shape); // overflow-checked: fails above Shapes.MAX_SIZE
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException(cannotReshape(old, requested));
            }
            shape[unknown] = (int) (size / known);
        }
        int count;
        try {
            count = Shapes.size(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cannotReshape(old, requested) + ": " + e.getMessage(), e);
        }
        if (count != size) {
            throw new IllegalArgumentException(cannotReshape(old, requested));
        }
        return shape;
    }

    private static String cannotReshape(int[] old, int[] requested) {
        return "reshape: cannot reshape array of size " + Shapes.size(old) + " into shape " + Shapes.format(requested)
                + "; the array has shape " + Shapes.format(old);
    }

    /** Strides that read {@code oldShape}/{@code oldStrides} as {@code newShape}, or null if none exist. */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (Shapes.size(oldShape) == 0) {
            return Shapes.rowMajorStrides(newShape);
        }
        int[] od = new int[oldShape.length];
        int[] os = new int[oldShape.length];
        int on = 0;
        for (int i = 0; i < oldShape.length; i++) {
            if (oldShape[i] != 1) {
                od[on] = oldShape[i];
                os[on++] = oldStrides[i];
            }
        }
        int nn = newShape.length;
        int oi = 0, oj = 1, ni = 0, nj = 1;
        while (ni < nn && oi < on) {
            long np = newShape[ni];
            long op = od[oi];
            while (np != op) {
                if (np < op) {
                    np *= newShape[nj++];
                } else {
                    op *= od[oj++];
                }
            }
            for (int ok = oi; ok < oj - 1; ok++) {
                if (os[ok] != od[ok + 1] * os[ok + 1]) {
                    return null; // the old axes being merged are not contiguous with each other
                }
            }
            newStrides[nj - 1] = os[oj - 1];
            for (int nk = nj - 1; nk > ni; nk--) {
                newStrides[nk - 1] = newStrides[nk] * newShape[nk];
            }
            ni = nj++;
            oi = oj++;
        }
        for (int nk = ni; nk < nn; nk++) {
            newStrides[nk] = 0; // trailing size-1 axes: any stride reads the same element
        }
        return newStrides;
    }

    /** Validates a permutation of {@code rank} axes (negative entries count from the end). */
    public static int[] checkPermutation(int[] perm, int rank) {
        if (perm.length != rank) {
            throw new IllegalArgumentException("transpose: permutation " + Arrays.toString(perm)
                    + " does not match rank " + rank);
        }
        int[] p = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int a = perm[i] < 0 ? perm[i] + rank : perm[i];
            if (a < 0 || a >= rank || seen[a]) {
                throw new IllegalArgumentException("transpose: " + Arrays.toString(perm) + " is not a permutation of "
                        + rank + " axes");
            }
            seen[a] = true;
            p[i] = a;
        }
        return p;
    }

    /** Axis {@code i} of the result is axis {@code perm[i]} of {@code x}. */
    public static Strided permute(Strided x, int[] perm) {
        int[] shape = new int[perm.length];
        int[] strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = x.shape()[perm[i]];
            strides[i] = x.strides()[perm[i]];
        }
        return new Strided(x.dtype(), x.data(), x.offset(), shape, strides);
    }

    /**
     * Python slice semantics for an axis of length {@code n}: returns {start, count, step} with
     * {@code start} the first index taken and {@code count} the number of elements.
     */
    public static int[] normaliseSlice(int n, int start, int stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice: step cannot be zero");
        }
        long lo;
        long hi;
        if (step > 0) {
            lo = clamp(start < 0 ? (long) start + n : start, 0, n);
            hi = clamp(stop < 0 ? (long) stop + n : stop, 0, n);
        } else {
            lo = clamp(start < 0 ? (long) start + n : start, -1, n - 1);
            hi = clamp(stop < 0 ? (long) stop + n : stop, -1, n - 1);
        }
        long absStep = Math.abs((long) step); // |Integer.MIN_VALUE| does not fit an int
        long count = step > 0 ? (hi > lo ? (hi - lo + absStep - 1) / absStep : 0)
                : (lo > hi ? (lo - hi + absStep - 1) / absStep : 0);
        return new int[] {count == 0 ? 0 : (int) lo, (int) count, step};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The view of {@code x} along {@code axis} given a normalised {start, count, step}. */
    public static Strided slice(Strided x, int axis, int[] norm) {
        int[] shape = x.shape().clone();
        int[] strides = x.strides().clone();
        shape[axis] = norm[1];
        int offset = x.offset() + (norm[1] == 0 ? 0 : norm[0] * strides[axis]);
        // one element or none: the step is never taken, and stride × step could overflow (step Integer.MIN_VALUE)
        strides[axis] = norm[1] <= 1 ? strides[axis] : Math.multiplyExact(strides[axis], norm[2]);
        return new Strided(x.dtype(), x.data(), offset, shape, strides);
    }

    /**
     * A row-major copy of {@code base} (converted to {@code t}) with the slice {@code norm} along
     * {@code axis} replaced by {@code src} broadcast to the slice's shape.
     */
    public static Strided sliceScatter(Strided base, Strided src, int axis, int[] norm, DType t) {
        Object out = Convert.contiguous(base, t);
        int[] shape = base.shape();
        Strided dst = slice(new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape)), axis, norm);
        if (!Shapes.canBroadcastTo(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("sliceScatter: source shape " + Shapes.format(src.shape())
                    + " cannot broadcast to the slice shape " + Shapes.format(dst.shape()));
        }
        StridedLoop loop = StridedLoop.plan(dst.shape(), new int[][] {src.stridesFor(dst.shape()), dst.strides()},
                new int[] {src.offset(), dst.offset()});
        Object scratch = Convert.allocate(t, loop.runLength());
        loop.forEach((len, off, inc) -> {
            if (inc[1] == 1) {
                Convert.gather(src.dtype(), src.data(), off[0], inc[0], len, out, off[1]);
            } else {
                Convert.gather(src.dtype(), src.data(), off[0], inc[0], len, scratch, 0);
                Convert.scatter(scratch, len, out, off[1], inc[1]);
            }
        });
        return new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape));
    }

    private Views() {}
}
