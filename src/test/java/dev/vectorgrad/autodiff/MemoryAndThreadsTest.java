package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tapes hold nothing the user does not once they are done, and tapes on different threads never meet. */
class MemoryAndThreadsTest {

    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return ref.get() == null;
    }

    // Each scenario runs in its own method: the interpreter keeps dead locals of a frame reachable.

    @Test
    void aOneShotTapeFreesItsRecordsAfterItsGradientCall() throws InterruptedException {
        NDArray x = NDArray.of(new float[] {1, 2, 3});
        var tape = new GradientTape();
        List<WeakReference<NDArray>> intermediate = new ArrayList<>();
        NDArray y = recordExpSum(tape, x, intermediate);
        tape.close();
        NDArray g = tape.gradient(y, x);
        assertThat(g).isNotNull();
        assertThat(collected(intermediate.get(0))).as("intermediate collected while the used tape is still referenced")
                .isTrue();
        assertThat(tape.recording()).isFalse();
    }

    private static NDArray recordExpSum(GradientTape tape, NDArray x, List<WeakReference<NDArray>> refs) {
        tape.watch(x);
        NDArray h = x.exp();
        refs.add(new WeakReference<>(h));
        return h.sum();
    }

    @Test
    void aClosedTapeThatIsDroppedLeavesNothingBehind() throws InterruptedException {
        NDArray x = NDArray.of(new float[] {1, 2, 3});
        List<WeakReference<NDArray>> intermediate = new ArrayList<>();
        WeakReference<GradientTape> tapeRef = persistentTapeClosedAndDropped(x, intermediate);
        assertThat(collected(tapeRef)).as("the closed tape itself").isTrue();
        assertThat(collected(intermediate.get(0))).as("what it recorded").isTrue();
    }

    private static WeakReference<GradientTape> persistentTapeClosedAndDropped(NDArray x,
                                                                             List<WeakReference<NDArray>> refs) {
        var tape = GradientTape.builder().persistent(true).build();
        recordExpSum(tape, x, refs);
        tape.close();
        return new WeakReference<>(tape);
    }

    @Test
    void aNullGradientIsRememberedOnlyWeakly() throws InterruptedException {
        WeakReference<NDArray> source = unwatchedNullGradient();
        assertThat(collected(source)).isTrue();
    }

    private static WeakReference<NDArray> unwatchedNullGradient() {
        NDArray a = NDArray.of(new float[] {1, 2});
        try (var tape = new GradientTape()) {
            assertThat(tape.gradient(a.square(), a)).isNull();
        }
        return new WeakReference<>(a);
    }

    @Test
    void opsOnAnotherThreadAreNotRecorded() throws Exception {
        NDArray x = NDArray.of(3.0f);
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            NDArray[] fromOtherThread = new NDArray[1];
            Thread t = new Thread(() -> fromOtherThread[0] = x.mul(x));
            t.start();
            t.join();
            assertThat(fromOtherThread[0].item()).isEqualTo(9.0);
            assertThat(tape.gradient(fromOtherThread[0], x)).isNull();
            assertThat(tape.gradient(x.mul(x), x).item()).isEqualTo(6.0);
        }
    }

    /** A small training run (two-layer tanh net, MSE, SGD by assignSub): its final weights. */
    private static float[] train(long seed, int steps) {
        Rng rng = Rng.seeded(seed);
        NDArray x = rng.normal(DType.FLOAT32, 0, 1, 8, 3);
        NDArray y = rng.normal(DType.FLOAT32, 0, 1, 8, 1);
        Variable w1 = new Variable(rng.normal(DType.FLOAT32, 0, 0.5, 3, 4));
        Variable w2 = new Variable(rng.normal(DType.FLOAT32, 0, 0.5, 4, 1));
        for (int i = 0; i < steps; i++) {
            List<NDArray> g;
            try (var tape = new GradientTape()) {
                NDArray loss = x.matmul(w1).tanh().matmul(w2).sub(y).square().mean();
                g = tape.gradient(loss, List.of(w1, w2));
            }
            w1.assignSub(g.get(0).mul(0.05));
            w2.assignSub(g.get(1).mul(0.05));
        }
        float[] a = w1.toFloatArray();
        float[] b = w2.toFloatArray();
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void eightThreadsTrainingAtOnceGetTheSingleThreadedResults() throws Exception {
        int threads = 8;
        int steps = 1000;
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            expected.add(train(t, steps));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit((Callable<float[]>) () -> train(seed, steps)));
            }
            for (int t = 0; t < threads; t++) {
                assertThat(results.get(t).get()).as("thread %d", t).containsExactly(expected.get(t));
            }
        } finally {
            pool.shutdown();
        }
    }
}
