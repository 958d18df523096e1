package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names, shapes, initialisers and errors of the text and sequence layers (values: SequenceLayerFixturesTest). */
class SequenceLayersTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
    }

    @Test
    void newActivationsUseKerasDefinitions() {
        NDArray x = NDArray.of(new double[] {-2, -0.5, 0, 1.5});
        assertArrayEquals(new double[] {-0.4, -0.1, 0, 1.5}, Activation.LEAKY_RELU.apply(x).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 1.5},
                Activation.ELU.apply(x).toDoubleArray(), 1e-15);
        assertEquals(1.5 / (1 + Math.exp(-1.5)), Activation.SILU.apply(x).toDoubleArray()[3], 1e-15);
        assertEquals(Math.log1p(Math.exp(-2)), Activation.SOFTPLUS.apply(x).toDoubleArray()[0], 1e-15);
        // GELU(1.5) = 1.5·Φ(1.5), Φ(1.5) = 0.9331927987311419
        assertEquals(1.5 * 0.9331927987311419, Activation.GELU.apply(x).toDoubleArray()[3], 1e-12);
        assertEquals(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-2) - 1),
                Activation.SELU.apply(x).toDoubleArray()[0], 1e-12);
        assertEquals("leaky_relu", Activation.LEAKY_RELU.kerasName());
    }

    @Test
    void embeddingLooksUpRowsMasksZeroAndRejectsOutOfRangeIds() {
        Embedding e = new Embedding(10, 3, true);
        assertThat(e.variables()).extracting(Variable::name).containsExactly("embedding/embeddings:0");
        double[] table = e.embeddings().toDoubleArray();
        for (double v : table) assertTrue(v >= -0.05 && v < 0.05, "uniform(-0.05, 0.05): " + v);
        NDArray ids = NDArray.of(new long[] {0, 7, 9, 7}).reshape(2, 2);
        NDArray y = e.call(ids);
        assertArrayEquals(new int[] {2, 2, 3}, y.shape());
        assertArrayEquals(e.embeddings().slice(0, 7, 8, 1).reshape(3).toDoubleArray(), y.get(0).get(1).toDoubleArray());
        assertArrayEquals(new boolean[] {false, true, true, true}, toBooleans(e.computeMask(ids).reshape(4)));
        assertEquals(null, new Embedding(4, 2).computeMask(ids));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> e.call(NDArray.of(new int[] {10})));
        assertThat(bad.getMessage()).contains("id 10 is out of range [0, 10)");
        assertThrows(IllegalArgumentException.class, () -> e.call(NDArray.of(new int[] {-1})));
        assertArrayEquals(y.toDoubleArray(), e.call(ids.cast(DType.FLOAT32)).toDoubleArray());
    }

    private static boolean[] toBooleans(NDArray a) {
        double[] d = a.cast(DType.FLOAT64).toDoubleArray();
        boolean[] b = new boolean[d.length];
        for (int i = 0; i < d.length; i++) b[i] = d[i] != 0;
        return b;
    }

    @Test
    void recurrentWeightsHaveKerasNamesShapesAndInitialisers() {
        LSTM lstm = new LSTM(5);
        NDArray x = NDArray.ones(DType.FLOAT32, 2, 4, 3);
        assertArrayEquals(new int[] {2, 5}, lstm.call(x).shape());
        assertThat(lstm.variables()).extracting(Variable::name)
                .containsExactly("lstm/kernel:0", "lstm/recurrent_kernel:0", "lstm/bias:0");
        assertArrayEquals(new int[] {3, 20}, lstm.kernel().shape());
        assertArrayEquals(new int[] {5, 20}, lstm.recurrentKernel().shape());
        double[] b = lstm.bias().toDoubleArray();
        for (int j = 0; j < 20; j++) assertEquals(j >= 5 && j < 10 ? 1.0 : 0.0, b[j], "unit_forget_bias at " + j);
        // orthogonal [5, 20]: the rows are orthonormal
        NDArray r = lstm.recurrentKernel().cast(DType.FLOAT64);
        assertTrue(r.matmul(r.transpose()).allClose(NDArray.eye(DType.FLOAT64, 5), 1e-5, 1e-6));

        GRU gru = new GRU(4, true);
        assertArrayEquals(new int[] {2, 4, 4}, gru.call(x).shape());
        assertThat(gru.variables()).extracting(Variable::name)
                .containsExactly("gru/kernel:0", "gru/recurrent_kernel:0", "gru/bias:0");
        assertArrayEquals(new int[] {2, 12}, gru.bias().shape());
        SimpleRNN rnn = new SimpleRNN(6, true);
        assertArrayEquals(new int[] {2, 4, 6}, rnn.call(x).shape());
        assertThat(rnn.variables()).extracting(Variable::name).containsExactly("simple_rnn/kernel:0",
                "simple_rnn/recurrent_kernel:0", "simple_rnn/bias:0");
        NDArray q = rnn.recurrentKernel().cast(DType.FLOAT64);
        assertTrue(q.transpose().matmul(q).allClose(NDArray.eye(DType.FLOAT64, 6), 1e-5, 1e-6));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.call(NDArray.ones(DType.FLOAT32, 2, 4)));
        assertThat(e.getMessage()).contains("expected ndim=3, found ndim=2");
        assertThrows(IllegalArgumentException.class, () -> lstm.call(NDArray.ones(DType.FLOAT32, 2, 4, 7)));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(0));
    }

    @Test
    void multiHeadAttentionHasKerasWeightsAndMasksAsKeras() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3);
        NDArray q = Rng.seeded(1).normal(DType.FLOAT32, 0, 1, 2, 4, 5);
        NDArray v = Rng.seeded(2).normal(DType.FLOAT32, 0, 1, 2, 6, 7);
        assertArrayEquals(new int[] {2, 4, 5}, mha.call(q, v).shape());
        assertThat(mha.variables()).extracting(Variable::name).containsExactly(
                "multi_head_attention/query/kernel:0", "multi_head_attention/query/bias:0",
                "multi_head_attention/key/kernel:0", "multi_head_attention/key/bias:0",
                "multi_head_attention/value/kernel:0", "multi_head_attention/value/bias:0",
                "multi_head_attention/attention_output/kernel:0", "multi_head_attention/attention_output/bias:0");
        assertArrayEquals(new int[] {5, 2, 3}, mha.variables().get(0).shape());
        assertArrayEquals(new int[] {7, 2, 3}, mha.variables().get(2).shape());
        assertArrayEquals(new int[] {2, 3, 5}, mha.variables().get(6).shape());
        // causal self-attention: the first output position sees only the first input, so changing later
        // positions leaves it unchanged
        NDArray x = Rng.seeded(3).normal(DType.FLOAT32, 0, 1, 1, 4, 5);
        MultiHeadAttention self = new MultiHeadAttention(2, 3);
        NDArray a = self.call(x, x, null, null, true);
        NDArray changed = NDArray.concat(java.util.List.of(x.slice(1, 0, 1, 1), x.slice(1, 1, 4, 1).mul(3.0)), 1);
        NDArray b = self.call(changed, changed, null, null, true);
        assertArrayEquals(a.slice(1, 0, 1, 1).toDoubleArray(), b.slice(1, 0, 1, 1).toDoubleArray(), 1e-6);
        assertThat(maxAbs(a.sub(b))).isGreaterThan(1e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> self.call(x, x, null, NDArray.ones(DType.FLOAT32, 1, 4, 3), false));
        assertThat(e.getMessage()).contains("attention mask shape (1, 4, 3) must be (1, 4, 4)");
    }

    private static double maxAbs(NDArray a) {
        double m = 0;
        for (double d : a.toDoubleArray()) m = Math.max(m, Math.abs(d));
        return m;
    }

    @Test
    void normalizationAdaptsPerFeatureStatistics() {
        Normalization n = new Normalization();
        NDArray data = NDArray.of(new double[] {1, 10, 3, 20, 5, 30, 7, 40}).reshape(2, 2, 2);
        n.adapt(data);
        assertThat(n.variables()).extracting(Variable::name)
                .containsExactly("normalization/mean:0", "normalization/variance:0");
        assertTrue(n.trainableVariables().isEmpty());
        assertArrayEquals(new double[] {4, 25}, n.mean().toDoubleArray(), 1e-6);
        assertArrayEquals(new double[] {5, 125}, n.variance().toDoubleArray(), 1e-4);
        NDArray y = n.call(NDArray.of(new double[] {4 + Math.sqrt(5), 25}).reshape(1, 2));
        assertArrayEquals(new double[] {1, 0}, y.toDoubleArray(), 1e-6);
    }

    @Test
    void textVectorizationStandardisesSplitsAndCountsAsKeras() {
        TextVectorization tv = new TextVectorization(6, 4);
        // counts: the 3, cat 2, sat 2, dog 1, mat 1; ties go to the token that sorts last (Keras's lexsort[::-1])
        tv.adapt(NDArray.of(new String[] {"The cat sat.", "THE dog; the CAT sat!", "mat"}, 3));
        assertThat(tv.getVocabulary()).containsExactly("", "[UNK]", "the", "sat", "cat", "mat");
        NDArray ids = tv.call(NDArray.of(new String[] {"the   cat's mat", "dog sat the cat sat"}, 2));
        assertEquals(DType.INT64, ids.dtype());
        assertArrayEquals(new long[] {2, 1, 5, 0, 1, 3, 2, 4}, ids.toLongArray());
        assertThat(TextVectorization.tokens("Hello, World!  it's\tok")).containsExactly("hello", "world", "its", "ok");
        assertThrows(IllegalArgumentException.class, () -> tv.call(NDArray.of(new double[] {1})));
        TextVectorization restored = new TextVectorization(6, 4);
        restored.setVocabulary(tv.getVocabulary().subList(2, 6));
        assertArrayEquals(ids.toLongArray(),
                restored.call(NDArray.of(new String[] {"the   cat's mat", "dog sat the cat sat"}, 2)).toLongArray());
        assertThrows(IllegalArgumentException.class, () -> restored.setVocabulary(java.util.List.of("a", "a")));
    }

    @Test
    void orthogonalIsReproducibleAndOrthonormal() {
        NDArray a = Initializers.orthogonal(Rng.seeded(3), DType.FLOAT64, 7, 4);
        assertTrue(a.transpose().matmul(a).allClose(NDArray.eye(DType.FLOAT64, 4), 1e-12, 1e-12));
        assertArrayEquals(a.toDoubleArray(), Initializers.orthogonal(Rng.seeded(3), DType.FLOAT64, 7, 4).toDoubleArray());
    }
}
