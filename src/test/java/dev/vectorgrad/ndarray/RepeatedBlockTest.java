package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

/**
 * A row broadcast along leading axes (a bias added to a batch) runs as one kernel call per row, and a row shorter than
 * {@link Elementwise#SHORT_BLOCK} is first repeated into a longer block: every element must still be {@code a op b} of
 * its own row and column, on either side of a non-commutative op, across the block's last, partial repeat.
 */
class RepeatedBlockTest {
    private static final int[] WIDTHS = {2, 3, 10, Elementwise.SHORT_BLOCK - 1, Elementwise.SHORT_BLOCK, 65};
    private static final int[] ROWS = {1, 2, 25, 26, 33, 100};

    @Test
    void batchMinusRowAndRowMinusBatchAreElementwise() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32}) {
            for (int w : WIDTHS) {
                for (int r : ROWS) {
                    double[] batch = new double[r * w];
                    double[] row = new double[w];
                    for (int i = 0; i < batch.length; i++) batch[i] = (i * 7) % 23 - 11;
                    for (int j = 0; j < w; j++) row[j] = (j * 5) % 13 + 0.5 * (t == DType.INT32 ? 0 : 1);
                    NDArray x = NDArray.of(batch, r, w).cast(t);
                    NDArray b = NDArray.of(row, w).cast(t);
                    double[] left = x.sub(b).toDoubleArray();
                    double[] right = b.sub(x).toDoubleArray();
                    double[] rowD = b.toDoubleArray();
                    for (int i = 0; i < r; i++) {
                        for (int j = 0; j < w; j++) {
                            double want = batch[i * w + j] - rowD[j];
                            String at = "%s %dx%d at (%d, %d)".formatted(t, r, w, i, j);
                            assertThat(left[i * w + j]).as(at).isEqualTo(want);
                            assertThat(right[i * w + j]).as(at).isEqualTo(-want == 0 ? 0.0 : -want);
                        }
                    }
                }
            }
        }
    }
}
