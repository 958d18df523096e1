package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    @Test
    void aCorrectGradientPasses() {
        NDArray x = NDArray.of(new double[] {0.3, -1.2, 2});
        assertThat(GradientCheck.check(v -> v.tanh().mul(v.exp()), x)).isTrue();
        assertThat(GradientCheck.maxError(v -> v.tanh().mul(v.exp()), x)).isLessThan(1e-7);
    }

    @Test
    void aWrongGradientFails() {
        // stopGradient hides one factor from the tape: the tape says x, the truth is 2x
        NDArray x = NDArray.of(new double[] {0.5, 1.5});
        assertThat(GradientCheck.check(v -> v.mul(v.stopGradient()), x)).isFalse();
        assertThat(GradientCheck.maxError(v -> v.mul(v.stopGradient()), x)).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void float32InputsAreCheckedInFloat64() {
        NDArray x = NDArray.of(new float[] {0.25f, 2f});
        assertThat(GradientCheck.check(v -> v.sqrt().log(), x)).isTrue();
    }

    @Test
    void aFunctionThatIgnoresItsInputHasZeroGradient() {
        NDArray x = NDArray.of(new double[] {1, 2});
        assertThat(GradientCheck.maxError(v -> NDArray.of(3.0), x)).isEqualTo(0.0);
    }

    @Test
    void integerInputsAreRejected() {
        assertThatThrownBy(() -> GradientCheck.check(v -> v, NDArray.of(new int[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32");
    }
}
