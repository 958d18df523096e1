package dev.vectorgrad;

import dev.vectorgrad.ndarray.Args;

/**
 * TensorFlow's spellings as static one-liners over {@link NDArray}'s methods, for readers
 * translating {@code tf.*} code: {@code Ops.add(a, b)}, {@code Ops.reduceSum(x)}, {@code Ops.square(x)}.
 */
public final class Ops {
    // ---- creation ----
    public static NDArray constant(float value) { return NDArray.of(value); }
    public static NDArray constant(double value) { return NDArray.of(value); }
    public static NDArray constant(int value) { return NDArray.of(value); }
    public static NDArray constant(long value) { return NDArray.of(value); }
    public static NDArray constant(boolean value) { return NDArray.of(value); }
    public static NDArray constant(float[] values) { return NDArray.of(values); }
    public static NDArray constant(double[] values) { return NDArray.of(values); }
    public static NDArray constant(int[] values) { return NDArray.of(values); }
    public static NDArray constant(long[] values) { return NDArray.of(values); }
    public static NDArray constant(float[][] values) { return NDArray.of(values); }
    public static NDArray constant(double[][] values) { return NDArray.of(values); }
    public static NDArray constant(int[][] values) { return NDArray.of(values); }
    public static NDArray constant(long[][] values) { return NDArray.of(values); }
    /** {@code tf.constant([1, 2, 3, 4, 5, 6], shape=(2, 3))}. */
    public static NDArray constant(float[] values, int... shape) { return NDArray.of(values, shape); }
    public static NDArray constant(double[] values, int... shape) { return NDArray.of(values, shape); }
    public static NDArray constant(int[] values, int... shape) { return NDArray.of(values, shape); }
    public static NDArray constant(long[] values, int... shape) { return NDArray.of(values, shape); }
    /** {@code tf.constant(-1.0, shape=[2, 3])}: float32, as TensorFlow infers from a Python float. */
    public static NDArray constant(double value, int... shape) { return NDArray.full(DType.FLOAT32, value, shape); }
    public static NDArray zeros(int... shape) { return NDArray.zeros(DType.FLOAT32, shape); }
    public static NDArray ones(int... shape) { return NDArray.ones(DType.FLOAT32, shape); }
    public static NDArray fill(int[] shape, double value) { return NDArray.full(DType.FLOAT32, value, shape); }
    public static NDArray range(double start, double limit, double delta) { return NDArray.arange(DType.FLOAT32, start, limit, delta); }

    // ---- elementwise ----
    public static NDArray add(NDArray a, NDArray b) { return in(a, "a").add(b); }
    public static NDArray subtract(NDArray a, NDArray b) { return in(a, "a").sub(b); }
    public static NDArray multiply(NDArray a, NDArray b) { return in(a, "a").mul(b); }
    public static NDArray divide(NDArray a, NDArray b) { return in(a, "a").div(b); }
    public static NDArray pow(NDArray a, NDArray b) { return in(a, "a").pow(b); }
    public static NDArray maximum(NDArray a, NDArray b) { return in(a, "a").maximum(b); }
    public static NDArray minimum(NDArray a, NDArray b) { return in(a, "a").minimum(b); }
    public static NDArray negative(NDArray x) { return in(x, "x").neg(); }
    public static NDArray abs(NDArray x) { return in(x, "x").abs(); }
    public static NDArray square(NDArray x) { return in(x, "x").square(); }
    public static NDArray sqrt(NDArray x) { return in(x, "x").sqrt(); }
    public static NDArray exp(NDArray x) { return in(x, "x").exp(); }
    public static NDArray log(NDArray x) { return in(x, "x").log(); }
    public static NDArray sin(NDArray x) { return in(x, "x").sin(); }
    public static NDArray cos(NDArray x) { return in(x, "x").cos(); }
    public static NDArray tanh(NDArray x) { return in(x, "x").tanh(); }
    public static NDArray sigmoid(NDArray x) { return in(x, "x").sigmoid(); }
    public static NDArray relu(NDArray x) { return in(x, "x").relu(); }
    public static NDArray sign(NDArray x) { return in(x, "x").sign(); }
    public static NDArray equal(NDArray a, NDArray b) { return in(a, "a").eq(b); }
    public static NDArray notEqual(NDArray a, NDArray b) { return in(a, "a").ne(b); }
    public static NDArray less(NDArray a, NDArray b) { return in(a, "a").lt(b); }
    public static NDArray lessEqual(NDArray a, NDArray b) { return in(a, "a").le(b); }
    public static NDArray greater(NDArray a, NDArray b) { return in(a, "a").gt(b); }
    public static NDArray greaterEqual(NDArray a, NDArray b) { return in(a, "a").ge(b); }
    public static NDArray where(NDArray cond, NDArray a, NDArray b) { return NDArray.where(cond, a, b); }
    public static NDArray cast(NDArray x, DType dtype) { return in(x, "x").cast(dtype); }

    // ---- reductions ----
    public static NDArray reduceSum(NDArray x) { return in(x, "x").sum(); }
    public static NDArray reduceSum(NDArray x, int axis) { return in(x, "x").sum(false, axis); }
    public static NDArray reduceSum(NDArray x, int axis, boolean keepDims) { return in(x, "x").sum(keepDims, axis); }
    public static NDArray reduceMean(NDArray x) { return in(x, "x").mean(); }
    public static NDArray reduceMean(NDArray x, int axis) { return in(x, "x").mean(false, axis); }
    public static NDArray reduceMean(NDArray x, int axis, boolean keepDims) { return in(x, "x").mean(keepDims, axis); }
    public static NDArray reduceMax(NDArray x) { return in(x, "x").max(); }
    public static NDArray reduceMax(NDArray x, int axis) { return in(x, "x").max(false, axis); }
    public static NDArray reduceMin(NDArray x) { return in(x, "x").min(); }
    public static NDArray reduceMin(NDArray x, int axis) { return in(x, "x").min(false, axis); }
    public static NDArray reduceProd(NDArray x) { return in(x, "x").prod(); }
    public static NDArray reduceLogSumExp(NDArray x, int axis) { return in(x, "x").logSumExp(axis, false); }
    public static NDArray argmax(NDArray x, int axis) { return in(x, "x").argMax(axis); }
    public static NDArray argmin(NDArray x, int axis) { return in(x, "x").argMin(axis); }

    // ---- shapes, linear algebra, nn ----
    public static NDArray reshape(NDArray x, int... shape) { return in(x, "x").reshape(shape); }
    public static NDArray transpose(NDArray x) { return in(x, "x").transpose(); }
    public static NDArray transpose(NDArray x, int... perm) { return in(x, "x").transpose(perm); }
    public static NDArray expandDims(NDArray x, int axis) { return in(x, "x").expandDims(axis); }
    public static NDArray squeeze(NDArray x) { return in(x, "x").squeeze(); }
    public static NDArray broadcastTo(NDArray x, int... shape) { return in(x, "x").broadcastTo(shape); }
    public static NDArray stopGradient(NDArray x) { return in(x, "x").stopGradient(); }
    public static NDArray matmul(NDArray a, NDArray b) { return in(a, "a").matmul(b); }
    public static NDArray softmax(NDArray x) { return in(x, "x").softmax(-1); }
    public static NDArray softmax(NDArray x, int axis) { return in(x, "x").softmax(axis); }
    public static NDArray logSoftmax(NDArray x) { return in(x, "x").logSoftmax(-1); }

    /** The receiver of a mirrored call, checked: a null is named as this method's argument, not an NPE. */
    private static NDArray in(NDArray x, String arg) {
        return Args.nonNull(x, arg);
    }

    private Ops() {}
}
