package dev.vectorgrad.nn.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

/** Every loss against the values Keras's documentation gives, plus stability at logits of ±1e4. */
class LossesTest {

    private static double value(NDArray loss) {
        assertThat(loss.rank()).isZero();
        return loss.item();
    }

    @Test
    void meanSquaredErrorMatchesKerasDocValue() {
        NDArray yTrue = NDArray.of(new float[][] {{0, 1}, {0, 0}});
        NDArray yPred = NDArray.of(new float[][] {{1, 1}, {1, 0}});
        assertThat(value(new MeanSquaredError().call(yTrue, yPred))).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void meanAbsoluteErrorMatchesKerasDocValue() {
        NDArray yTrue = NDArray.of(new float[][] {{0, 1}, {0, 0}});
        NDArray yPred = NDArray.of(new float[][] {{1, 1}, {1, 0}});
        assertThat(value(new MeanAbsoluteError().call(yTrue, yPred))).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void regressionLabelsOfShapeBatchMeetPredictionsOfShapeBatchByOne() {
        // without lining up, [4] - [4, 1] would broadcast to [4, 4]
        NDArray yTrue = NDArray.of(new float[] {1, 2, 3, 4});
        NDArray yPred = NDArray.of(new float[] {1, 2, 3, 6}, 4, 1);
        assertThat(value(new MeanSquaredError().call(yTrue, yPred))).isCloseTo(1.0, within(1e-7));
        assertThat(value(new MeanAbsoluteError().call(yTrue, yPred))).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void mismatchedShapesFailNamingBoth() {
        assertThatThrownBy(() -> new MeanSquaredError().call(NDArray.zeros(DType.FLOAT32, 2, 3), NDArray.zeros(DType.FLOAT32, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 3)").hasMessageContaining("(2, 4)");
    }

    @Test
    void binaryCrossentropyOnProbabilitiesMatchesKerasDocValue() {
        NDArray yTrue = NDArray.of(new float[][] {{0, 1}, {0, 0}});
        NDArray yPred = NDArray.of(new float[][] {{0.6f, 0.4f}, {0.4f, 0.6f}});
        double expected = (-(Math.log(0.4) + Math.log(0.4)) / 2 - (Math.log(0.6) + Math.log(0.4)) / 2) / 2;
        assertThat(value(new BinaryCrossentropy().call(yTrue, yPred))).isCloseTo(expected, within(1e-6));
        assertThat(expected).isCloseTo(0.815, within(5e-4));
    }

    @Test
    void binaryCrossentropyOnLogitsMatchesKerasDocValue() {
        NDArray yTrue = NDArray.of(new float[] {0, 1, 0, 0});
        NDArray logits = NDArray.of(new float[] {-18.6f, 0.51f, 2.94f, -12.8f});
        assertThat(value(new BinaryCrossentropy(true).call(yTrue, logits))).isCloseTo(0.865, within(5e-4));
    }

    @Test
    void binaryCrossentropyIsFiniteAtExtremeLogits() {
        NDArray yTrue = NDArray.of(new float[] {0, 1, 1, 0});
        NDArray logits = NDArray.of(new float[] {1e4f, -1e4f, 1e4f, -1e4f});
        // per element: 1e4, 1e4, 0, 0
        assertThat(value(new BinaryCrossentropy(true).call(yTrue, logits))).isCloseTo(5000, within(1e-3));
        NDArray probabilities = NDArray.of(new float[] {1, 0, 1, 0});
        double clipped = value(new BinaryCrossentropy().call(yTrue, probabilities));
        assertThat(clipped).isFinite().isGreaterThan(7);
    }

    @Test
    void categoricalCrossentropyOnProbabilitiesMatchesKerasDocValue() {
        NDArray yTrue = NDArray.of(new float[][] {{0, 1, 0}, {0, 0, 1}});
        NDArray yPred = NDArray.of(new float[][] {{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}});
        assertThat(value(new CategoricalCrossentropy().call(yTrue, yPred))).isCloseTo(1.177, within(5e-4));
    }

    @Test
    void categoricalCrossentropyOnLogitsIsTheMeanNegativeLogSoftmax() {
        NDArray yTrue = NDArray.of(new double[][] {{0, 1, 0}, {0.5, 0, 0.5}});
        NDArray logits = NDArray.of(new double[][] {{1, 2, 3}, {-1, 0, 4}});
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double lse1 = Math.log(Math.exp(-1) + Math.exp(0) + Math.exp(4));
        double expected = ((lse0 - 2) + 0.5 * (lse1 + 1) + 0.5 * (lse1 - 4)) / 2;
        assertThat(value(new CategoricalCrossentropy(true).call(yTrue, logits))).isCloseTo(expected, within(1e-12));
    }

    @Test
    void sparseCategoricalCrossentropyMatchesKerasDocValue() {
        NDArray yPred = NDArray.of(new float[][] {{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}});
        assertThat(value(new SparseCategoricalCrossentropy().call(NDArray.of(new int[] {1, 2}), yPred)))
                .isCloseTo(1.177, within(5e-4));
    }

    @Test
    void sparseCategoricalCrossentropyAcceptsInt64LabelsAndAColumnOfLabels() {
        NDArray logits = NDArray.of(new float[][] {{1, 2, 3}, {3, 0, -1}});
        var loss = new SparseCategoricalCrossentropy(true);
        double flat = value(loss.call(NDArray.of(new int[] {2, 0}), logits));
        assertThat(value(loss.call(NDArray.of(new long[] {2, 0}), logits))).isEqualTo(flat);
        assertThat(value(loss.call(NDArray.of(new int[][] {{2}, {0}}), logits))).isEqualTo(flat);
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double lse1 = Math.log(Math.exp(3) + Math.exp(0) + Math.exp(-1));
        assertThat(flat).isCloseTo(((lse0 - 3) + (lse1 - 3)) / 2, within(1e-6));
    }

    @Test
    void sparseCategoricalCrossentropyIsFiniteAtExtremeLogits() {
        NDArray logits = NDArray.of(new float[][] {{1e4f, -1e4f, 0}, {-1e4f, 1e4f, 1e4f}});
        NDArray labels = NDArray.of(new int[] {1, 0});
        // -logSoftmax: row 0 picks -1e4 against a max of 1e4: 2e4; row 1 picks -1e4 against 1e4 + log 2
        double expected = (2e4 + 2e4 + Math.log(2)) / 2;
        assertThat(value(new SparseCategoricalCrossentropy(true).call(labels, logits))).isCloseTo(expected, within(1e-2));
        assertThat(value(new CategoricalCrossentropy(true).call(NDArray.of(new float[][] {{0, 1, 0}, {1, 0, 0}}), logits)))
                .isCloseTo(expected, within(1e-2));
    }

    @Test
    void sparseLabelsOutOfRangeFailWithTensorFlowsWording() {
        NDArray logits = NDArray.zeros(DType.FLOAT32, 2, 3);
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy(true).call(NDArray.of(new int[] {0, 3}), logits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received a label value of 3 which is outside the valid range of [0, 3)");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy(true).call(NDArray.of(new int[] {0, 1, 2}), logits))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3,)").hasMessageContaining("(2, 3)");
    }

    @Test
    void lossesKeepTheFloat64DtypeOfThePredictions() {
        NDArray logits = NDArray.of(new double[][] {{1, 2}});
        assertThat(new SparseCategoricalCrossentropy(true).call(NDArray.of(new int[] {0}), logits).dtype())
                .isEqualTo(DType.FLOAT64);
        assertThat(new MeanSquaredError().call(NDArray.of(new int[][] {{1, 2}}), logits).dtype()).isEqualTo(DType.FLOAT64);
    }
}
