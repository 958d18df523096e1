package dev.vectorgrad.examples;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Embedding;
import dev.vectorgrad.nn.GlobalAveragePooling1D;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.TextVectorization;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.optimizers.Adam;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentiment classification of short film reviews, the shape of TensorFlow's "Basic text classification"
 * tutorial: {@code TextVectorization} learns a vocabulary, then {@code Embedding} → {@code
 * GlobalAveragePooling1D} → {@code Dense} sigmoid, trained with {@code compile}/{@code fit}.
 *
 * <p>Run it from the repository root once the library is installed:
 * {@code ./mvnw -q -f examples compile exec:exec -Dexample=TextClassifier}.
 *
 * <p><b>Data.</b> IMDB cannot be downloaded here, so {@code reviews.tsv} in {@code src/main/resources} is a
 * small corpus written for this example: 400 one- or two-sentence reviews ({@code label<TAB>text}, 1 positive),
 * with mixed case and punctuation for the standardisation to remove. The first 300 train, the last 100 test.
 */
public final class TextClassifier {
    static final int TRAIN_SIZE = 300;
    static final int EPOCHS = 30;
    static final int MAX_TOKENS = 200;
    static final int SEQUENCE_LENGTH = 16;

    public static void main(String[] args) {
        run(EPOCHS);
    }

    /** Trains for {@code epochs} and returns the accuracy on the 100 held-out reviews. */
    static double run(int epochs) {
        List<String[]> rows = loadReviews();
        int n = rows.size();
        String[] texts = new String[n];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Float.parseFloat(rows.get(i)[0]);
            texts[i] = rows.get(i)[1];
        }
        NDArray allTexts = NDArray.of(texts, n);
        NDArray y = NDArray.of(labels).reshape(n, 1);

        Layer.resetNames();
        Layer.setSeed(0);
        TextVectorization vectorize = new TextVectorization(MAX_TOKENS, SEQUENCE_LENGTH);
        vectorize.adapt(allTexts.slice(0, 0, TRAIN_SIZE, 1));           // the vocabulary sees training text only
        NDArray ids = vectorize.call(allTexts);
        System.out.printf(Locale.ROOT, "%d reviews, vocabulary of %d tokens; first ids: %s%n", n,
                vectorize.vocabularySize(), ids.get(0));

        Sequential model = new Sequential(
                new Embedding(vectorize.vocabularySize(), 16),
                new GlobalAveragePooling1D(),
                new Dense(1, Activation.SIGMOID));
        model.compile(new Adam(0.01), new BinaryCrossentropy());
        model.setVerbose(0);
        model.fit(ids.slice(0, 0, TRAIN_SIZE, 1), y.slice(0, 0, TRAIN_SIZE, 1), epochs, 32);

        NDArray predicted = model.predict(ids.slice(0, TRAIN_SIZE, n, 1)).gt(0.5);
        double[] p = predicted.cast(dev.vectorgrad.DType.FLOAT64).toDoubleArray();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == labels[TRAIN_SIZE + i]) correct++;
        }
        double accuracy = correct / (double) p.length;
        System.out.printf(Locale.ROOT, "Test accuracy: %.1f%% (%d of %d)%n", 100 * accuracy, correct, p.length);
        return accuracy;
    }

    /** {label, text} rows of the committed corpus. */
    static List<String[]> loadReviews() {
        try (InputStream raw = TextClassifier.class.getResourceAsStream("/reviews.tsv")) {
            if (raw == null) {
                throw new IllegalStateException("reviews.tsv is missing from the examples' resources");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) rows.add(line.split("\t", 2));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TextClassifier() {}
}
