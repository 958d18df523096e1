package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Embedding;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.LayerNormalization;
import dev.vectorgrad.nn.MultiHeadAttention;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.optimizers.Adam;
import java.util.Locale;

/**
 * A small transformer encoder block learning a toy task that needs attention, in the style of Keras's
 * "Text classification with Transformer" example: token + position embeddings, one encoder block
 * ({@code MultiHeadAttention} self-attention, residual + {@code LayerNormalization}, a two-layer feed-forward
 * network, residual + {@code LayerNormalization}), and a per-position sigmoid.
 *
 * <p><b>Task.</b> Sequences of {@link #LENGTH} tokens drawn from {@link #VOCAB}; for each position, say whether
 * its token occurs anywhere else in the sequence. A position cannot answer from its own token: it must compare
 * itself with every other position, which is what a query-key match does.
 */
public final class TransformerEncoder {
    static final int LENGTH = 8;
    static final int VOCAB = 12;
    static final int DIM = 32;
    static final int EPOCHS = 16;
    static final int TRAIN = 2000;
    static final int TEST = 500;

    /** Keras's {@code TokenAndPositionEmbedding}: a token's vector plus its position's. */
    static final class TokenAndPosition extends Layer {
        private final Embedding tokens = new Embedding(VOCAB, DIM);
        private final Embedding positions = new Embedding(LENGTH, DIM);
        private final NDArray positionIds;

        TokenAndPosition() {
            int[] p = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) p[i] = i;
            positionIds = NDArray.of(p);
        }

        @Override
        public NDArray call(NDArray ids, boolean training) {
            return tokens.apply(ids, training).add(positions.apply(positionIds, training));
        }
    }

    /** One post-norm encoder block, as in "Attention Is All You Need" and the Keras example. */
    static final class EncoderBlock extends Layer {
        private final MultiHeadAttention attention = new MultiHeadAttention(4, DIM / 4);
        private final LayerNormalization norm1 = new LayerNormalization();
        private final Dense feedForward1 = new Dense(64, Activation.RELU);
        private final Dense feedForward2 = new Dense(DIM);
        private final LayerNormalization norm2 = new LayerNormalization();

        @Override
        public NDArray call(NDArray x, boolean training) {
            NDArray h = norm1.apply(x.add(attention.call(x, x)), training);
            NDArray f = feedForward2.apply(feedForward1.apply(h, training), training);
            return norm2.apply(h.add(f), training);
        }
    }

    public static void main(String[] args) {
        run(EPOCHS);
    }

    /** {ids [n, LENGTH] int32, labels [n, LENGTH, 1] float32}: 1 where the token occurs elsewhere too. */
    static NDArray[] data(int n, long seed) {
        Rng rng = Rng.seeded(seed);
        int[] ids = new int[n * LENGTH];
        for (int i = 0; i < ids.length; i++) ids[i] = rng.nextInt(VOCAB);
        float[] labels = new float[n * LENGTH];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < LENGTH; i++) {
                for (int j = 0; j < LENGTH; j++) {
                    if (i != j && ids[s * LENGTH + i] == ids[s * LENGTH + j]) labels[s * LENGTH + i] = 1;
                }
            }
        }
        return new NDArray[] {NDArray.of(ids).reshape(n, LENGTH), NDArray.of(labels).reshape(n, LENGTH, 1)};
    }

    /** Trains for {@code epochs}; returns {test accuracy per position, accuracy of always answering the majority}. */
    static double[] run(int epochs) {
        NDArray[] train = data(TRAIN, 1);
        NDArray[] test = data(TEST, 2);
        Layer.resetNames();
        Layer.setSeed(0);
        Sequential model = new Sequential(new TokenAndPosition(), new EncoderBlock(), new Dense(1, Activation.SIGMOID));
        model.compile(new Adam(0.003), new BinaryCrossentropy());
        model.setVerbose(0);
        long start = System.nanoTime();
        model.fit(train[0], train[1], epochs, 32);
        double seconds = (System.nanoTime() - start) / 1e9;

        double[] p = model.predict(test[0]).gt(0.5).cast(DType.FLOAT64).toDoubleArray();
        double[] y = test[1].toDoubleArray();
        int correct = 0, ones = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == y[i]) correct++;
            if (y[i] == 1) ones++;
        }
        double accuracy = correct / (double) p.length;
        double majority = Math.max(ones, p.length - ones) / (double) p.length;
        System.out.printf(Locale.ROOT, "Trained %d epochs in %.1f s%n", epochs, seconds);
        System.out.printf(Locale.ROOT, "Test accuracy per position: %.1f%% (always the majority answer: %.1f%%)%n",
                100 * accuracy, 100 * majority);
        return new double[] {accuracy, majority};
    }

    private TransformerEncoder() {}
}
