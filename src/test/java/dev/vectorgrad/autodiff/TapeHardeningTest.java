package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.OpHook;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12's tape items: pause-then-close, dropped tapes, target equal to source, logSumExp's gradient. */
class TapeHardeningTest {

    @Test
    void closingAPausedTapeIsFinalEvenWhenThePauseEndsAfterwards() {
        NDArray x = NDArray.of(2.0f);
        GradientTape t = GradientTape.builder().persistent(true).build();
        t.watch(x);
        GradientTape.Pause p = t.stopRecording();
        t.close();
        p.close();
        assertThat(t.recording()).isFalse();
        assertThat(OpHook.current()).as("no recorder left on the thread").isNull();
        NDArray y = x.mul(x);
        assertThat(t.gradient(y, x)).as("ops after close are not recorded").isNull();
    }

    @Test
    void aPauseStillResumesAnOpenTape() {
        NDArray x = NDArray.of(2.0f);
        try (GradientTape t = GradientTape.builder().persistent(true).build()) {
            t.watch(x);
            try (GradientTape.Pause p = t.stopRecording()) {
                assertThat(t.recording()).isFalse();
            }
            assertThat(t.recording()).isTrue();
            assertThat(t.gradient(x.mul(x), x).item()).isEqualTo(4.0);
        }
    }

    @Test
    void manyDroppedTapesAreExpungedInOnePass() throws InterruptedException {
        WeakReference<GradientTape> last = dropTapes(200_000);
        for (int i = 0; i < 100 && last.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(last.get()).isNull();
        NDArray x = NDArray.of(new float[] {1, 2});
        // the first op notices the collected tapes and drops them all in one pass (one shift per tape made this
        // 200k²/2 element moves, tens of seconds; the cost itself belongs to JMH, not to a timed test)
        assertThat(x.mul(x).toFloatArray()).containsExactly(1f, 4f);
        assertThat(OpHook.current()).isNull();
    }

    @Test
    void forgottenTapesCostNothingPerOpUntilTheyAreUsed() {
        NDArray x = NDArray.of(new float[] {1, 2, 3});
        List<GradientTape> forgotten = new java.util.ArrayList<>(); // held, so no collector can help
        for (int i = 0; i < 1000; i++) {
            GradientTape t = GradientTape.builder().persistent(true).build();
            t.watch(x);
            forgotten.add(t);
        }
        NDArray y = x.mul(x).sum();
        long recordingNow = forgotten.stream().filter(t -> t.recordsHeld() > 0).count();
        assertThat(recordingNow).as("tapes that recorded the op as it ran").isLessThanOrEqualTo(TapeStack.EAGER);
        // each tape still has the whole record once it is used: d sum(x²)/dx = 2x
        assertThat(forgotten.get(0).gradient(y, x).toFloatArray()).containsExactly(2f, 4f, 6f);
        assertThat(forgotten.get(500).gradient(y, x).toFloatArray()).containsExactly(2f, 4f, 6f);
        for (int i = forgotten.size() - 1; i >= 0; i--) {
            forgotten.get(i).close();
        }
        assertThat(OpHook.current()).isNull();
    }

    @Test
    void deeplyNestedTapesGiveTheSameHigherDerivativesAsShallowOnes() {
        // 20 nested tapes: the outer ones are past TapeStack.EAGER and replay the log; d^k/dx^k of x^20 at x = 1
        int depth = 20;
        NDArray x = NDArray.of(1.0);
        GradientTape[] tapes = new GradientTape[depth];
        for (int i = 0; i < depth; i++) {
            tapes[i] = new GradientTape();
            tapes[i].watch(x);
        }
        NDArray d = x.pow(20.0);
        double expected = 1;
        for (int k = depth - 1; k >= 0; k--) {
            d = tapes[k].gradient(d, x);
            tapes[k].close();
            int order = depth - k;
            expected *= 21 - order; // 20, 20·19, ...
            assertThat(d.item()).as("derivative of order " + order).isEqualTo(expected);
        }
        assertThat(OpHook.current()).isNull();
    }

    private static WeakReference<GradientTape> dropTapes(int n) {
        GradientTape t = null;
        for (int i = 0; i < n; i++) {
            t = new GradientTape();
        }
        return new WeakReference<>(t);
    }

    @Test
    void aTargetThatIsASourceHasGradientOnesAsInTensorFlow() {
        Variable v0 = new Variable(NDArray.of(new float[] {1, 2}));
        Variable v1 = new Variable(NDArray.of(3.0f));
        try (GradientTape t = new GradientTape()) {
            List<NDArray> g = t.gradient(v0, List.of(v0, v1));
            assertThat(g.get(0).toFloatArray()).containsExactly(1f, 1f);
            assertThat(g.get(1)).isNull();
        }
        NDArray a = NDArray.of(new double[] {5});
        try (GradientTape t = new GradientTape()) {
            assertThat(t.gradient(a, List.of(a), NDArray.of(new double[] {3})).get(0).toDoubleArray()).containsExactly(3.0);
        }
    }

    @Test
    void logSumExpGradientIsExactForLargeEqualLogits() {
        NDArray x = NDArray.of(new float[] {1e4f, 1e4f});
        try (GradientTape t = new GradientTape()) {
            t.watch(x);
            NDArray g = t.gradient(x.logSumExp(0, false), x);
            assertThat(g.toFloatArray()).containsExactly(0.5f, 0.5f);
        }
        NDArray m = NDArray.of(new double[][] {{1e4, 1e4, 1e4}, {0, 1, 2}});
        try (GradientTape t = new GradientTape()) {
            t.watch(m);
            NDArray g = t.gradient(m.logSumExp(1, true), m);
            assertThat(g.allClose(m.softmax(1), 0, 1e-15)).isTrue();
            assertThat(g.dtype()).isEqualTo(DType.FLOAT64);
        }
    }
}
