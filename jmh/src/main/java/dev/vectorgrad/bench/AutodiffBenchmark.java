package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Autodiff overhead, the same cases as {@code jmh/baselines/torch_cases.py} (PyTorch eager, one thread):
 * (a) the seed's {@code y = x*x*x} at x = 2 with dy/dx and d²y/dx² through nested tapes, and the
 * first-order-only step; (b) one SGD step (forward, sparse softmax cross-entropy via logSoftmax,
 * gradient, {@code assignSub} update) of the 4-10-10-3 ReLU MLP on a batch of 32, and of
 * 784-128-10 on a batch of 128. Average time per call, in microseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Many short warmups: a step is dozens of small ops whose allocations only vanish once C2 has inlined
// them (escape analysis); on a loaded machine that took ~10 s, and 3 warmups measured the interpreter.
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AutodiffBenchmark {

    /** (a) the seed's nested-tape example: 12 and 12 at x = 2. */
    @Benchmark
    public NDArray scalarCubeSecondOrder() {
        NDArray x = NDArray.of(2.0f);
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            NDArray dy;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                NDArray y = x.mul(x).mul(x);
                dy = inner.gradient(y, x);
            }
            return outer.gradient(dy, x);
        }
    }

    /** (a') forward and dy/dx only. */
    @Benchmark
    public NDArray scalarCubeFirstOrder() {
        NDArray x = NDArray.of(2.0f);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.mul(x).mul(x);
            return tape.gradient(y, x);
        }
    }

    /** An MLP with ReLU hidden layers, its data, and a plain-SGD training step. */
    @State(Scope.Thread)
    public abstract static class Mlp {
        private List<Variable> params;
        private NDArray x;
        private NDArray oneHot;
        private int batch;

        void build(int batch, int... sizes) {
            Rng rng = Rng.seeded(0);
            this.batch = batch;
            params = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < sizes.length; i++) {
                double limit = Math.sqrt(6.0 / (sizes[i] + sizes[i + 1]));
                params.add(new Variable(rng.uniform(DType.FLOAT32, -limit, limit, sizes[i], sizes[i + 1])));
                params.add(new Variable(NDArray.zeros(DType.FLOAT32, sizes[i + 1])));
            }
            x = rng.normal(DType.FLOAT32, 0, 1, batch, sizes[0]);
            int classes = sizes[sizes.length - 1];
            float[] hot = new float[batch * classes];
            for (int i = 0; i < batch; i++) {
                hot[i * classes + rng.nextInt(classes)] = 1f;
            }
            oneHot = NDArray.of(hot, batch, classes);
        }

        NDArray step() {
            List<NDArray> grads;
            NDArray loss;
            try (GradientTape tape = new GradientTape()) {
                NDArray h = x;
                for (int i = 0; i < params.size(); i += 2) {
                    h = h.matmul(params.get(i)).add(params.get(i + 1));
                    if (i + 2 < params.size()) {
                        h = h.relu();
                    }
                }
                // sparse softmax cross-entropy: -mean(log softmax(logits)[label])
                loss = h.logSoftmax(1).mul(oneHot).sum().mul(-1.0 / batch);
                grads = tape.gradient(loss, params);
            }
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assignSub(grads.get(i).mul(0.01));
            }
            return loss;
        }
    }

    public static class Iris extends Mlp {
        @Setup(Level.Trial)
        public void setUp() {
            build(32, 4, 10, 10, 3);
        }
    }

    public static class Mnist extends Mlp {
        @Setup(Level.Trial)
        public void setUp() {
            build(128, 784, 128, 10);
        }
    }

    /** (b) one training step of the 4-10-10-3 MLP on a batch of 32. */
    @Benchmark
    public NDArray mlpIrisStep(Iris mlp) {
        return mlp.step();
    }

    /** One training step of 784-128-10 on a batch of 128 (compute-bound; for scale). */
    @Benchmark
    public NDArray mlpMnistStep(Mnist mlp) {
        return mlp.step();
    }
}
