package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.conv.AvgPool2dKernel;
import dev.vectorgrad.kernels.conv.Conv2dBackpropFilterKernel;
import dev.vectorgrad.kernels.conv.Conv2dBackpropInputKernel;
import dev.vectorgrad.kernels.conv.Conv2dKernel;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.kernels.conv.DepthwiseConv2dKernel;
import dev.vectorgrad.kernels.conv.MaxPool2dKernel;
import java.util.Arrays;

/**
 * Convolution and pooling on NDArrays (channels-last, TensorFlow's {@code tf.nn} semantics), each a
 * recorded {@link Op} whose attributes are its {@link ConvGeometry}. The ops come in closed families so
 * that every gradient is again one of them and nested tapes differentiate to any order:
 * <ul>
 *   <li>{@code conv2d(x, k)}, {@code conv2dBackpropInput(dy, k)}, {@code conv2dBackpropFilter(x, dy)}:
 *       the three bilinear maps of one convolution; the gradient of each is the other two;</li>
 *   <li>the same three for depthwise convolution;</li>
 *   <li>{@code maxPool2d(x)}, {@code maxPool2dGrad(x, dy)} (routes {@code dy} to each window's maximum),
 *       {@code maxPool2dSelect(x, u)} (reads {@code u} at each window's maximum), the adjoint pair
 *       linear in their second input;</li>
 *   <li>{@code avgPool2d(x)} and {@code avgPool2dGrad(dy)}, adjoint linear maps.</li>
 * </ul>
 * Inputs are float32 or float64 (anything else is computed in float32, as Keras casts to the layer's
 * dtype); two float inputs of different widths compute in float64. 1-D ops are these with height 1.
 */
public final class ConvOps {

    /**
     * The geometry of a window over {@code inputShape = [batch, height, width, channels]}.
     *
     * @param op the op name for error messages
     * @param same TensorFlow's SAME padding, else VALID
     */
    public static ConvGeometry geometry(String op, int[] inputShape, int kernelH, int kernelW, int strideH, int strideW,
                                        int dilationH, int dilationW, boolean same) {
        if (inputShape.length != 4) {
            throw new IllegalArgumentException(op + ": input must have rank 4 [batch, height, width, channels], got shape "
                    + Shapes.format(inputShape));
        }
        try {
            return same
                    ? ConvGeometry.same(inputShape[0], inputShape[1], inputShape[2], inputShape[3], kernelH, kernelW,
                            strideH, strideW, dilationH, dilationW)
                    : ConvGeometry.valid(inputShape[0], inputShape[1], inputShape[2], inputShape[3], kernelH, kernelW,
                            strideH, strideW, dilationH, dilationW);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage().replaceFirst("^conv: ", "") + " (input shape "
                    + Shapes.format(inputShape) + ")", e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Convolution
    // ------------------------------------------------------------------------------------------

    /** {@code conv2d(x [n, h, w, c], k [kh, kw, c, f]) → [n, outH, outW, f]}. */
    public static NDArray conv2d(NDArray x, NDArray k, ConvGeometry g) {
        checkInput("conv2d", x, g);
        int f = checkKernel("conv2d", k, g);
        DType t = floatType(x, k);
        int[] shape = {g.batch(), g.outH(), g.outW(), f};
        Object out = Convert.allocateForOverwrite(t, Shapes.size(shape)); // the kernel writes every element
        Dense a = dense(x, t), b = dense(k, t);
        if (t == DType.FLOAT64) {
            Conv2dKernel.run(g, (double[]) a.data, a.off, (double[]) b.data, b.off, f, (double[]) out, 0);
        } else {
            Conv2dKernel.run(g, (float[]) a.data, a.off, (float[]) b.data, b.off, f, (float[]) out, 0);
        }
        return record(Op.CONV2D, NDArrayAccess.wrap(t, out, shape), g, x, k);
    }

    /** {@code ∂conv2d/∂x} applied to {@code dy [n, outH, outW, f]}: {@code → [n, h, w, c]} (also a transposed convolution). */
    public static NDArray conv2dBackpropInput(NDArray dy, NDArray k, ConvGeometry g) {
        int f = checkKernel("conv2dBackpropInput", k, g);
        checkOutput("conv2dBackpropInput", dy, g, f);
        DType t = floatType(dy, k);
        int[] shape = {g.batch(), g.height(), g.width(), g.channels()};
        Object out = Convert.allocateForOverwrite(t, Shapes.size(shape)); // the kernel writes every element
        Dense a = dense(dy, t), b = dense(k, t);
        if (t == DType.FLOAT64) {
            Conv2dBackpropInputKernel.run(g, (double[]) a.data, a.off, (double[]) b.data, b.off, f, (double[]) out, 0);
        } else {
            Conv2dBackpropInputKernel.run(g, (float[]) a.data, a.off, (float[]) b.data, b.off, f, (float[]) out, 0);
        }
        return record(Op.CONV2D_BACKPROP_INPUT, NDArrayAccess.wrap(t, out, shape), g, dy, k);
    }

    /** {@code ∂conv2d/∂k} applied to {@code dy}: {@code → [kh, kw, c, f]}. */
    public static NDArray conv2dBackpropFilter(NDArray x, NDArray dy, ConvGeometry g) {
        checkInput("conv2dBackpropFilter", x, g);
        int f = dy.rank() == 4 ? dy.shape()[3] : -1;
        checkOutput("conv2dBackpropFilter", dy, g, f);
        DType t = floatType(x, dy);
        int[] shape = {g.kernelH(), g.kernelW(), g.channels(), f};
        Object out = Convert.allocateForOverwrite(t, Shapes.size(shape)); // the kernel writes every element
        Dense a = dense(x, t), b = dense(dy, t);
        if (t == DType.FLOAT64) {
            Conv2dBackpropFilterKernel.run(g, (double[]) a.data, a.off, (double[]) b.data, b.off, f, (double[]) out, 0);
        } else {
            Conv2dBackpropFilterKernel.run(g, (float[]) a.data, a.off, (float[]) b.data, b.off, f, (float[]) out, 0);
        }
        return record(Op.CONV2D_BACKPROP_FILTER, NDArrayAccess.wrap(t, out, shape), g, x, dy);
    }

    // ------------------------------------------------------------------------------------------
    // Depthwise convolution
    // ------------------------------------------------------------------------------------------

    /** {@code depthwiseConv2d(x [n, h, w, c], k [kh, kw, c, m]) → [n, outH, outW, c·m]}. */
    public static NDArray depthwiseConv2d(NDArray x, NDArray k, ConvGeometry g) {
        checkInput("depthwiseConv2d", x, g);
        int m = checkKernel("depthwiseConv2d", k, g);
        DType t = floatType(x, k);
        int[] shape = {g.batch(), g.outH(), g.outW(), g.channels() * m};
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t), b = dense(k, t);
        int outImage = g.outputPixels() * g.channels() * m;
        byImages(g, (long) outImage * g.taps(), (sub, n0) -> {
            int xo = a.off + n0 * g.inputImageSize(), yo = n0 * outImage;
            if (t == DType.FLOAT64) {
                DepthwiseConv2dKernel.forward(sub, (double[]) a.data, xo, (double[]) b.data, b.off, m, (double[]) out, yo);
            } else {
                DepthwiseConv2dKernel.forward(sub, (float[]) a.data, xo, (float[]) b.data, b.off, m, (float[]) out, yo);
            }
        });
        return record(Op.DEPTHWISE_CONV2D, NDArrayAccess.wrap(t, out, shape), g, x, k);
    }

    /** {@code ∂depthwiseConv2d/∂x} applied to {@code dy [n, outH, outW, c·m]}: {@code → [n, h, w, c]}. */
    public static NDArray depthwiseConv2dBackpropInput(NDArray dy, NDArray k, ConvGeometry g) {
        int m = checkKernel("depthwiseConv2dBackpropInput", k, g);
        checkOutput("depthwiseConv2dBackpropInput", dy, g, g.channels() * m);
        DType t = floatType(dy, k);
        int[] shape = {g.batch(), g.height(), g.width(), g.channels()};
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(dy, t), b = dense(k, t);
        int dyImage = g.outputPixels() * g.channels() * m;
        byImages(g, (long) dyImage * g.taps(), (sub, n0) -> {
            int dyo = a.off + n0 * dyImage, xo = n0 * g.inputImageSize();
            if (t == DType.FLOAT64) {
                DepthwiseConv2dKernel.backpropInput(sub, (double[]) a.data, dyo, (double[]) b.data, b.off, m, (double[]) out, xo);
            } else {
                DepthwiseConv2dKernel.backpropInput(sub, (float[]) a.data, dyo, (float[]) b.data, b.off, m, (float[]) out, xo);
            }
        });
        return record(Op.DEPTHWISE_CONV2D_BACKPROP_INPUT, NDArrayAccess.wrap(t, out, shape), g, dy, k);
    }

    /** {@code ∂depthwiseConv2d/∂k} applied to {@code dy}: {@code → [kh, kw, c, m]}. */
    public static NDArray depthwiseConv2dBackpropFilter(NDArray x, NDArray dy, ConvGeometry g) {
        checkInput("depthwiseConv2dBackpropFilter", x, g);
        int cm = dy.rank() == 4 ? dy.shape()[3] : -1;
        checkOutput("depthwiseConv2dBackpropFilter", dy, g, cm);
        if (g.channels() == 0 || cm % g.channels() != 0) {
            throw new IllegalArgumentException("depthwiseConv2dBackpropFilter: gradient channels " + cm
                    + " are not a multiple of the input channels " + g.channels());
        }
        int m = cm / g.channels();
        DType t = floatType(x, dy);
        int[] shape = {g.kernelH(), g.kernelW(), g.channels(), m};
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t), b = dense(dy, t);
        if (t == DType.FLOAT64) {
            DepthwiseConv2dKernel.backpropFilter(g, (double[]) a.data, a.off, (double[]) b.data, b.off, m, (double[]) out, 0);
        } else {
            DepthwiseConv2dKernel.backpropFilter(g, (float[]) a.data, a.off, (float[]) b.data, b.off, m, (float[]) out, 0);
        }
        return record(Op.DEPTHWISE_CONV2D_BACKPROP_FILTER, NDArrayAccess.wrap(t, out, shape), g, x, dy);
    }

    // ------------------------------------------------------------------------------------------
    // Pooling
    // ------------------------------------------------------------------------------------------

    /** Max over each window's in-image taps: {@code [n, h, w, c] → [n, outH, outW, c]}. */
    public static NDArray maxPool2d(NDArray x, ConvGeometry g) {
        checkInput("maxPool2d", x, g);
        DType t = floatType(x, x);
        int[] shape = pooledShape(g);
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t);
        int yImage = g.outputPixels() * g.channels();
        byImages(g, (long) yImage * g.taps(), (sub, n0) -> {
            int xo = a.off + n0 * g.inputImageSize(), yo = n0 * yImage;
            if (t == DType.FLOAT64) {
                MaxPool2dKernel.forward(sub, (double[]) a.data, xo, (double[]) out, yo);
            } else {
                MaxPool2dKernel.forward(sub, (float[]) a.data, xo, (float[]) out, yo);
            }
        });
        return record(Op.MAX_POOL2D, NDArrayAccess.wrap(t, out, shape), g, x);
    }

    /** {@code dy} routed to the first maximum of each window of {@code x}: {@code → x}'s shape. */
    public static NDArray maxPool2dGrad(NDArray x, NDArray dy, ConvGeometry g) {
        checkInput("maxPool2dGrad", x, g);
        checkOutput("maxPool2dGrad", dy, g, g.channels());
        DType t = floatType(x, dy);
        int[] shape = x.shape();
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t), b = dense(dy, t);
        int yImage = g.outputPixels() * g.channels();
        byImages(g, (long) yImage * g.taps(), (sub, n0) -> {
            int xo = a.off + n0 * g.inputImageSize(), dyo = b.off + n0 * yImage, dxo = n0 * g.inputImageSize();
            if (t == DType.FLOAT64) {
                MaxPool2dKernel.backward(sub, (double[]) a.data, xo, (double[]) b.data, dyo, (double[]) out, dxo);
            } else {
                MaxPool2dKernel.backward(sub, (float[]) a.data, xo, (float[]) b.data, dyo, (float[]) out, dxo);
            }
        });
        return record(Op.MAX_POOL2D_GRAD, NDArrayAccess.wrap(t, out, shape), g, x, dy);
    }

    /** {@code u} (x's shape) read at the first maximum of each window of {@code x}: {@code → [n, outH, outW, c]}. */
    public static NDArray maxPool2dSelect(NDArray x, NDArray u, ConvGeometry g) {
        checkInput("maxPool2dSelect", x, g);
        if (!Arrays.equals(x.shape(), u.shape())) {
            throw new IllegalArgumentException("maxPool2dSelect: shapes " + Shapes.format(x.shape()) + " and "
                    + Shapes.format(u.shape()) + " differ");
        }
        DType t = floatType(x, u);
        int[] shape = pooledShape(g);
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t), b = dense(u, t);
        int yImage = g.outputPixels() * g.channels();
        byImages(g, (long) yImage * g.taps(), (sub, n0) -> {
            int xo = a.off + n0 * g.inputImageSize(), uo = b.off + n0 * g.inputImageSize(), yo = n0 * yImage;
            if (t == DType.FLOAT64) {
                MaxPool2dKernel.select(sub, (double[]) a.data, xo, (double[]) b.data, uo, (double[]) out, yo);
            } else {
                MaxPool2dKernel.select(sub, (float[]) a.data, xo, (float[]) b.data, uo, (float[]) out, yo);
            }
        });
        return record(Op.MAX_POOL2D_SELECT, NDArrayAccess.wrap(t, out, shape), g, x, u);
    }

    /** Mean over each window's in-image taps (padding excluded from the count, as TensorFlow). */
    public static NDArray avgPool2d(NDArray x, ConvGeometry g) {
        checkInput("avgPool2d", x, g);
        DType t = floatType(x, x);
        int[] shape = pooledShape(g);
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(x, t);
        int yImage = g.outputPixels() * g.channels();
        byImages(g, (long) yImage * g.taps(), (sub, n0) -> {
            int xo = a.off + n0 * g.inputImageSize(), yo = n0 * yImage;
            if (t == DType.FLOAT64) {
                AvgPool2dKernel.forward(sub, (double[]) a.data, xo, (double[]) out, yo);
            } else {
                AvgPool2dKernel.forward(sub, (float[]) a.data, xo, (float[]) out, yo);
            }
        });
        return record(Op.AVG_POOL2D, NDArrayAccess.wrap(t, out, shape), g, x);
    }

    /** {@code dy / count} spread over each window's in-image taps: {@code → [n, h, w, c]}. */
    public static NDArray avgPool2dGrad(NDArray dy, ConvGeometry g) {
        checkOutput("avgPool2dGrad", dy, g, g.channels());
        DType t = floatType(dy, dy);
        int[] shape = {g.batch(), g.height(), g.width(), g.channels()};
        Object out = Convert.allocateResult(t, Shapes.size(shape)); // zeroed: kernels may accumulate
        Dense a = dense(dy, t);
        int yImage = g.outputPixels() * g.channels();
        byImages(g, (long) yImage * g.taps(), (sub, n0) -> {
            int dyo = a.off + n0 * yImage, dxo = n0 * g.inputImageSize();
            if (t == DType.FLOAT64) {
                AvgPool2dKernel.backward(sub, (double[]) a.data, dyo, (double[]) out, dxo);
            } else {
                AvgPool2dKernel.backward(sub, (float[]) a.data, dyo, (float[]) out, dxo);
            }
        });
        return record(Op.AVG_POOL2D_GRAD, NDArrayAccess.wrap(t, out, shape), g, dy);
    }

    // ------------------------------------------------------------------------------------------
    // TensorFlow's tf.nn spellings (Ops mirrors these): strides and dilations as {h, w} or one value,
    // padding as "SAME" or "VALID"
    // ------------------------------------------------------------------------------------------

    /** {@code tf.nn.conv2d(input, filters, strides, padding, dilations)}. */
    public static NDArray conv2d(NDArray input, NDArray filters, int[] strides, String padding, int[] dilations) {
        int[] s = pair("conv2d", "strides", strides);
        int[] d = pair("conv2d", "dilations", dilations);
        int[] k = filters.shape();
        if (k.length != 4) {
            throw new IllegalArgumentException("conv2d: filters must be [kh, kw, in, out], got shape " + Shapes.format(k));
        }
        return conv2d(input, filters, geometry("conv2d", input.shape(), k[0], k[1], s[0], s[1], d[0], d[1], same("conv2d", padding)));
    }

    /**
     * {@code tf.nn.conv2d_transpose(input, filters, outputShape, strides, padding)}: filters
     * {@code [kh, kw, out, in]}, {@code outputShape} the full {@code [batch, h, w, out]}.
     */
    public static NDArray conv2dTranspose(NDArray input, NDArray filters, int[] outputShape, int[] strides, String padding) {
        int[] s = pair("conv2dTranspose", "strides", strides);
        int[] k = filters.shape();
        if (k.length != 4) {
            throw new IllegalArgumentException("conv2dTranspose: filters must be [kh, kw, out, in], got shape " + Shapes.format(k));
        }
        ConvGeometry g = geometry("conv2dTranspose", outputShape, k[0], k[1], s[0], s[1], 1, 1, same("conv2dTranspose", padding));
        return conv2dBackpropInput(input, filters, g);
    }

    /** {@code tf.nn.depthwise_conv2d(input, filter, strides, padding)}: filter {@code [kh, kw, in, multiplier]}. */
    public static NDArray depthwiseConv2d(NDArray input, NDArray filter, int[] strides, String padding) {
        int[] s = pair("depthwiseConv2d", "strides", strides);
        int[] k = filter.shape();
        if (k.length != 4) {
            throw new IllegalArgumentException("depthwiseConv2d: filter must be [kh, kw, in, multiplier], got shape " + Shapes.format(k));
        }
        return depthwiseConv2d(input, filter,
                geometry("depthwiseConv2d", input.shape(), k[0], k[1], s[0], s[1], 1, 1, same("depthwiseConv2d", padding)));
    }

    /** {@code tf.nn.max_pool2d(input, ksize, strides, padding)}. */
    public static NDArray maxPool2d(NDArray input, int[] ksize, int[] strides, String padding) {
        int[] k = pair("maxPool2d", "ksize", ksize);
        int[] s = pair("maxPool2d", "strides", strides);
        return maxPool2d(input, geometry("maxPool2d", input.shape(), k[0], k[1], s[0], s[1], 1, 1, same("maxPool2d", padding)));
    }

    /** {@code tf.nn.avg_pool2d(input, ksize, strides, padding)}: padding is left out of each window's count. */
    public static NDArray avgPool2d(NDArray input, int[] ksize, int[] strides, String padding) {
        int[] k = pair("avgPool2d", "ksize", ksize);
        int[] s = pair("avgPool2d", "strides", strides);
        return avgPool2d(input, geometry("avgPool2d", input.shape(), k[0], k[1], s[0], s[1], 1, 1, same("avgPool2d", padding)));
    }

    private static boolean same(String op, String padding) {
        if ("SAME".equalsIgnoreCase(padding)) {
            return true;
        }
        if ("VALID".equalsIgnoreCase(padding)) {
            return false;
        }
        throw new IllegalArgumentException(op + ": padding must be \"SAME\" or \"VALID\", got " + padding);
    }

    /** {@code {v}} or {@code {h, w}} as {@code {h, w}}. */
    private static int[] pair(String op, String what, int[] v) {
        if (v == null || v.length == 0) {
            return new int[] {1, 1};
        }
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length == 2) {
            return v.clone();
        }
        throw new IllegalArgumentException(op + ": " + what + " must have 1 or 2 values, got " + Shapes.format(v));
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    /** Below this many window taps in all, handing images to other threads costs more than it saves. */
    static final long PARALLEL_MIN_TAPS = 1L << 18;

    /** What one task runs: the kernel on {@code sub} (a run of images) starting at image {@code n0}. */
    @FunctionalInterface
    private interface ImageRun {
        void run(ConvGeometry sub, int n0);
    }

    /**
     * Runs {@code body} over the batch, split into one run of whole images per kernel thread when the
     * work is large enough. Images write disjoint parts of the output, so the runs are independent and the
     * result is identical to one call over the whole batch. (Convolutions are not split here: their GEMM
     * splits itself.)
     */
    private static void byImages(ConvGeometry g, long tapsPerImage, ImageRun body) {
        int batch = g.batch();
        int tasks = (int) Math.min(Math.min(KernelThreads.count(), batch),
                Math.max(1, tapsPerImage * batch / PARALLEL_MIN_TAPS));
        if (tasks <= 1) {
            body.run(g, 0);
            return;
        }
        KernelThreads.parallelFor(tasks, task -> {
            int n0 = (int) ((long) batch * task / tasks);
            int n1 = (int) ((long) batch * (task + 1) / tasks);
            body.run(g.withBatch(n1 - n0), n0);
        });
    }

    private record Dense(Object data, int off) {}

    /** The row-major buffer of {@code a} in dtype {@code t}: the array's own when it already is one. */
    private static Dense dense(NDArray a, DType t) {
        Strided v = NDArrayAccess.view(a);
        if (v.dtype() == t && v.isContiguous()) {
            return new Dense(v.data(), v.offset());
        }
        return new Dense(Convert.contiguous(v, t), 0);
    }

    private static DType floatType(NDArray a, NDArray b) {
        return a.dtype() == DType.FLOAT64 || b.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    private static int[] pooledShape(ConvGeometry g) {
        return new int[] {g.batch(), g.outH(), g.outW(), g.channels()};
    }

    private static void checkInput(String op, NDArray x, ConvGeometry g) {
        int[] expected = {g.batch(), g.height(), g.width(), g.channels()};
        if (!Arrays.equals(x.shape(), expected)) {
            throw new IllegalArgumentException(op + ": input shape " + Shapes.format(x.shape())
                    + " does not match the geometry's " + Shapes.format(expected));
        }
    }

    /** Checks {@code k [kh, kw, c, ·]} and returns its last dimension. */
    private static int checkKernel(String op, NDArray k, ConvGeometry g) {
        int[] s = k.shape();
        if (s.length != 4 || s[0] != g.kernelH() || s[1] != g.kernelW() || s[2] != g.channels()) {
            throw new IllegalArgumentException(op + ": kernel shape " + Shapes.format(s) + " does not match ("
                    + g.kernelH() + ", " + g.kernelW() + ", " + g.channels() + ", filters)");
        }
        return s[3];
    }

    private static void checkOutput(String op, NDArray dy, ConvGeometry g, int channels) {
        int[] expected = {g.batch(), g.outH(), g.outW(), channels};
        if (!Arrays.equals(dy.shape(), expected)) {
            throw new IllegalArgumentException(op + ": gradient shape " + Shapes.format(dy.shape())
                    + " does not match the output shape " + Shapes.format(expected));
        }
    }

    private static NDArray record(Op op, NDArray out, ConvGeometry g, NDArray... inputs) {
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, out, inputs, g);
        }
        return out;
    }

    private ConvOps() {}
}
