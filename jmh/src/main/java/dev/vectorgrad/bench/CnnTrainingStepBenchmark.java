package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Conv2D;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Dropout;
import dev.vectorgrad.nn.Flatten;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.MaxPooling2D;
import dev.vectorgrad.nn.Padding;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.optimizers.Adam;
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
 * Issue 10's CNN row: one {@link Sequential#trainOnBatch} step, batch 64, of the digits CNN of
 * {@code examples/DigitsCnn} (Keras's "Simple MNIST convnet": Conv2D(32, 3, SAME, relu), MaxPooling2D(2),
 * Conv2D(64, 3, SAME, relu), MaxPooling2D(2), Flatten, Dropout(0.25), Dense(10, softmax);
 * SparseCategoricalCrossentropy on the probabilities, Adam(0.002)). {@code image} 8 is the example's 8x8
 * digits, 28 the MNIST size of the conv rows. {@code jmh/baselines/torch_cases.py} ({@code cnn.trainStep})
 * runs the same model, loss and optimizer step in PyTorch on one thread.
 *
 * <pre>
 * ./mvnw -q install -DskipTests && ./mvnw -q -f jmh package
 * ./mvnw -q -f jmh exec:exec -Djmh.args="CnnTrainingStepBenchmark -rf json -rff target/cnn.json"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// a step is ~1-50 ms: 1 s iterations hold enough steps to average the per-step buffers' GC
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class CnnTrainingStepBenchmark {
    private static final int BATCH = 64;

    /** The side of the square one-channel images. */
    @Param({"8", "28"})
    int image;

    Sequential model;
    NDArray x;
    NDArray y;

    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(0);
        x = rng.normal(DType.FLOAT32, 0, 1, BATCH, image, image, 1);
        y = rng.uniform(DType.INT32, 0, 10, BATCH);
        Layer.resetNames();
        model = new Sequential(
                Conv2D.builder(32, 3).padding(Padding.SAME).activation(Activation.RELU).inputShape(image, image, 1).build(),
                new MaxPooling2D(2),
                new Conv2D(64, 3, 1, Padding.SAME, Activation.RELU),
                new MaxPooling2D(2),
                new Flatten(),
                new Dropout(0.25),
                new Dense(10, Activation.SOFTMAX));
        model.compile(new Adam(0.002), new SparseCategoricalCrossentropy(false));
        model.setVerbose(0);
    }

    // PyTorch's baseline runs with torch.set_num_threads(1): the comparable figure.
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public double trainStep() {
        return model.trainOnBatch(x, y);
    }
}
