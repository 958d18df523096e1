package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a 784-128-10 ReLU MLP on a batch of 128 synthetic samples, the step
 * {@code jmh/baselines/torch_cases.py} times for PyTorch: forward, SparseCategoricalCrossentropy from
 * logits, backward through the tape, optimizer update. It goes through {@link Sequential#trainOnBatch}, the path
 * {@code Model.fit} takes per batch, so the variable lookup, the loss read-back and the fused update are all in.
 */
// Time per step, as the PyTorch script reports it.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// A step is ~0.5 ms: 1 s iterations hold ~2000 steps, enough to average GC of the per-step buffers.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TrainingStepBenchmark {
    private static final int BATCH = 128;
    private static final int IRIS_BATCH = 32;

    Sequential sgdModel;
    Sequential adamModel;
    Sequential irisModel;
    NDArray x;
    NDArray y;
    NDArray irisX;
    NDArray irisY;
    NDArray w1;
    NDArray hiddenGrad;

    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(0);
        x = rng.normal(DType.FLOAT32, 0, 1, BATCH, 784);
        y = rng.uniform(DType.INT32, 0, 10, BATCH);
        Layer.resetNames();
        sgdModel = mlp();
        sgdModel.compile(new SGD(0.01), new SparseCategoricalCrossentropy(true));
        adamModel = mlp();
        adamModel.compile(new Adam(0.001), new SparseCategoricalCrossentropy(true));
        w1 = rng.normal(DType.FLOAT32, 0, 0.05, 784, 128);
        hiddenGrad = rng.normal(DType.FLOAT32, 0, 0.01, BATCH, 128);
        irisX = rng.normal(DType.FLOAT32, 0, 1, IRIS_BATCH, 4);
        irisY = rng.uniform(DType.INT32, 0, 3, IRIS_BATCH);
        irisModel = new Sequential(new Dense(10, Activation.RELU, 4), new Dense(10, Activation.RELU, 10),
                new Dense(3, Activation.LINEAR, 10));
        irisModel.setVerbose(0);
        irisModel.compile(new SGD(0.01), new SparseCategoricalCrossentropy(true));
    }

    private static Sequential mlp() {
        Sequential m = new Sequential(new Dense(128, Activation.RELU, 784), new Dense(10, Activation.LINEAR, 128));
        m.setVerbose(0);
        return m;
    }

    // The PyTorch baseline is taken with torch.set_num_threads(1): the comparable figure.
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public double sgdStep() {
        return sgdModel.trainOnBatch(x, y);
    }

    // Every core the kernels' pool may use (GEMM splits across it).
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public double sgdStepAllThreads() {
        return sgdModel.trainOnBatch(x, y);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public double adamStep() {
        return adamModel.trainOnBatch(x, y);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public double adamStepAllThreads() {
        return adamModel.trainOnBatch(x, y);
    }

    /**
     * One trainOnBatch step of the 4-10-10-3 ReLU MLP of {@code ColdStartBenchmark.irisSteps}, batch 32, SGD(0.01):
     * at this size the step is almost all per-op and per-step fixed cost (issue 11, target 3).
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public double irisSgdStep() {
        return irisModel.trainOnBatch(irisX, irisY);
    }

    // ---- breakdown, one thread: where a step's time goes ----

    /** The forward pass and the loss alone, with no tape open. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public NDArray forwardAndLossOnly() {
        return sgdModel.loss().call(y, sgdModel.call(x, true));
    }

    /** The step's two big products, x·W1 forward and xᵀ·dH for W1's gradient: the floor of a step (51 MFLOP). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public NDArray twoLargeMatmulsOnly() {
        x.matmul(w1);
        return x.transpose().matmul(hiddenGrad);
    }

    /** The same two products split across every kernel thread (the machine's processors by default). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public NDArray twoLargeMatmulsOnlyAllThreads() {
        x.matmul(w1);
        return x.transpose().matmul(hiddenGrad);
    }
}
