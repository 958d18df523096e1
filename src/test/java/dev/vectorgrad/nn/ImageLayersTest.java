package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientCheck;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names, shapes, building and the training/inference behaviour of the image layers (values: LayerFixturesTest). */
class ImageLayersTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    @Test
    void variablesAreNamedAndNumberedAsKerasNamesThem() {
        assertThat(Layer.snakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(Layer.snakeCase("Conv2DTranspose")).isEqualTo("conv2d_transpose");
        assertThat(Layer.snakeCase("GlobalAveragePooling2D")).isEqualTo("global_average_pooling2d");
        Conv2D a = Conv2D.builder(8, 3).inputShape(5, 5, 2).build();
        Conv2D b = new Conv2D(4, 3);
        b.call(NDArray.zeros(DType.FLOAT32, 1, 5, 5, 8));
        assertThat(a.variables()).extracting(Variable::name).containsExactly("conv2d/kernel:0", "conv2d/bias:0");
        assertThat(b.variables()).extracting(Variable::name).containsExactly("conv2d_1/kernel:0", "conv2d_1/bias:0");
        assertArrayEquals(new int[] {3, 3, 2, 8}, a.kernel().shape());
        assertThat(new MaxPooling2D(2).name()).isEqualTo("max_pooling2d");
        assertThat(new DepthwiseConv2D(3).name()).isEqualTo("depthwise_conv2d");
        BatchNormalization bn = new BatchNormalization();
        bn.call(NDArray.zeros(DType.FLOAT32, 2, 3));
        assertThat(bn.variables()).extracting(Variable::name).containsExactly("batch_normalization/gamma:0",
                "batch_normalization/beta:0", "batch_normalization/moving_mean:0", "batch_normalization/moving_variance:0");
        assertThat(bn.trainableVariables()).hasSize(2);
    }

    @Test
    void kernelInitialisationIsGlorotUniformOverTheReceptiveField() {
        Conv2D c = Conv2D.builder(16, 3).inputShape(8, 8, 4).build();
        double limit = Math.sqrt(6.0 / (9 * 4 + 9 * 16));
        NDArray k = c.kernel();
        assertTrue(k.abs().max().item() <= limit);
        assertTrue(k.abs().max().item() > 0.9 * limit, "uses the whole range");
        assertEquals(0.0, c.bias().abs().max().item());
    }

    @Test
    void outputShapesFollowKeras() {
        NDArray x = NDArray.zeros(DType.FLOAT32, 2, 7, 6, 3);
        assertArrayEquals(new int[] {2, 4, 3, 5}, new Conv2D(5, 3, 2, Padding.SAME, null).call(x).shape());
        assertArrayEquals(new int[] {2, 5, 4, 5}, new Conv2D(5, 3).call(x).shape());
        assertArrayEquals(new int[] {2, 14, 12, 4}, new Conv2DTranspose(4, 3, 2, Padding.SAME).call(x).shape());
        assertArrayEquals(new int[] {2, 15, 13, 4}, new Conv2DTranspose(4, 3, 2, Padding.VALID).call(x).shape());
        assertArrayEquals(new int[] {2, 3, 3, 3}, new MaxPooling2D(2).call(x).shape());
        assertArrayEquals(new int[] {2, 4, 3, 3}, new AveragePooling2D(2, 2, Padding.SAME).call(x).shape());
        assertArrayEquals(new int[] {2, 3}, new GlobalMaxPooling2D().call(x).shape());
        assertArrayEquals(new int[] {2, 1, 1, 3}, new GlobalAveragePooling2D(true).call(x).shape());
        assertArrayEquals(new int[] {2, 14, 12, 3}, new UpSampling2D(2).call(x).shape());
        assertArrayEquals(new int[] {2, 126}, new Flatten().call(x).shape());
        assertArrayEquals(new int[] {2, 42, 3}, new Reshape(-1, 3).call(x).shape());
        assertArrayEquals(new int[] {2, 3, 7, 6}, new Permute(3, 1, 2).call(x).shape());
        assertArrayEquals(new int[] {2, 7, 6, 6}, new DepthwiseConv2D(3, 1, Padding.SAME, 2, null, true).call(x).shape());
        NDArray seq = NDArray.zeros(DType.FLOAT32, 2, 9, 3);
        assertArrayEquals(new int[] {2, 5, 4}, new Conv1D(4, 3, 2, Padding.SAME, null).call(seq).shape());
        assertArrayEquals(new int[] {2, 4, 3}, new MaxPooling1D(2).call(seq).shape());
        assertArrayEquals(new int[] {2, 3}, new GlobalAveragePooling1D().call(seq).shape());
    }

    @Test
    void shapeMistakesAreNamedInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2D(4, 3).call(NDArray.zeros(DType.FLOAT32, 2, 3)));
        assertEquals("Input 0 of layer \"conv2d\" is incompatible with the layer: expected ndim=4, found ndim=2. "
                + "Full shape received: (2, 3)", e.getMessage());
        Conv2D c = Conv2D.builder(2, 3).inputShape(5, 5, 3).build();
        e = assertThrows(IllegalArgumentException.class, () -> c.call(NDArray.zeros(DType.FLOAT32, 1, 5, 5, 4)));
        assertThat(e.getMessage()).contains("expected axis -1 of input shape to have value 3");
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 5).call(NDArray.zeros(DType.FLOAT32, 1, 3, 3, 1)));
        assertThat(e.getMessage()).contains("larger than the input 3x3");
        assertThrows(IllegalArgumentException.class, () -> new Reshape(5, -1).call(NDArray.zeros(DType.FLOAT32, 2, 7)));
        assertThrows(IllegalArgumentException.class, () -> new Permute(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
    }

    @Test
    void flattenReshapeAndPermuteMoveValuesAsNumPy() {
        NDArray x = NDArray.arange(DType.FLOAT32, 0, 12, 1).reshape(2, 3, 2);
        assertArrayEquals(x.toFloatArray(), new Flatten().call(x).toFloatArray());
        NDArray p = new Permute(2, 1).call(x);
        assertEquals(x.getFloat(1, 2, 0), p.getFloat(1, 0, 2));
        NDArray up = new UpSampling2D(2).call(NDArray.of(new float[] {1, 2, 3, 4}, 1, 2, 2, 1));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.toFloatArray());
    }

    @Test
    void dropoutScalesSurvivorsOnlyInTrainingAndIsReproducible() {
        NDArray x = NDArray.ones(DType.FLOAT32, 200, 50);
        Dropout d = new Dropout(0.3);
        assertTrue(d.call(x, false) == x, "inference is the identity");
        float[] y = d.call(x, true).toFloatArray();
        int kept = 0;
        for (float v : y) {
            assertTrue(v == 0f || Math.abs(v - 1 / 0.7f) < 1e-6, "zero or 1/(1-rate): " + v);
            kept += v == 0f ? 0 : 1;
        }
        assertEquals(0.7, kept / (double) y.length, 0.02);
        assertThat(d.call(x, true).toFloatArray()).isNotEqualTo(y); // a new mask per call
        Layer.resetNames();
        assertArrayEquals(y, new Dropout(0.3).call(x, true).toFloatArray(), "same program, same masks");
        assertEquals(0.0, new Dropout(1.0).call(x, true).abs().max().item(), "rate 1 drops everything");
        assertArrayEquals(new Dropout(0.5, 42L).call(x, true).toFloatArray(),
                new Dropout(0.5, 42L).call(x, true).toFloatArray());
    }

    @Test
    void batchNormalizationUpdatesMovingStatisticsOnlyInTraining() {
        BatchNormalization bn = new BatchNormalization();
        NDArray x = Rng.seeded(1).normal(DType.FLOAT32, 3, 2, 64, 4);
        bn.call(x, false);
        assertEquals(0.0, bn.movingMean().abs().max().item());
        bn.apply(x, true);
        NDArray expected = x.mean(false, 0).mul(0.01);
        assertTrue(bn.movingMean().allClose(expected, 1e-5, 1e-6), bn.movingMean() + " vs " + expected);
        NDArray y = bn.call(x, true);
        assertTrue(y.mean(false, 0).abs().max().item() < 1e-5, "training output is batch-normalised");
        NDArray inference = bn.call(x, false); // far from normalised: moving stats have moved 2% of the way
        assertTrue(inference.mean(false, 0).abs().max().item() > 1);
    }

    @Test
    void secondDerivativesFlowThroughAConvLayer() {
        // inner: g(k) = d/dk ½Σ conv(x, k)² = backpropFilter(x, conv(x, k)); outer: d/dk Σ g(k) = backpropFilter(x, conv(x, 1))
        Conv2D conv = Conv2D.builder(3, 3).padding(Padding.SAME).strides(2, 2).useBias(false).inputShape(5, 4, 2).build();
        NDArray x = Rng.seeded(3).normal(DType.FLOAT32, 0, 1, 2, 5, 4, 2);
        Variable k = conv.kernel();
        NDArray second;
        try (GradientTape outer = new GradientTape()) {
            NDArray first;
            try (GradientTape inner = new GradientTape()) {
                first = inner.gradient(conv.call(x).square().sum().mul(0.5), k);
            }
            second = outer.gradient(first.sum(), k);
        }
        var g = dev.vectorgrad.ndarray.ConvOps.geometry("test", x.shape(), 3, 3, 2, 2, 1, 1, true);
        NDArray expected = dev.vectorgrad.ndarray.ConvOps.conv2dBackpropFilter(x,
                dev.vectorgrad.ndarray.ConvOps.conv2d(x, NDArray.ones(DType.FLOAT32, 3, 3, 2, 3), g), g);
        assertTrue(second.allClose(expected, 1e-4, 1e-4), second + " vs " + expected);
    }

    @Test
    void tfNnSpellingsInOpsMatchTheLayers() {
        NDArray x = Rng.seeded(5).normal(DType.FLOAT32, 0, 1, 2, 7, 6, 3);
        Conv2D conv = Conv2D.builder(4, 3).strides(2, 2).padding(Padding.SAME).useBias(false).dilationRate(1).build();
        NDArray y = conv.call(x);
        assertTrue(dev.vectorgrad.Ops.conv2d(x, conv.kernel(), new int[] {2, 2}, "SAME").allClose(y, 0, 0));
        assertTrue(dev.vectorgrad.Ops.maxPool2d(x, new int[] {3}, new int[] {2}, "same")
                .allClose(new MaxPooling2D(3, 2, Padding.SAME).call(x), 0, 0));
        assertTrue(dev.vectorgrad.Ops.avgPool2d(x, new int[] {2, 2}, new int[] {2, 2}, "VALID")
                .allClose(new AveragePooling2D(2).call(x), 0, 0));
        Conv2DTranspose up = new Conv2DTranspose(5, 3, 2, Padding.SAME, null, false);
        NDArray u = up.call(x);
        assertTrue(dev.vectorgrad.Ops.conv2dTranspose(x, up.kernel(), new int[] {2, 14, 12, 5}, new int[] {2}, "SAME")
                .allClose(u, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.vectorgrad.Ops.conv2d(x, conv.kernel(), new int[] {1}, "FULL"));
        assertEquals("conv2d: padding must be \"SAME\" or \"VALID\", got FULL", e.getMessage());
    }
}
