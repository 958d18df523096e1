package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.reduce.DotKernel;
import dev.vectorgrad.kernels.reduce.MaxKernel;
import dev.vectorgrad.kernels.reduce.SumKernel;
import java.util.SplittableRandom;
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
 * Float32 sum, max and dot: scalar twin against SIMD body, one call per invocation.
 *
 * <p>Compare with the {@code kernel} family of {@code jmh/baselines/numpy_cases.py}: divide the average
 * time by n for ns per element.
 */
// average time per call: the figure NumPy's baseline reports (per call, then per element)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one shared input per size: the kernels only read, and a 40 MB array should be allocated once
@State(Scope.Benchmark)
// the Vector API is an incubator module: every forked JVM needs it added
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// C2 must have compiled (and intrinsified) the vector loop before measuring
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReduceBenchmark {
    // odd sizes (a tail for every vector width), from call-overhead-bound up to memory-bound (40 MB)
    @Param({"7", "1000", "100003", "10000000"})
    int n;

    float[] x;
    float[] y;

    @Setup
    public void setUp() {
        var rng = new SplittableRandom(42);
        x = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
            y[i] = (float) (rng.nextDouble() * 2 - 1);
        }
    }

    // Each method returns its result so that JMH consumes it and C2 cannot remove the work; there is no
    // loop inside a method because JMH's own loop around it already repeats the call.

    @Benchmark
    public float sumScalar() {
        return SumKernel.scalar(x, 0, n);
    }

    @Benchmark
    public float sumSimd() {
        return SumKernel.simd(x, 0, n);
    }

    @Benchmark
    public float maxScalar() {
        return MaxKernel.scalar(x, 0, n);
    }

    @Benchmark
    public float maxSimd() {
        return MaxKernel.simd(x, 0, n);
    }

    @Benchmark
    public float dotScalar() {
        return DotKernel.scalar(x, 0, y, 0, n);
    }

    @Benchmark
    public float dotSimd() {
        return DotKernel.simd(x, 0, y, 0, n);
    }
}
