package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.AxpyKernel;
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
 * {@code out = fma(alpha, x, y)}: the {@link Math#fma} scalar twin against the fused lanes.
 * Same sizes as {@link AddBenchmark}: pure tail, L1, L2/L3 with an odd tail, and DRAM-bound.
 */
// Average time per call answers "how long does one axpy of n elements take"; the size sweep gives throughput.
@BenchmarkMode(Mode.AverageTime)
// Nanoseconds keep the n = 7 figures readable.
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The Vector API must be compiled by C2 before it is fast; short runs override with -wi/-w.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// Two JVMs per benchmark: JIT decisions (unrolling, alignment pre-loops) vary between JVM runs and one fork would
// hide that variance. The forked JVM needs the incubator module as well.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// One state per benchmark thread: the arrays are private and never shared across threads.
@State(Scope.Thread)
public class AxpyBenchmark {
    // Odd and non-power-of-two sizes so the scalar tail and cache boundaries show up, not just the best case.
    @Param({"7", "1000", "100003", "10000000"})
    int size;

    float alpha;
    float[] x;
    float[] y;
    float[] out;

    // Trial level: filling 10M-element arrays per invocation would dwarf the axpy itself.
    @Setup
    public void setUp() {
        var rng = new SplittableRandom(42);
        alpha = 0.75f;
        x = new float[size];
        y = new float[size];
        out = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextDouble();
            y[i] = (float) rng.nextDouble();
        }
    }

    // Each method writes into the preallocated out and returns it, so the JIT cannot drop the work.
    @Benchmark
    public float[] scalar() {
        AxpyKernel.scalar(alpha, x, 0, y, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] simd() {
        AxpyKernel.simd(alpha, x, 0, y, 0, out, 0, size);
        return out;
    }
}
