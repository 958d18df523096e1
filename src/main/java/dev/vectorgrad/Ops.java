package dev.vectorgrad;

import dev.vectorgrad.ndarray.Args;
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

    // ---- math (issue 9): statistics, scans, sorting, clipping, logic ----
    /** {@code tf.reduce_sum(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceSum(NDArray x, boolean keepDims, int... axes) { return in(x, "x").sum(keepDims, axes); }
    /** {@code tf.reduce_mean(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceMean(NDArray x, boolean keepDims, int... axes) { return in(x, "x").mean(keepDims, axes); }
    /** {@code tf.reduce_max(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceMax(NDArray x, boolean keepDims, int... axes) { return in(x, "x").max(keepDims, axes); }
    /** {@code tf.reduce_min(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceMin(NDArray x, boolean keepDims, int... axes) { return in(x, "x").min(keepDims, axes); }
    /** {@code tf.reduce_prod(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceProd(NDArray x, boolean keepDims, int... axes) { return in(x, "x").prod(keepDims, axes); }
    /** {@code tf.math.reduce_variance(x)}: population variance of all elements. */
    public static NDArray reduceVariance(NDArray x) { return in(x, "x").variance(); }
    /** {@code tf.math.reduce_variance(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceVariance(NDArray x, boolean keepDims, int... axes) { return in(x, "x").variance(keepDims, axes); }
    /** {@code tf.math.reduce_std(x)}. */
    public static NDArray reduceStd(NDArray x) { return in(x, "x").std(); }
    /** {@code tf.math.reduce_std(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceStd(NDArray x, boolean keepDims, int... axes) { return in(x, "x").std(keepDims, axes); }
    /** {@code tf.norm(x)}: the L2 norm of all elements. */
    public static NDArray norm(NDArray x) { return in(x, "x").norm(); }
    /** {@code tf.norm(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray norm(NDArray x, boolean keepDims, int... axes) { return in(x, "x").norm(keepDims, axes); }
    /** {@code tf.math.cumsum(x, axis)}. */
    public static NDArray cumsum(NDArray x, int axis) { return in(x, "x").cumsum(axis); }
    /** {@code tf.math.cumsum(x, axis, exclusive, reverse)}. */
    public static NDArray cumsum(NDArray x, int axis, boolean exclusive, boolean reverse) { return in(x, "x").cumsum(axis, exclusive, reverse); }
    /** {@code tf.math.cumprod(x, axis)}. */
    public static NDArray cumprod(NDArray x, int axis) { return in(x, "x").cumprod(axis); }
    /** {@code tf.math.cumprod(x, axis, exclusive, reverse)}. */
    public static NDArray cumprod(NDArray x, int axis, boolean exclusive, boolean reverse) { return in(x, "x").cumprod(axis, exclusive, reverse); }
    /** {@code tf.sort(x)}: ascending along the last axis. */
    public static NDArray sort(NDArray x) { return in(x, "x").sort(); }
    /** {@code tf.sort(x, axis, direction)}. */
    public static NDArray sort(NDArray x, int axis, boolean descending) { return in(x, "x").sort(axis, descending); }
    /** {@code tf.argsort(x, stable=True)} along the last axis. */
    public static NDArray argsort(NDArray x) { return in(x, "x").argsort(); }
    /** {@code tf.argsort(x, axis, direction, stable=True)}. */
    public static NDArray argsort(NDArray x, int axis, boolean descending) { return in(x, "x").argsort(axis, descending); }
    /** {@code tf.math.top_k(x, k)}. */
    public static TopK topK(NDArray x, int k) { return in(x, "x").topK(k); }
    /** {@code tf.clip_by_value(x, min, max)}. */
    public static NDArray clipByValue(NDArray x, double min, double max) { return in(x, "x").clip(min, max); }
    /** {@code tf.clip_by_norm(x, clipNorm)}. */
    public static NDArray clipByNorm(NDArray x, double clipNorm) { return in(x, "x").clipByNorm(clipNorm); }
    /**
     * {@code tf.clip_by_global_norm(arrays, clipNorm)[0]}: every array scaled by {@code clipNorm / max(g, clipNorm)}
     * where {@code g} is the L2 norm of all their elements together; null entries stay null.
     */
    public static java.util.List<NDArray> clipByGlobalNorm(java.util.List<NDArray> arrays, double clipNorm) {
        return dev.vectorgrad.ndarray.MathOps.clipByGlobalNorm(arrays, clipNorm);
    }
    /** {@code tf.math.logical_and(a, b)}. */
    public static NDArray logicalAnd(NDArray a, NDArray b) { return in(a, "a").logicalAnd(b); }
    /** {@code tf.math.logical_or(a, b)}. */
    public static NDArray logicalOr(NDArray a, NDArray b) { return in(a, "a").logicalOr(b); }
    /** {@code tf.math.logical_xor(a, b)}. */
    public static NDArray logicalXor(NDArray a, NDArray b) { return in(a, "a").logicalXor(b); }
    /** {@code tf.math.logical_not(x)}. */
    public static NDArray logicalNot(NDArray x) { return in(x, "x").logicalNot(); }
    /** {@code tf.reduce_any(x)}. */
    public static NDArray reduceAny(NDArray x) { return in(x, "x").any(); }
    /** {@code tf.reduce_any(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceAny(NDArray x, boolean keepDims, int... axes) { return in(x, "x").any(keepDims, axes); }
    /** {@code tf.reduce_all(x)}. */
    public static NDArray reduceAll(NDArray x) { return in(x, "x").all(); }
    /** {@code tf.reduce_all(x, axis=axes, keepdims=keepDims)}. */
    public static NDArray reduceAll(NDArray x, boolean keepDims, int... axes) { return in(x, "x").all(keepDims, axes); }

    // ---- math (issue 9): unary functions and activations ----
    /** {@code tf.math.erf(x)}. */
    public static NDArray erf(NDArray x) { return in(x, "x").erf(); }
    /** {@code tf.math.log1p(x)}. */
    public static NDArray log1p(NDArray x) { return in(x, "x").log1p(); }
    /** {@code tf.math.expm1(x)}. */
    public static NDArray expm1(NDArray x) { return in(x, "x").expm1(); }
    /** {@code tf.experimental.numpy.log2(x)}. */
    public static NDArray log2(NDArray x) { return in(x, "x").log2(); }
    /** {@code tf.experimental.numpy.log10(x)}. */
    public static NDArray log10(NDArray x) { return in(x, "x").log10(); }
    /** {@code tf.math.tan(x)}. */
    public static NDArray tan(NDArray x) { return in(x, "x").tan(); }
    /** {@code tf.math.asin(x)}. */
    public static NDArray asin(NDArray x) { return in(x, "x").asin(); }
    /** {@code tf.math.acos(x)}. */
    public static NDArray acos(NDArray x) { return in(x, "x").acos(); }
    /** {@code tf.math.atan(x)}. */
    public static NDArray atan(NDArray x) { return in(x, "x").atan(); }
    /** {@code tf.math.sinh(x)}. */
    public static NDArray sinh(NDArray x) { return in(x, "x").sinh(); }
    /** {@code tf.math.cosh(x)}. */
    public static NDArray cosh(NDArray x) { return in(x, "x").cosh(); }
    /** {@code tf.nn.softplus(x)}. */
    public static NDArray softplus(NDArray x) { return in(x, "x").softplus(); }
    /** {@code tf.nn.gelu(x)}: the exact form. */
    public static NDArray gelu(NDArray x) { return in(x, "x").gelu(); }
    /** {@code tf.nn.gelu(x, approximate)}. */
    public static NDArray gelu(NDArray x, boolean approximate) { return in(x, "x").gelu(approximate); }
    /** {@code tf.nn.silu(x)}. */
    public static NDArray silu(NDArray x) { return in(x, "x").silu(); }
    /** {@code tf.nn.elu(x)}. */
    public static NDArray elu(NDArray x) { return in(x, "x").elu(); }
    /** {@code tf.nn.selu(x)}. */
    public static NDArray selu(NDArray x) { return in(x, "x").selu(); }
    /** {@code tf.nn.leaky_relu(x)}: slope 0.2. */
    public static NDArray leakyRelu(NDArray x) { return in(x, "x").leakyRelu(); }
    /** {@code tf.nn.leaky_relu(x, alpha)}. */
    public static NDArray leakyRelu(NDArray x, double alpha) { return in(x, "x").leakyRelu(alpha); }
    /** {@code tf.nn.softsign(x)}. */
    public static NDArray softsign(NDArray x) { return in(x, "x").softsign(); }
    /** {@code keras.activations.hard_sigmoid(x)} (Keras 3). */
    public static NDArray hardSigmoid(NDArray x) { return in(x, "x").hardSigmoid(); }

    // ---- indexing and manipulation ----
    /** {@code tf.concat(values, axis)}. */
    public static NDArray concat(java.util.List<NDArray> values, int axis) { return NDArray.concat(values, axis); }
    /** {@code tf.stack(values, axis)}. */
    public static NDArray stack(java.util.List<NDArray> values, int axis) { return NDArray.stack(values, axis); }
    /** {@code tf.unstack(value, axis)}. */
    public static java.util.List<NDArray> unstack(NDArray x, int axis) { return in(x, "x").unstack(axis); }
    /** {@code tf.split(value, num_or_size_splits=n, axis)}. */
    public static java.util.List<NDArray> split(NDArray x, int numSplits, int axis) { return in(x, "x").split(numSplits, axis); }
    /** {@code tf.split(value, num_or_size_splits=[...], axis)}. */
    public static java.util.List<NDArray> split(NDArray x, int[] sizes, int axis) { return in(x, "x").split(sizes, axis); }
    /** {@code tf.tile(input, multiples)}. */
    public static NDArray tile(NDArray x, int... multiples) { return in(x, "x").tile(multiples); }
    /** {@code tf.repeat(input, repeats, axis)}. */
    public static NDArray repeat(NDArray x, int repeats, int axis) { return in(x, "x").repeat(repeats, axis); }
    /** {@code tf.pad(tensor, paddings)}. */
    public static NDArray pad(NDArray x, int[][] paddings) { return in(x, "x").pad(paddings); }
    /** {@code tf.pad(tensor, paddings, mode, constant_values)}. */
    public static NDArray pad(NDArray x, int[][] paddings, PadMode mode, double constantValues) { return in(x, "x").pad(paddings, mode, constantValues); }
    /** {@code tf.gather(params, indices)} along axis 0. */
    public static NDArray gather(NDArray params, NDArray indices) { return in(params, "params").gather(indices, 0); }
    /** {@code tf.gather(params, indices, axis=axis)}. */
    public static NDArray gather(NDArray params, NDArray indices, int axis) { return in(params, "params").gather(indices, axis); }
    /** {@code tf.gather_nd(params, indices)}. */
    public static NDArray gatherNd(NDArray params, NDArray indices) { return in(params, "params").gatherNd(indices); }
    /** {@code tf.experimental.numpy.take_along_axis(arr, indices, axis)}. */
    public static NDArray takeAlongAxis(NDArray x, NDArray indices, int axis) { return in(x, "x").takeAlongAxis(indices, axis); }
    /** {@code tf.scatter_nd(indices, updates, shape)}. */
    public static NDArray scatterNd(NDArray indices, NDArray updates, int... shape) { return NDArray.scatterNd(indices, updates, shape); }
    /** {@code tf.math.unsorted_segment_sum(data, segment_ids, num_segments)}. */
    public static NDArray unsortedSegmentSum(NDArray data, NDArray segmentIds, int numSegments) { return NDArray.unsortedSegmentSum(data, segmentIds, numSegments); }
    /** {@code tf.boolean_mask(tensor, mask)}. */
    public static NDArray booleanMask(NDArray x, NDArray mask) { return in(x, "x").booleanMask(mask); }
    /** {@code tf.where(condition)} with one argument: the coordinates of the true elements. */
    public static NDArray where(NDArray condition) { return in(condition, "condition").argWhere(); }
    /** {@code tf.one_hot(indices, depth)}. */
    public static NDArray oneHot(NDArray indices, int depth) { return NDArray.oneHot(indices, depth); }
    /** {@code tf.one_hot(indices, depth, dtype=dtype)}. */
    public static NDArray oneHot(NDArray indices, int depth, DType dtype) { return NDArray.oneHot(indices, depth, dtype); }
    /** {@code tf.eye(num_rows)} as float32. */
    public static NDArray eye(int numRows) { return NDArray.eye(DType.FLOAT32, numRows); }
    /** {@code tf.eye(num_rows, num_columns)} as float32. */
    public static NDArray eye(int numRows, int numColumns) { return NDArray.eye(DType.FLOAT32, numRows, numColumns); }
    /** {@code tf.linspace(start, stop, num)} as float32. */
    public static NDArray linspace(double start, double stop, int num) { return NDArray.linspace(DType.FLOAT32, start, stop, num); }
    /** {@code tf.experimental.numpy.tril(m, k)}. */
    public static NDArray tril(NDArray x, int k) { return in(x, "x").tril(k); }
    /** {@code tf.experimental.numpy.triu(m, k)}. */
    public static NDArray triu(NDArray x, int k) { return in(x, "x").triu(k); }
    /** {@code tf.zeros_like(input)}. */
    public static NDArray zerosLike(NDArray x) { return NDArray.zerosLike(x); }
    /** {@code tf.ones_like(input)}. */
    public static NDArray onesLike(NDArray x) { return NDArray.onesLike(x); }
    /** {@code tf.einsum(equation, *inputs)}. */
    public static NDArray einsum(String equation, NDArray... inputs) { return NDArray.einsum(equation, inputs); }

    // ---- more dtypes: string and complex ----
    /** {@code tf.constant("Hello")}: a rank-0 {@code tf.string}. */
    public static NDArray constant(String value) { return NDArray.of(value); }
    /** {@code tf.constant(["a", "b"])}. */
    public static NDArray constant(String[] values) { return NDArray.of(values); }
    /** {@code tf.constant(values, shape=...)} for strings. */
    public static NDArray constant(String[] values, int... shape) { return NDArray.of(values, shape); }
    /** {@code tf.constant(4 + 3j)}: complex128, as TensorFlow infers from a Python complex. */
    public static NDArray constant(Complex value) { return NDArray.of(value); }
    /** {@code tf.complex(real, imag)}. */
    public static NDArray complex(NDArray real, NDArray imag) { return NDArray.complex(real, imag); }
    /** {@code tf.math.real(x)}. */
    public static NDArray real(NDArray x) { return in(x, "x").real(); }
    /** {@code tf.math.imag(x)}. */
    public static NDArray imag(NDArray x) { return in(x, "x").imag(); }
    /** {@code tf.math.conj(x)}. */
    public static NDArray conj(NDArray x) { return in(x, "x").conj(); }
    /** {@code tf.math.angle(x)}. */
    public static NDArray angle(NDArray x) { return in(x, "x").angle(); }

    // ---- convolution and pooling (tf.nn; channels-last; strides as {h, w} or one value; "SAME"/"VALID") ----
    /** {@code tf.nn.conv2d}: input {@code [n, h, w, in]}, filters {@code [kh, kw, in, out]}. */
    public static NDArray conv2d(NDArray input, NDArray filters, int[] strides, String padding) { return ConvOps.conv2d(in(input, "input"), in(filters, "filters"), strides, padding, null); }
    /** {@code tf.nn.conv2d} with dilation. */
    public static NDArray conv2d(NDArray input, NDArray filters, int[] strides, String padding, int[] dilations) { return ConvOps.conv2d(in(input, "input"), in(filters, "filters"), strides, padding, dilations); }
    /** {@code tf.nn.conv2d_transpose}: filters {@code [kh, kw, out, in]}, {@code outputShape} {@code [n, h, w, out]}. */
    public static NDArray conv2dTranspose(NDArray input, NDArray filters, int[] outputShape, int[] strides, String padding) { return ConvOps.conv2dTranspose(in(input, "input"), in(filters, "filters"), outputShape, strides, padding); }
    /** {@code tf.nn.depthwise_conv2d}: filter {@code [kh, kw, in, multiplier]}. */
    public static NDArray depthwiseConv2d(NDArray input, NDArray filter, int[] strides, String padding) { return ConvOps.depthwiseConv2d(in(input, "input"), in(filter, "filter"), strides, padding); }
    /** {@code tf.nn.max_pool2d}. */
    public static NDArray maxPool2d(NDArray input, int[] ksize, int[] strides, String padding) { return ConvOps.maxPool2d(in(input, "input"), ksize, strides, padding); }
    /** {@code tf.nn.avg_pool2d} (padding excluded from each window's count). */
    public static NDArray avgPool2d(NDArray input, int[] ksize, int[] strides, String padding) { return ConvOps.avgPool2d(in(input, "input"), ksize, strides, padding); }

    // ---- math (issue 9): rounding, reciprocals, float classes, Python's // and %, atan2 ----
    /** {@code tf.math.floor(x)}. */
    public static NDArray floor(NDArray x) { return in(x, "x").floor(); }
    /** {@code tf.math.ceil(x)}. */
    public static NDArray ceil(NDArray x) { return in(x, "x").ceil(); }
    /** {@code tf.math.round(x)}: half to even. */
    public static NDArray round(NDArray x) { return in(x, "x").round(); }
    /** {@code tf.math.reciprocal(x)}. */
    public static NDArray reciprocal(NDArray x) { return in(x, "x").reciprocal(); }
    /** {@code tf.math.rsqrt(x)}. */
    public static NDArray rsqrt(NDArray x) { return in(x, "x").rsqrt(); }
    /** {@code tf.math.is_nan(x)}. */
    public static NDArray isNan(NDArray x) { return in(x, "x").isNaN(); }
    /** {@code tf.math.is_inf(x)}. */
    public static NDArray isInf(NDArray x) { return in(x, "x").isInf(); }
    /** {@code tf.math.is_finite(x)}. */
    public static NDArray isFinite(NDArray x) { return in(x, "x").isFinite(); }
    /** {@code tf.math.floordiv(a, b)}: Python's {@code //}. */
    public static NDArray floorDiv(NDArray a, NDArray b) { return in(a, "a").floorDiv(b); }
    /** {@code tf.math.floormod(a, b)}: Python's {@code %}. */
    public static NDArray floorMod(NDArray a, NDArray b) { return in(a, "a").floorMod(b); }
    /** {@code tf.math.floormod(a, b)} by an integer scalar. */
    public static NDArray floorMod(NDArray a, long b) { return in(a, "a").floorMod(b); }
    /** {@code tf.math.atan2(y, x)}. */
    public static NDArray atan2(NDArray y, NDArray x) { return in(y, "y").atan2(x); }
    /** {@code tf.math.squared_difference(a, b)}. */
    public static NDArray squaredDifference(NDArray a, NDArray b) { return in(a, "a").squaredDifference(b); }

    private Ops() {}
}
