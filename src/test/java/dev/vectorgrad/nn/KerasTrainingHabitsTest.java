package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.nn.callbacks.CSVLogger;
import dev.vectorgrad.nn.callbacks.Callback;
import dev.vectorgrad.nn.callbacks.EarlyStopping;
import dev.vectorgrad.nn.callbacks.LearningRateScheduler;
import dev.vectorgrad.nn.callbacks.ModelCheckpoint;
import dev.vectorgrad.nn.callbacks.ReduceLROnPlateau;
import dev.vectorgrad.nn.callbacks.TerminateOnNaN;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.metrics.BinaryAccuracy;
import dev.vectorgrad.nn.metrics.CategoricalAccuracy;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.Nadam;
import dev.vectorgrad.nn.optimizers.SGD;
import dev.vectorgrad.nn.optimizers.schedules.ExponentialDecay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile by name, validationSplit, callbacks, and whole-model save/load (issue 14). */
class KerasTrainingHabitsTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    /** Three blobs in 2-D, labels 0..2 (int32). */
    private static NDArray[] blobs(int perClass) {
        Rng rng = Rng.seeded(3);
        float[] x = new float[3 * perClass * 2];
        int[] y = new int[3 * perClass];
        float[][] centres = {{0, 2}, {2, -1}, {-2, -1}};
        for (int i = 0; i < 3 * perClass; i++) {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = centres[c][0] + (float) (0.5 * rng.nextGaussian());
            x[2 * i + 1] = centres[c][1] + (float) (0.5 * rng.nextGaussian());
        }
        return new NDArray[] {NDArray.of(x, 3 * perClass, 2), NDArray.of(y)};
    }

    private static Sequential classifier() {
        Sequential m = new Sequential(new Dense(8, Activation.RELU, 2), new Dense(3, Activation.SOFTMAX));
        m.setVerbose(0);
        return m;
    }

    @Test
    void compileByKerasNamesResolvesAccuracyFromTheLoss() {
        Sequential m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        assertThat(m.optimizer()).isInstanceOf(Adam.class);
        assertThat(m.metrics().get(0)).isInstanceOf(SparseCategoricalAccuracy.class);
        assertThat(m.metrics().get(0).name()).isEqualTo("accuracy");
        m.compile("sgd", "binary_crossentropy", "acc", "auc", "precision");
        assertThat(m.metrics().get(0)).isInstanceOf(BinaryAccuracy.class);
        assertThat(m.metrics().get(0).name()).isEqualTo("acc");
        m.compile("nadam", "categorical_crossentropy", "accuracy");
        assertThat(m.optimizer()).isInstanceOf(Nadam.class);
        assertThat(m.metrics().get(0)).isInstanceOf(CategoricalAccuracy.class);
        assertThatThrownBy(() -> m.compile("adamm", "mse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'adamm'").hasMessageContaining("adam, sgd, rmsprop, adagrad, adamw, nadam");
        assertThatThrownBy(() -> m.compile("adam", "msee")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sparse_categorical_crossentropy").hasMessageContaining("huber");
        assertThatThrownBy(() -> m.compile("adam", "mse", "accuracyy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("precision, recall, auc");
    }

    @Test
    void accuracyWithALossThatDoesNotSayIsResolvedFromTheShapesAsKeras3Does() {
        // the report: sigmoid outputs with "accuracy" must give binary accuracy, not exact equality
        Sequential m = new Sequential(new Dense(1, Activation.SIGMOID, 2));
        m.setVerbose(0);
        m.compile("adam", "mse", "accuracy");
        NDArray x = NDArray.of(new float[][] {{3, 0}, {-3, 0}, {2, 1}, {-2, 1}});
        NDArray y = NDArray.of(new float[][] {{1}, {0}, {1}, {0}});
        m.variables().get(0).assign(NDArray.of(new float[][] {{5}, {0}}));
        Map<String, Double> r = m.evaluate(x, y);
        assertThat(r.get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void validationSplitHoldsOutTheLastSamplesAndLogsValEntries() {
        NDArray[] d = blobs(20);
        Sequential m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = m.fit(d[0], d[1], 3, 10, 0.25);
        assertThat(h.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
        // History's SVG draws the training and the validation curve in one panel per quantity
        String svg = h.toSvg();
        assertThat(svg).contains(">val_loss</text>").contains(">loss</text>").contains(">val_accuracy</text>");
        assertThat(svg.split("<polyline", -1)).hasSize(5);
        assertThat(m.optimizer().iterations()).isEqualTo(3 * 5); // 45 training samples in batches of 10
        Map<String, Double> heldOut = m.evaluate(d[0].slice(0, 45, 60, 1), d[1].slice(0, 45, 60, 1));
        assertThat(h.get("val_loss").get(2)).isCloseTo(heldOut.get("loss"), org.assertj.core.api.Assertions.within(1e-6));
        assertThatThrownBy(() -> m.fit(d[0], d[1], 1, 10, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
    }

    @Test
    void callbacksAreCalledInKerasOrderWithZeroBasedEpochs() {
        NDArray[] d = blobs(8);
        Sequential m = classifier();
        m.compile("sgd", "sparse_categorical_crossentropy");
        List<String> calls = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override public void onTrainBegin(Map<String, Double> logs) { calls.add("trainBegin"); }
            @Override public void onEpochBegin(int epoch, Map<String, Double> logs) { calls.add("epochBegin" + epoch); }
            @Override public void onTrainBatchEnd(int batch, Map<String, Double> logs) { calls.add("batch" + batch); }
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                calls.add("epochEnd" + epoch + logs.keySet());
            }
            @Override public void onTrainEnd(Map<String, Double> logs) { calls.add("trainEnd"); }
        };
        m.fit(d[0], d[1], 2, 12, 0.0, recorder);
        assertThat(calls).containsExactly("trainBegin", "epochBegin0", "batch0", "batch1", "epochEnd0[loss]",
                "epochBegin1", "batch0", "batch1", "epochEnd1[loss]", "trainEnd");
        assertThat(recorder.model()).isSameAs(m);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        NDArray[] d = blobs(10);
        Sequential m = classifier();
        m.compile(new SGD(0.05), new dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy());
        // a monitored value that improves for 3 epochs and then gets worse
        double[] fake = {5, 4, 3, 3.5, 3.6, 3.7, 3.8, 3.9};
        List<List<NDArray>> weightsAtEpochEnd = new ArrayList<>();
        Callback feed = new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("fake", fake[epoch]);
                weightsAtEpochEnd.add(model().getWeights());
            }
        };
        EarlyStopping stop = new EarlyStopping("fake", 2, true);
        History h = m.fit(d[0], d[1], 8, 10, 0.0, feed, stop);
        assertThat(h.epochs()).isEqualTo(5); // best at epoch 2 (0-based), two epochs without improvement
        assertThat(stop.stoppedEpoch()).isEqualTo(4);
        assertThat(stop.bestEpoch()).isEqualTo(2);
        assertThat(h.stopReason()).contains("Epoch 5: early stopping");
        assertThat(m.getWeights()).isEqualTo(weightsAtEpochEnd.get(2));
    }

    @Test
    void learningRateSchedulerAndReduceOnPlateauChangeTheRateAndLogIt() {
        NDArray[] d = blobs(8);
        Sequential m = classifier();
        m.compile(new SGD(0.1), new dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy());
        History h = m.fit(d[0], d[1], 3, 12, 0.0, new LearningRateScheduler((epoch, lr) -> epoch == 0 ? lr : lr / 2));
        assertThat(h.get("learning_rate")).containsExactly(0.1, 0.05, 0.025);

        Layer.resetNames();
        Sequential p = classifier();
        p.compile(new SGD(0.1), new dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy());
        double[] flat = {1, 1, 1, 1, 1, 1};
        Callback feed = new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { logs.put("plateau", flat[epoch]); }
        };
        History hp = p.fit(d[0], d[1], 6, 12, 0.0, feed, new ReduceLROnPlateau("plateau", 0.5, 2));
        // Keras logs the rate used in the epoch: reductions after epochs 2 and 4 (1-based)
        assertThat(hp.get("learning_rate")).containsExactly(0.1, 0.1, 0.1, 0.05, 0.05, 0.025);
        assertThat(p.optimizer().learningRate()).isEqualTo(0.025);
        assertThatThrownBy(() -> new ReduceLROnPlateau("val_loss", 1.5, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor >= 1.0");
    }

    @Test
    void csvLoggerWritesOneRowPerEpochAndTerminateOnNanStops(@TempDir Path dir) throws IOException {
        NDArray[] d = blobs(8);
        Sequential m = classifier();
        m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        Path csv = dir.resolve("log.csv");
        m.fit(d[0], d[1], 2, 12, 0.25, new CSVLogger(csv));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,accuracy,loss,val_accuracy,val_loss");
        assertThat(lines.get(1)).startsWith("0,");
        assertThat(lines.get(2).split(",")).hasSize(5);

        m.compile(new SGD(1e30), new dev.vectorgrad.nn.losses.MeanSquaredError());
        NDArray y = NDArray.full(DType.FLOAT32, 1e20, 24, 3);
        History h = m.fit(d[0], y, 5, 4, 0.0, new TerminateOnNaN());
        assertThat(h.epochs()).isEqualTo(1);
        assertThat(h.stopReason()).contains("Invalid loss, terminating training");
    }

    @Test
    void theEpochLineShowsValidationValuesAndCallbackEffects() {
        NDArray[] d = blobs(8);
        Sequential m = classifier();
        m.setVerbose(2);
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            m.fit(d[0], d[1], 4, 6, 0.25, new LearningRateScheduler((e, lr) -> lr * 0.5), new EarlyStopping("loss", 0, false) {
                @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
                    if (epoch == 1) model().stopTraining("Epoch 2: early stopping");
                }
            });
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("val_loss: ").contains("val_accuracy: ").contains("learning_rate: 0.0005")
                .contains("Epoch 2: early stopping");
        assertThat(out).doesNotContain("Epoch 3/4");
    }

    @Test
    void modelCheckpointSavesTheBestEpochs(@TempDir Path dir) throws IOException {
        NDArray[] d = blobs(8);
        Sequential m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy");
        double[] fake = {3, 2, 2.5, 1};
        Callback feed = new Callback() {
            @Override public void onEpochEnd(int epoch, Map<String, Double> logs) { logs.put("fake", fake[epoch]); }
        };
        m.fit(d[0], d[1], 4, 12, 0.0, feed, new ModelCheckpoint(dir.resolve("w-{epoch:02d}.npz"), "fake", true),
                new ModelCheckpoint(dir.resolve("last.keras")));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("last.keras", "w-01.npz", "w-02.npz", "w-04.npz");
        }
        Model last = Model.load(dir.resolve("last.keras"));
        assertThat(last.getWeights()).isEqualTo(m.getWeights());
    }

    // ---- whole-model save and load ----

    @Test
    void aLoadedModelPredictsIdenticallyAndResumesTrainingExactly(@TempDir Path dir) throws IOException {
        NDArray[] d = blobs(10);
        Sequential m = classifier();
        m.compile(new Nadam(new ExponentialDecay(0.05, 5, 0.9)).clipNorm(1.0), new BinaryCrossentropy(false, 0.1),
                new BinaryAccuracy(0.4));
        int[] labels = d[1].toIntArray();
        float[] hot = new float[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            hot[3 * i + labels[i]] = 1;
        }
        NDArray yOneHot = NDArray.of(hot, labels.length, 3);
        m.fit(d[0], yOneHot, 2, 8);
        Path file = dir.resolve("model.keras");
        m.save(file);

        Model loaded = Model.load(file);
        loaded.setVerbose(0);
        assertThat(loaded).isInstanceOf(Sequential.class);
        assertThat(loaded.predict(d[0])).isEqualTo(m.predict(d[0]));
        assertThat(loaded.optimizer().iterations()).isEqualTo(m.optimizer().iterations());
        assertThat(loaded.metrics().get(0)).isInstanceOf(BinaryAccuracy.class);

        History a = m.fit(d[0], yOneHot, 2, 8);
        History b = loaded.fit(d[0], yOneHot, 2, 8);
        assertThat(b.history()).isEqualTo(a.history());
        assertThat(loaded.getWeights()).isEqualTo(m.getWeights());
    }

    @Test
    void theSavedFileIsAZipWithConfigWeightsAndOptimizerState(@TempDir Path dir) throws IOException {
        Sequential m = classifier();
        m.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        Path file = dir.resolve("m.keras");
        m.save(file);
        List<String> names = new ArrayList<>();
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
            String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(config).contains("\"format_version\": 1").contains("\"class_name\": \"Dense\"")
                    .contains("\"activation\": \"softmax\"");
        }
        assertThat(names).containsExactly("config.json", "model.weights.npz", "optimizer.npz");
    }

    @Test
    void unknownVersionsAndUnregisteredLayersFailNamingWhich(@TempDir Path dir) throws IOException {
        Path future = dir.resolve("future.keras");
        writeZip(future, "{\"format\": \"vectorgrad.model\", \"format_version\": 7, \"model\": {}}");
        assertThatThrownBy(() -> Model.load(future)).isInstanceOf(IOException.class).hasMessageContaining("version 7")
                .hasMessageContaining("reads version 1");

        Path custom = dir.resolve("custom.keras");
        writeZip(custom, "{\"format\": \"vectorgrad.model\", \"format_version\": 1, \"model\": {\"class_name\": \"Sequential\","
                + " \"config\": {\"layers\": [{\"class_name\": \"java.lang.Runtime\", \"config\": {}}]}}}");
        assertThatThrownBy(() -> Model.load(custom)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown layer class 'java.lang.Runtime'").hasMessageContaining("Layer.register");

        Path junk = dir.resolve("junk.keras");
        Files.writeString(junk, "not a zip");
        assertThatThrownBy(() -> Model.load(junk)).isInstanceOf(IOException.class);
    }

    private static void writeZip(Path file, String config) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(config.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** A custom layer: y = x · scale, with one trainable scale per feature. */
    static final class Scale extends Layer {
        private final double init;
        private Variable scale;

        Scale(double init) {
            this.init = init;
        }

        @Override
        protected void build(int[] inputShape) {
            scale = addWeight("scale", NDArray.full(DType.FLOAT32, init, inputShape[inputShape.length - 1]), true);
        }

        @Override
        public NDArray call(NDArray x, boolean training) {
            return x.mul(scale);
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of("init", init);
        }
    }

    @Test
    void customLayersTakePartThroughGetConfigAndRegister(@TempDir Path dir) throws IOException {
        Sequential m = new Sequential(new Dense(4, Activation.TANH, 2), new Scale(2.0), new Dense(1));
        m.setVerbose(0);
        assertThat(m.variables()).hasSize(5);
        Path file = dir.resolve("custom.keras");
        m.save(file);
        Layer.register("Scale", c -> new Scale(((Number) c.get("init")).doubleValue()));
        Model loaded = Model.load(file);
        NDArray x = Rng.seeded(2).normal(DType.FLOAT32, 0, 1, 3, 2);
        assertThat(loaded.predict(x)).isEqualTo(m.predict(x));

        Sequential noConfig = new Sequential(new Dense(2, Activation.RELU, 2), new Layer() {
            @Override public NDArray call(NDArray x2, boolean training) { return x2; }
        });
        assertThatThrownBy(() -> noConfig.save(dir.resolve("x.keras"))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("getConfig");
    }

    @Test
    void summaryPrintsKerasTable() {
        Sequential m = new Sequential(new Dense(8, Activation.RELU, 4), new Dense(2));
        assertThat(m.summary()).isEqualTo("""
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ dense (Dense)                   │ (None, 8)              │            40 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 2)              │            18 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 58 (232.00 B)
                 Trainable params: 58 (232.00 B)
                 Non-trainable params: 0 (0.00 B)
                """);
        Sequential lazy = new Sequential(new Dense(3));
        assertThat(lazy.summary()).contains("? ").contains("0 (unbuilt)").contains("Total params: 0 (0.00 B)");
    }

    @Test
    void aLayerWhoseOutputShapeNeedsRealDataLeavesTheRestToBuildLazily() {
        Layer picky = new Layer() {
            @Override public NDArray call(NDArray x, boolean training) {
                if (x.getFloat(0, 0) == 0f) {
                    throw new IllegalArgumentException("picky: needs real data");
                }
                return x;
            }
        };
        Dense last = new Dense(1);
        Sequential m = new Sequential(new Dense(2, Activation.RELU, 3), picky, last);
        assertThat(m.variables()).hasSize(2);
        assertThat(last.built()).isFalse();
        m.variables().get(1).assign(NDArray.of(new float[] {1, 1}));
        assertThat(m.predict(NDArray.ones(DType.FLOAT32, 4, 3)).shape()).containsExactly(4, 1);
        assertThat(m.variables()).hasSize(4);
    }
}
