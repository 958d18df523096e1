package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void isSplitMix64SoEveryMachineSeesTheSameNumbers() {
        // the reference SplitMix64 sequence for seed 0 (Steele, Lea and Flood's published generator)
        Rng rng = Rng.seeded(0);
        assertThat(rng.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(rng.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(rng.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void sameSeedSameArraysOtherSeedOtherArrays() {
        NDArray a = Rng.seeded(42).normal(DType.FLOAT32, 0, 1, 3, 4);
        NDArray b = Rng.seeded(42).normal(DType.FLOAT32, 0, 1, 3, 4);
        NDArray c = Rng.seeded(43).normal(DType.FLOAT32, 0, 1, 3, 4);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void normalAndUniformHaveTheirMomentsAndBounds() {
        double[] n = Rng.seeded(7).normal(DType.FLOAT64, 2.0, 3.0, 200_000).toDoubleArray();
        double mean = Arrays.stream(n).average().orElseThrow();
        double var = Arrays.stream(n).map(v -> (v - mean) * (v - mean)).sum() / n.length;
        assertThat(mean).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.03));
        assertThat(Math.sqrt(var)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.03));
        float[] u = Rng.seeded(7).uniform(DType.FLOAT32, -1, 1, 10_000).toFloatArray();
        for (float v : u) assertThat(v).isBetween(-1f, 1f).isNotEqualTo(1f);
        int[] ints = Rng.seeded(7).uniform(DType.INT32, 0, 10, 10_000).toIntArray();
        assertThat(Arrays.stream(ints).min().orElseThrow()).isZero();
        assertThat(Arrays.stream(ints).max().orElseThrow()).isEqualTo(9);
        int[] p = Rng.seeded(1).permutation(50);
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 50).toArray());
    }

    @Test
    void readmeTasteComputesWhatItsCommentsSay() {
        NDArray a = NDArray.of(new float[][] {{1, 2}, {3, 4}});
        assertThat(a.add(1.0)).hasToString("NDArray(\n[[2. 3.]\n [4. 5.]], shape=(2, 2), dtype=float32)");
        Variable x = new Variable(NDArray.of(3.0f));
        NDArray dy;
        NDArray d2y;
        try (GradientTape outer = new GradientTape()) {
            try (GradientTape inner = new GradientTape()) {
                NDArray y = x.mul(x).mul(x);
                dy = inner.gradient(y, x);
            }
            d2y = outer.gradient(dy, x);
        }
        assertThat(dy.item()).isEqualTo(27.0);
        assertThat(d2y.item()).isEqualTo(18.0);
    }
}
