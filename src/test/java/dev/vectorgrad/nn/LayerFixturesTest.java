package dev.vectorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.io.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every image layer and option against PyTorch: src/test/resources/nn/layers/make_layer_fixtures.py wrote,
 * for each case, the input, Keras-layout weights, the output, and the gradients of {@code sum(y · dy)} with
 * respect to the input and every trainable weight. Each test loads the weights into the layer by their Keras
 * names, runs it under a tape and compares all of them (float32 against float64 references).
 */
class LayerFixturesTest {
    private static final double RTOL = 2e-4;
    private static final double ATOL = 2e-5;

    private record Case(String file, Supplier<Layer> layer, boolean training) {}

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("conv2d_valid", () -> new Conv2D(4, 3), false));
        c.add(new Case("conv2d_same_stride2", () -> new Conv2D(5, 3, 2, Padding.SAME, Activation.LINEAR), false));
        c.add(new Case("conv2d_same_dilation2",
                () -> Conv2D.builder(3, 3).padding(Padding.SAME).dilationRate(2).build(), false));
        c.add(new Case("conv2d_rect_strides_relu_nobias", () -> Conv2D.builder(4, 1).kernelSize(2, 3).strides(2, 1)
                .useBias(false).activation(Activation.RELU).build(), false));
        c.add(new Case("conv2d_same_wide_channels", () -> new Conv2D(9, 3, 1, Padding.SAME, null), false));
        c.add(new Case("conv1d_valid", () -> new Conv1D(4, 3), false));
        c.add(new Case("conv1d_same_stride2", () -> new Conv1D(4, 3, 2, Padding.SAME, Activation.LINEAR), false));
        c.add(new Case("conv1d_dilation2", () -> new Conv1D(3, 3, 1, Padding.VALID, Activation.LINEAR, 2, true), false));
        c.add(new Case("conv2d_transpose_same_stride2", () -> new Conv2DTranspose(4, 3, 2, Padding.SAME), false));
        c.add(new Case("conv2d_transpose_valid_stride2", () -> new Conv2DTranspose(2, 3, 2, Padding.VALID), false));
        c.add(new Case("depthwise_same", () -> new DepthwiseConv2D(3, 1, Padding.SAME, 1, Activation.LINEAR, true), false));
        c.add(new Case("depthwise_valid_stride2_mult2",
                () -> new DepthwiseConv2D(3, 2, Padding.VALID, 2, Activation.LINEAR, true), false));
        c.add(new Case("max_pooling2d_2", () -> new MaxPooling2D(2), false));
        c.add(new Case("max_pooling2d_3_stride2_same", () -> new MaxPooling2D(3, 2, Padding.SAME), false));
        c.add(new Case("average_pooling2d_2", () -> new AveragePooling2D(2), false));
        c.add(new Case("average_pooling2d_3_stride2_same", () -> new AveragePooling2D(3, 2, Padding.SAME), false));
        c.add(new Case("max_pooling1d_2", () -> new MaxPooling1D(2), false));
        c.add(new Case("average_pooling1d_3_stride1_same", () -> new AveragePooling1D(3, 1, Padding.SAME), false));
        c.add(new Case("global_average_pooling2d", GlobalAveragePooling2D::new, false));
        c.add(new Case("global_max_pooling2d", GlobalMaxPooling2D::new, false));
        c.add(new Case("global_average_pooling1d", GlobalAveragePooling1D::new, false));
        c.add(new Case("global_max_pooling1d", GlobalMaxPooling1D::new, false));
        c.add(new Case("up_sampling2d_2", () -> new UpSampling2D(2), false));
        c.add(new Case("batch_normalization_training", BatchNormalization::new, true));
        c.add(new Case("batch_normalization_inference", BatchNormalization::new, false));
        c.add(new Case("batch_normalization_dense_training", BatchNormalization::new, true));
        c.add(new Case("layer_normalization", LayerNormalization::new, true));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesPyTorch() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        Map<String, NDArray> f = load(c.file());
        Layer layer = c.layer().get();
        NDArray x = f.get("x");
        layer.maybeBuild(x.shape());
        for (Variable v : layer.variables()) {
            String key = weightName(layer, v);
            NDArray value = f.get(key);
            assertNotNull(value, () -> c.file() + ": no fixture for weight " + v.name());
            v.assign(value);
        }
        List<NDArray> sources = new ArrayList<>();
        sources.add(x);
        sources.addAll(layer.trainableVariables());
        NDArray y;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            y = layer.apply(x, c.training());
            grads = tape.gradient(y.mul(f.get("dy")).sum(), sources);
        }
        Map<String, NDArray> actual = new LinkedHashMap<>();
        actual.put("y", y);
        actual.put("dx", grads.get(0));
        List<Variable> trainable = layer.trainableVariables();
        for (int i = 0; i < trainable.size(); i++) {
            actual.put("grad_" + weightName(layer, trainable.get(i)), grads.get(i + 1));
        }
        for (Variable v : layer.nonTrainableVariables()) {
            if (f.containsKey("after_" + weightName(layer, v))) {
                actual.put("after_" + weightName(layer, v), v.readValue());
            }
        }
        for (Map.Entry<String, NDArray> e : actual.entrySet()) {
            NDArray expected = f.get(e.getKey());
            assertNotNull(expected, () -> c.file() + ": fixture has no " + e.getKey());
            NDArray got = e.getValue();
            assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(got.shape()),
                    () -> c.file() + " " + e.getKey() + " shape");
            assertTrue(got.allClose(expected, RTOL, ATOL),
                    () -> c.file() + " " + e.getKey() + ": max |diff| " + maxDiff(got, expected));
        }
    }

    /** {@code conv2d_3/kernel:0} → {@code kernel}. */
    private static String weightName(Layer layer, Variable v) {
        String prefix = layer.name() + "/";
        assertTrue(v.name().startsWith(prefix) && v.name().endsWith(":0"), v.name());
        return v.name().substring(prefix.length(), v.name().length() - 2);
    }

    private static double maxDiff(NDArray a, NDArray b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    private static Map<String, NDArray> load(String name) throws IOException {
        try (InputStream in = LayerFixturesTest.class.getResourceAsStream("/nn/layers/" + name + ".npz")) {
            assertNotNull(in, "missing fixture " + name + ".npz; run make_layer_fixtures.py");
            return Npz.read(in);
        }
    }
}
