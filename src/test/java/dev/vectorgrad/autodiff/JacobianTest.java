package dev.vectorgrad.autodiff;

import static dev.vectorgrad.autodiff.Checks.shape;
import static dev.vectorgrad.autodiff.Checks.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** jacobian and batchJacobian against finite differences and TF's documented examples. */
class JacobianTest {

    /** Central differences of every output element w.r.t. every input element, shape out ++ in. */
    private static NDArray numericJacobian(UnaryOperator<NDArray> f, NDArray x) {
        double eps = 1e-6;
        double[] base = x.toDoubleArray();
        int[] outShape = f.apply(x).shape();
        int outSize = (int) f.apply(x).size();
        double[] jac = new double[outSize * base.length];
        for (int j = 0; j < base.length; j++) {
            double[] p = base.clone();
            p[j] += eps;
            double[] plus = f.apply(NDArray.of(p, x.shape())).toDoubleArray();
            p[j] -= 2 * eps;
            double[] minus = f.apply(NDArray.of(p, x.shape())).toDoubleArray();
            for (int i = 0; i < outSize; i++) {
                jac[i * base.length + j] = (plus[i] - minus[i]) / (2 * eps);
            }
        }
        int[] shape = java.util.Arrays.copyOf(outShape, outShape.length + x.rank());
        System.arraycopy(x.shape(), 0, shape, outShape.length, x.rank());
        return NDArray.of(jac, shape);
    }

    @Property(tries = 20)
    void jacobianMatchesFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, -1, 1, shape(rng, 2, 3));
        NDArray w = uniform(rng, -1, 1, 2, (int) Math.max(1, x.size()));
        UnaryOperator<NDArray> f = v -> w.matmul(v.reshape(-1).tanh()).mul(v.sum()).exp();
        NDArray j;
        try (var tape = new GradientTape()) {
            tape.watch(x);
            j = tape.jacobian(f.apply(x), x);
        }
        NDArray expected = numericJacobian(f, x);
        assertThat(j.shape()).isEqualTo(expected.shape());
        assertThat(j.allClose(expected, 1e-5, 1e-6)).as("%s vs %s", j, expected).isTrue();
    }

    @Test
    void jacobianOfXSquaredIsDiagonal() {
        NDArray x = NDArray.of(new float[] {1, 2});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.mul(x);
            assertThat(tape.jacobian(y, x)).isEqualTo(NDArray.of(new float[][] {{2, 0}, {0, 4}}));
        }
    }

    @Test
    void jacobianOfAScalarSourceHasTheTargetsShapeAndSumsToTheGradient() {
        NDArray x = NDArray.of(2.0);
        NDArray c = NDArray.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        try (tape) {
            tape.watch(x);
            y = c.mul(x).square();
        }
        NDArray j = tape.jacobian(y, x);
        assertThat(j.shape()).containsExactly(2, 3);
        assertThat(j.sum().item()).isEqualTo(tape.gradient(y, x).item());
    }

    @Test
    void unconnectedJacobiansAreNullOrZerosOfTheFullShape() {
        NDArray x = NDArray.of(new float[] {1, 2});
        NDArray other = NDArray.of(new float[] {1, 2, 3});
        NDArray batched = NDArray.ones(DType.FLOAT32, 2, 3);
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        try (tape) {
            tape.watch(x, other, batched);
            y = x.square();
        }
        assertThat(tape.jacobian(y, other)).isNull();
        assertThat(tape.jacobian(y, other, UnconnectedGradients.ZERO)).isEqualTo(NDArray.zeros(DType.FLOAT32, 2, 3));
        assertThat(tape.batchJacobian(y.reshape(2, 1), batched)).isNull();
        assertThat(tape.batchJacobian(y.reshape(2, 1), batched, UnconnectedGradients.ZERO))
                .isEqualTo(NDArray.zeros(DType.FLOAT32, 2, 1, 3));
    }

    @Property(tries = 20)
    void batchJacobianMatchesPerExampleJacobians(@ForAll long seed) {
        Random rng = new Random(seed);
        int b = 1 + rng.nextInt(3);
        int n = 1 + rng.nextInt(3);
        int m = 1 + rng.nextInt(3);
        NDArray x = uniform(rng, -1, 1, b, n);
        NDArray w = uniform(rng, -1, 1, n, m);
        UnaryOperator<NDArray> f = v -> v.matmul(w).sigmoid().mul(v.square().sum(true, 1));
        NDArray bj;
        try (var tape = new GradientTape()) {
            tape.watch(x);
            bj = tape.batchJacobian(f.apply(x), x);
        }
        assertThat(bj.shape()).containsExactly(b, m, n);
        for (int i = 0; i < b; i++) {
            NDArray xi = x.get(i).reshape(1, n);
            NDArray expected = numericJacobian(f, xi).reshape(m, n);
            assertThat(bj.get(i).allClose(expected, 1e-5, 1e-6)).as("example %d: %s vs %s", i, bj.get(i), expected)
                    .isTrue();
        }
    }

    @Test
    void batchJacobianChecksRanksAndBatchSizes() {
        NDArray x = NDArray.ones(DType.FLOAT32, 2, 3);
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            NDArray y = x.mul(2.0);
            assertThatThrownBy(() -> tape.batchJacobian(y.reshape(-1), x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have rank at least 2");
            assertThatThrownBy(() -> tape.batchJacobian(y.reshape(3, 2), x))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Need first dimension of target shape (3, 2) and source shape (2, 3) to match.");
            NDArray empty = NDArray.ones(DType.FLOAT32, 1, 0);
            tape.watch(empty);
            NDArray e = empty.mul(2.0);
            assertThat(tape.batchJacobian(e, empty, UnconnectedGradients.ZERO).shape()).containsExactly(1, 0, 0);
        }
    }

    @Test
    void nestedJacobiansGiveTheHessianOfSumOfSquares() {
        // TF test_nested_jacobian: sum(x²) on ones(10, 2) gives [[2, 0], [0, 2]] for every example
        NDArray x = NDArray.ones(DType.FLOAT32, 10, 2);
        NDArray h;
        try (var g = new GradientTape()) {
            g.watch(x);
            NDArray dy;
            try (var gg = new GradientTape()) {
                gg.watch(x);
                NDArray y = x.square().sum(false, 1);
                dy = gg.batchJacobian(y.reshape(10, 1), x).reshape(10, 2);
            }
            h = g.batchJacobian(dy, x);
        }
        NDArray eye2 = NDArray.of(new float[][] {{2, 0}, {0, 2}});
        assertThat(h).isEqualTo(eye2.reshape(1, 2, 2).broadcastTo(10, 2, 2).contiguous());
    }

    @Test
    void hessianIsTheJacobianOfAGradient() {
        // z = x0²·x1 + x1³ at (1, 2): H = [[2·x1, 2·x0], [2·x0, 6·x1]] = [[4, 2], [2, 12]]
        NDArray x = NDArray.of(new double[] {1, 2});
        NDArray hess;
        try (var outer = new GradientTape()) {
            outer.watch(x);
            NDArray g;
            try (var inner = new GradientTape()) {
                inner.watch(x);
                NDArray z = x.get(0).square().mul(x.get(1)).add(x.get(1).pow(3.0));
                g = inner.gradient(z, x);
            }
            hess = outer.jacobian(g, x);
        }
        assertThat(hess).isEqualTo(NDArray.of(new double[][] {{4, 2}, {2, 12}}));
    }
}
