package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.losses.CategoricalCrossentropy;
import dev.vectorgrad.nn.losses.CosineSimilarity;
import dev.vectorgrad.nn.losses.Hinge;
import dev.vectorgrad.nn.losses.Huber;
import dev.vectorgrad.nn.losses.KLDivergence;
import dev.vectorgrad.nn.losses.LogCosh;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.Poisson;
import dev.vectorgrad.nn.metrics.AUC;
import dev.vectorgrad.nn.metrics.BinaryAccuracy;
import dev.vectorgrad.nn.metrics.MeanAbsoluteError;
import dev.vectorgrad.nn.metrics.MeanSquaredError;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.metrics.Precision;
import dev.vectorgrad.nn.metrics.Recall;
import dev.vectorgrad.nn.metrics.RootMeanSquaredError;
import dev.vectorgrad.nn.metrics.SparseTopKCategoricalAccuracy;
import dev.vectorgrad.nn.metrics.TopKCategoricalAccuracy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The new losses and metrics against src/test/resources/keras/make_loss_metric_fixtures.py, which transcribes Keras 3's
 * formulas in numpy float64 (inputs float64 here too, so agreement is to rounding).
 */
class KerasLossMetricFixturesTest {
    private static Map<String, NDArray> f;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        f = Npz.read(Path.of(KerasLossMetricFixturesTest.class.getResource("/keras/losses_metrics.npz").toURI()));
    }

    private static NDArray x(String name) {
        return f.get("x/" + name);
    }

    private static void assertLoss(String key, Loss loss, String yTrue, String yPred) {
        double want = f.get("loss/" + key).item();
        NDArray got = loss.call(x(yTrue), x(yPred));
        assertThat(got.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(got.item()).as(key).isCloseTo(want, within(1e-12 * Math.max(1, Math.abs(want))));
        // float32 inputs agree to float32 rounding
        NDArray got32 = loss.call(x(yTrue).cast(DType.FLOAT32), x(yPred).cast(DType.FLOAT32));
        assertThat(got32.item()).as(key + " float32").isCloseTo(want, within(2e-6 * Math.max(1, Math.abs(want))));
    }

    @Test
    void newLossesMatchKerasFormulas() {
        assertLoss("huber", new Huber(), "reg_t", "reg_p");
        assertLoss("huber_delta_0.5", new Huber(0.5), "reg_t", "reg_p");
        assertLoss("log_cosh", new LogCosh(), "reg_t", "reg_p");
        assertLoss("kl_divergence", new KLDivergence(), "prob_t", "prob_p");
        assertLoss("cosine_similarity", new CosineSimilarity(), "reg_t", "reg_p");
        assertLoss("cosine_similarity_axis0", new CosineSimilarity(0), "reg_t", "reg_p");
        assertLoss("hinge_binary", new Hinge(), "bin_t", "logits");
        assertLoss("poisson", new Poisson(), "counts", "rates");
        assertLoss("bce_smoothing", new BinaryCrossentropy(false, 0.2), "bin_t", "bin_p");
        assertLoss("bce_logits_smoothing", new BinaryCrossentropy(true, 0.1), "bin_t", "logits");
        assertLoss("cce_smoothing", new CategoricalCrossentropy(false, 0.1), "onehot", "prob_p");
        assertLoss("cce_logits_smoothing", new CategoricalCrossentropy(true, 0.3), "onehot", "reg_p");
    }

    @Test
    void hingeMapsZeroOneLabelsToPlusMinusOne() {
        NDArray signed = x("bin_t").mul(2.0).sub(1.0);
        assertThat(new Hinge().call(signed, x("logits")).item()).isCloseTo(f.get("loss/hinge_signed").item(), within(1e-12));
    }

    @Test
    void newLossesAreDifferentiable() {
        NDArray t = x("reg_t");
        var p = new dev.vectorgrad.autodiff.Variable(x("reg_p"), "p:0", true);
        for (Loss loss : new Loss[] {new Huber(), new LogCosh(), new CosineSimilarity()}) {
            var tape = new dev.vectorgrad.autodiff.GradientTape();
            NDArray value;
            try (tape) {
                value = loss.call(t, p);
            }
            NDArray g = tape.gradient(value, p);
            assertThat(g).as(loss.name()).isNotNull();
            assertThat(g.shape()).containsExactly(6, 5);
        }
    }

    private static void assertMetric(String key, Metric m, NDArray yTrue, NDArray yPred, double tol) {
        assertThat(m.result()).isEqualTo(0.0);
        m.updateState(yTrue, yPred);
        assertThat(m.result()).as(key).isCloseTo(f.get("metric/" + key).item(), within(tol));
        m.reset();
        assertThat(m.result()).isEqualTo(0.0);
    }

    @Test
    void newMetricsMatchKerasFormulas() {
        assertMetric("binary_accuracy", new BinaryAccuracy(), x("bin_t"), x("bin_p"), 1e-12);
        assertMetric("binary_accuracy_0.7", new BinaryAccuracy(0.7), x("bin_t"), x("bin_p"), 1e-12);
        assertMetric("top_k_1", new TopKCategoricalAccuracy(1), x("onehot"), x("scores"), 1e-12);
        assertMetric("top_k_2", new TopKCategoricalAccuracy(2), x("onehot"), x("scores"), 1e-12);
        assertMetric("sparse_top_k_3", new SparseTopKCategoricalAccuracy(3), x("onehot").argMax(1), x("scores"), 1e-12);
        assertMetric("sparse_top_k_3", new SparseTopKCategoricalAccuracy(3), x("onehot").argMax(1).reshape(6, 1),
                x("scores"), 1e-12);
        assertMetric("precision", new Precision(), x("bin_t"), x("bin_p"), 1e-12);
        assertMetric("recall", new Recall(), x("bin_t"), x("bin_p"), 1e-12);
        assertMetric("auc", new AUC(), x("bin_t"), x("bin_p"), 1e-12);
        assertMetric("auc_big", new AUC(), x("big_t"), x("big_p"), 1e-12);
        assertMetric("mse", new MeanSquaredError(), x("reg_t"), x("reg_p"), 1e-12);
        assertMetric("mae", new MeanAbsoluteError(), x("reg_t"), x("reg_p"), 1e-12);
        assertMetric("rmse", new RootMeanSquaredError(), x("reg_t"), x("reg_p"), 1e-12);
    }

    @Test
    void aucAccumulatesOverBatchesLikeOneBigBatch() {
        AUC auc = new AUC();
        NDArray t = x("big_t");
        NDArray p = x("big_p");
        auc.updateState(t.slice(0, 0, 200, 1), p.slice(0, 0, 200, 1));
        auc.updateState(t.slice(0, 200, 500, 1), p.slice(0, 200, 500, 1));
        assertThat(auc.result()).isCloseTo(f.get("metric/auc_big").item(), within(1e-12));
        assertThatThrownBy(() -> auc.updateState(NDArray.of(new float[] {1}), NDArray.of(new float[] {1.5f})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }

    @Test
    void kerasDocValuesForBinaryAccuracyAndTopK() {
        // Keras docs: BinaryAccuracy [[1],[1],[0],[0]] vs [[0.98],[1],[0],[0.6]] -> 0.75
        BinaryAccuracy b = new BinaryAccuracy();
        b.updateState(NDArray.of(new float[][] {{1}, {1}, {0}, {0}}), NDArray.of(new float[][] {{0.98f}, {1}, {0}, {0.6f}}));
        assertThat(b.result()).isEqualTo(0.75);
        // Keras docs: TopK(k=1) [[0,0,1],[0,1,0]] vs [[0.1,0.9,0.8],[0.05,0.95,0]] -> 0.5
        TopKCategoricalAccuracy k1 = new TopKCategoricalAccuracy(1);
        k1.updateState(NDArray.of(new float[][] {{0, 0, 1}, {0, 1, 0}}), NDArray.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}}));
        assertThat(k1.result()).isEqualTo(0.5);
    }
}
