package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The NDArray-level side of the issue-9 math ops (statistics, scans, sorting, clipping, logic): argument
 * checks that name the op, result dtypes, and recording on the tape. {@code NDArray}'s methods delegate
 * here in one line each, which keeps the hot facade file short; the loops live in {@link Cumulative},
 * {@link Sorting} and {@link Logical}.
 */
public final class MathOps {

    // ---- statistics ----

    /** Population variance (divisor N), {@code tf.math.reduce_variance}; integers and bools give float32. */
    public static NDArray variance(NDArray x, boolean keepDims, int[] axes) {
        return moment(Op.VARIANCE, "variance", x, keepDims, axes);
    }

    /** {@code sqrt(variance)}, {@code tf.math.reduce_std}. */
    public static NDArray std(NDArray x, boolean keepDims, int[] axes) {
        return moment(Op.STD, "std", x, keepDims, axes);
    }

    private static NDArray moment(Op op, String name, NDArray x, boolean keepDims, int[] axes) {
        Strided v = NDArrayAccess.view(nonNull(name, x));
        int[] ax = Shapes.axes(name, axes, v.shape().length);
        DType t = floatOf(v.dtype());
        double count = count(v.shape(), ax);
        Strided mean = Elementwise.binary(Op.DIV, name,
                Reductions.reduce(Reductions.Kind.SUM, name, v, ax, true, t), scalar(t, count), t);
        Strided d = Elementwise.binary(Op.SUB, name, v, mean, t);
        Strided var = Elementwise.binary(Op.DIV, name,
                Reductions.reduce(Reductions.Kind.SUM, name, Elementwise.binary(Op.MUL, name, d, d, t), ax, keepDims, t),
                scalar(t, count), t);
        Strided out = op == Op.STD ? Elementwise.unary(Op.SQRT, name, var, t) : var;
        return record(op, NDArrayAccess.wrap(out), new ReduceAttrs(ax, keepDims), x);
    }

    /** The Euclidean (L2) norm over {@code axes} (all when none), {@code tf.norm} with {@code ord='euclidean'}. */
    public static NDArray norm(NDArray x, boolean keepDims, int[] axes) {
        Strided v = NDArrayAccess.view(nonNull("norm", x));
        int[] ax = Shapes.axes("norm", axes, v.shape().length);
        DType t = floatOf(v.dtype());
        Strided sq = Elementwise.binary(Op.MUL, "norm", v, v, t);
        Strided out = Elementwise.unary(Op.SQRT, "norm",
                Reductions.reduce(Reductions.Kind.SUM, "norm", sq, ax, keepDims, t), t);
        return record(Op.NORM, NDArrayAccess.wrap(out), new ReduceAttrs(ax, keepDims), x);
    }

    // ---- cumulative ----

    /** {@code tf.math.cumsum} / {@code tf.math.cumprod}; integers keep their dtype, bools count as int32. */
    public static NDArray scan(boolean product, NDArray x, int axis, boolean exclusive, boolean reverse) {
        String name = product ? "cumprod" : "cumsum";
        Strided v = NDArrayAccess.view(nonNull(name, x));
        if (v.shape().length == 0) {
            throw new IllegalArgumentException(name + ": needs an array of rank >= 1, got shape ()");
        }
        int a = Shapes.axis(name, axis, v.shape().length);
        DType t = v.dtype() == DType.BOOL ? DType.INT32 : v.dtype();
        Strided out = Cumulative.scan(product ? Reductions.Kind.PROD : Reductions.Kind.SUM, v, a, exclusive, reverse, t);
        return record(product ? Op.CUMPROD : Op.CUMSUM, NDArrayAccess.wrap(out),
                new int[] {a, exclusive ? 1 : 0, reverse ? 1 : 0}, x);
    }

    // ---- sorting ----

    /** Stable argsort along {@code axis} as INT64. */
    public static NDArray argsort(NDArray x, int axis, boolean descending) {
        Strided v = NDArrayAccess.view(nonNull("argsort", x));
        int a = laneAxis("argsort", v, axis);
        return record(Op.ARGSORT, NDArrayAccess.wrap(Sorting.argsort(v, a, descending)), null, x);
    }

    /** The values of each lane in order: {@code takeLanes(x, argsort(x))}, so the gradient routes back by index. */
    public static NDArray sort(NDArray x, int axis, boolean descending) {
        Strided v = NDArrayAccess.view(nonNull("sort", x));
        int a = laneAxis("sort", v, axis);
        Strided idx = Sorting.argsort(v, a, descending);
        return takeLanes(x, NDArrayAccess.wrap(idx), a);
    }

    /** {@code [values, indices]} of the {@code k} largest along the last axis, descending, ties to the lower index. */
    public static NDArray[] topK(NDArray x, int k) {
        Strided v = NDArrayAccess.view(nonNull("topK", x));
        int[] shape = v.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("topK: needs an array of rank >= 1, got shape ()");
        }
        int last = shape.length - 1;
        if (k < 0 || k > shape[last]) {
            throw new IllegalArgumentException("topK: k = " + k + " is out of range for last axis of size " + shape[last]
                    + " in shape " + Shapes.format(shape));
        }
        NDArray idx = NDArrayAccess.wrap(Sorting.argsortPrefix(v, last, true, k));
        return new NDArray[] {takeLanes(x, idx, last), idx};
    }

    /**
     * Internal differentiable take-along-axis: {@code out[..., i, ...] = x[..., idx[..., i, ...], ...]}, where
     * {@code idx} is INT64, in range, and has {@code x}'s shape off the axis. Recorded as TAKE_LANES, whose
     * gradient is {@link #putLanes}.
     */
    public static NDArray takeLanes(NDArray x, NDArray idx, int axis) {
        Strided v = NDArrayAccess.view(x);
        Strided i = NDArrayAccess.view(idx);
        long[] flat = (long[]) Convert.contiguous(i, DType.INT64);
        NDArray out = NDArrayAccess.wrap(Sorting.take(v, flat, i.shape(), axis));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.TAKE_LANES, out, new NDArray[] {x, idx}, axis);
        }
        return out;
    }

    /** The adjoint of {@link #takeLanes}: {@code g} added into zeros of length {@code n} along {@code axis}. */
    public static NDArray putLanes(NDArray g, NDArray idx, int axis, int n) {
        Strided gv = NDArrayAccess.view(g);
        Strided i = NDArrayAccess.view(idx);
        long[] flat = (long[]) Convert.contiguous(i, DType.INT64);
        NDArray out = NDArrayAccess.wrap(Sorting.put(gv, flat, i.shape(), axis, n));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.PUT_LANES, out, new NDArray[] {g, idx}, new int[] {axis, n});
        }
        return out;
    }

    private static int laneAxis(String name, Strided v, int axis) {
        if (v.shape().length == 0) {
            throw new IllegalArgumentException(name + ": needs an array of rank >= 1, got shape ()");
        }
        return Shapes.axis(name, axis, v.shape().length);
    }

    // ---- clipping ----

    /**
     * {@code tf.clip_by_value}: {@code min(max(x, lo), hi)}; NaN stays NaN. The bounds are scalars of
     * {@code boundType} (the array's dtype for long bounds, its float type for double bounds).
     */
    public static NDArray clip(NDArray x, double lo, double hi, boolean integralBounds) {
        Strided v = NDArrayAccess.view(nonNull("clip", x));
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clip: needs min <= max, got min=" + lo + " max=" + hi);
        }
        if (v.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("clip: not supported for dtype bool");
        }
        DType t = integralBounds || v.dtype().isFloating() ? v.dtype() : DType.FLOAT32;
        Strided out = Elementwise.binary(Op.MINIMUM, "clip",
                Elementwise.binary(Op.MAXIMUM, "clip", v, scalar(t, lo), t), scalar(t, hi), t);
        return record(Op.CLIP, NDArrayAccess.wrap(out), new double[] {lo, hi}, x);
    }

    /**
     * {@code tf.clip_by_norm} over all axes: {@code x · c / max(‖x‖, c)}, written in recorded ops as TensorFlow
     * writes it (so it is differentiable to any order, with a zero gradient through the norm at {@code x = 0}).
     */
    public static NDArray clipByNorm(NDArray x, double clipNorm) {
        nonNull("clipByNorm", x);
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipByNorm: clipNorm must be positive and finite, got " + clipNorm);
        }
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("clipByNorm: needs a float array, got " + x.dtype());
        }
        NDArray norm = x.norm(false);
        return x.mul(clipNorm).div(norm.maximum(clipNorm));
    }

    /**
     * {@code tf.clip_by_global_norm}: every array scaled by {@code c / max(g, c)} with
     * {@code g = sqrt(Σ ‖x_i‖²)} over all of them (computed in float64); null entries stay null.
     */
    public static List<NDArray> clipByGlobalNorm(List<NDArray> arrays, double clipNorm) {
        if (arrays == null) {
            throw new IllegalArgumentException("clipByGlobalNorm: arrays is null");
        }
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clipByGlobalNorm: clipNorm must be positive and finite, got " + clipNorm);
        }
        NDArray squares = null;
        for (int i = 0; i < arrays.size(); i++) {
            NDArray a = arrays.get(i);
            if (a == null) {
                continue;
            }
            if (!a.dtype().isFloating()) {
                throw new IllegalArgumentException("clipByGlobalNorm: array " + i + " has dtype " + a.dtype()
                        + "; only float arrays can be clipped");
            }
            NDArray s = a.cast(DType.FLOAT64).square().sum();
            squares = squares == null ? s : squares.add(s);
        }
        List<NDArray> out = new ArrayList<>(arrays.size());
        if (squares == null) {
            arrays.forEach(a -> out.add(null));
            return out;
        }
        NDArray scale = NDArray.of(clipNorm).div(squares.sqrt().maximum(clipNorm));
        for (NDArray a : arrays) {
            out.add(a == null ? null : a.mul(scale.cast(a.dtype())));
        }
        return out;
    }

    // ---- logic ----

    /** {@code logicalAnd/Or/Xor} on BOOL operands, broadcasting. */
    public static NDArray logical(Logical.Connective c, String name, NDArray a, NDArray b) {
        Strided x = NDArrayAccess.view(nonNull(name, a));
        Strided y = NDArrayAccess.view(nonNull(name, b));
        if (x.dtype() != DType.BOOL || y.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(name + ": needs bool operands, got " + x.dtype() + " and " + y.dtype());
        }
        Op op = switch (c) {
            case AND -> Op.LOGICAL_AND;
            case OR -> Op.LOGICAL_OR;
            case XOR -> Op.LOGICAL_XOR;
        };
        NDArray out = NDArrayAccess.wrap(Logical.binary(c, name, x, y));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, out, new NDArray[] {a, b}, null);
        }
        return out;
    }

    /** {@code logicalNot} of a BOOL array. */
    public static NDArray logicalNot(NDArray a) {
        Strided x = NDArrayAccess.view(nonNull("logicalNot", a));
        if (x.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("logicalNot: needs a bool operand, got " + x.dtype());
        }
        return record(Op.LOGICAL_NOT, NDArrayAccess.wrap(Logical.not(x)), null, a);
    }

    /** {@code any}/{@code all} over {@code axes} (all when none): NumPy's truthiness for any dtype. */
    public static NDArray anyAll(boolean all, NDArray x, boolean keepDims, int[] axes) {
        String name = all ? "all" : "any";
        Strided v = NDArrayAccess.view(nonNull(name, x));
        int[] ax = Shapes.axes(name, axes, v.shape().length);
        return record(all ? Op.ALL : Op.ANY, NDArrayAccess.wrap(Logical.anyAll(all, name, v, ax, keepDims)),
                new ReduceAttrs(ax, keepDims), x);
    }

    // ---- activations with a parameter ----

    /** {@code x > 0 ? x : alpha·x}; integers give float32; the slope is recorded for the gradient. */
    public static NDArray leakyRelu(NDArray x, double alpha) {
        Strided v = NDArrayAccess.view(nonNull("leakyRelu", x));
        if (v.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("leakyRelu: not supported for dtype bool");
        }
        if (Double.isNaN(alpha)) {
            throw new IllegalArgumentException("leakyRelu: alpha is NaN");
        }
        return record(Op.LEAKY_RELU, NDArrayAccess.wrap(MathKernels.leakyRelu(v, alpha, floatOf(v.dtype()))), alpha, x);
    }

    // ---- binary: Python's // and %, atan2 ----

    /** {@code floorDiv}, {@code floorMod} or {@code atan2} with NumPy broadcasting and type promotion. */
    public static NDArray binary(Op op, String name, NDArray a, NDArray b) {
        Strided x = NDArrayAccess.view(nonNull(name, a));
        Strided y = NDArrayAccess.view(nonNull(name, b));
        DType t = DType.promote(x.dtype(), y.dtype());
        if (t == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool (cast to int32 or float32 first)");
        }
        if (op == Op.ATAN2 && !t.isFloating()) {
            t = DType.FLOAT32;
        }
        Strided out;
        try {
            out = Elementwise.binary(op, name, x, y, t);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(name + ": integer division by zero");
        }
        NDArray result = NDArrayAccess.wrap(out);
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, result, new NDArray[] {a, b}, null);
        }
        return result;
    }

    // ---- helpers ----

    private static NDArray record(Op op, NDArray out, Object attrs, NDArray in) {
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, out, new NDArray[] {in}, attrs);
        }
        return out;
    }

    private static DType floatOf(DType t) {
        return t.isFloating() ? t : DType.FLOAT32;
    }

    private static double count(int[] shape, int[] axes) {
        double n = 1;
        for (int a : axes) n *= shape[a];
        return n;
    }

    private static Strided scalar(DType t, double value) {
        Object d = Convert.allocate(t, 1);
        switch (d) {
            case float[] f -> f[0] = (float) value;
            case double[] x -> x[0] = value;
            case int[] i -> i[0] = (int) value;
            case long[] l -> l[0] = (long) value;
            default -> throw new IllegalStateException("no scalar of " + t);
        }
        return new Strided(t, d, 0, new int[0], new int[0]);
    }

    private static <T> T nonNull(String op, T x) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": argument is null");
        }
        return x;
    }

    private MathOps() {}
}
