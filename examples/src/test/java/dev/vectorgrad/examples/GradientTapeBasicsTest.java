package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradientTapeBasicsTest {

    @Test
    void printsTheDerivativeSixTheUnchangedVariableAndTheAccelerationNinePointEight() throws Exception {
        String out = Console.capture(() -> GradientTapeBasics.main(new String[0]));

        assertThat(out.lines()).containsExactly(
                "NDArray(6.0, shape=(), dtype=float32)",
                "<Variable 'Variable:0' shape=() dtype=float32, numpy=3.0>",
                "NDArray(9.8, shape=(), dtype=float32)");
    }
}
