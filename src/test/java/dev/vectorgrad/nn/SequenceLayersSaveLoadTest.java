package dev.vectorgrad.nn;

import static dev.vectorgrad.nn.SaveLoadSupport.bits;
import static dev.vectorgrad.nn.SaveLoadSupport.format;
import static dev.vectorgrad.nn.SaveLoadSupport.input;
import static dev.vectorgrad.nn.SaveLoadSupport.scramble;
import static dev.vectorgrad.nn.SaveLoadSupport.withoutName;
import static dev.vectorgrad.nn.SaveLoadSupport.withoutNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequence and text layers through {@code Model.save}/{@code Model.load}, {@code summary()} and the cheap output
 * shape, as {@link ImageLayersSaveLoadTest} does for the image layers. Parameter counts are Keras's formulas for
 * {@code u} units on {@code d} features: SimpleRNN {@code d·u + u·u + u}, LSTM {@code 4·(d·u + u·u + u)}, GRU
 * (reset_after) {@code 3·(d·u + u·u) + 2·3·u}, Embedding {@code inputDim·outputDim}, MultiHeadAttention(h, k) on
 * {@code d}-wide query and value {@code 3·(d·h·k + h·k) + (h·k·d + d)}; Normalization's mean and variance
 * ({@code 2·d}) are non-trainable.
 */
class SequenceLayersSaveLoadTest {

    @BeforeEach
    void fresh() {
        Layer.resetNames();
    }

    /** layer over float input, input shape without the batch, Keras's output shape, total and frozen counts. */
    static Stream<Arguments> layers() {
        return Stream.of(
                c("SimpleRNN(4)", () -> new SimpleRNN(4), new int[] {5, 3}, "(None, 4)", 3 * 4 + 4 * 4 + 4, 0),
                c("SimpleRNN(4, sequences)", () -> new SimpleRNN(4, true), new int[] {5, 3}, "(None, 5, 4)",
                        3 * 4 + 4 * 4 + 4, 0),
                c("LSTM(4)", () -> new LSTM(4), new int[] {5, 3}, "(None, 4)", 4 * (3 * 4 + 4 * 4 + 4), 0),
                c("LSTM(3, sequences)", () -> new LSTM(3, true), new int[] {6, 2}, "(None, 6, 3)",
                        4 * (2 * 3 + 3 * 3 + 3), 0),
                c("GRU(4)", () -> new GRU(4), new int[] {5, 3}, "(None, 4)", 3 * (3 * 4 + 4 * 4) + 2 * 3 * 4, 0),
                c("GRU(2, sequences)", () -> new GRU(2, true), new int[] {4, 3}, "(None, 4, 2)",
                        3 * (3 * 2 + 2 * 2) + 2 * 3 * 2, 0),
                c("MultiHeadAttention(2, 3)", () -> new MultiHeadAttention(2, 3), new int[] {5, 4}, "(None, 5, 4)",
                        3 * (4 * 2 * 3 + 2 * 3) + (2 * 3 * 4 + 4), 0),
                c("Normalization", Normalization::new, new int[] {3, 4}, "(None, 3, 4)", 8, 8));
    }

    private static Arguments c(String what, Supplier<Layer> layer, int[] sample, String shape, int params, int frozen) {
        return Arguments.of(what, layer, sample, shape, params, frozen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aSequentialOfTheLayerSavesAndLoadsBitForBit(String what, Supplier<Layer> make, int[] sample, String shape,
                                                     int params, int frozen, @TempDir Path dir) throws IOException {
        Sequential m = new Sequential(new Dense(sample[sample.length - 1]), make.get());
        NDArray x = input(sample);
        m.predict(x);
        scramble(m);
        Path file = dir.resolve("m.keras");
        m.save(file);

        Model loaded = Model.load(file);
        assertThat(loaded.layers().get(1).getClass()).isEqualTo(m.layers().get(1).getClass());
        assertThat(withoutName(loaded.layers().get(1).getConfig())).isEqualTo(withoutName(m.layers().get(1).getConfig()));
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
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
        NDArray x = input(sample);
        scramble(m);
        Path file = dir.resolve("f.keras");
        m.save(file);
        Model loaded = Model.load(file);
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
        assertThat(withoutNames(loaded.summary())).isEqualTo(withoutNames(summary));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void theCheapOutputShapeAgreesWithRunningTheLayer(String what, Supplier<Layer> make, int[] sample, String shape,
                                                      int params, int frozen) {
        Layer layer = make.get();
        NDArray x = input(sample);
        int[] ran = layer.call(x).shape();
        assertThat(layer.computeOutputShape(x.shape())).containsExactly(ran);
        int[] unknownBatch = x.shape();
        unknownBatch[0] = -1;
        int[] expected = ran.clone();
        expected[0] = -1;
        assertThat(layer.computeOutputShape(unknownBatch)).containsExactly(expected);
    }

    @Test
    void anEmbeddingOfIntIdsSavesAndLoadsWithKerasCounts(@TempDir Path dir) throws IOException {
        KerasTensor in = Input.of(6);
        KerasTensor out = new LSTM(2).apply(new Embedding(10, 4, true).apply(in));
        Model m = Model.of(in, out);
        // Embedding 10·4 = 40, LSTM 4·(4·2 + 2·2 + 2) = 56
        assertThat(m.summary()).contains("(None, 6, 4)").contains("(None, 2)").contains("Total params: 96 ");
        scramble(m);
        NDArray ids = NDArray.of(new int[] {1, 2, 3, 9, 0, 0, 4, 4, 5, 6, 7, 8}).reshape(2, 6);
        Path file = dir.resolve("e.keras");
        m.save(file);
        Model loaded = Model.load(file);
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
        assertThat(bits(loaded.predict(ids))).containsExactly(bits(m.predict(ids)));
        Embedding e = (Embedding) loaded.layers().stream().filter(l -> l instanceof Embedding).findFirst().orElseThrow();
        assertThat(e.maskZero()).isTrue();
        assertThat(e.computeOutputShape(new int[] {-1, 6})).containsExactly(-1, 6, 4);
        assertThat(e.call(ids).shape()).containsExactly(2, 6, 4);
    }

    @Test
    void anAdaptedTextVectorizationKeepsItsVocabularyThroughSaveAndLoad(@TempDir Path dir) throws IOException {
        TextVectorization tv = new TextVectorization(12, 5);
        tv.adapt(NDArray.of("the cat sat", "the dog sat on the mat", "a cat!"));
        Sequential m = new Sequential(tv, new Embedding(12, 3), new GRU(2));
        NDArray texts = NDArray.of("The cat sat on a mat", "unknown dog words here and more");
        m.predict(texts);
        scramble(m);
        Path file = dir.resolve("t.keras");
        m.save(file);

        Model loaded = Model.load(file);
        TextVectorization back = (TextVectorization) loaded.layers().get(0);
        assertThat(back.getVocabulary()).isEqualTo(tv.getVocabulary());
        assertThat(tv.getConfig()).containsEntry("vocabulary", tv.getVocabulary().subList(2, tv.getVocabulary().size()))
                .containsEntry("max_tokens", 12).containsEntry("output_sequence_length", 5)
                .containsEntry("output_mode", "int");
        assertThat(back.call(texts).toLongArray()).containsExactly(tv.call(texts).toLongArray());
        assertThat(bits(loaded.predict(texts))).containsExactly(bits(m.predict(texts)));
        assertThat(tv.computeOutputShape(new int[] {-1})).containsExactly(-1, 5);
        assertThat(tv.computeOutputShape(new int[] {2, 1})).containsExactly(tv.call(texts.reshape(2, 1)).shape());
    }

    @Test
    void configsUseKerasNames() {
        assertThat(new LSTM(4, true).getConfig()).containsEntry("units", 4).containsEntry("return_sequences", true);
        assertThat(new GRU(3).getConfig()).containsEntry("units", 3).containsEntry("return_sequences", false)
                .containsEntry("reset_after", true);
        assertThat(new SimpleRNN(2).getConfig()).containsEntry("units", 2).containsEntry("return_sequences", false);
        assertThat(new Embedding(7, 2, true).getConfig()).containsEntry("input_dim", 7).containsEntry("output_dim", 2)
                .containsEntry("mask_zero", true);
        assertThat(new MultiHeadAttention(4, 8).getConfig()).containsEntry("num_heads", 4).containsEntry("key_dim", 8);
        assertThat(new TextVectorization(5, 3).getConfig()).containsEntry("vocabulary", List.of());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationRoundTripsByItsLowercaseName(Activation a, @TempDir Path dir) throws IOException {
        assertThat(a.kerasName()).isEqualTo(a.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(LayerRegistry.activationOf(Map.of("activation", a.kerasName()), "activation")).isEqualTo(a);
        Sequential m = new Sequential(new Dense(3, a, 4));
        scramble(m);
        Path file = dir.resolve("a.keras");
        m.save(file);
        Model loaded = Model.load(file);
        assertThat(loaded.layers().get(0).getConfig()).containsEntry("activation", a.kerasName());
        NDArray x = input(new int[] {4});
        assertThat(bits(loaded.predict(x))).containsExactly(bits(m.predict(x)));
    }
}
