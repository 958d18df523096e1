package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Conv2D;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Padding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keras's {@code Conv2D} 3x3, SAME, stride 1, through the layer (im2col + GEMM, bias add): issue 10's rows,
 * {@code [64, 28, 28, 1] → 32 filters} (the first block of an MNIST convnet) and
 * {@code [64, 14, 14, 32] → 64 filters} (the second). {@code forward} is one call; {@code forwardBackward}
 * records it on a tape and takes the gradients of {@code sum(y · dy)} with respect to the input, kernel and
 * bias, as PyTorch's {@code y.backward(dy)} with inputs requiring grad does.
 *
 * <pre>
 * ./mvnw -q install -DskipTests && ./mvnw -q -f jmh package
 * ./mvnw -q -f jmh exec:exec -Djmh.args="Conv2DBenchmark -rf json -rff target/conv.json"
 * </pre>
 */
// time per call, the figure PyTorch's timing loop reports
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one call is ~1-20 ms: 1 s iterations hold enough calls to average the per-call buffers' GC
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class Conv2DBenchmark {

    /** {@code batch x height x width x channels -> filters}. */
    @Param({"64x28x28x1-32", "64x14x14x32-64"})
    String shape;

    Conv2D layer;
    NDArray x;
    NDArray dy;
    List<NDArray> sources;

    @Setup
    public void setUp() {
        String[] parts = shape.split("[x-]");
        int n = Integer.parseInt(parts[0]), h = Integer.parseInt(parts[1]), w = Integer.parseInt(parts[2]);
        int c = Integer.parseInt(parts[3]), filters = Integer.parseInt(parts[4]);
        Layer.resetNames();
        layer = Conv2D.builder(filters, 3).padding(Padding.SAME).activation(Activation.LINEAR).inputShape(h, w, c).build();
        Rng rng = Rng.seeded(0);
        x = rng.normal(DType.FLOAT32, 0, 1, n, h, w, c);
        dy = rng.normal(DType.FLOAT32, 0, 1, n, h, w, filters);
        sources = List.of(x, layer.kernel(), layer.bias());
    }

    // PyTorch's baseline runs with torch.set_num_threads(1): the comparable figure.
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public NDArray forward() {
        return layer.call(x);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public List<NDArray> forwardBackward() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = layer.call(x);
            return tape.gradient(y.mul(dy).sum(), sources);
        }
    }
}
