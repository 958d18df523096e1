package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start (issue 11, target 5): what a short program pays before the JIT has compiled the kernels. Each fork
 * is a fresh JVM that runs the loop once, so the figure includes class loading, the interpreter and the
 * compilers, and no warm-up: JMH's {@code SingleShotTime} with many forks. The arrays are made inside the
 * measured method on purpose: a short program makes its own.
 *
 * <p>Run {@code -f 10} or more: one shot per fork is noisy. {@code -jvmArgsAppend -Dvectorgrad.simd=false} gives the
 * scalar-twin row; {@code -jvmArgsAppend -Dvectorgrad.coldTwinElements=0} the row without the cold-start gate (SIMD
 * from the first call); {@code -jvmArgsAppend -XX:AOTCache=app.aot} a JDK 25 AOT cache's (see docs/PERFORMANCE.md).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class ColdStartBenchmark {

    /** 2000 × {add, exp, tanh, sum} on 1000 floats and a 32×32 matmul (numpy 2.4: about 12 ms). */
    @Benchmark
    public double smallOps() {
        Rng rng = Rng.seeded(0);
        NDArray a = rng.normal(DType.FLOAT32, 0, 1, 1000);
        NDArray b = rng.normal(DType.FLOAT32, 0, 1, 1000);
        NDArray m = rng.normal(DType.FLOAT32, 0, 1, 32, 32);
        double acc = 0;
        for (int i = 0; i < 2000; i++) {
            NDArray c = a.add(b);
            NDArray e = c.exp();
            NDArray t = e.tanh();
            acc += t.sum().item();
            acc += m.matmul(m).getDouble(0, 0);
        }
        return acc;
    }

    /** 1000 trainOnBatch steps of a 4-10-10-3 ReLU MLP on a batch of 32 (PyTorch 1.13 eager: about 255 ms). */
    @Benchmark
    public double irisSteps() {
        Rng rng = Rng.seeded(0);
        NDArray x = rng.normal(DType.FLOAT32, 0, 1, 32, 4);
        NDArray y = rng.uniform(DType.INT32, 0, 3, 32);
        Layer.resetNames();
        Sequential model = new Sequential(new Dense(10, Activation.RELU, 4), new Dense(10, Activation.RELU, 10),
                new Dense(3, Activation.LINEAR, 10));
        model.setVerbose(0);
        model.compile(new SGD(0.01), new SparseCategoricalCrossentropy(true));
        double loss = 0;
        for (int i = 0; i < 1000; i++) {
            loss = model.trainOnBatch(x, y);
        }
        return loss;
    }
}
