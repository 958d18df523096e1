package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keras's mask propagation, checked against what it means rather than against itself: a recurrent layer run with a
 * mask must give, for every sample, what the same layer gives on that sample's sequence with the masked steps cut
 * out (Keras's rnn carries state and output through a masked step, so the step might as well not be there); with
 * returnSequences a masked step repeats the previous output (zeros before the first unmasked step). The gradients
 * obey the same rule: none reaches a masked step, and the weights get the sum of the cut sequences' gradients.
 * GlobalAveragePooling1D's masked mean and the Sequential / functional plumbing are checked with hand-computed values.
 */
class MaskPropagationTest {
    private static final double TOL = 2e-5;
    /** Sample 0 takes every step, 1 has holes, 2 starts padded and ends padded, 3 takes one step. */
    private static final boolean[][] MASK = {
        {true, true, true, true, true},
        {true, true, false, true, false},
        {false, false, true, true, false},
        {false, false, false, true, false},
    };

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    private record Kind(String name, Supplier<Layer> last, Supplier<Layer> sequences) {}

    private static List<Kind> kinds() {
        return List.of(new Kind("SimpleRNN", () -> new SimpleRNN(3), () -> new SimpleRNN(3, true)),
                new Kind("LSTM", () -> new LSTM(3), () -> new LSTM(3, true)),
                new Kind("GRU", () -> new GRU(3), () -> new GRU(3, true)));
    }

    @TestFactory
    Stream<DynamicTest> maskedLastOutputIsTheCutSequencesOutputAndGradients() {
        return kinds().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> checkAgainstCut(k.last().get(), false)));
    }

    @TestFactory
    Stream<DynamicTest> maskedSequencesRepeatThePreviousOutputAtMaskedSteps() {
        return kinds().stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> checkAgainstCut(k.sequences().get(), true)));
    }

    private static void checkAgainstCut(Layer layer, boolean returnSequences) {
        int b = MASK.length, t = MASK[0].length, f = 2, units = 3;
        NDArray x = Rng.seeded(7).normal(DType.FLOAT32, 0, 1, b, t, f);
        NDArray dy = Rng.seeded(8).normal(DType.FLOAT32, 0, 1, returnSequences ? new int[] {b, t, units} : new int[] {b, units});
        NDArray mask = NDArray.of(flatten(MASK), b, t);
        layer.maybeBuild(x.shape());
        List<NDArray> sources = new ArrayList<>(List.of(x));
        sources.addAll(layer.trainableVariables());
        NDArray y;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            y = layer.apply(x, false, mask);
            grads = tape.gradient(y.mul(dy).sum(), sources);
        }
        float[] xs = x.toFloatArray();
        float[] dys = dy.toFloatArray();
        float[] ys = y.toFloatArray();
        float[] dxs = grads.get(0).toFloatArray();
        double[][] weightGradSums = new double[grads.size() - 1][];
        for (int i = 0; i < b; i++) {
            int[] kept = kept(MASK[i]);
            // the sample's unmasked steps alone, [1, kept, f]
            float[] cut = new float[kept.length * f];
            for (int j = 0; j < kept.length; j++) System.arraycopy(xs, (i * t + kept[j]) * f, cut, j * f, f);
            NDArray xc = NDArray.of(cut, 1, kept.length, f);
            // the upstream gradient the cut run sees: a masked step's output is the previous one's, so its dy adds
            // to the last unmasked step before it (and is lost before the first one)
            float[] dyc;
            if (returnSequences) {
                dyc = new float[kept.length * units];
                int last = -1;
                for (int s = 0; s < t; s++) {
                    if (MASK[i][s]) last++;
                    if (last >= 0) {
                        for (int u = 0; u < units; u++) dyc[last * units + u] += dys[(i * t + s) * units + u];
                    }
                }
            } else {
                dyc = java.util.Arrays.copyOfRange(dys, i * units, (i + 1) * units);
            }
            NDArray dyCut = NDArray.of(dyc, returnSequences ? new int[] {1, kept.length, units} : new int[] {1, units});
            List<NDArray> cutSources = new ArrayList<>(List.of(xc));
            cutSources.addAll(layer.trainableVariables());
            NDArray yc;
            List<NDArray> cg;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(xc);
                yc = layer.apply(xc, false);
                cg = tape.gradient(yc.mul(dyCut).sum(), cutSources);
            }
            float[] ycs = yc.toFloatArray();
            if (returnSequences) {
                int last = -1;
                for (int s = 0; s < t; s++) {
                    if (MASK[i][s]) last++;
                    for (int u = 0; u < units; u++) {
                        double want = last < 0 ? 0 : ycs[last * units + u];
                        assertEquals(want, ys[(i * t + s) * units + u], TOL, "sample " + i + " step " + s + " unit " + u);
                    }
                }
            } else {
                for (int u = 0; u < units; u++) {
                    assertEquals(ycs[u], ys[i * units + u], TOL, "sample " + i + " unit " + u);
                }
            }
            float[] dxc = cg.get(0).toFloatArray();
            for (int s = 0, j = 0; s < t; s++) {
                for (int k = 0; k < f; k++) {
                    double want = MASK[i][s] ? dxc[j * f + k] : 0;
                    assertEquals(want, dxs[(i * t + s) * f + k], TOL, "dx sample " + i + " step " + s);
                }
                if (MASK[i][s]) j++;
            }
            for (int w = 1; w < cg.size(); w++) {
                // a one-step SimpleRNN never uses its recurrent kernel: no gradient (TensorFlow's None) counts as zeros
                double[] g = cg.get(w) != null ? cg.get(w).toDoubleArray() : new double[(int) sources.get(w).size()];
                if (weightGradSums[w - 1] == null) weightGradSums[w - 1] = new double[g.length];
                for (int e = 0; e < g.length; e++) weightGradSums[w - 1][e] += g[e];
            }
        }
        for (int w = 1; w < grads.size(); w++) {
            assertArrayEquals(weightGradSums[w - 1], grads.get(w).toDoubleArray(), 1e-4, "gradient of " + sources.get(w));
        }
    }

    private static int[] kept(boolean[] row) {
        return java.util.stream.IntStream.range(0, row.length).filter(s -> row[s]).toArray();
    }

    private static boolean[] flatten(boolean[][] rows) {
        boolean[] out = new boolean[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        return out;
    }

    @Test
    void numericMasksCountNonZeroAsDataAndBadMasksAreRefusedByName() {
        LSTM lstm = new LSTM(2);
        NDArray x = Rng.seeded(1).normal(DType.FLOAT32, 0, 1, 2, 3, 2);
        NDArray bools = NDArray.of(new boolean[] {true, false, true, true, true, false}, 2, 3);
        NDArray floats = NDArray.of(new float[] {1, 0, 1, 1, 1, 0}, 2, 3);
        assertArrayEquals(lstm.apply(x, false, bools).toFloatArray(), lstm.apply(x, false, floats).toFloatArray());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> lstm.apply(x, false, NDArray.of(new boolean[] {true, true, true}, 1, 3)));
        assertThat(bad.getMessage()).contains("lstm").contains("mask of shape (1, 3)").contains("(2, 3, 2)");
        assertThrows(IllegalArgumentException.class,
                () -> lstm.apply(x, false, NDArray.of(new String[] {"a", "b", "c", "d", "e", "f"}, 2, 3)));
    }

    @Test
    void anAllTrueMaskChangesNothing() {
        GRU gru = new GRU(3, true);
        NDArray x = Rng.seeded(2).normal(DType.FLOAT32, 0, 1, 2, 4, 3);
        NDArray all = NDArray.ones(DType.FLOAT32, 2, 4).ne(0.0);
        assertArrayEquals(gru.apply(x, false).toFloatArray(), gru.apply(x, false, all).toFloatArray());
    }

    @Test
    void globalAveragePooling1DAveragesOnlyTheUnmaskedSteps() {
        NDArray x = NDArray.of(new float[] {1, 10, 2, 20, 4, 40, /* sample 1 */ 8, 80, 16, 160, 32, 320}, 2, 3, 2);
        NDArray mask = NDArray.of(new boolean[] {true, true, false, false, true, true}, 2, 3);
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        assertArrayEquals(new float[] {1.5f, 15, 24, 240}, pool.apply(x, false, mask).toFloatArray());
        assertArrayEquals(new int[] {2, 1, 2}, new GlobalAveragePooling1D(true).apply(x, false, mask).shape());
        assertArrayEquals(new float[] {7f / 3, 70f / 3, 56f / 3, 560f / 3}, pool.apply(x, false).toFloatArray(), 1e-5f);
        // every step masked: 0/0, as Keras's sum(x·mask)/sum(mask)
        NDArray none = NDArray.of(new boolean[] {true, true, true, false, false, false}, 2, 3);
        assertTrue(Double.isNaN(pool.apply(x, false, none).toDoubleArray()[2]));
        assertNull(pool.computeMask(x, mask));
        // the mean's gradient: 1/count at kept steps, 0 at masked ones
        NDArray g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            g = tape.gradient(pool.apply(x, false, mask).sum(), x);
        }
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f}, g.toFloatArray());
    }

    @Test
    void sequentialCarriesTheEmbeddingMaskToTheLstm() {
        // padded and unpadded sentences give the same encoding once the padding is masked
        Embedding masking = new Embedding(10, 4, true);
        LSTM lstm = new LSTM(3);
        Sequential model = new Sequential(masking, lstm);
        NDArray padded = NDArray.of(new int[] {3, 5, 7, 0, 0, /* */ 2, 9, 0, 0, 0}, 2, 5);
        NDArray y = model.call(padded);
        assertArrayEquals(model.call(NDArray.of(new int[] {3, 5, 7}, 1, 3)).toFloatArray(),
                y.slice(0, 0, 1, 1).toFloatArray(), 1e-6f);
        assertArrayEquals(model.call(NDArray.of(new int[] {2, 9}, 1, 2)).toFloatArray(),
                y.slice(0, 1, 2, 1).toFloatArray(), 1e-6f);
        // without the mask the padding would run through the cell
        Embedding plain = new Embedding(10, 4);
        plain.embeddings().assign(masking.embeddings());
        Sequential unmasked = new Sequential(plain, lstm);
        assertThat(unmasked.call(padded).toFloatArray()).isNotEqualTo(y.toFloatArray());
    }

    @Test
    void sequentialTextModelAveragesOnlyRealTokens() {
        Embedding embedding = new Embedding(6, 2, true);
        embedding.embeddings().assign(NDArray.of(new float[] {100, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 6, 2));
        Sequential model = new Sequential(embedding, new Dropout(0.5), new GlobalAveragePooling1D());
        NDArray ids = NDArray.of(new int[] {1, 2, 0, 0, /* */ 5, 0, 0, 0}, 2, 4);
        assertArrayEquals(new float[] {2, 3, 9, 10}, model.call(ids).toFloatArray());
    }

    @Test
    void layersSayWhetherTheMaskGoesOn() {
        NDArray ids = NDArray.of(new int[] {1, 0, 2}, 1, 3);
        NDArray mask = new Embedding(4, 2, true).computeMask(ids, null);
        assertArrayEquals(new boolean[] {true, false, true}, mask.toBooleanArray());
        assertNull(new Embedding(4, 2).computeMask(ids, null));
        NDArray x = NDArray.zeros(DType.FLOAT32, 1, 3, 2);
        assertEquals(mask, new Dense(2).computeMask(x, mask));
        assertEquals(mask, new Dropout(0.5).computeMask(x, mask));
        assertEquals(mask, new LayerNormalization().computeMask(x, mask));
        assertEquals(mask, new LSTM(2, true).computeMask(x, mask));
        assertNull(new LSTM(2).computeMask(x, mask));
        assertNull(new Flatten().computeMask(x, mask));
        assertNull(new Conv1D(2, 1).computeMask(x, mask));
        assertEquals(mask, new MultiHeadAttention(1, 2).computeMask(x, mask));
    }

    @Test
    void functionalModelCarriesMasksAndMergesThem() {
        Embedding embedding = new Embedding(10, 3, true);
        LSTM lstm = new LSTM(2, true);
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        KerasTensor in = Input.of(4);
        KerasTensor out = pool.apply(lstm.apply(embedding.apply(in)));
        Model functional = Model.of(in, out);
        NDArray ids = NDArray.of(new int[] {4, 0, 6, 0, /* */ 0, 0, 8, 1}, 2, 4);
        NDArray mask = ids.ne(0.0);
        NDArray want = pool.apply(lstm.apply(embedding.call(ids), false, mask), false, mask);
        assertArrayEquals(want.toFloatArray(), functional.call(ids).toFloatArray());

        // Add: the AND of the masks; Concatenate along time: the masks joined, a missing one all true
        NDArray a = NDArray.of(new boolean[] {true, false, true}, 1, 3);
        NDArray b = NDArray.of(new boolean[] {true, true, false}, 1, 3);
        NDArray x = NDArray.zeros(DType.FLOAT32, 1, 3, 2);
        assertArrayEquals(new boolean[] {true, false, false}, new Add().computeMask(List.of(x, x), List.of(a, b)).toBooleanArray());
        assertNull(new Add().computeMask(List.of(x, x), java.util.Arrays.<NDArray>asList(null, null)));
        assertArrayEquals(new boolean[] {true, false, true, true, true, true},
                new Concatenate(1).computeMask(List.of(x, x), java.util.Arrays.asList(a, null)).toBooleanArray());
        assertArrayEquals(new boolean[] {true, false, false},
                new Concatenate(-1).computeMask(List.of(x, x), List.of(a, b)).toBooleanArray());
    }

    @Test
    void attentionTakesTheSequenceMaskForQueriesAndKeys() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        NDArray x = Rng.seeded(3).normal(DType.FLOAT32, 0, 1, 2, 4, 5);
        boolean[] m = {true, true, false, false, true, true, true, false};
        NDArray mask = NDArray.of(m, 2, 4);
        boolean[] pairs = new boolean[2 * 4 * 4];
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < 4; q++) {
                for (int k = 0; k < 4; k++) pairs[(i * 4 + q) * 4 + k] = m[i * 4 + q] && m[i * 4 + k];
            }
        }
        NDArray want = mha.call(x, x, null, NDArray.of(pairs, 2, 4, 4), false);
        assertArrayEquals(want.toFloatArray(), mha.apply(x, false, mask).toFloatArray());
        // the padded keys' contents no longer matter to the real queries
        NDArray noisy = x.add(NDArray.of(new float[] {0, 0, 5, 5, 0, 0, 0, 5}, 2, 4, 1));
        NDArray y = mha.apply(x, false, mask);
        NDArray yn = mha.apply(noisy, false, mask);
        assertArrayEquals(y.slice(1, 0, 2, 1).slice(0, 0, 1, 1).toFloatArray(),
                yn.slice(1, 0, 2, 1).slice(0, 0, 1, 1).toFloatArray(), 1e-5f);
    }

    @Test
    void attentionDropoutDropsProbabilitiesOnlyInTraining() {
        int heads = 2, keyDim = 3, d = heads * keyDim, b = 4, t = 8;
        MultiHeadAttention mha = new MultiHeadAttention(heads, keyDim, 0.5);
        NDArray x = Rng.seeded(4).normal(DType.FLOAT32, 0, 1, b, t, d);
        mha.call(x);
        // values all 1 and an identity output projection: each output is the sum of its head's (dropped) probabilities
        for (Variable v : mha.variables()) {
            String n = v.name();
            if (n.contains("value/kernel") || n.contains("attention_output/bias")) {
                v.assign(NDArray.zeros(DType.FLOAT32, v.shape()));
            } else if (n.contains("value/bias")) {
                v.assign(NDArray.ones(DType.FLOAT32, v.shape()));
            } else if (n.contains("attention_output/kernel")) {
                v.assign(NDArray.eye(DType.FLOAT32, d).reshape(heads, keyDim, d));
            }
        }
        float[] inference = mha.call(x, x, null, null, false, false).toFloatArray();
        for (float v : inference) assertEquals(1.0, v, 1e-5);
        MultiHeadAttention.Result r = mha.callWithScores(x, x, null, null, false, true);
        assertArrayEquals(new int[] {b, heads, t, t}, r.scores().shape());
        float[] rowSums = r.scores().sum(false, -1).toFloatArray();
        for (float s : rowSums) assertEquals(1.0, s, 1e-5);          // scores are the probabilities before dropout
        float[] trained = r.output().toFloatArray();
        double mean = 0;
        boolean someDropped = false;
        for (int g = 0; g < b * t * heads; g++) {
            float first = trained[g * keyDim];
            for (int k = 1; k < keyDim; k++) {
                assertEquals(first, trained[g * keyDim + k], 1e-6, "one drop per probability, shared by the head's values");
            }
            assertTrue(first >= -1e-6 && first <= 2 + 1e-5, "kept probabilities scaled by 2 sum to at most 2: " + first);
            someDropped |= Math.abs(first - 1) > 1e-3;
            mean += first;
        }
        mean /= b * t * heads;
        assertTrue(someDropped);
        assertEquals(1.0, mean, 0.2);                                 // inverted scaling keeps the expectation
        assertEquals(0.5, ((Number) mha.getConfig().get("dropout")).doubleValue());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 3, -0.1));
    }

    @Test
    void attentionScoresMatchTheOutputsSoftmax() throws Exception {
        MultiHeadAttention mha = new MultiHeadAttention(2, 2);
        NDArray q = Rng.seeded(5).normal(DType.FLOAT32, 0, 1, 1, 3, 4);
        NDArray v = Rng.seeded(6).normal(DType.FLOAT32, 0, 1, 1, 5, 4);
        MultiHeadAttention.Result r = mha.callWithScores(q, v, null, null, true, false);
        assertArrayEquals(mha.call(q, v, null, null, true).toFloatArray(), r.output().toFloatArray());
        float[] s = r.scores().toFloatArray();
        // causal: query i gives nothing to keys after i
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 3; i++) {
                for (int j = i + 1; j < 5; j++) assertEquals(0.0, s[(h * 3 + i) * 5 + j], 1e-12);
            }
        }
        MultiHeadAttention back = (MultiHeadAttention) LayerRegistry.fromEntry(LayerRegistry.entryOf(
                new MultiHeadAttention(2, 2, 0.25)));
        assertEquals(0.25, back.dropout());
    }
}
