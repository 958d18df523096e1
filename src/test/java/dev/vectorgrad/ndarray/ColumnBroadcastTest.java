package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Elementwise's one-value-per-row path ({@code [m, 1]} against a dense {@code [m, n]}, either side) against a
 * plain loop: sub and div so that a swapped operand shows, columns read at an offset (a slice of a wider array),
 * rank 3, float64, and the shapes that only look like a column (a strided column, a missing leading axis) that
 * must still broadcast as before.
 */
class ColumnBroadcastTest {

    private static float[] counting(int n, float start) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = start + i * 0.75f;
        return v;
    }

    /** The expected {@code dense op column} (or {@code column op dense}) for row-major {@code [rows, len]}. */
    private static float[] expected(float[] dense, float[] column, int len, boolean columnLeft, char op) {
        float[] out = new float[dense.length];
        for (int i = 0; i < dense.length; i++) {
            float a = columnLeft ? column[i / len] : dense[i];
            float b = columnLeft ? dense[i] : column[i / len];
            out[i] = switch (op) {
                case '-' -> a - b;
                case '/' -> a / b;
                default -> a * b;
            };
        }
        return out;
    }

    private static NDArray apply(NDArray a, NDArray b, char op) {
        return switch (op) {
            case '-' -> a.sub(b);
            case '/' -> a.div(b);
            default -> a.mul(b);
        };
    }

    @Test
    void columnAgainstDenseEitherSideMatchesTheLoop() {
        for (int rows : new int[] {1, 3, 32}) {
            for (int len : new int[] {2, 3, 9, 17}) {
                float[] dense = counting(rows * len, -5f);
                float[] column = counting(rows, 1.5f);
                NDArray d = NDArray.of(dense, rows, len);
                NDArray c = NDArray.of(column, rows, 1);
                for (char op : new char[] {'-', '/', '*'}) {
                    NDArray right = apply(d, c, op);
                    NDArray left = apply(c, d, op);
                    assertThat(right.shape()).as("shape of [%d, %d] %s [%d, 1]", rows, len, op, rows)
                            .containsExactly(rows, len);
                    assertThat(right.toFloatArray()).as("[%d, %d] %s [%d, 1]", rows, len, op, rows)
                            .containsExactly(expected(dense, column, len, false, op));
                    assertThat(left.toFloatArray()).as("[%d, 1] %s [%d, %d]", rows, op, rows, len)
                            .containsExactly(expected(dense, column, len, true, op));
                }
            }
        }
    }

    @Test
    void columnReadAtAnOffsetAndRankThree() {
        // rows 2..6 of a [7, 1]: a contiguous column at offset 2; then the middle column of a [5, 3]: strided by 3
        float[] base = counting(7, 10f);
        NDArray shifted = NDArray.of(base, 7, 1).slice(0, 2, 7, 1);
        float[] column = {base[2], base[3], base[4], base[5], base[6]};
        float[] dense = counting(5 * 4, 0.5f);
        NDArray d = NDArray.of(dense, 5, 4);
        assertThat(d.div(shifted).toFloatArray()).as("[5, 4] / column at offset 2")
                .containsExactly(expected(dense, column, 4, false, '/'));
        assertThat(shifted.sub(d).toFloatArray()).as("column at offset 2 - [5, 4]")
                .containsExactly(expected(dense, column, 4, true, '-'));

        NDArray strided = NDArray.of(counting(15, 3f), 5, 3).slice(1, 1, 2, 1);
        float[] stridedValues = strided.toFloatArray();
        assertThat(d.sub(strided).toFloatArray()).as("[5, 4] - strided column")
                .containsExactly(expected(dense, stridedValues, 4, false, '-'));

        float[] dense3 = counting(2 * 4 * 5, -3f);
        float[] column3 = counting(2 * 4, 2f);
        assertThat(NDArray.of(dense3, 2, 4, 5).div(NDArray.of(column3, 2, 4, 1)).toFloatArray())
                .as("[2, 4, 5] / [2, 4, 1]").containsExactly(expected(dense3, column3, 5, false, '/'));
    }

    @Test
    void shapesThatOnlyLookLikeAColumnBroadcastAsBefore() {
        // [4, 1] against [2, 4, 3]: one value per row of each [4, 3] block, repeated over the leading axis
        float[] dense = counting(2 * 4 * 3, 1f);
        float[] column = counting(4, -2f);
        float[] repeated = new float[8];
        for (int i = 0; i < 8; i++) repeated[i] = column[i % 4];
        assertThat(NDArray.of(dense, 2, 4, 3).sub(NDArray.of(column, 4, 1)).toFloatArray())
                .as("[2, 4, 3] - [4, 1]").containsExactly(expected(dense, repeated, 3, false, '-'));
        // [3] against [3, 3]: a row, not a column
        float[] dense2 = counting(9, 1f);
        float[] row = {2f, 4f, 8f};
        float[] want = new float[9];
        for (int i = 0; i < 9; i++) want[i] = dense2[i] / row[i % 3];
        assertThat(NDArray.of(dense2, 3, 3).div(NDArray.of(row)).toFloatArray()).as("[3, 3] / [3]")
                .containsExactly(want);
    }

    @Test
    void float64Column() {
        double[] dense = {1, 2, 3, 4, 5, 6};
        double[] column = {0.5, 4};
        assertThat(NDArray.of(dense, 2, 3).div(NDArray.of(column, 2, 1)).toDoubleArray()).as("[2, 3] / [2, 1]")
                .containsExactly(2, 4, 6, 1, 1.25, 1.5);
        assertThat(NDArray.of(column, 2, 1).sub(NDArray.of(dense, 2, 3)).toDoubleArray()).as("[2, 1] - [2, 3]")
                .containsExactly(-0.5, -1.5, -2.5, 0, -1, -2);
        assertThat(DType.FLOAT64).isEqualTo(NDArray.of(dense, 2, 3).dtype());
    }
}
