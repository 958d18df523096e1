package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.nn.LSTM;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 10's sequence rows: {@code LSTM(128)} over {@code [32, 50, 64]} forward, and forward + backward (one recorded
 * op: 50 fused cell steps, each one {@code h·U} product against U packed once and one {@code LstmCellKernel} call
 * each way, the weight gradients one GEMM over all steps; see {@code LstmSequenceKernel}), and
 * {@code MultiHeadAttention(8 heads, key 64)} self-attention on {@code [16, 128, 512]}, forward and
 * forward + backward. {@code jmh/baselines/torch_cases.py} (family {@code sequence}) times {@code nn.LSTM} and
 * {@code nn.MultiheadAttention} on the same shapes on one thread. The backward takes the gradients of {@code sum(y · dy)} w.r.t. the input and every
 * trainable weight, as PyTorch's {@code y.backward(dy)} with inputs requiring grad does.
 *
 * <pre>
 * ./mvnw -q install -DskipTests && ./mvnw -q -f jmh package
 * ./mvnw -q -f jmh exec:exec -Djmh.args="SequenceLayersBenchmark -rf json -rff target/sequence.json"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// one call is tens to hundreds of ms: 2 s iterations hold several calls each
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SequenceLayersBenchmark {

    LSTM lstm;
    NDArray lstmX;
    NDArray lstmDy;
    List<NDArray> lstmSources;
    MultiHeadAttention attention;
    NDArray attentionX;
    NDArray attentionDy;
    List<NDArray> attentionSources;

    @Setup
    public void setUp() {
        Layer.resetNames();
        Rng rng = Rng.seeded(0);
        lstm = new LSTM(128);
        lstmX = rng.normal(DType.FLOAT32, 0, 1, 32, 50, 64);
        lstm.call(lstmX);
        lstmDy = rng.normal(DType.FLOAT32, 0, 1, 32, 128);
        lstmSources = new ArrayList<>(List.of(lstmX));
        lstmSources.addAll(lstm.trainableVariables());
        attention = new MultiHeadAttention(8, 64);
        attentionX = rng.normal(DType.FLOAT32, 0, 1, 16, 128, 512);
        attention.call(attentionX, attentionX);
        attentionDy = rng.normal(DType.FLOAT32, 0, 1, 16, 128, 512);
        attentionSources = new ArrayList<>(List.of(attentionX));
        attentionSources.addAll(attention.trainableVariables());
    }

    // PyTorch's baseline runs with torch.set_num_threads(1): the comparable figure.
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public NDArray lstmForward() {
        return lstm.call(lstmX);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public List<NDArray> lstmForwardBackward() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(lstmX);
            NDArray y = lstm.call(lstmX);
            return tape.gradient(y.mul(lstmDy).sum(), lstmSources);
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public NDArray attentionForward() {
        return attention.call(attentionX, attentionX);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public List<NDArray> attentionForwardBackward() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(attentionX);
            NDArray y = attention.call(attentionX, attentionX);
            return tape.gradient(y.mul(attentionDy).sum(), attentionSources);
        }
    }
}
