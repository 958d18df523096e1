package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TensorTourTest {

    @Test
    void printsTheSeedsOneLinersAsTensorFlowDoes() throws Exception {
        String out = Console.capture(() -> TensorTour.main(new String[0]));

        assertThat(out).startsWith("""
                NDArray([4 6], shape=(2,), dtype=int32)
                NDArray(25, shape=(), dtype=int32)
                NDArray(6, shape=(), dtype=int32)
                NDArray(13, shape=(), dtype=int32)
                """);
        assertThat(out).contains("float32\n", "shape=(3, 3), dtype=float64)");
        assertThat(out).endsWith("hello, 4\n");
    }
}
