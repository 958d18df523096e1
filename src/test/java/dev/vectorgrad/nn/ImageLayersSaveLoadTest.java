package dev.vectorgrad.nn;

import static dev.vectorgrad.nn.SaveLoadSupport.bits;
import static dev.vectorgrad.nn.SaveLoadSupport.format;
import static dev.vectorgrad.nn.SaveLoadSupport.input;
import static dev.vectorgrad.nn.SaveLoadSupport.scramble;
import static dev.vectorgrad.nn.SaveLoadSupport.withoutName;
import static dev.vectorgrad.nn.SaveLoadSupport.withoutNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image layer through {@code Model.save}/{@code Model.load}, {@code summary()} and functional {@code apply}.
 * Output shapes and parameter counts are Keras's formulas worked by hand: a convolution has
 * {@code kh·kw·in·filters (+ filters)} parameters, a depthwise one {@code kh·kw·in·multiplier (+ in·multiplier)},
 * BatchNormalization {@code 4·channels} of which the moving statistics ({@code 2·channels}) are non-trainable; VALID
 * windows give {@code floor((in - (k-1)·d - 1)/s) + 1}, SAME ones {@code ceil(in/s)}, a transposed convolution
 * {@code in·s} (SAME) or {@code (in-1)·s + k} (VALID).
 */
class ImageLayersSaveLoadTest {

    @BeforeEach
    void fresh() {
        Layer.resetNames();
    }

    /** layer, input shape without the batch, Keras's output shape, total and non-trainable parameter counts. */
    static Stream<Arguments> layers() {
        return Stream.of(
                c("Conv2D(32, 3)", () -> new Conv2D(32, 3), new int[] {28, 28, 1}, "(None, 26, 26, 32)", 320, 0),
                c("Conv2D rect, strided SAME, no bias", () -> Conv2D.builder(4, 3).kernelSize(3, 2).strides(2, 1)
                        .padding(Padding.SAME).activation(Activation.RELU).useBias(false).build(),
                        new int[] {9, 8, 3}, "(None, 5, 8, 4)", 72, 0),
                c("Conv2D dilated", () -> Conv2D.builder(2, 3).dilationRate(2).activation(Activation.SIGMOID).build(),
                        new int[] {9, 9, 2}, "(None, 5, 5, 2)", 38, 0),
                c("Conv1D SAME strided", () -> new Conv1D(8, 3, 2, Padding.SAME, Activation.TANH), new int[] {10, 4},
                        "(None, 5, 8)", 104, 0),
                c("Conv1D dilated, no bias", () -> new Conv1D(4, 3, 1, Padding.VALID, Activation.LINEAR, 2, false),
                        new int[] {10, 3}, "(None, 6, 4)", 36, 0),
                c("Conv2DTranspose SAME", () -> new Conv2DTranspose(6, 3, 2, Padding.SAME), new int[] {5, 5, 4},
                        "(None, 10, 10, 6)", 222, 0),
                c("Conv2DTranspose VALID", () -> new Conv2DTranspose(6, 3, 2, Padding.VALID, Activation.RELU, false),
                        new int[] {5, 5, 4}, "(None, 11, 11, 6)", 216, 0),
                c("DepthwiseConv2D", () -> new DepthwiseConv2D(3, 1, Padding.SAME, 2, Activation.RELU, true),
                        new int[] {6, 6, 3}, "(None, 6, 6, 6)", 60, 0),
                c("MaxPooling2D(2)", () -> new MaxPooling2D(2), new int[] {6, 6, 3}, "(None, 3, 3, 3)", 0, 0),
                c("MaxPooling2D SAME", () -> new MaxPooling2D(3, 2, Padding.SAME), new int[] {7, 7, 2},
                        "(None, 4, 4, 2)", 0, 0),
                c("AveragePooling2D", () -> new AveragePooling2D(2, 1, Padding.VALID), new int[] {4, 4, 2},
                        "(None, 3, 3, 2)", 0, 0),
                c("MaxPooling1D(2)", () -> new MaxPooling1D(2), new int[] {7, 3}, "(None, 3, 3)", 0, 0),
                c("AveragePooling1D SAME", () -> new AveragePooling1D(3, 2, Padding.SAME), new int[] {7, 3},
                        "(None, 4, 3)", 0, 0),
                c("GlobalMaxPooling2D", GlobalMaxPooling2D::new, new int[] {4, 4, 3}, "(None, 3)", 0, 0),
                c("GlobalAveragePooling2D keepdims", () -> new GlobalAveragePooling2D(true), new int[] {4, 4, 3},
                        "(None, 1, 1, 3)", 0, 0),
                c("GlobalMaxPooling1D", GlobalMaxPooling1D::new, new int[] {5, 3}, "(None, 3)", 0, 0),
                c("GlobalAveragePooling1D keepdims", () -> new GlobalAveragePooling1D(true), new int[] {5, 3},
                        "(None, 1, 3)", 0, 0),
                c("UpSampling2D", () -> new UpSampling2D(2), new int[] {3, 4, 2}, "(None, 6, 8, 2)", 0, 0),
                c("Flatten", Flatten::new, new int[] {3, 4, 2}, "(None, 24)", 0, 0),
                c("Reshape", () -> new Reshape(4, -1), new int[] {3, 4, 2}, "(None, 4, 6)", 0, 0),
                c("Permute", () -> new Permute(2, 1), new int[] {3, 5}, "(None, 5, 3)", 0, 0),
                c("Dropout seeded", () -> new Dropout(0.3, 7L), new int[] {5}, "(None, 5)", 0, 0),
                c("Dropout unseeded", () -> new Dropout(0.5), new int[] {5}, "(None, 5)", 0, 0),
                c("BatchNormalization", BatchNormalization::new, new int[] {6, 6, 32}, "(None, 6, 6, 32)", 128, 64),
                c("BatchNormalization scale only", () -> new BatchNormalization(0.9, 1e-5, false, true), new int[] {4},
                        "(None, 4)", 12, 8),
                c("LayerNormalization", LayerNormalization::new, new int[] {3, 8}, "(None, 3, 8)", 16, 0),
                c("LayerNormalization no centre", () -> new LayerNormalization(1e-6, false, true), new int[] {3, 8},
                        "(None, 3, 8)", 8, 0));
    }

    private static Arguments c(String what, Supplier<Layer> layer, int[] sample, String shape, int params, int frozen) {
        return Arguments.of(what, layer, sample, shape, params, frozen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aSequentialOfTheLayerSavesAndLoadsBitForBit(String what, Supplier<Layer> make, int[] sample, String shape,
                                                     int params, int frozen, @TempDir Path dir) throws IOException {
        // a Dense in front that keeps the shape, so that weightless layers also have a model with variables to save
        Sequential m = new Sequential(new Dense(sample[sample.length - 1]), make.get());
        NDArray x = input(sample);
        m.predict(x);
        scramble(m);
        Path file = dir.resolve("m.keras");
        m.save(file);

        Model loaded = Model.load(file);
        assertThat(loaded).isInstanceOf(Sequential.class);
        assertThat(loaded.layers().get(1).getClass()).isEqualTo(m.layers().get(1).getClass());
        assertThat(withoutName(loaded.layers().get(1).getConfig())).isEqualTo(withoutName(m.layers().get(1).getConfig()));
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
        assertThat(loaded.variables()).hasSize(m.variables().size());
        for (int i = 0; i < m.variables().size(); i++) {
            assertThat(loaded.variables().get(i).trainable()).isEqualTo(m.variables().get(i).trainable());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aFunctionalModelShowsKerasOutputShapeAndParameterCountAndRoundTrips(String what, Supplier<Layer> make,
            int[] sample, String shape, int params, int frozen, @TempDir Path dir) throws IOException {
        KerasTensor in = Input.of(sample);
        KerasTensor out = make.get().apply(in);
        assertThat(format(out.shape())).isEqualTo(shape);
        Model m = Model.of(in, out);
        String summary = m.summary();
        assertThat(summary).contains(shape).contains(String.format(java.util.Locale.ROOT, "Total params: %,d ", params))
                .contains(String.format(java.util.Locale.ROOT, "Non-trainable params: %,d ", frozen));

        if (params > 0) { // save refuses a model without variables (nothing to restore)
            NDArray x = input(sample);
            scramble(m);
            Path file = dir.resolve("f.keras");
            m.save(file);
            Model loaded = Model.load(file);
            assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
            assertThat(withoutNames(loaded.summary())).isEqualTo(withoutNames(summary));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void theCheapOutputShapeAgreesWithRunningTheLayer(String what, Supplier<Layer> make, int[] sample, String shape,
                                                      int params, int frozen) {
        Layer layer = make.get();
        NDArray x = input(sample);
        int[] ran = layer.call(x).shape();
        int[] full = x.shape();
        assertThat(layer.computeOutputShape(full)).containsExactly(ran);
        int[] unknownBatch = full.clone();
        unknownBatch[0] = -1;
        int[] expected = ran.clone();
        expected[0] = -1;
        assertThat(layer.computeOutputShape(unknownBatch)).containsExactly(expected);
    }

    @Test
    void aSmallConvNetTrainsSavesAndLoadsWithKerasSummary(@TempDir Path dir) throws IOException {
        Sequential m = new Sequential(
                Conv2D.builder(32, 3).activation(Activation.RELU).inputShape(28, 28, 1).build(),
                new BatchNormalization(),
                new MaxPooling2D(2),
                new DepthwiseConv2D(3),
                new Dropout(0.25, 3L),
                new GlobalAveragePooling2D(),
                new Dense(10, Activation.SOFTMAX));
        String summary = m.summary();
        // Conv2D 320, BN 128 (64 frozen), DepthwiseConv2D 3·3·32 + 32 = 320, Dense 32·10 + 10 = 330
        assertThat(summary).contains("(None, 26, 26, 32)").contains("(None, 13, 13, 32)").contains("(None, 11, 11, 32)")
                .contains("(None, 32)").contains("(None, 10)").contains("Total params: 1,098 ")
                .contains("Trainable params: 1,034 ").contains("Non-trainable params: 64 ");
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        m.setVerbose(0);
        Rng rng = Rng.seeded(5);
        NDArray x = rng.uniform(DType.FLOAT32, 0, 1, 8, 28, 28, 1);
        NDArray y = NDArray.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        m.fit(x, y, 1, 4);
        Path file = dir.resolve("cnn.keras");
        m.save(file);

        Model loaded = Model.load(file);
        loaded.setVerbose(0);
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
        assertThat(withoutNames(loaded.summary())).isEqualTo(withoutNames(summary));
        assertThat(((Dropout) loaded.layers().get(4)).dropoutSeed()).isEqualTo(3L);
    }

    @Test
    void aFunctionalTwoBranchImageModelSavesAndLoads(@TempDir Path dir) throws IOException {
        KerasTensor in = Input.of(8, 8, 3);
        KerasTensor a = new MaxPooling2D(2).apply(new Conv2D(4, 3, 1, Padding.SAME, Activation.RELU).apply(in));
        KerasTensor b = new AveragePooling2D(2).apply(new DepthwiseConv2D(3, 1, Padding.SAME, 1, Activation.LINEAR, true)
                .apply(in));
        KerasTensor joined = new Concatenate(-1).apply(a, new BatchNormalization().apply(b));
        KerasTensor out = new Dense(2).apply(new Flatten().apply(new UpSampling2D(2).apply(joined)));
        Model m = Model.of(in, out);
        // Conv2D 3·3·3·4 + 4 = 112, DepthwiseConv2D 3·3·3 + 3 = 30, BatchNormalization 12 (6 frozen),
        // Flatten of (8, 8, 7) = 448, Dense 448·2 + 2 = 898
        assertThat(m.summary()).contains("(None, 4, 4, 7)").contains("(None, 8, 8, 7)").contains("(None, 448)")
                .contains("Total params: 1,052 ").contains("Non-trainable params: 6 ");
        scramble(m);
        NDArray x = input(new int[] {8, 8, 3});
        Path file = dir.resolve("two.keras");
        m.save(file);
        Model loaded = Model.load(file);
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
        assertThat(withoutNames(loaded.summary())).isEqualTo(withoutNames(m.summary()));
    }

    @Test
    void configsUseKerasNamesAndLowercaseEnumNames() {
        assertThat(Conv2D.builder(4, 3).strides(2, 2).padding(Padding.SAME).activation(Activation.RELU).build().getConfig())
                .containsEntry("filters", 4).containsEntry("kernel_size", List.of(3, 3))
                .containsEntry("strides", List.of(2, 2)).containsEntry("padding", "same")
                .containsEntry("dilation_rate", List.of(1, 1)).containsEntry("activation", "relu")
                .containsEntry("use_bias", true);
        assertThat(new MaxPooling1D(2).getConfig()).containsEntry("pool_size", List.of(2))
                .containsEntry("strides", List.of(2)).containsEntry("padding", "valid");
        assertThat(new BatchNormalization().getConfig()).containsEntry("momentum", 0.99).containsEntry("epsilon", 1e-3)
                .containsEntry("center", true).containsEntry("scale", true);
        assertThat(new Dropout(0.5).getConfig()).containsEntry("rate", 0.5).containsEntry("seed", null);
    }

    @Test
    void aBadConfigFailsNamingTheLayerAndKey(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.keras");
        try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(bad))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("config.json"));
            zip.write(("{\"format\": \"vectorgrad.model\", \"format_version\": 1, \"model\": {\"class_name\": \"Sequential\","
                    + " \"config\": {\"layers\": [{\"class_name\": \"Conv2DTranspose\", \"config\": {\"filters\": 2,"
                    + " \"kernel_size\": [3, 2], \"strides\": [1, 1], \"padding\": \"valid\", \"activation\": \"linear\","
                    + " \"use_bias\": true}}]}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Model.load(bad)).isInstanceOf(IOException.class).hasMessageContaining("Conv2DTranspose")
                .hasMessageContaining("kernel_size");
    }
}
