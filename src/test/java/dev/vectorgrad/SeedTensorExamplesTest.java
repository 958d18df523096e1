package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tensor examples of the seed tutorials, with the values and the text TensorFlow printed. */
class SeedTensorExamplesTest {

    @Test
    void addOfTwoIntVectors() {
        NDArray sum = Ops.add(NDArray.of(new int[] {1, 2}), NDArray.of(new int[] {3, 4}));
        assertThat(sum.toIntArray()).containsExactly(4, 6);
        assertThat(sum).hasToString("NDArray([4 6], shape=(2,), dtype=int32)");
    }

    @Test
    void broadcastingAddOfAScalar() {
        NDArray a = NDArray.of(new int[][] {{1, 2}, {3, 4}});
        NDArray b = Ops.add(a, NDArray.of(1));
        assertThat(b).hasToString("NDArray(\n[[2 3]\n [4 5]], shape=(2, 2), dtype=int32)");
        assertThat(a.add(1L)).isEqualTo(b);
        assertThat(a.mul(b)).hasToString("NDArray(\n[[ 2  6]\n [12 20]], shape=(2, 2), dtype=int32)");
    }

    @Test
    void squareByThePowerOperator() {
        NDArray a = NDArray.of(new int[][] {{1, 2}, {3, 4}});
        assertThat(a.pow(2L)).hasToString("NDArray(\n[[ 1  4]\n [ 9 16]], shape=(2, 2), dtype=int32)");
        assertThat(a.pow(2.0).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void reduceSumAndSquares() {
        assertThat(Ops.reduceSum(NDArray.of(new int[] {1, 2, 3}))).hasToString("NDArray(6, shape=(), dtype=int32)");
        assertThat(Ops.square(NDArray.of(5))).hasToString("NDArray(25, shape=(), dtype=int32)");
        NDArray thirteen = Ops.square(NDArray.of(2)).add(Ops.square(NDArray.of(3)));
        assertThat(thirteen).hasToString("NDArray(13, shape=(), dtype=int32)");
    }

    @Test
    void constantsWithAShape() {
        assertThat(Ops.constant(-1.0, 2, 3))
                .hasToString("NDArray(\n[[-1. -1. -1.]\n [-1. -1. -1.]], shape=(2, 3), dtype=float32)");
        NDArray t = NDArray.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t).hasToString("NDArray(\n[[1 2 3]\n [4 5 6]], shape=(2, 3), dtype=int32)");
        assertThatThrownBy(() -> NDArray.of(new int[] {1, 2, 3, 4}, 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 values cannot fill shape (2, 2, 2)");
    }

    @Test
    void onesZerosAndCast() {
        assertThat(Ops.ones(2, 1)).hasToString("NDArray(\n[[1.]\n [1.]], shape=(2, 1), dtype=float32)");
        assertThat(Ops.zeros(2, 1)).hasToString("NDArray(\n[[0.]\n [0.]], shape=(2, 1), dtype=float32)");
        NDArray f = NDArray.of(new int[] {1, 2, 3}).cast(DType.FLOAT32);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f).hasToString("NDArray([1. 2. 3.], shape=(3,), dtype=float32)");
        NDArray threes = NDArray.ones(DType.FLOAT64, 3, 3).mul(3.0);
        assertThat(threes).hasToString(
                "NDArray(\n[[3. 3. 3.]\n [3. 3. 3.]\n [3. 3. 3.]], shape=(3, 3), dtype=float64)");
    }

    @Test
    void printsLikeNumpy() {
        assertThat(NDArray.of(new float[] {1f, 2.5f})).hasToString("NDArray([1.  2.5], shape=(2,), dtype=float32)");
        assertThat(NDArray.of(new float[][] {{0.70634687f, -0.87136996f}, {0.48079547f, -0.63041496f}})).hasToString(
                "NDArray(\n[[ 0.70634687 -0.87136996]\n [ 0.48079547 -0.63041496]], shape=(2, 2), dtype=float32)");
        assertThat(NDArray.of(9.8f)).hasToString("NDArray(9.8, shape=(), dtype=float32)");
        assertThat(NDArray.of(new float[] {1e-5f, 1f})).hasToString("NDArray([1.e-05 1.e+00], shape=(2,), dtype=float32)");
        assertThat(NDArray.of(new boolean[] {true, false})).hasToString("NDArray([ True False], shape=(2,), dtype=bool)");
        assertThat(NDArray.of(new float[] {Float.NaN, 1f, Float.NEGATIVE_INFINITY}))
                .hasToString("NDArray([ nan   1. -inf], shape=(3,), dtype=float32)");
        assertThat(NDArray.arange(DType.INT32, 0, 2000, 1)).hasToString(
                "NDArray([   0    1    2 ... 1997 1998 1999], shape=(2000,), dtype=int32)");
    }
}
