package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.losses.CategoricalCrossentropy;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.MeanAbsoluteError;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.Accuracy;
import dev.vectorgrad.nn.metrics.CategoricalAccuracy;
import dev.vectorgrad.nn.metrics.Mean;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Issue 12: nulls name the loss or metric and the argument; sparse labels are checked alike by loss and metric. */
class LabelAndNullChecksTest {
    private final NDArray p = NDArray.of(new float[][] {{0.2f, 0.8f}, {0.6f, 0.4f}});

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void everyLossNamesANullArgument() {
        Loss[] losses = {new MeanSquaredError(), new MeanAbsoluteError(), new BinaryCrossentropy(),
            new CategoricalCrossentropy(), new SparseCategoricalCrossentropy()};
        for (Loss l : losses) {
            String name = l.getClass().getSimpleName();
            fails(() -> l.call(null, p), name + ".call: yTrue is null");
            fails(() -> l.call(p, null), name + ".call: yPred is null");
        }
    }

    @Test
    void everyMetricNamesANullArgument() {
        fails(() -> new Mean().update(null), "mean: values is null");
        fails(() -> new Accuracy().update(null, p), "accuracy.update: yTrue is null");
        fails(() -> new CategoricalAccuracy().update(p, null), "categorical_accuracy.update: yPred is null");
        fails(() -> new SparseCategoricalAccuracy().update(null, p), "sparse_categorical_accuracy.update: yTrue is null");
    }

    @Test
    void aNanLabelIsOutOfRangeForTheSparseLoss() {
        NDArray labels = NDArray.of(new float[] {Float.NaN, 1});
        fails(() -> new SparseCategoricalCrossentropy().call(labels, p), "Received a label value of NaN");
        fails(() -> new SparseCategoricalCrossentropy(true).call(NDArray.of(new float[] {Float.POSITIVE_INFINITY, 1}), p),
                "Received a label value of Infinity");
        // whole float labels still work (Keras casts them)
        assertThat(new SparseCategoricalCrossentropy().call(NDArray.of(new float[] {1, 0}), p).item())
                .isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void sparseAccuracyChecksLabelsAsTheLossDoes() {
        NDArray four = NDArray.of(new float[][] {{0, 1}, {1, 0}, {0, 1}, {1, 0}});
        SparseCategoricalAccuracy a = new SparseCategoricalAccuracy();
        fails(() -> a.update(NDArray.of(new int[] {1}), four), "labels of shape (1,) do not match predictions of shape (4, 2)");
        fails(() -> new SparseCategoricalCrossentropy().call(NDArray.of(new int[] {1}), four), "labels of shape (1,)");
        fails(() -> a.update(NDArray.of(new boolean[] {true, false, true, false}), four), "labels must be int32 or int64, got bool");
        fails(() -> new SparseCategoricalCrossentropy().call(NDArray.of(new boolean[] {true, false, true, false}), four),
                "got bool");
        a.update(NDArray.of(new int[][] {{1}, {0}, {0}, {0}}), four);
        assertThat(a.result()).isEqualTo(0.75);
        a.reset();
        a.update(NDArray.of(new float[] {Float.NaN, 0, 1.5f, 0}), four); // Keras compares in the labels' dtype
        assertThat(a.result()).isEqualTo(0.5);
    }
}
