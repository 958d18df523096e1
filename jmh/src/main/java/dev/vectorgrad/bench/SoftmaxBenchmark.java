package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.reduce.LogSoftmaxKernel;
import dev.vectorgrad.kernels.reduce.LogSumExpKernel;
import dev.vectorgrad.kernels.reduce.SoftmaxKernel;
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
 * Softmax, log-softmax and logSumExp of one float32 row: scalar twin against SIMD, per call.
 * A row of 10 is a classifier's logits (overhead-bound, below one 512-bit vector plus a tail);
 * a row of 1000 is ImageNet-sized (exp-bound).
 */
// time per row: the natural unit when the NDArray layer calls the kernel once per row
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// per-thread state: the softmax methods write into out
@State(Scope.Thread)
// the Vector API is an incubator module: every forked JVM needs it added
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// C2 must have compiled the vector exp before measuring
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SoftmaxBenchmark {
    @Param({"10", "1000"})
    int n;

    float[] x;
    float[] out;

    @Setup
    public void setUp() {
        var rng = new SplittableRandom(42);
        x = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 5);   // logits of a few units, as a trained classifier gives
        }
    }

    // Methods return the output (or the value) so JMH consumes the work; no loop inside a method,
    // JMH's own loop repeats the call.

    @Benchmark
    public float[] softmaxScalar() {
        SoftmaxKernel.scalar(x, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] softmaxSimd() {
        SoftmaxKernel.simd(x, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] logSoftmaxScalar() {
        LogSoftmaxKernel.scalar(x, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float[] logSoftmaxSimd() {
        LogSoftmaxKernel.simd(x, 0, out, 0, n);
        return out;
    }

    @Benchmark
    public float logSumExpScalar() {
        return LogSumExpKernel.scalar(x, 0, n);
    }

    @Benchmark
    public float logSumExpSimd() {
        return LogSumExpKernel.simd(x, 0, n);
    }
}
