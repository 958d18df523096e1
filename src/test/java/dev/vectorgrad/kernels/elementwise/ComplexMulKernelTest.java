package dev.vectorgrad.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The split-layout complex multiply: SIMD bit-identical to its scalar twin at odd sizes and offsets, and the twin is the textbook formula. */
class ComplexMulKernelTest {

    private static final int[] SIZES = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 100, 1027};

    @Test
    void floatSimdMatchesTheScalarTwinBitForBit() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : SIZES) {
            int off = r.nextInt(3);
            float[][] in = new float[4][n + off];
            for (float[] a : in) for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() * 200 - 100);
            float[] sr = new float[n + 1], si = new float[n + 1], vr = new float[n + 1], vi = new float[n + 1];
            ComplexMulKernel.scalar(in[0], in[1], off, in[2], in[3], off, sr, si, 1, n);
            ComplexMulKernel.run(in[0], in[1], off, in[2], in[3], off, vr, vi, 1, n);
            assertThat(vr).as("re, n=%d", n).containsExactly(sr);
            assertThat(vi).as("im, n=%d", n).containsExactly(si);
            for (int i = 0; i < n; i++) {
                float a = in[0][off + i], b = in[1][off + i], c = in[2][off + i], d = in[3][off + i];
                assertThat(sr[1 + i]).isEqualTo(a * c - b * d);
                assertThat(si[1 + i]).isEqualTo(a * d + b * c);
            }
        }
    }

    @Test
    void doubleSimdMatchesTheScalarTwinBitForBitIncludingInfAndNaN() {
        SplittableRandom r = new SplittableRandom(2);
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NaN, Double.MIN_VALUE, 1e308};
        for (int n : SIZES) {
            double[][] in = new double[4][n];
            for (double[] a : in) {
                for (int i = 0; i < n; i++) a[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : r.nextDouble() * 2 - 1;
            }
            double[] sr = new double[n], si = new double[n];
            ComplexMulKernel.scalar(in[0], in[1], 0, in[2], in[3], 0, sr, si, 0, n);
            // in place: the output is the first operand
            ComplexMulKernel.run(in[0], in[1], 0, in[2], in[3], 0, in[0], in[1], 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToLongBits(in[0][i])).as("re %d of %d", i, n).isEqualTo(Double.doubleToLongBits(sr[i]));
                assertThat(Double.doubleToLongBits(in[1][i])).as("im %d of %d", i, n).isEqualTo(Double.doubleToLongBits(si[i]));
            }
        }
    }
}
