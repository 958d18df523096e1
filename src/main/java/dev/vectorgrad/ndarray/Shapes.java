package dev.vectorgrad.ndarray;

import java.util.Arrays;

/**
 * Shape arithmetic shared by every op: sizes, row-major strides, NumPy broadcasting, axis
 * normalisation, and the {@code (2, 3)} spelling that every error message uses.
 */
public final class Shapes {

    /**
     * The most elements an array may have: the largest length every JVM allocates (the JDK's own
     * {@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}; HotSpot refuses a few lengths above it whatever the heap).
     */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /**
     * Element count of {@code shape}. Fails with a clear message when the product of the non-zero dimensions
     * exceeds {@link #MAX_SIZE}, even when another dimension is 0 (NumPy's rule: the strides of an empty
     * array must still be computable), so no stride or size computed from a checked shape can overflow.
     */
    public static int size(int[] shape) {
        long n = 1;
        long nonZero = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + format(shape));
            }
            n *= d; // each factor < 2^31 and the running product <= MAX_SIZE: no long overflow
            if (d != 0) {
                nonZero *= d;
                if (nonZero > MAX_SIZE) {
                    throw new IllegalArgumentException("shape " + format(shape) + " has more elements than an array "
                            + "can hold: the limit is " + MAX_SIZE + " (2^31 - 9) elements");
                }
            }
        }
        return (int) n;
    }

    /** Checks that no dimension is negative; {@code op} names the caller in the message. */
    public static int[] checkShape(String op, int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + format(shape));
            }
        }
        try {
            size(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        return shape.clone();
    }

    /** Row-major (C order) element strides: the last axis has stride 1. */
    public static int[] rowMajorStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** Python's tuple spelling: {@code ()}, {@code (2,)}, {@code (2, 3)}. */
    public static String format(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** NumPy broadcasting of two shapes; the message names the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b) + " cannot broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides that read an array of {@code shape}/{@code strides} as if broadcast to {@code target}:
     * prepended and stretched axes get stride 0 (NumPy's broadcasting as stride 0).
     */
    public static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int lead = target.length - shape.length;
        int[] out = new int[target.length];
        for (int i = lead; i < target.length; i++) {
            out[i] = shape[i - lead] == 1 && target[i] != 1 ? 0 : strides[i - lead];
        }
        return out;
    }

    /** True when {@code shape} can be broadcast to {@code target}. */
    public static boolean canBroadcastTo(int[] shape, int[] target) {
        if (shape.length > target.length) {
            return false;
        }
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 1 && shape[i] != target[i + lead]) {
                return false;
            }
        }
        return true;
    }

    /** Normalises a possibly negative axis into {@code [0, rank)}. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for an array of rank " + rank);
        }
        return a;
    }

    /**
     * Normalises and sorts a set of axes; an empty set means every axis (NumPy's {@code axis=None}).
     * Duplicates are an error.
     */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(op + ": axis " + out[i] + " appears twice in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /** The shape left after reducing {@code axes} (sorted, normalised), keeping them as 1s when asked. */
    public static int[] reducedShape(int[] shape, int[] axes, boolean keepDims) {
        // a scan of axes per dimension instead of a boolean[] mask: ranks are small, and a reduction in a training
        // step's backward pass (a bias gradient) should not pay an allocation for its bookkeeping
        int[] out = new int[keepDims ? shape.length : shape.length - axes.length];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!contains(axes, i)) {
                out[j++] = shape[i];
            } else if (keepDims) {
                out[j++] = 1;
            }
        }
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private Shapes() {}
}
