package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextClassifierTest {

    @Test
    void theBagOfEmbeddingsClassifiesTheHeldOutReviews() throws Exception {
        double[] accuracy = new double[1];
        String out = Console.capture(() -> accuracy[0] = TextClassifier.run(TextClassifier.EPOCHS));

        // 100% with the committed seeds; 90% leaves room for a different vector width's rounding
        assertThat(accuracy[0]).isGreaterThanOrEqualTo(0.9);
        assertThat(out).contains("400 reviews, vocabulary of 83 tokens", "Test accuracy:");
    }

    @Test
    void theCorpusIsBalanced() {
        var rows = TextClassifier.loadReviews();
        assertThat(rows).hasSize(400);
        assertThat(rows.stream().filter(r -> r[0].equals("1")).count()).isEqualTo(200);
    }
}
