package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    /** Three well-separated blobs in 2-D, labels 0..2. */
    private static NDArray[] blobs(int perClass) {
        Rng rng = Rng.seeded(3);
        float[] x = new float[3 * perClass * 2];
        int[] y = new int[3 * perClass];
        float[][] centres = {{0, 2}, {2, -1}, {-2, -1}};
        for (int i = 0; i < 3 * perClass; i++) {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = centres[c][0] + (float) (0.4 * rng.nextGaussian());
            x[2 * i + 1] = centres[c][1] + (float) (0.4 * rng.nextGaussian());
        }
        return new NDArray[] {NDArray.of(x, 3 * perClass, 2), NDArray.of(y)};
    }

    private static Sequential classifier() {
        return new Sequential(new Dense(8, Activation.RELU, 2), new Dense(3));
    }

    private static Sequential builtClassifier() {
        Sequential model = classifier();
        model.call(NDArray.zeros(DType.FLOAT32, 1, 2));
        return model;
    }

    @Test
    void fitReallyReducesTheLossAndLearnsTheBlobs() {
        NDArray[] data = blobs(30);
        Sequential model = classifier();
        model.setVerbose(0);
        model.compile(new Adam(0.05), new SparseCategoricalCrossentropy(true), new SparseCategoricalAccuracy());
        double before = model.evaluate(data[0], data[1]).get("loss");
        History h = model.fit(data[0], data[1], 20, 16);
        assertThat(h.epochs()).isEqualTo(20);
        assertThat(h.history().keySet()).containsExactly("loss", "sparse_categorical_accuracy");
        List<Double> loss = h.get("loss");
        assertThat(loss.get(19)).isLessThan(loss.get(0) / 4);
        Map<String, Double> after = model.evaluate(data[0], data[1]);
        assertThat(after.get("loss")).isLessThan(before / 4);
        assertThat(after.get("sparse_categorical_accuracy")).isGreaterThan(0.95);
        assertThat(model.optimizer().iterations()).isEqualTo(20 * 6); // 90 samples in batches of 16
    }

    @Test
    void fitIsReproducible() {
        NDArray[] data = blobs(10);
        double[] finals = new double[2];
        for (int run = 0; run < 2; run++) {
            Layer.resetNames();
            Sequential model = classifier();
            model.setVerbose(0);
            model.compile(new SGD(0.1), new SparseCategoricalCrossentropy(true));
            finals[run] = model.fit(data[0], data[1], 3, 8).get("loss").get(2);
        }
        assertThat(finals[1]).isEqualTo(finals[0]);
    }

    @Test
    void fitOnADatasetWithValidationLogsValPrefixedValues() {
        NDArray[] data = blobs(10);
        Sequential model = classifier();
        model.setVerbose(0);
        model.compile(new SGD(0.1), new SparseCategoricalCrossentropy(true), new SparseCategoricalAccuracy());
        Dataset train = Dataset.of(data[0], data[1]).shuffle(1).batch(8);
        History h = model.fit(train, 2, Dataset.of(data[0], data[1]).batch(32));
        assertThat(h.history().keySet())
                .containsExactly("loss", "sparse_categorical_accuracy", "val_loss", "val_sparse_categorical_accuracy");
        assertThatThrownBy(() -> model.fit(Dataset.of(data[0], data[1]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not batched");
    }

    @Test
    void fitBeforeCompileFailsClearly() {
        Sequential model = classifier();
        assertThatThrownBy(() -> model.fit(NDArray.zeros(DType.FLOAT32, 4, 2), NDArray.zeros(DType.INT32, 4), 1, 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("compile");
    }

    @Test
    void aRegressionWithMeanSquaredErrorConverges() {
        // y = 3x + 2, the seed's regression
        NDArray x = NDArray.arange(DType.FLOAT32, -1, 1, 0.1).reshape(-1, 1);
        NDArray y = x.mul(3.0).add(2.0);
        Sequential model = new Sequential(new Dense(1, Activation.LINEAR, 1));
        model.setVerbose(0);
        model.compile(new SGD(0.1), new MeanSquaredError());
        model.fit(x, y.reshape(-1), 100, 20);
        Dense d = (Dense) model.layers().get(0);
        assertThat(d.kernel().getFloat(0, 0)).isCloseTo(3f, within(1e-2f));
        assertThat(d.bias().getFloat(0)).isCloseTo(2f, within(1e-2f));
        assertThat(model.predict(NDArray.of(new float[][] {{0.5f}})).getFloat(0, 0)).isCloseTo(3.5f, within(2e-2f));
    }

    @Test
    void sparseCrossentropyGradientIsSoftmaxMinusOneHotOverBatch() {
        NDArray logits = NDArray.of(new double[][] {{1, 2, 3}, {0.5, -1, 2}});
        NDArray labels = NDArray.of(new int[] {0, 2});
        GradientTape tape = new GradientTape();
        NDArray loss;
        try (tape) {
            tape.watch(logits);
            loss = new SparseCategoricalCrossentropy(true).call(labels, logits);
        }
        NDArray grad = tape.gradient(loss, logits);
        NDArray expected = logits.softmax(-1).sub(NDArray.of(new double[][] {{1, 0, 0}, {0, 0, 1}})).div(2.0);
        assertThat(grad.allClose(expected, 1e-12, 1e-12)).as(grad + " vs " + expected).isTrue();
    }

    @Test
    void lossGradientsStayFiniteAtExtremeLogits() {
        NDArray logits = NDArray.of(new float[][] {{1e4f, -1e4f, 0}, {-1e4f, 1e4f, 1e4f}});
        for (var loss : List.of(new SparseCategoricalCrossentropy(true),
                new dev.vectorgrad.nn.losses.CategoricalCrossentropy(true))) {
            NDArray labels = loss instanceof SparseCategoricalCrossentropy ? NDArray.of(new int[] {1, 0})
                    : NDArray.of(new float[][] {{0, 1, 0}, {1, 0, 0}});
            GradientTape tape = new GradientTape();
            NDArray value;
            try (tape) {
                tape.watch(logits);
                value = loss.call(labels, logits);
            }
            assertThat(Double.isFinite(value.item())).isTrue();
            for (float g : tape.gradient(value, logits).toFloatArray()) {
                assertThat(Float.isFinite(g)).isTrue();
            }
        }
        NDArray binLogits = NDArray.of(new float[] {1e4f, -1e4f, 0f, 0f});
        NDArray binLabels = NDArray.of(new float[] {0, 1, 1, 0});
        GradientTape tape = new GradientTape();
        NDArray value;
        try (tape) {
            tape.watch(binLogits);
            value = new dev.vectorgrad.nn.losses.BinaryCrossentropy(true).call(binLabels, binLogits);
        }
        // d/dx = (sigmoid(x) - z) / 4, including at x = 0
        assertThat(tape.gradient(value, binLogits).toFloatArray()).containsExactly(0.25f, -0.25f, -0.125f, 0.125f);
    }

    @Test
    void aSequentialWhoseFirstLayerHasAnInputSizeBuildsEveryLayerAtOnce() {
        // issue 14: Keras builds all four variables from the first layer's input shape
        Sequential model = new Sequential(new Dense(8, Activation.RELU, 4), new Dense(2));
        assertThat(model.variables()).extracting(Variable::name)
                .containsExactly("dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0");
        assertThat(model.variables().get(2).shape()).containsExactly(8, 2);
        model.add(new Dense(5));
        assertThat(model.variables()).hasSize(6);
        assertThat(model.variables().get(4).shape()).containsExactly(2, 5);
        assertThat(model.predict(NDArray.zeros(DType.FLOAT32, 3, 4)).shape()).containsExactly(3, 5);
        // without an input size nothing is built until the first call, as in Keras
        assertThat(new Sequential(new Dense(8), new Dense(2)).variables()).isEmpty();
    }

    @Test
    void weightsAreMatchedByStructureSoARebuiltModelLoadsInTheSameJvm(@TempDir Path dir) throws IOException {
        // issue 14: the save/restore tutorial's create_model(); load_weights() in one process
        Sequential model = new Sequential(new Dense(8, Activation.RELU, 4), new Dense(2));
        Path file = dir.resolve("weights.npz");
        model.saveWeights(file);
        assertThat(Npz.read(file).keySet()).containsExactly(
                "layers/dense/vars/0", "layers/dense/vars/1", "layers/dense_1/vars/0", "layers/dense_1/vars/1");

        Sequential rebuilt = new Sequential(new Dense(8, Activation.RELU, 4), new Dense(2)); // dense_2, dense_3
        assertThat(rebuilt.variables().get(0).name()).isEqualTo("dense_2/kernel:0");
        NDArray x = Rng.seeded(1).normal(DType.FLOAT32, 0, 1, 5, 4);
        assertThat(rebuilt.predict(x)).isNotEqualTo(model.predict(x));
        rebuilt.loadWeights(file);
        assertThat(rebuilt.predict(x)).isEqualTo(model.predict(x));

        Sequential other = new Sequential(new Dense(8, Activation.RELU, 4), new Dense(2), new Dense(1));
        assertThatThrownBy(() -> other.loadWeights(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers/dense_2/vars/0");
    }

    @Test
    void weightFilesKeyedByVariableNameStillLoad(@TempDir Path dir) throws IOException {
        Sequential model = builtClassifier();
        Path file = dir.resolve("old.npz");
        Map<String, NDArray> byName = new java.util.LinkedHashMap<>();
        for (Variable v : model.variables()) {
            byName.put(v.name(), v.readValue());
        }
        Npz.write(file, byName);
        Layer.resetNames();
        Sequential same = builtClassifier();
        same.variables().get(0).assign(NDArray.zeros(DType.FLOAT32, 2, 8));
        same.loadWeights(file);
        assertThat(same.variables().get(0).toFloatArray()).isEqualTo(model.variables().get(0).toFloatArray());
    }

    @Test
    void loadingAFileOfAnotherShapeNamesTheVariableAndBothShapes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wide.npz");
        new Sequential(new Dense(9, Activation.RELU, 2), new Dense(3)).call(NDArray.zeros(DType.FLOAT32, 1, 2));
        Layer.resetNames();
        Sequential wide = new Sequential(new Dense(9, Activation.RELU, 2), new Dense(3));
        wide.call(NDArray.zeros(DType.FLOAT32, 1, 2));
        wide.saveWeights(file);
        Layer.resetNames();
        Sequential narrow = classifier();
        narrow.call(NDArray.zeros(DType.FLOAT32, 1, 2));
        assertThatThrownBy(() -> narrow.loadWeights(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layers/dense/vars/0").hasMessageContaining("(2, 8)").hasMessageContaining("(2, 9)");
        Files.writeString(dir.resolve("junk.npz"), "not a zip");
        assertThatThrownBy(() -> narrow.loadWeights(dir.resolve("junk.npz"))).isInstanceOf(IOException.class);
    }

    @Test
    void historyPlotsAnSvgChart(@TempDir Path dir) throws IOException {
        History h = new History();
        h.append(Map.of("loss", 1.0));
        h.append(Map.of("loss", 0.5));
        Path svg = dir.resolve("h.svg");
        h.plot(svg);
        String text = Files.readString(svg);
        assertThat(text).startsWith("<svg").contains("<polyline").contains("loss").endsWith("</svg>\n");
    }

    @Test
    void customModelsTrainTheirOwnVariables() {
        class Linear extends Model {
            final Variable w = new Variable(NDArray.of(new float[] {5f}), "w:0", true);
            final Variable b = new Variable(NDArray.of(new float[] {0f}), "b:0", true);

            @Override
            public NDArray call(NDArray x, boolean training) {
                return x.mul(w).add(b);
            }
        }
        Linear m = new Linear();
        m.setVerbose(0);
        m.compile(new SGD(0.1), new MeanSquaredError());
        NDArray x = NDArray.arange(DType.FLOAT32, 0, 1, 0.1);
        double first = m.trainOnBatch(x, x.mul(3.0).add(2.0));
        double later = first;
        for (int i = 0; i < 50; i++) later = m.trainOnBatch(x, x.mul(3.0).add(2.0));
        assertThat(later).isLessThan(first / 10);
        assertThat(m.name()).isEqualTo("linear");
    }
}
