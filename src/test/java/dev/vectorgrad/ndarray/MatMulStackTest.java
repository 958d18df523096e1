package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stack of matrices times one matrix ({@code x·W} for {@code x [b, t, f]}) runs as one GEMM over the stacked
 * rows when the stack's rows continue one another, and its weight gradient as one GEMM over those rows: both
 * against the product of each 2-D slice (which never folds), on layouts that fold and layouts that must not.
 */
class MatMulStackTest {

    @Test
    void stackTimesMatrixEqualsEachSliceTimesIt() {
        Rng rng = Rng.seeded(7);
        NDArray w = rng.normal(DType.FLOAT32, 0, 1, 19, 23);
        NDArray dense = rng.normal(DType.FLOAT32, 0, 1, 3, 4, 17, 19);                 // folds: 12 × 17 rows
        NDArray sliced = rng.normal(DType.FLOAT32, 0, 1, 3, 20, 19).slice(1, 1, 18, 1); // rows do not continue
        NDArray transposed = rng.normal(DType.FLOAT32, 0, 1, 3, 19, 17).transpose(0, 2, 1); // row stride 1
        NDArray strided = rng.normal(DType.FLOAT32, 0, 1, 3, 34, 19).slice(1, 0, 34, 2); // row stride 2·19
        NDArray oneBatch = rng.normal(DType.FLOAT32, 0, 1, 1, 17, 19);
        for (NDArray x : List.of(dense, sliced, transposed, strided, oneBatch)) {
            NDArray y = x.matmul(w);
            NDArray flat = x.reshape(-1, 17, 19);
            NDArray got = y.reshape(-1, 17, 23);
            for (int i = 0; i < flat.shape()[0]; i++) {
                NDArray expected = flat.get(i).matmul(w);
                assertThat(got.get(i).allClose(expected, 1e-5, 1e-5)).as(x.toString()).isTrue();
            }
        }
        // a vector on the right keeps NumPy's shape rules
        NDArray v = rng.normal(DType.FLOAT32, 0, 1, 19);
        NDArray yv = dense.matmul(v);
        assertThat(yv.shape()).containsExactly(3, 4, 17);
        assertThat(yv.get(2).get(1).allClose(dense.get(2).get(1).matmul(v), 1e-5, 1e-5)).isTrue();
    }

    @Test
    void weightGradientOfAStackIsTheSumOfTheSlicesGradients() {
        Rng rng = Rng.seeded(11);
        Variable w = new Variable(rng.normal(DType.FLOAT64, 0, 1, 6, 5));
        for (NDArray x : List.of(rng.normal(DType.FLOAT64, 0, 1, 4, 7, 6),
                rng.normal(DType.FLOAT64, 0, 1, 4, 6, 7).transpose(0, 2, 1))) {
            NDArray g = rng.normal(DType.FLOAT64, 0, 1, 4, 7, 5);
            NDArray dw;
            try (GradientTape tape = new GradientTape()) {
                dw = tape.gradient(x.matmul(w).mul(g).sum(), w);
            }
            NDArray expected = NDArray.zeros(DType.FLOAT64, 6, 5);
            for (int i = 0; i < 4; i++) {
                expected = expected.add(x.get(i).transpose().matmul(g.get(i)));
            }
            assertThat(dw.allClose(expected, 1e-12, 1e-12)).isTrue();
        }
    }
}
