package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransformerEncoderTest {

    @Test
    void theEncoderBlockFindsRepeatedTokens() throws Exception {
        double[][] result = new double[1][];
        String out = Console.capture(() -> result[0] = TransformerEncoder.run(TransformerEncoder.EPOCHS));

        // 100.0% after 16 epochs with the committed seeds (97.3% after 12) against 54.4% for the majority answer
        assertThat(result[0][1]).isLessThan(0.6);
        assertThat(result[0][0]).isGreaterThanOrEqualTo(0.95);
        assertThat(out).contains("Test accuracy per position");
    }
}
