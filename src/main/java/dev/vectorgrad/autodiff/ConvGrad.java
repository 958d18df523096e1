package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;
import dev.vectorgrad.ndarray.Op;

/**
 * The rules of {@link ConvOps}' ops. Each op is linear in each of its array inputs, so each gradient is
 * another op of the same family applied to the upstream gradient; those have rules too, which is what
 * makes second derivatives through a convolution or a pooling layer work.
 *
 * <pre>
 *   conv(x, k)            → dx = backpropInput(g, k)     dk = backpropFilter(x, g)
 *   backpropInput(d, k)   → dd = conv(g, k)              dk = backpropFilter(g, d)
 *   backpropFilter(x, d)  → dx = backpropInput(d, g)     dd = conv(x, g)
 *   maxPool(x)            → dx = maxPoolGrad(x, g)
 *   maxPoolGrad(x, d)     → dx = 0 (piecewise constant)  dd = maxPoolSelect(x, g)
 *   maxPoolSelect(x, u)   → dx = 0                       du = maxPoolGrad(x, g)
 *   avgPool(x)            → dx = avgPoolGrad(g)
 *   avgPoolGrad(d)        → dd = avgPool(g)
 * </pre>
 */
final class ConvGrad {

    /** The rule of a convolution or pooling {@code op}, or null for any other op ({@link GradientRules}' table). */
    static GradientRules.Rule rule(Op op) {
        return switch (op) {
            case CONV2D -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.conv2dBackpropInput(g, x[1], geo(attrs)) : null,
                need[1] ? ConvOps.conv2dBackpropFilter(x[0], g, geo(attrs)) : null};
            case CONV2D_BACKPROP_INPUT -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.conv2d(g, x[1], geo(attrs)) : null,
                need[1] ? ConvOps.conv2dBackpropFilter(g, x[0], geo(attrs)) : null};
            case CONV2D_BACKPROP_FILTER -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.conv2dBackpropInput(x[1], g, geo(attrs)) : null,
                need[1] ? ConvOps.conv2d(x[0], g, geo(attrs)) : null};

            case DEPTHWISE_CONV2D -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.depthwiseConv2dBackpropInput(g, x[1], geo(attrs)) : null,
                need[1] ? ConvOps.depthwiseConv2dBackpropFilter(x[0], g, geo(attrs)) : null};
            case DEPTHWISE_CONV2D_BACKPROP_INPUT -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.depthwiseConv2d(g, x[1], geo(attrs)) : null,
                need[1] ? ConvOps.depthwiseConv2dBackpropFilter(g, x[0], geo(attrs)) : null};
            case DEPTHWISE_CONV2D_BACKPROP_FILTER -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? ConvOps.depthwiseConv2dBackpropInput(x[1], g, geo(attrs)) : null,
                need[1] ? ConvOps.depthwiseConv2d(x[0], g, geo(attrs)) : null};

            case MAX_POOL2D -> (g, x, y, attrs, need) -> new NDArray[] {ConvOps.maxPool2dGrad(x[0], g, geo(attrs))};
            case MAX_POOL2D_GRAD -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? NDArray.zeros(x[0].dtype(), x[0].shape()) : null,
                need[1] ? ConvOps.maxPool2dSelect(x[0], g, geo(attrs)) : null};
            case MAX_POOL2D_SELECT -> (g, x, y, attrs, need) -> new NDArray[] {
                need[0] ? NDArray.zeros(x[0].dtype(), x[0].shape()) : null,
                need[1] ? ConvOps.maxPool2dGrad(x[0], g, geo(attrs)) : null};
            case AVG_POOL2D -> (g, x, y, attrs, need) -> new NDArray[] {ConvOps.avgPool2dGrad(g, geo(attrs))};
            case AVG_POOL2D_GRAD -> (g, x, y, attrs, need) -> new NDArray[] {ConvOps.avgPool2d(g, geo(attrs))};
            default -> null;
        };
    }

    private static ConvGeometry geo(Object attrs) {
        return (ConvGeometry) attrs;
    }

    private ConvGrad() {}
}
