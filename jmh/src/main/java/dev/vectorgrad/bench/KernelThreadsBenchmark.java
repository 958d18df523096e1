package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.reduce.SumKernel;
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
 * What splitting one call across two kernel threads costs: {@code split} sums two halves of an array as two
 * {@link KernelThreads#parallelFor} tasks, {@code inline} sums the same halves one after the other on the caller.
 * With free hand-offs split takes half of inline; {@code split - inline / 2} is the hand-off's price, the figure
 * that decides below which size a kernel keeps one thread. Both forks run with two kernel threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=2"})
@State(Scope.Thread)
public class KernelThreadsBenchmark {
    // per task: ~0.1 µs, ~1 µs, ~10 µs and ~100 µs of summing
    @Param({"1000", "10000", "100000", "1000000"})
    int perTask;

    float[] data;
    final double[] sums = new double[2];

    @Setup
    public void setUp() {
        data = new float[2 * perTask];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i % 17) * 0.25f;
        }
    }

    @Benchmark
    public double split() {
        KernelThreads.parallelFor(2, t -> sums[t] = SumKernel.run(data, t * perTask, perTask));
        return sums[0] + sums[1];
    }

    @Benchmark
    public double inline() {
        for (int t = 0; t < 2; t++) {
            sums[t] = SumKernel.run(data, t * perTask, perTask);
        }
        return sums[0] + sums[1];
    }
}
