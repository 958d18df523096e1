package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Convolution and pooling gradients against central differences in float64, first and second order:
 * the second-order checks differentiate a gradient computed under an inner tape, so they exercise the
 * rules of the backprop ops themselves (conv ↔ backpropInput ↔ backpropFilter, maxPoolGrad ↔ select).
 */
class ConvGradTest {
    private static final Rng RNG = Rng.seeded(7);

    /** SAME with stride 2, VALID with dilation, SAME with stride and dilation on odd sizes. */
    private static List<ConvGeometry> geometries(int channels) {
        return List.of(
                ConvGeometry.same(2, 5, 4, channels, 3, 3, 2, 2, 1, 1),
                ConvGeometry.valid(1, 6, 5, channels, 2, 3, 1, 2, 2, 1),
                ConvGeometry.same(1, 4, 5, channels, 2, 2, 1, 1, 2, 1));
    }

    private static NDArray random(int... shape) {
        return RNG.normal(DType.FLOAT64, 0, 1, shape);
    }

    private static int[] inShape(ConvGeometry g) {
        return new int[] {g.batch(), g.height(), g.width(), g.channels()};
    }

    private static int[] outShape(ConvGeometry g, int c) {
        return new int[] {g.batch(), g.outH(), g.outW(), c};
    }

    private static void check(String what, Function<NDArray, NDArray> f, NDArray x) {
        double err = GradientCheck.maxError(f, x);
        assertTrue(GradientCheck.check(f, x), () -> what + ": max error " + err);
    }

    /** {@code d/dx Σ tanh(f(x))}, computed under an inner tape (so an outer tape differentiates it again). */
    private static Function<NDArray, NDArray> gradOfTanhSum(Function<NDArray, NDArray> f) {
        return x -> {
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                NDArray y = f.apply(x).tanh().sum();
                return inner.gradient(y, x);
            }
        };
    }

    @Test
    void convolutionGradientsFirstAndSecondOrder() {
        for (ConvGeometry g : geometries(2)) {
            NDArray x = random(inShape(g));
            NDArray k = random(g.kernelH(), g.kernelW(), 2, 3);
            NDArray dy = random(outShape(g, 3));
            check("conv2d dx " + g, v -> ConvOps.conv2d(v, k, g).mul(dy), x);
            check("conv2d dk " + g, v -> ConvOps.conv2d(x, v, g).mul(dy), k);
            check("backpropInput d(dy) " + g, v -> ConvOps.conv2dBackpropInput(v, k, g).mul(x), dy);
            check("backpropInput dk " + g, v -> ConvOps.conv2dBackpropInput(dy, v, g).mul(x), k);
            check("backpropFilter dx " + g, v -> ConvOps.conv2dBackpropFilter(v, dy, g).mul(k), x);
            check("backpropFilter d(dy) " + g, v -> ConvOps.conv2dBackpropFilter(x, v, g).mul(k), dy);
            check("d²/dx² conv " + g, gradOfTanhSum(v -> ConvOps.conv2d(v, k, g)), x);
            check("d²/dk² conv " + g, gradOfTanhSum(v -> ConvOps.conv2d(x, v, g)), k);
            // mixed: d/dx of the kernel gradient
            check("d²/dxdk conv " + g, v -> {
                try (GradientTape inner = new GradientTape()) {
                    inner.watch(k);
                    return inner.gradient(ConvOps.conv2d(v, k, g).tanh().sum(), k);
                }
            }, x);
        }
    }

    @Test
    void depthwiseGradientsFirstAndSecondOrder() {
        for (ConvGeometry g : geometries(3)) {
            for (int m : new int[] {1, 2}) {
                NDArray x = random(inShape(g));
                NDArray k = random(g.kernelH(), g.kernelW(), 3, m);
                NDArray dy = random(outShape(g, 3 * m));
                check("depthwise dx " + g, v -> ConvOps.depthwiseConv2d(v, k, g).mul(dy), x);
                check("depthwise dk " + g, v -> ConvOps.depthwiseConv2d(x, v, g).mul(dy), k);
                check("depthwise backpropInput dk " + g, v -> ConvOps.depthwiseConv2dBackpropInput(dy, v, g).mul(x), k);
                check("depthwise backpropFilter dx " + g, v -> ConvOps.depthwiseConv2dBackpropFilter(v, dy, g).mul(k), x);
                check("d²/dx² depthwise " + g, gradOfTanhSum(v -> ConvOps.depthwiseConv2d(v, k, g)), x);
                check("d²/dk² depthwise " + g, gradOfTanhSum(v -> ConvOps.depthwiseConv2d(x, v, g)), k);
            }
        }
    }

    @Test
    void poolingGradientsFirstAndSecondOrder() {
        for (ConvGeometry g : List.of(
                ConvGeometry.same(2, 5, 4, 3, 2, 2, 2, 2, 1, 1),
                ConvGeometry.valid(1, 6, 5, 3, 3, 2, 2, 1, 1, 1),
                ConvGeometry.same(1, 5, 5, 3, 3, 3, 1, 1, 1, 1))) {
            NDArray x = random(inShape(g)); // continuous values: no ties, so max pooling is smooth here
            NDArray dy = random(outShape(g, 3));
            check("maxPool dx " + g, v -> ConvOps.maxPool2d(v, g).mul(dy), x);
            check("avgPool dx " + g, v -> ConvOps.avgPool2d(v, g).mul(dy), x);
            check("maxPoolGrad d(dy) " + g, v -> ConvOps.maxPool2dGrad(x, v, g).mul(x), dy);
            check("avgPoolGrad d(dy) " + g, v -> ConvOps.avgPool2dGrad(v, g).mul(x), dy);
            check("d²/dx² maxPool " + g, gradOfTanhSum(v -> ConvOps.maxPool2d(v, g)), x);
            check("d²/dx² avgPool " + g, gradOfTanhSum(v -> ConvOps.avgPool2d(v, g)), x);
        }
    }

    @Test
    void float32InputsGiveFloat32AndMismatchedShapesAreNamed() {
        ConvGeometry g = ConvGeometry.same(1, 3, 3, 1, 3, 3, 1, 1, 1, 1);
        NDArray x = NDArray.ones(DType.FLOAT32, 1, 3, 3, 1);
        NDArray k = NDArray.ones(DType.FLOAT32, 3, 3, 1, 2);
        NDArray y = ConvOps.conv2d(x, k, g);
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(9f, y.getFloat(0, 1, 1, 1));
        assertEquals(4f, y.getFloat(0, 0, 0, 0));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(x, NDArray.ones(DType.FLOAT32, 3, 3, 2, 2), g));
        assertEquals("conv2d: kernel shape (3, 3, 2, 2) does not match (3, 3, 1, filters)", e.getMessage());
        // a transposed (non-contiguous) view is read through its strides
        NDArray xt = NDArray.arange(DType.FLOAT32, 0, 9, 1).reshape(1, 3, 3, 1).transpose(0, 2, 1, 3);
        NDArray direct = ConvOps.conv2d(xt, k, g);
        NDArray copied = ConvOps.conv2d(xt.contiguous(), k, g);
        assertTrue(direct.allClose(copied, 0, 0));
    }

    @Test
    void batchesSplitAcrossKernelThreadsGiveExactlyThePerImageResults() {
        // large enough for ConvOps to hand runs of images to the kernel threads (when there are several)
        ConvGeometry g = ConvGeometry.same(8, 32, 32, 16, 3, 3, 1, 1, 1, 1);
        NDArray x = Rng.seeded(11).normal(DType.FLOAT32, 0, 1, 8, 32, 32, 16);
        NDArray u = Rng.seeded(12).normal(DType.FLOAT32, 0, 1, 8, 32, 32, 16);
        NDArray dy = Rng.seeded(13).normal(DType.FLOAT32, 0, 1, 8, 32, 32, 16);
        NDArray k = Rng.seeded(14).normal(DType.FLOAT32, 0, 1, 3, 3, 16, 1);
        ConvGeometry one = g.withBatch(1);
        List<java.util.function.BiFunction<ConvGeometry, Integer, NDArray>> ops = List.of(
                (geo, n) -> ConvOps.maxPool2d(part(x, n), geo),
                (geo, n) -> ConvOps.maxPool2dGrad(part(x, n), part(dy, n), geo),
                (geo, n) -> ConvOps.maxPool2dSelect(part(x, n), part(u, n), geo),
                (geo, n) -> ConvOps.avgPool2d(part(x, n), geo),
                (geo, n) -> ConvOps.avgPool2dGrad(part(dy, n), geo),
                (geo, n) -> ConvOps.depthwiseConv2d(part(x, n), k, geo),
                (geo, n) -> ConvOps.depthwiseConv2dBackpropInput(part(dy, n), k, geo));
        for (int i = 0; i < ops.size(); i++) {
            NDArray whole = ops.get(i).apply(g, -1);
            for (int n = 0; n < 8; n++) {
                NDArray single = ops.get(i).apply(one, n);
                assertTrue(whole.slice(0, n, n + 1, 1).allClose(single, 0, 0), "op " + i + ", image " + n);
            }
        }
    }

    /** Image n as a batch of one, or the whole batch for n = -1. */
    private static NDArray part(NDArray a, int n) {
        return n < 0 ? a : a.slice(0, n, n + 1, 1);
    }
}
