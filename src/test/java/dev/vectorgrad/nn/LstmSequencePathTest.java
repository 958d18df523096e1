package dev.vectorgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.ndarray.LstmSequence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LSTM layer's two paths agree: without a mask the sequence is one recorded op (fused backpropagation
 * through time), with a mask the steps are recorded one by one; an all-true mask takes the second path with
 * the same numbers. Checked forward, first order (x and the three weights) and second order (the rule under an
 * enclosing tape takes its NDArray-op form), with returnSequences on and off. The per-step path is the one the
 * PyTorch fixtures (SequenceLayerFixturesTest) and the float64 gradient checks (RnnGradTest) pin down.
 */
class LstmSequencePathTest {
    private static final int B = 3, T = 5, F = 4, U = 6;

    private static NDArray allTrue() {
        boolean[] m = new boolean[B * T];
        java.util.Arrays.fill(m, true);
        return NDArray.of(m, B, T);
    }

    private static LSTM layer(boolean sequences, NDArray x) {
        LSTM lstm = new LSTM(U, sequences);
        lstm.call(x);
        // a non-zero bias everywhere, so db and the bias path are exercised beyond Keras's initial values
        lstm.bias().assign(Rng.seeded(5).normal(DType.FLOAT32, 0, 0.4, 4 * U));
        return lstm;
    }

    private static void close(String what, NDArray got, NDArray want) {
        assertTrue(got.allClose(want, 1e-4, 1e-5), () -> what + ": fused " + got + " vs per-step " + want);
    }

    @Test
    void forwardAndFirstOrderMatchThePerStepPath() {
        for (boolean sequences : new boolean[] {false, true}) {
            NDArray x = Rng.seeded(1).normal(DType.FLOAT32, 0, 1, B, T, F);
            LSTM lstm = layer(sequences, x);
            NDArray dy = Rng.seeded(2).normal(DType.FLOAT32, 0, 1, sequences ? new int[] {B, T, U} : new int[] {B, U});
            List<NDArray> sources = new ArrayList<>(List.of(x));
            sources.addAll(lstm.trainableVariables());
            List<NDArray> fused, perStep;
            NDArray yFused, yPerStep;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                yFused = lstm.call(x, false, null);
                fused = tape.gradient(yFused.mul(dy).sum(), sources);
            }
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                yPerStep = lstm.call(x, false, allTrue());
                perStep = tape.gradient(yPerStep.mul(dy).sum(), sources);
            }
            close("y", yFused, yPerStep);
            String[] names = {"dx", "dW", "dU", "db"};
            for (int i = 0; i < names.length; i++) {
                close(names[i] + " (returnSequences " + sequences + ")", fused.get(i), perStep.get(i));
            }
        }
    }

    @Test
    void secondOrderThroughTheFusedOpMatchesThePerStepPath() {
        for (boolean sequences : new boolean[] {false, true}) {
            NDArray x = Rng.seeded(3).normal(DType.FLOAT32, 0, 1, B, T, F);
            LSTM lstm = layer(sequences, x);
            List<NDArray> fusedSecond = null;
            for (NDArray mask : new NDArray[] {null, allTrue()}) {
                // d/dx of sum((d/dx sum(tanh(y)))²), and the same w.r.t. the recurrent kernel
                List<NDArray> second;
                try (GradientTape outer = new GradientTape()) {
                    outer.watch(x);
                    NDArray gx, gu;
                    try (GradientTape inner = new GradientTape()) {
                        inner.watch(x);
                        NDArray y = lstm.call(x, false, mask).tanh().sum();
                        List<NDArray> g = inner.gradient(y, List.of(x, lstm.recurrentKernel()));
                        gx = g.get(0);
                        gu = g.get(1);
                    }
                    second = outer.gradient(gx.square().sum().add(gu.square().sum()),
                            List.of(x, lstm.recurrentKernel(), lstm.kernel(), lstm.bias()));
                }
                if (mask == null) {
                    fusedSecond = second;
                } else {
                    String[] names = {"d2/dx", "d2/dU", "d2/dW", "d2/db"};
                    for (int i = 0; i < names.length; i++) {
                        close(names[i] + " (returnSequences " + sequences + ")", fusedSecond.get(i), second.get(i));
                    }
                }
            }
        }
    }

    @Test
    void otherDtypesComposeThePerStepOps() {
        Rng rng = Rng.seeded(4);
        NDArray x = rng.normal(DType.FLOAT64, 0, 1, 2, 3, 2);
        NDArray w = rng.normal(DType.FLOAT64, 0, 0.5, 2, 12), u = rng.normal(DType.FLOAT64, 0, 0.5, 3, 12);
        NDArray b = rng.normal(DType.FLOAT64, 0, 0.5, 12);
        NDArray wide = LstmSequence.run(x, w, u, b, true);
        NDArray narrow = LstmSequence.run(x.cast(DType.FLOAT32), w.cast(DType.FLOAT32), u.cast(DType.FLOAT32),
                b.cast(DType.FLOAT32), true);
        assertTrue(wide.dtype() == DType.FLOAT64);
        assertTrue(narrow.allClose(wide.cast(DType.FLOAT32), 1e-5, 1e-6), () -> narrow + " vs " + wide);
    }

    @Test
    void shapeMistakesAreNamed() {
        NDArray x = NDArray.zeros(DType.FLOAT32, 2, 3, 4);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LstmSequence.run(x,
                NDArray.zeros(DType.FLOAT32, 5, 8), NDArray.zeros(DType.FLOAT32, 2, 8), NDArray.zeros(DType.FLOAT32, 8), false));
        assertTrue(e.getMessage().contains("(2, 3, 4)") && e.getMessage().contains("(5, 8)"), e::getMessage);
    }
}
