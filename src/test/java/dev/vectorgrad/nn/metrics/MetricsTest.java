package dev.vectorgrad.nn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

/** The metrics against the values in Keras's documentation (TAPE.md 13.6). */
class MetricsTest {

    @Test
    void everyMetricReportsZeroBeforeAnyUpdateAndAfterReset() {
        Metric[] metrics = {new Mean(), new Accuracy(), new SparseCategoricalAccuracy(), new CategoricalAccuracy()};
        for (Metric m : metrics) {
            assertThat(m.result()).as(m.name()).isZero();
        }
        Mean mean = new Mean();
        mean.update(NDArray.of(new float[] {3}));
        mean.reset();
        assertThat(mean.result()).isZero();
    }

    @Test
    void meanMatchesKerasDocValues() {
        Mean m = new Mean();
        m.update(NDArray.of(new float[] {1, 3, 5, 7}));
        assertThat(m.result()).isEqualTo(4.0);
        m.reset();
        m.update(NDArray.of(new float[] {1, 3, 5, 7}), NDArray.of(new float[] {1, 1, 0, 0}));
        assertThat(m.result()).isEqualTo(2.0);
    }

    @Test
    void meanAccumulatesAcrossUpdates() {
        Mean m = new Mean();
        m.update(NDArray.of(1.0));
        m.update(NDArray.of(new double[] {2, 3, 4}));
        assertThat(m.result()).isEqualTo(2.5);
    }

    @Test
    void accuracyMatchesKerasDocValues() {
        Accuracy a = new Accuracy();
        NDArray yTrue = NDArray.of(new int[][] {{1}, {2}, {3}, {4}});
        NDArray yPred = NDArray.of(new int[][] {{0}, {2}, {3}, {4}});
        a.update(yTrue, yPred);
        assertThat(a.result()).isEqualTo(0.75);
        a.reset();
        a.update(yTrue, yPred, NDArray.of(new float[] {1, 1, 0, 0}));
        assertThat(a.result()).isEqualTo(0.5);
    }

    @Test
    void sparseCategoricalAccuracyMatchesKerasDocValues() {
        SparseCategoricalAccuracy a = new SparseCategoricalAccuracy();
        NDArray yTrue = NDArray.of(new int[][] {{2}, {1}});
        NDArray yPred = NDArray.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}});
        a.update(yTrue, yPred);
        assertThat(a.result()).isEqualTo(0.5);
        a.reset();
        a.update(yTrue, yPred, NDArray.of(new float[] {0.7f, 0.3f}));
        assertThat(a.result()).isCloseTo(0.3, within(1e-7));
        a.reset();
        a.update(NDArray.of(new long[] {2, 1}), yPred);
        assertThat(a.result()).isEqualTo(0.5);
        assertThat(a.name()).isEqualTo("sparse_categorical_accuracy");
    }

    @Test
    void categoricalAccuracyMatchesKerasDocValues() {
        CategoricalAccuracy a = new CategoricalAccuracy();
        NDArray yTrue = NDArray.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
        NDArray yPred = NDArray.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});
        a.update(yTrue, yPred);
        assertThat(a.result()).isEqualTo(0.5);
        a.reset();
        a.update(yTrue, yPred, NDArray.of(new float[] {0.7f, 0.3f}));
        assertThat(a.result()).isCloseTo(0.3, within(1e-7));
    }
}
