package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.util.Arrays;

/**
 * The copying half of array manipulation: concat and constant padding write each input once into a
 * fresh buffer through {@link Blit}, so contiguous runs become single {@code System.arraycopy} calls.
 * Everything a strided view can express (split, unstack, tile of size-1 axes) lives in NDArray as
 * compositions of views instead, and never reaches this class. Also the creation helpers that fill a
 * buffer by pattern (eye, linspace, oneHot).
 */
public final class Manipulation {

    /**
     * Checks that {@code shapes} agree on every axis but {@code axis} and returns the concatenated shape;
     * the message names the op and the first mismatching pair.
     */
    public static int[] concatShape(String op, int[][] shapes, int axis) {
        int[] out = shapes[0].clone();
        long total = 0;
        for (int k = 0; k < shapes.length; k++) {
            int[] s = shapes[k];
            if (s.length != out.length) {
                throw new IllegalArgumentException(op + ": array 0 has shape " + Shapes.format(shapes[0]) + " but array "
                        + k + " has shape " + Shapes.format(s) + " (ranks differ)");
            }
            for (int d = 0; d < s.length; d++) {
                if (d != axis && s[d] != out[d]) {
                    throw new IllegalArgumentException(op + ": array 0 has shape " + Shapes.format(shapes[0])
                            + " but array " + k + " has shape " + Shapes.format(s) + "; they differ on axis " + d
                            + ", not only on the concatenation axis " + axis);
                }
            }
            total += s[axis];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": the result would have " + total + " entries on axis " + axis);
        }
        out[axis] = (int) total;
        return out;
    }

    /**
     * Concatenates views of one dtype along {@code axis}: one pass over each input. When every part is
     * row-major, each is {@code outer} blocks of {@code shape[axis]·inner} elements, copied side by side by
     * {@link TypedCopy} (one typed copy per block); other parts are walked by {@link Blit}.
     */
    public static Strided concat(Strided[] parts, int axis, int[] outShape) {
        DType t = parts[0].dtype();
        // the parts tile the result, so every element is written
        Object out = Convert.allocateForOverwrite(t, Shapes.size(outShape));
        Strided dst = Blit.dense(t, out, outShape);
        if (allContiguous(parts)) {
            int outer = Shapes.size(Arrays.copyOfRange(outShape, 0, axis));
            int inner = Shapes.size(Arrays.copyOfRange(outShape, axis + 1, outShape.length));
            Object[] src = new Object[parts.length];
            int[] sOff = new int[parts.length];
            int[] block = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
                src[k] = parts[k].data();
                sOff[k] = parts[k].offset();
                block[k] = parts[k].shape()[axis] * inner;
            }
            if (outer > 0) {
                TypedCopy.concat(src, sOff, block, outer, out);
            }
            return dst;
        }
        int at = 0;
        for (Strided p : parts) {
            int n = p.shape()[axis];
            if (n > 0) {
                Blit.copy(p, Views.slice(dst, axis, new int[] {at, n, 1}));
            }
            at += n;
        }
        return dst;
    }

    private static boolean allContiguous(Strided[] parts) {
        for (Strided p : parts) {
            if (!p.isContiguous()) {
                return false;
            }
        }
        return true;
    }

    /** Validates {@code tf.pad}-style paddings ({@code [rank][2]}, non-negative) for {@code shape}. */
    public static int[][] checkPaddings(String op, int[][] paddings, int[] shape) {
        if (paddings == null || paddings.length != shape.length) {
            throw new IllegalArgumentException(op + ": paddings must have one [before, after] pair per axis of shape "
                    + Shapes.format(shape) + ", got " + (paddings == null ? "null" : paddings.length + " pairs"));
        }
        int[][] p = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            if (paddings[d] == null || paddings[d].length != 2 || paddings[d][0] < 0 || paddings[d][1] < 0) {
                throw new IllegalArgumentException(op + ": paddings for axis " + d + " must be two non-negative ints, got "
                        + Arrays.toString(paddings[d]));
            }
            p[d] = paddings[d].clone();
        }
        return p;
    }

    /** {@code x} surrounded by {@code constant}: the output is filled, then {@code x} is copied into its interior once. */
    public static Strided padConstant(Strided x, int[][] pads, double constant) {
        int[] shape = x.shape();
        int[] outShape = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            long n = (long) shape[d] + pads[d][0] + pads[d][1];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("pad: axis " + d + " would have " + n + " entries");
            }
            outShape[d] = (int) n;
        }
        Object out = Convert.allocateResult(x.dtype(), Shapes.size(outShape));
        if (constant != 0) {
            fill(out, constant);
        }
        Strided dst = Blit.dense(x.dtype(), out, outShape);
        Strided interior = dst;
        for (int d = 0; d < shape.length; d++) {
            interior = Views.slice(interior, d, new int[] {pads[d][0], shape[d], 1});
        }
        if (x.size() > 0) {
            Blit.copy(x, interior);
        }
        return dst;
    }

    /**
     * TensorFlow's REFLECT ({@code reflect}: the edge element is not repeated) or SYMMETRIC padding in
     * one pass over {@code x}: it is copied into the interior once, then each axis's borders are filled,
     * axis by axis, from the already-written mirror image inside the output (as padding one axis after
     * another would, without the intermediate arrays). Bounds are checked by the caller.
     */
    public static Strided padMirror(Strided x, int[][] pads, boolean reflect) {
        int edge = reflect ? 1 : 0;
        Strided dst = padConstant(x, pads, 0);
        int[] shape = x.shape();
        if (x.size() == 0) {
            return dst;
        }
        for (int d = 0; d < shape.length; d++) {
            int p0 = pads[d][0];
            int p1 = pads[d][1];
            int n = shape[d];
            if (p0 == 0 && p1 == 0) {
                continue;
            }
            // padded along the axes done so far, interior along the ones still to do
            Strided region = dst;
            for (int e = d + 1; e < shape.length; e++) {
                region = Views.slice(region, e, new int[] {pads[e][0], shape[e], 1});
            }
            if (p0 > 0) {
                Blit.copy(Views.slice(region, d, new int[] {2 * p0 - 1 + edge, p0, -1}),
                        Views.slice(region, d, new int[] {0, p0, 1}));
            }
            if (p1 > 0) {
                Blit.copy(Views.slice(region, d, new int[] {p0 + n - 1 - edge, p1, -1}),
                        Views.slice(region, d, new int[] {p0 + n, p1, 1}));
            }
        }
        return dst;
    }

    /** Fills a numeric buffer with {@code value} converted as a cast would. */
    public static void fill(Object data, double value) {
        switch (data) {
            case float[] f -> Arrays.fill(f, (float) value);
            case double[] d -> Arrays.fill(d, value);
            case int[] i -> Arrays.fill(i, (int) value);
            case long[] l -> Arrays.fill(l, (long) value);
            case boolean[] b -> Arrays.fill(b, value != 0);
            default -> throw new IllegalArgumentException("fill: a numeric constant cannot fill a "
                    + data.getClass().getComponentType() + " buffer");
        }
    }

    /** An {@code n × m} array with ones where column − row = {@code k} (NumPy's {@code eye(n, m, k)}). */
    public static Strided eye(DType t, int n, int m, int k) {
        if (n < 0 || m < 0) {
            throw new IllegalArgumentException("eye: negative size " + n + " x " + m);
        }
        int[] shape = {n, m};
        Object out = Convert.allocate(t, Shapes.size(shape));
        Object one = Convert.allocate(t, 1);
        fill(one, 1);
        for (int r = Math.max(0, -k); r < n && r + k < m; r++) {
            System.arraycopy(one, 0, out, r * m + r + k, 1);
        }
        return Blit.dense(t, out, shape);
    }

    /**
     * NumPy's {@code linspace(start, stop, num)} with the endpoint: {@code start + i·step} in float64
     * with the last value exactly {@code stop}, then cast; integer dtypes round toward −∞ as NumPy 2 does.
     */
    public static Strided linspace(DType t, double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: num must be non-negative, got " + num);
        }
        if (num > Shapes.MAX_SIZE) { // an error naming the limit, not an OutOfMemoryError from new double[num]
            throw new IllegalArgumentException("linspace: num " + num + " is more elements than an array can hold:"
                    + " the limit is " + Shapes.MAX_SIZE + " (2^31 - 9) elements");
        }
        double[] v = new double[num];
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        for (int i = 0; i < num; i++) {
            v[i] = start + i * step;
        }
        if (num > 1) {
            v[num - 1] = stop;
        }
        if (t.isInteger()) {
            for (int i = 0; i < num; i++) {
                v[i] = Math.floor(v[i]);
            }
        }
        int[] shape = {num};
        Strided d = Blit.dense(DType.FLOAT64, v, shape);
        return t == DType.FLOAT64 ? d : Blit.dense(t, Convert.contiguous(d, t), shape);
    }

    /**
     * TensorFlow's {@code one_hot}: shape {@code indices.shape + [depth]}, one where the last index equals
     * the value; an index outside {@code [0, depth)} (negative included) gives a row of zeros.
     */
    public static Strided oneHot(long[] indices, int[] indexShape, int depth, DType t) {
        if (depth < 0) {
            throw new IllegalArgumentException("oneHot: depth must be non-negative, got " + depth);
        }
        int[] shape = Arrays.copyOf(indexShape, indexShape.length + 1);
        shape[indexShape.length] = depth;
        Object out = Convert.allocate(t, Shapes.size(shape));
        Object one = Convert.allocate(t, 1);
        fill(one, 1);
        for (int i = 0; i < indices.length; i++) {
            long j = indices[i];
            if (j >= 0 && j < depth) {
                System.arraycopy(one, 0, out, i * depth + (int) j, 1);
            }
        }
        return Blit.dense(t, out, shape);
    }

    private Manipulation() {}
}
