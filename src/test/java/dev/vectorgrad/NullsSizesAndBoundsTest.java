package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.autodiff.GradientCheck;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.optimizers.SGD;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's hostile calls: each was a bare NullPointerException, a foreign exception type or a silent wrong
 * answer; each must now be an IllegalArgumentException naming the method and the argument, or NumPy's answer.
 */
class NullsSizesAndBoundsTest {
    private final NDArray m23 = NDArray.zeros(DType.FLOAT32, 2, 3);

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void opsMirrorsNameTheMethodAndTheNullArgument() {
        fails(() -> Ops.add(null, m23), "Ops.add: a is null");
        fails(() -> Ops.add(m23, null), "Ops.add: add's other is null");
        fails(() -> Ops.reduceSum(null), "Ops.reduceSum: x is null");
        fails(() -> Ops.matmul(null, m23), "Ops.matmul: a is null");
        fails(() -> Ops.reshape(null, 6), "Ops.reshape: x is null");
        fails(() -> Ops.reshape(m23, (int[]) null), "Ops.reshape: reshape's newShape is null");
    }

    @Test
    void layersModelsAndHelpersNameTheNullArgument() {
        fails(() -> new Dense(3).call(null, true), "Dense.call: x is null");
        fails(() -> new Sequential((Layer[]) null), "Sequential: layers is null");
        fails(() -> new Sequential().compile(new SGD(), new MeanSquaredError(), (Metric[]) null), "compile: metrics is null");
        fails(() -> Rng.seeded(1).uniform(null, 0, 1, 2), "Rng.uniform: dtype is null");
        fails(() -> Rng.seeded(1).normal(null, 0, 1, 2), "Rng.normal: dtype is null");
        fails(() -> GradientCheck.maxError(x -> null, NDArray.of(new double[] {1})), "GradientCheck: f returned null");
        fails(() -> Dataset.fromCsv((Path) null, 0), "Dataset.fromCsv: path is null");
    }

    @Test
    void permutationOfANegativeCountIsAnArgumentError() {
        fails(() -> Rng.seeded(1).permutation(-1), "permutation: n must be in [0, 2147483639], got -1");
        assertThat(Rng.seeded(1).permutation(0)).isEmpty();
    }

    @Test
    void sizesBeyondAJavaArrayAreRefusedAndSayTheLimit() {
        fails(() -> NDArray.zeros(DType.FLOAT32, Integer.MAX_VALUE), "zeros: shape (2147483647,) has more elements than an "
                + "array can hold: the limit is 2147483639");
        fails(() -> NDArray.ones(DType.INT64, 65536, 65536), "the limit is 2147483639");
        // NumPy's rule: the non-zero dimensions must fit even when another is 0
        fails(() -> NDArray.zeros(DType.FLOAT32, 0, 65536, 65536), "the limit is 2147483639");
        assertThat(NDArray.zeros(DType.FLOAT32, 0, 65536).size()).isZero();
    }

    @Test
    void reshapeProductsAreOverflowChecked() {
        NDArray empty = NDArray.zeros(DType.FLOAT32, 0);
        fails(() -> empty.reshape(65536, 65536, 65536, 65536), "cannot reshape array of size 0");
        fails(() -> empty.reshape(0, 65536, 65536, 65536, 65536), "the limit is 2147483639");
        fails(() -> empty.reshape(-1, 65536, 65536, 65536, 65536), "the limit is 2147483639");
        assertThat(empty.reshape(0, 5).shape()).containsExactly(0, 5);
    }

    @Test
    void reshapeNamesTheSourceShape() {
        fails(() -> m23.reshape(4), "reshape: cannot reshape array of size 6 into shape (4,); the array has shape (2, 3)");
    }

    @Test
    void slicesWithExtremeStepsAndBoundsFollowPython() {
        NDArray a = NDArray.of(new int[] {0, 1, 2, 3, 4});
        // numpy: np.arange(5)[2147483647:-2147483648:-2147483648] is [4]
        assertThat(a.slice(0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE).toIntArray()).containsExactly(4);
        assertThat(a.slice(0, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE).toIntArray()).containsExactly(0);
        assertThat(a.slice(0, Integer.MIN_VALUE, Integer.MAX_VALUE, 2).toIntArray()).containsExactly(0, 2, 4);
        assertThat(a.slice(0, 3, Integer.MIN_VALUE, -2).toIntArray()).containsExactly(3, 1);
    }

    @Test
    void arangeFollowsNumpyForInfiniteBoundsAndSteps() {
        fails(() -> NDArray.arange(DType.FLOAT64, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1),
                "arange: cannot compute length");
        fails(() -> NDArray.arange(DType.FLOAT64, 0, Double.POSITIVE_INFINITY, 1), "an array holds at most 2147483639");
        fails(() -> NDArray.arange(DType.FLOAT64, 0, Double.NEGATIVE_INFINITY, 1), "an array holds at most 2147483639");
        fails(() -> NDArray.arange(DType.FLOAT64, 0, 1, Double.NaN), "arange: step must be non-zero");
        // numpy: np.arange(1, 2, np.inf) is [1.], np.arange(1, 2, -np.inf) is []
        assertThat(NDArray.arange(DType.FLOAT64, 1, 2, Double.POSITIVE_INFINITY).toDoubleArray()).containsExactly(1.0);
        assertThat(NDArray.arange(DType.FLOAT64, 1, 2, Double.NEGATIVE_INFINITY).size()).isZero();
    }

    @Test
    void castSaturatesAsDocumented() {
        NDArray f = NDArray.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e9f, -1.7f});
        assertThat(f.cast(DType.INT32).toIntArray())
                .containsExactly(0, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
        assertThat(NDArray.of(new double[] {Double.NaN, 0, 2}).cast(DType.BOOL).toBooleanArray())
                .containsExactly(true, false, true);
        assertThat(NDArray.of(new long[] {1L << 32 | 5}).cast(DType.INT32).toIntArray()).containsExactly(5);
    }
}
