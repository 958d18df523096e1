package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.NDArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A sum over leading axes of rows shorter than {@link Elementwise#SHORT_BLOCK} (a small layer's bias gradient) runs as
 * plain loops instead of one kernel call per row: each column must still be the rows added in order, bit for bit.
 * (Rows of one element are a horizontal sum, blocked differently: not this path.)
 */
class ShortRowSumTest {

    @Test
    void columnSumsAreTheRowsAddedInOrder() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int outer : new int[] {1, 3}) {
            for (int rows : new int[] {2, 7, 32}) {
                for (int w : new int[] {2, 3, 10, Elementwise.SHORT_BLOCK - 1, Elementwise.SHORT_BLOCK}) {
                    float[] x = new float[outer * rows * w];
                    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble(-1e3, 1e3);
                    float[] got = NDArray.of(x, outer, rows, w).sum(false, 1).toFloatArray();
                    double[] gotD = NDArray.of(x, outer, rows, w).cast(dev.vectorgrad.DType.FLOAT64).sum(false, 1).toDoubleArray();
                    for (int o = 0; o < outer; o++) {
                        for (int j = 0; j < w; j++) {
                            float want = 0f;
                            double wantD = 0.0;
                            for (int r = 0; r < rows; r++) {
                                want += x[(o * rows + r) * w + j];
                                wantD += x[(o * rows + r) * w + j];
                            }
                            String at = "%dx%dx%d at (%d, %d)".formatted(outer, rows, w, o, j);
                            assertThat(Float.floatToRawIntBits(got[o * w + j])).as(at).isEqualTo(Float.floatToRawIntBits(want));
                            assertThat(Double.doubleToRawLongBits(gotD[o * w + j])).as(at).isEqualTo(Double.doubleToRawLongBits(wantD));
                        }
                    }
                }
            }
        }
    }
}
