package dev.vectorgrad;

import dev.vectorgrad.ndarray.ConvOps;

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
    public static NDArray add(NDArray a, NDArray b) { return a.add(b); }
    public static NDArray subtract(NDArray a, NDArray b) { return a.sub(b); }
    public static NDArray multiply(NDArray a, NDArray b) { return a.mul(b); }
    public static NDArray divide(NDArray a, NDArray b) { return a.div(b); }
    public static NDArray pow(NDArray a, NDArray b) { return a.pow(b); }
    public static NDArray maximum(NDArray a, NDArray b) { return a.maximum(b); }
    public static NDArray minimum(NDArray a, NDArray b) { return a.minimum(b); }
    public static NDArray negative(NDArray x) { return x.neg(); }
    public static NDArray abs(NDArray x) { return x.abs(); }
    public static NDArray square(NDArray x) { return x.square(); }
    public static NDArray sqrt(NDArray x) { return x.sqrt(); }
    public static NDArray exp(NDArray x) { return x.exp(); }
    public static NDArray log(NDArray x) { return x.log(); }
    public static NDArray sin(NDArray x) { return x.sin(); }
    public static NDArray cos(NDArray x) { return x.cos(); }
    public static NDArray tanh(NDArray x) { return x.tanh(); }
    public static NDArray sigmoid(NDArray x) { return x.sigmoid(); }
    public static NDArray relu(NDArray x) { return x.relu(); }
    public static NDArray sign(NDArray x) { return x.sign(); }
    public static NDArray equal(NDArray a, NDArray b) { return a.eq(b); }
    public static NDArray notEqual(NDArray a, NDArray b) { return a.ne(b); }
    public static NDArray less(NDArray a, NDArray b) { return a.lt(b); }
    public static NDArray lessEqual(NDArray a, NDArray b) { return a.le(b); }
    public static NDArray greater(NDArray a, NDArray b) { return a.gt(b); }
    public static NDArray greaterEqual(NDArray a, NDArray b) { return a.ge(b); }
    public static NDArray where(NDArray cond, NDArray a, NDArray b) { return NDArray.where(cond, a, b); }
    public static NDArray cast(NDArray x, DType dtype) { return x.cast(dtype); }

    // ---- reductions ----
    public static NDArray reduceSum(NDArray x) { return x.sum(); }
    public static NDArray reduceSum(NDArray x, int axis) { return x.sum(false, axis); }
    public static NDArray reduceSum(NDArray x, int axis, boolean keepDims) { return x.sum(keepDims, axis); }
    public static NDArray reduceMean(NDArray x) { return x.mean(); }
    public static NDArray reduceMean(NDArray x, int axis) { return x.mean(false, axis); }
    public static NDArray reduceMean(NDArray x, int axis, boolean keepDims) { return x.mean(keepDims, axis); }
    public static NDArray reduceMax(NDArray x) { return x.max(); }
    public static NDArray reduceMax(NDArray x, int axis) { return x.max(false, axis); }
    public static NDArray reduceMin(NDArray x) { return x.min(); }
    public static NDArray reduceMin(NDArray x, int axis) { return x.min(false, axis); }
    public static NDArray reduceProd(NDArray x) { return x.prod(); }
    public static NDArray reduceLogSumExp(NDArray x, int axis) { return x.logSumExp(axis, false); }
    public static NDArray argmax(NDArray x, int axis) { return x.argMax(axis); }
    public static NDArray argmin(NDArray x, int axis) { return x.argMin(axis); }

    // ---- shapes, linear algebra, nn ----
    public static NDArray reshape(NDArray x, int... shape) { return x.reshape(shape); }
    public static NDArray transpose(NDArray x) { return x.transpose(); }
    public static NDArray transpose(NDArray x, int... perm) { return x.transpose(perm); }
    public static NDArray expandDims(NDArray x, int axis) { return x.expandDims(axis); }
    public static NDArray squeeze(NDArray x) { return x.squeeze(); }
    public static NDArray broadcastTo(NDArray x, int... shape) { return x.broadcastTo(shape); }
    public static NDArray stopGradient(NDArray x) { return x.stopGradient(); }
    public static NDArray matmul(NDArray a, NDArray b) { return a.matmul(b); }
    public static NDArray softmax(NDArray x) { return x.softmax(-1); }
    public static NDArray softmax(NDArray x, int axis) { return x.softmax(axis); }
    public static NDArray logSoftmax(NDArray x) { return x.logSoftmax(-1); }

    // ---- convolution and pooling (tf.nn; channels-last; strides as {h, w} or one value; "SAME"/"VALID") ----
    /** {@code tf.nn.conv2d}: input {@code [n, h, w, in]}, filters {@code [kh, kw, in, out]}. */
    public static NDArray conv2d(NDArray input, NDArray filters, int[] strides, String padding) { return ConvOps.conv2d(input, filters, strides, padding, null); }
    /** {@code tf.nn.conv2d} with dilation. */
    public static NDArray conv2d(NDArray input, NDArray filters, int[] strides, String padding, int[] dilations) { return ConvOps.conv2d(input, filters, strides, padding, dilations); }
    /** {@code tf.nn.conv2d_transpose}: filters {@code [kh, kw, out, in]}, {@code outputShape} {@code [n, h, w, out]}. */
    public static NDArray conv2dTranspose(NDArray input, NDArray filters, int[] outputShape, int[] strides, String padding) { return ConvOps.conv2dTranspose(input, filters, outputShape, strides, padding); }
    /** {@code tf.nn.depthwise_conv2d}: filter {@code [kh, kw, in, multiplier]}. */
    public static NDArray depthwiseConv2d(NDArray input, NDArray filter, int[] strides, String padding) { return ConvOps.depthwiseConv2d(input, filter, strides, padding); }
    /** {@code tf.nn.max_pool2d}. */
    public static NDArray maxPool2d(NDArray input, int[] ksize, int[] strides, String padding) { return ConvOps.maxPool2d(input, ksize, strides, padding); }
    /** {@code tf.nn.avg_pool2d} (padding excluded from each window's count). */
    public static NDArray avgPool2d(NDArray input, int[] ksize, int[] strides, String padding) { return ConvOps.avgPool2d(input, ksize, strides, padding); }

    private Ops() {}
}
