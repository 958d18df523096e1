package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.AddKernel;
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
 * {@code out = a + b}: the scalar twin against the SIMD body, for two arrays and for a broadcast right operand.
 * Sizes: 7 (below one 256-bit vector: pure tail), 1000 (L1-resident), 100003 (L2/L3, odd so the tail runs) and
 * 10000000 (DRAM: three 40 MB streams, memory-bound for both paths).
 */
// Average time per call answers "how long does one add of n elements take"; the size sweep gives throughput.
@BenchmarkMode(Mode.AverageTime)
// Nanoseconds keep the n = 7 figures readable; the 10M figures are still whole numbers.
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The Vector API must be compiled by C2 before it is fast; the defaults are generous, short runs pass -wi/-w.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// Two JVMs per benchmark: JIT decisions (unrolling, alignment pre-loops) vary between JVM runs and one fork would
// hide that variance. The forked JVM needs the incubator module as well.
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// One state per benchmark thread: the arrays are private and never shared across threads.
@State(Scope.Thread)
public class AddBenchmark {
    // Odd and non-power-of-two sizes so the scalar tail and cache boundaries show up, not just the best case.
    @Param({"7", "1000", "100003", "10000000"})
    int size;

    float[] a;
    float[] b;
    float[] out;
    float scalarB;

    // Trial level: filling 10M-element arrays per invocation would dwarf the add itself.
    @Setup
    public void setUp() {
        var rng = new SplittableRandom(42);
        a = new float[size];
        b = new float[size];
        out = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) rng.nextDouble();
            b[i] = (float) rng.nextDouble();
        }
        scalarB = 0.5f;
    }

    // Each method writes into the preallocated out and returns it, so the JIT cannot drop the work.
    @Benchmark
    public float[] scalar() {
        AddKernel.scalar(a, 0, b, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] simd() {
        AddKernel.simd(a, 0, b, 0, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] scalarBroadcastRight() {
        AddKernel.scalarBroadcastRight(a, 0, scalarB, out, 0, size);
        return out;
    }

    @Benchmark
    public float[] simdBroadcastRight() {
        AddKernel.simdBroadcastRight(a, 0, scalarB, out, 0, size);
        return out;
    }
}
