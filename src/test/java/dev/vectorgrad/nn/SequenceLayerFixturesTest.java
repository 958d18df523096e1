package dev.vectorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.io.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Embedding, the recurrent layers and MultiHeadAttention against PyTorch: src/test/resources/nn/sequence/make_sequence_fixtures.py
 * ran torch.nn.Embedding/RNN/LSTM/GRU on Keras-layout weights and wrote the input, the weights, the output and
 * the gradients of {@code sum(y · dy)} w.r.t. the input and every weight. Each test loads the weights by their
 * Keras names, runs the layer under a tape and compares everything (float32 against float64 references).
 */
class SequenceLayerFixturesTest {
    private static final double RTOL = 2e-4;
    private static final double ATOL = 2e-5;

    private record Case(String file, Supplier<Layer> layer) {}

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("embedding", () -> new Embedding(11, 5)));
        c.add(new Case("simple_rnn_last", () -> new SimpleRNN(6)));
        c.add(new Case("simple_rnn_sequences", () -> new SimpleRNN(5, true)));
        c.add(new Case("lstm_last", () -> new LSTM(6)));
        c.add(new Case("lstm_sequences_wide", () -> new LSTM(19, true)));
        c.add(new Case("gru_last", () -> new GRU(6)));
        c.add(new Case("gru_sequences_wide", () -> new GRU(19, true)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyLayerMatchesPyTorch() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        Map<String, NDArray> f = load(c.file());
        Layer layer = c.layer().get();
        NDArray x = f.get("x");
        layer.maybeBuild(x.shape());
        for (Variable v : layer.variables()) {
            NDArray value = f.get(weightName(layer, v));
            assertNotNull(value, () -> c.file() + ": no fixture for weight " + v.name());
            assertEquals(Arrays.toString(value.shape()), Arrays.toString(v.shape()), v.name());
            v.assign(value);
        }
        boolean differentiableInput = x.dtype().isFloating();
        List<NDArray> sources = new ArrayList<>();
        if (differentiableInput) {
            sources.add(x);
        }
        sources.addAll(layer.trainableVariables());
        NDArray y;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            if (differentiableInput) {
                tape.watch(x);
            }
            y = layer.apply(x, true);
            grads = tape.gradient(y.mul(f.get("dy")).sum(), sources);
        }
        Map<String, NDArray> actual = new LinkedHashMap<>();
        actual.put("y", y);
        int k = 0;
        if (differentiableInput) {
            actual.put("dx", grads.get(k++));
        }
        for (Variable v : layer.trainableVariables()) {
            actual.put("grad_" + weightName(layer, v), grads.get(k++));
        }
        for (Map.Entry<String, NDArray> e : actual.entrySet()) {
            NDArray expected = f.get(e.getKey());
            assertNotNull(expected, () -> c.file() + ": fixture has no " + e.getKey());
            NDArray got = e.getValue();
            assertEquals(Arrays.toString(expected.shape()), Arrays.toString(got.shape()), () -> c.file() + " " + e.getKey());
            assertTrue(got.allClose(expected, RTOL, ATOL), () -> c.file() + " " + e.getKey() + ": max |diff| "
                    + maxDiff(got, expected));
        }
    }

    @TestFactory
    Stream<DynamicTest> multiHeadAttentionMatchesPyTorch() {
        return Stream.of(new Object[] {"mha_query_value", 2, 3}, new Object[] {"mha_cross_key_mask", 3, 2},
                new Object[] {"mha_causal_mask", 2, 4})
                .map(c -> DynamicTest.dynamicTest((String) c[0], () -> checkAttention((String) c[0], (int) c[1], (int) c[2])));
    }

    private static void checkAttention(String file, int heads, int keyDim) throws IOException {
        Map<String, NDArray> f = load(file);
        MultiHeadAttention layer = new MultiHeadAttention(heads, keyDim);
        NDArray q = f.get("x"), v = f.get("value"), k = f.get("key"), mask = f.get("mask");
        boolean causal = f.get("causal").toDoubleArray()[0] != 0;
        layer.call(q, v, k, mask, causal);
        List<NDArray> sources = new ArrayList<>(List.of(q, v));
        if (k != null) {
            sources.add(k);
        }
        sources.addAll(layer.trainableVariables());
        for (Variable w : layer.variables()) {
            NDArray value = f.get(weightName(layer, w).replace('/', '_'));
            assertNotNull(value, () -> file + ": no fixture for weight " + w.name());
            w.assign(value);
        }
        NDArray inference = layer.call(q, v, k, mask, causal); // no tape: the fused core
        NDArray y;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources.subList(0, k == null ? 2 : 3));
            y = layer.call(q, v, k, mask, causal);
            grads = tape.gradient(y.mul(f.get("dy")).sum(), sources);
        }
        // the same kernels, so the same bits but for a JIT tier switch between the two calls (AttentionCoreTest)
        assertTrue(inference.allClose(y, 1e-5, 1e-6), () -> file + ": inference differs from the taped call");
        Map<String, NDArray> actual = new LinkedHashMap<>();
        actual.put("y", y);
        actual.put("dx", grads.get(0));
        actual.put("dvalue", grads.get(1));
        int i = 2;
        if (k != null) {
            actual.put("dkey", grads.get(i++));
        }
        for (Variable w : layer.trainableVariables()) {
            actual.put("grad_" + weightName(layer, w).replace('/', '_'), grads.get(i++));
        }
        assertEquals(8, layer.trainableVariables().size());
        for (Map.Entry<String, NDArray> e : actual.entrySet()) {
            NDArray expected = f.get(e.getKey());
            assertNotNull(expected, () -> file + ": fixture has no " + e.getKey());
            NDArray got = e.getValue();
            assertEquals(Arrays.toString(expected.shape()), Arrays.toString(got.shape()), () -> file + " " + e.getKey());
            assertTrue(got.allClose(expected, RTOL, ATOL), () -> file + " " + e.getKey() + ": max |diff| "
                    + maxDiff(got, expected));
        }
    }

    /**
     * Keras 3's explicit query_mask, value_mask and key_mask with an attention mask and the causal mask, against
     * the fixture's torch evaluation of Keras's formula (padded queries attend uniformly), taped and not.
     */
    @Test
    void multiHeadAttentionSequenceMasksMatchKerasFormula() throws IOException {
        Map<String, NDArray> f = load("mha_sequence_masks");
        MultiHeadAttention layer = new MultiHeadAttention(2, 3);
        NDArray q = f.get("x"), v = f.get("value"), k = f.get("key"), mask = f.get("mask");
        NDArray qm = f.get("query_mask"), vm = f.get("value_mask").ne(0.0), km = f.get("key_mask");
        layer.call(q, v, k, qm, vm, km, mask, true, false);
        for (Variable w : layer.variables()) {
            w.assign(f.get(weightName(layer, w).replace('/', '_')));
        }
        MultiHeadAttention.Result inference = layer.callWithScores(q, v, k, qm, vm, km, mask, true, false);
        List<NDArray> sources = new ArrayList<>(List.of(q, v, k));
        sources.addAll(layer.trainableVariables());
        MultiHeadAttention.Result taped;
        List<NDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources.subList(0, 3));
            taped = layer.callWithScores(q, v, k, qm, vm, km, mask, true, false);
            grads = tape.gradient(taped.output().mul(f.get("dy")).sum(), sources);
        }
        assertTrue(inference.output().allClose(taped.output(), 1e-5, 1e-6), "inference output vs taped");
        assertTrue(inference.scores().allClose(taped.scores(), 1e-5, 1e-6), "inference scores vs taped");
        Map<String, NDArray> actual = new LinkedHashMap<>();
        actual.put("y", taped.output());
        actual.put("scores", taped.scores());
        actual.put("dx", grads.get(0));
        actual.put("dvalue", grads.get(1));
        actual.put("dkey", grads.get(2));
        int i = 3;
        for (Variable w : layer.trainableVariables()) {
            actual.put("grad_" + weightName(layer, w).replace('/', '_'), grads.get(i++));
        }
        for (Map.Entry<String, NDArray> e : actual.entrySet()) {
            NDArray expected = f.get(e.getKey());
            NDArray got = e.getValue();
            assertEquals(Arrays.toString(expected.shape()), Arrays.toString(got.shape()), e.getKey());
            assertTrue(got.allClose(expected, RTOL, ATOL), () -> e.getKey() + ": max |diff| " + maxDiff(got, expected));
        }
        // the padded queries (batch 0, last two steps) attend uniformly: the mean of the projected values
        float[] p = taped.scores().toFloatArray();
        int tv = 6;
        for (int head = 0; head < 2; head++) {
            for (int j = 0; j < tv; j++) {
                assertEquals(1f / tv, p[(head * 5 + 4) * tv + j], 1e-7f);
            }
        }
    }

    private static String weightName(Layer layer, Variable v) {
        String prefix = layer.name() + "/";
        assertTrue(v.name().startsWith(prefix) && v.name().endsWith(":0"), v.name());
        return v.name().substring(prefix.length(), v.name().length() - 2);
    }

    private static double maxDiff(NDArray a, NDArray b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
        return m;
    }

    static Map<String, NDArray> load(String name) throws IOException {
        try (InputStream in = SequenceLayerFixturesTest.class.getResourceAsStream("/nn/sequence/" + name + ".npz")) {
            assertNotNull(in, "missing fixture " + name + ".npz; run make_sequence_fixtures.py");
            return Npz.read(in);
        }
    }
}
