package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.losses.CategoricalCrossentropy;
import dev.vectorgrad.nn.losses.Huber;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.MeanAbsoluteError;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The output's mask in training (Keras 3): it weights the loss and the metrics, passes out of nested models, and
 * restricts BatchNormalization's batch moments. The oracles are independent of the code under test: Keras's
 * documented sample-weight values, hand-computed numbers, the plain loss over only the unmasked entries (picked with
 * booleanMask), and a double-precision loop for the masked moments.
 */
class MaskedTrainingTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    // ---- losses with sample weights and masks ----

    @Test
    void weightedLossesGiveKerasDocumentedValues() {
        // the values in Keras's docstrings for loss(y_true, y_pred, sample_weight=...)
        NDArray t = NDArray.of(new float[] {0, 1, 0, 0}, 2, 2);
        NDArray p = NDArray.of(new float[] {1, 1, 1, 0}, 2, 2);
        NDArray w73 = NDArray.of(new float[] {0.7f, 0.3f}, 2);
        assertEquals(0.25, new MeanSquaredError().call(t, p, w73).item(), 1e-6);
        assertEquals(0.25, new MeanAbsoluteError().call(t, p, w73).item(), 1e-6);
        NDArray q = NDArray.of(new float[] {0.6f, 0.4f, 0.4f, 0.6f}, 2, 2);
        NDArray w10 = NDArray.of(new float[] {1, 0}, 2);
        assertEquals(0.458, new BinaryCrossentropy().call(t, q, w10).item(), 1e-3);
        assertEquals(0.09, new Huber().call(t, q, w10).item(), 1e-6);
        NDArray probs = NDArray.of(new float[] {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, 2, 3);
        NDArray w37 = NDArray.of(new float[] {0.3f, 0.7f}, 2);
        assertEquals(0.814, new CategoricalCrossentropy().call(NDArray.of(new float[] {0, 1, 0, 0, 0, 1}, 2, 3), probs, w37)
                .item(), 1e-3);
        assertEquals(0.814, new SparseCategoricalCrossentropy().call(NDArray.of(new int[] {1, 2}, 2), probs, w37).item(), 1e-3);
        // no weights: the plain loss
        assertEquals(new MeanSquaredError().call(t, p).item(), new MeanSquaredError().call(t, p, null).item());
    }

    @Test
    void maskedLossIsTheMeanOverTheUnmaskedEntries() {
        // [batch 2, time 3, 1]: squared errors 1, 4, 9 / 16, 25, 36; unmasked 1, 4 and 16
        NDArray p = NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, 1);
        NDArray t = NDArray.zeros(DType.FLOAT32, 2, 3, 1);
        NDArray mask = NDArray.of(new boolean[] {true, true, false, true, false, false}, 2, 3);
        assertEquals(7.0, new MeanSquaredError().call(t, p, Masks.lossWeights(mask, DType.FLOAT32)).item(), 1e-6);
        // per time step class scores: -log p[label] at the unmasked steps 0 and 2
        NDArray probs = NDArray.of(new float[] {0.5f, 0.5f, 0.25f, 0.75f, 0.9f, 0.1f}, 1, 3, 2);
        NDArray labels = NDArray.of(new int[] {0, 1, 0}, 1, 3);
        NDArray m = NDArray.of(new boolean[] {true, false, true}, 1, 3);
        assertEquals(-(Math.log(0.5) + Math.log(0.9)) / 2,
                new SparseCategoricalCrossentropy().call(labels, probs, Masks.lossWeights(m, DType.FLOAT32)).item(), 1e-6);
    }

    @Test
    void aFullyMaskedBatchHasLossAndGradientZero() {
        Variable p = new Variable(NDArray.of(new float[] {1, 2, 3}, 1, 3, 1));
        NDArray none = NDArray.of(new boolean[] {false, false, false}, 1, 3);
        NDArray loss;
        NDArray grad;
        try (GradientTape tape = new GradientTape()) {
            loss = new MeanSquaredError().call(NDArray.zeros(DType.FLOAT32, 1, 3, 1), p, Masks.lossWeights(none, DType.FLOAT32));
            grad = tape.gradient(loss, p);
        }
        assertEquals(0.0, loss.item());
        assertArrayEquals(new float[] {0, 0, 0}, grad.toFloatArray());
    }

    @Test
    void weightsThatDoNotFitAndLossesWithoutPerSampleValuesAreNamed() {
        NDArray t = NDArray.zeros(DType.FLOAT32, 2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().call(t, t, NDArray.ones(DType.FLOAT32, 3)));
        assertThat(e).hasMessageContaining("mean_squared_error").hasMessageContaining("(3,)").hasMessageContaining("(2,)");
        Loss meanOnly = new Loss() {
            @Override
            public NDArray call(NDArray yTrue, NDArray yPred) {
                return yPred.sub(yTrue).square().mean();
            }

            @Override
            public String name() {
                return "my_loss";
            }
        };
        assertEquals(0.0, meanOnly.call(t, t, null).item());
        assertThat(assertThrows(UnsupportedOperationException.class, () -> meanOnly.call(t, t, NDArray.ones(DType.FLOAT32, 2))))
                .hasMessageContaining("my_loss").hasMessageContaining("perSample");
    }

    // ---- metrics with the mask as weights ----

    @Test
    void metricsSkipMaskedStepsAndCustomMetricsRefuseWeights() {
        // labels vs argmax at 4 steps: right, wrong (masked), wrong, right -> 2 of the 3 unmasked steps
        NDArray probs = NDArray.of(new float[] {0.9f, 0.1f, 0.9f, 0.1f, 0.2f, 0.8f, 0.3f, 0.7f}, 1, 4, 2);
        NDArray labels = NDArray.of(new int[] {0, 1, 0, 1}, 1, 4);
        NDArray mask = NDArray.of(new boolean[] {true, false, true, true}, 1, 4);
        SparseCategoricalAccuracy acc = new SparseCategoricalAccuracy();
        acc.updateState(labels, probs, mask);
        assertEquals(2.0 / 3, acc.result(), 1e-12);
        Metric resolved = KerasNames.metric("accuracy", null);
        resolved.updateState(labels, probs, mask);
        assertEquals(2.0 / 3, resolved.result(), 1e-12);
        Metric custom = new Metric("mine") {
            @Override
            public void updateState(NDArray yTrue, NDArray yPred) {}
        };
        custom.updateState(labels, probs, null);
        assertThat(assertThrows(IllegalArgumentException.class, () -> custom.updateState(labels, probs, mask)))
                .hasMessageContaining("mine");
    }

    // ---- fit and evaluate on a masked model ----

    private static final int[] IDS = {3, 5, 7, 0, 0, /* */ 2, 9, 4, 8, 0, /* */ 6, 0, 0, 0, 0, /* */ 1, 1, 2, 3, 4};
    private static final int[] LABELS = {0, 1, 1, 0, 1, /* */ 1, 0, 0, 1, 0, /* */ 1, 1, 0, 1, 0, /* */ 0, 1, 0, 1, 1};

    private static Sequential tagger() {
        Layer.setSeed(11);
        return new Sequential(new Embedding(10, 4, true), new LSTM(3, true), new Dense(2, Activation.SOFTMAX));
    }

    @Test
    void evaluateAveragesLossAndAccuracyOverTheRealTokensOnly() {
        Sequential model = tagger();
        model.setVerbose(0);
        model.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
        NDArray x = NDArray.of(IDS, 4, 5);
        NDArray y = NDArray.of(LABELS, 4, 5);
        NDArray keep = x.ne(0.0);
        NDArray kept = model.predict(x).booleanMask(keep);            // [real tokens, 2]
        NDArray keptLabels = y.booleanMask(keep);
        double wantLoss = new SparseCategoricalCrossentropy().call(keptLabels, kept).item();
        SparseCategoricalAccuracy wantAcc = new SparseCategoricalAccuracy();
        wantAcc.updateState(keptLabels, kept);
        Map<String, Double> got = model.evaluate(x, y);
        assertEquals(wantLoss, got.get("loss"), 1e-6);
        assertEquals(wantAcc.result(), got.get("accuracy"), 1e-12);
        // the padding's predictions would change both if they counted
        assertNotEquals(new SparseCategoricalCrossentropy().call(y, model.predict(x)).item(), got.get("loss"), 1e-4);
    }

    @Test
    void aTrainingStepFollowsTheGradientOfTheRealTokensLoss() {
        NDArray x = NDArray.of(IDS, 4, 5);
        NDArray y = NDArray.of(LABELS, 4, 5);
        NDArray keep = x.ne(0.0);
        Sequential fitted = tagger();
        fitted.compile(new SGD(0.5), new SparseCategoricalCrossentropy());
        Sequential byHand = tagger();
        byHand.call(x);
        fitted.call(x);
        byHand.setWeights(fitted.getWeights());
        double stepLoss = fitted.trainOnBatch(x, y);

        SGD sgd = new SGD(0.5);
        List<Variable> vars = byHand.trainableVariables();
        NDArray loss;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            loss = new SparseCategoricalCrossentropy().call(y.booleanMask(keep), byHand.apply(x, true).booleanMask(keep));
            grads = tape.gradient(loss, vars);
        }
        sgd.applyGradients(grads, vars);
        assertEquals(loss.item(), stepLoss, 1e-6);
        List<NDArray> want = byHand.getWeights();
        List<NDArray> got = fitted.getWeights();
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).toFloatArray(), got.get(i).toFloatArray(), 1e-6f, "weight " + i);
        }
    }

    // ---- masks through nested models ----

    @Test
    void aNestedSequentialPassesItsLastLayersMaskOn() {
        Embedding embedding = new Embedding(10, 4, true);
        LSTM lstm = new LSTM(3, true);
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        NDArray x = NDArray.of(IDS, 4, 5);
        NDArray flat = new Sequential(embedding, lstm, pool).call(x);
        // the mask made inside a nested model comes out of it, and one given to it goes through it
        assertArrayEquals(flat.toFloatArray(), new Sequential(new Sequential(embedding), lstm, pool).call(x).toFloatArray());
        Sequential inner = new Sequential(lstm);
        assertArrayEquals(flat.toFloatArray(), new Sequential(embedding, inner, pool).call(x).toFloatArray());
        // and into a functional model
        KerasTensor in = Input.of(5);
        Model functional = Model.of(in, pool.apply(inner.apply(embedding.apply(in))));
        assertArrayEquals(flat.toFloatArray(), functional.call(x).toFloatArray());
        // a functional model nested in a Sequential takes the mask on its input
        KerasTensor seq = Input.of(5, 4);
        Model lstmOnly = Model.of(seq, lstm.apply(seq));
        assertArrayEquals(flat.toFloatArray(), new Sequential(embedding, lstmOnly, pool).call(x).toFloatArray());
        // unmasked, the padded steps would count in the average
        Embedding plain = new Embedding(10, 4);
        plain.call(x);
        plain.embeddings().assign(embedding.embeddings());
        assertThat(new Sequential(plain, lstm, pool).call(x).toFloatArray()).isNotEqualTo(flat.toFloatArray());

        NDArray mask = x.ne(0.0);
        NDArray embedded = embedding.call(x);
        assertArrayEquals(mask.toBooleanArray(), inner.computeMask(embedded, mask).toBooleanArray());
        assertArrayEquals(mask.toBooleanArray(), new Sequential(embedding).computeMask(x, null).toBooleanArray());
        assertArrayEquals(mask.toBooleanArray(), lstmOnly.computeMask(embedded, mask).toBooleanArray());
        assertNull(new Sequential(new LSTM(3)).computeMask(embedded, mask));
    }

    // ---- BatchNormalization with a mask ----

    @Test
    void batchNormalizationTakesTrainingMomentsOverUnmaskedPositionsOnly() {
        int b = 2, t = 3, c = 2;
        NDArray x = Rng.seeded(5).normal(DType.FLOAT32, 1, 2, b, t, c);
        boolean[] m = {true, true, false, true, false, false};
        NDArray mask = NDArray.of(m, b, t);
        BatchNormalization bn = new BatchNormalization();
        float[] y = bn.apply(x, true, mask).toFloatArray();
        // Keras's _moments with a mask, in double: Σ m·x / (Σ m + 1e-7), Σ m·(m·x − mean)² / (Σ m + 1e-7)
        float[] xs = x.toFloatArray();
        double count = 3 + 1e-7;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int i = 0; i < b * t; i++) sum += m[i] ? xs[i * c + ch] : 0;
            double mean = sum / count;
            double sq = 0;
            for (int i = 0; i < b * t; i++) sq += m[i] ? (xs[i * c + ch] - mean) * (xs[i * c + ch] - mean) : 0;
            double var = sq / count;
            for (int i = 0; i < b * t; i++) {
                // every position is normalised, masked ones too, with the unmasked positions' moments
                assertEquals((xs[i * c + ch] - mean) / Math.sqrt(var + 1e-3), y[i * c + ch], 2e-5, "channel " + ch + " pos " + i);
            }
            assertEquals(0.01 * mean, bn.movingMean().toFloatArray()[ch], 1e-6);
            assertEquals(0.99 + 0.01 * var, bn.movingVariance().toFloatArray()[ch], 1e-6);
        }
        // outside training the mask changes nothing; the mask goes on to the next layer
        assertArrayEquals(bn.apply(x, false).toFloatArray(), bn.apply(x, false, mask).toFloatArray());
        assertArrayEquals(m, bn.computeMask(x, mask).toBooleanArray());
        var e = assertThrows(IllegalArgumentException.class, () -> bn.apply(x, true, NDArray.of(new boolean[b * t * c], b, t, c)));
        assertThat(e).hasMessageContaining("(2, 3, 2)");
    }
}
