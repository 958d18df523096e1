package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.ErfKernel;
import dev.vectorgrad.kernels.elementwise.ExpKernel;
import dev.vectorgrad.kernels.elementwise.GeluKernel;
import dev.vectorgrad.kernels.elementwise.GeluTanhKernel;
import dev.vectorgrad.kernels.elementwise.ReluKernel;
import dev.vectorgrad.kernels.elementwise.SigmoidKernel;
import dev.vectorgrad.kernels.elementwise.SoftplusKernel;
import dev.vectorgrad.kernels.elementwise.TanhKernel;
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
 * float32 unary kernels, scalar twin vs SIMD, writing into a preallocated array (as NumPy's {@code out=}).
 * Compare with the {@code kernel} family of {@code jmh/baselines/numpy_cases.py}, which draws x uniformly from
 * [-1, 1) as here; divide the reported time by {@code n} for ns per element.
 *
 * <p>Quick run: {@code ./mvnw -q -f jmh exec:exec -Djmh.args="UnaryBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s"}
 */
// average time per call is what the NumPy baseline reports too (median seconds per call)
@BenchmarkMode(Mode.AverageTime)
// microseconds keep the 7-element and the 10M-element results both readable
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// C2 must compile the vector loop before measuring: before that the Vector API runs boxed, 1000x slower. tanhSimd
// at n = 1000 (many vector ops, few loop trips per call) took over 5 s to get there on the loaded 2-core dev box
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
// the library needs the incubator module in the forked JVM too, not only in the JMH launcher
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
// one input and output per thread: no sharing, and the arrays are allocated outside the measurement
@State(Scope.Thread)
public class UnaryBenchmark {
    // 7: below one vector (pure dispatch + tail); 1000: in L1; 100003: L2-sized and not a multiple of the lanes;
    // 10000000: 80 MB of traffic per call, memory-bound
    @Param({"7", "1000", "100003", "10000000"})
    public int n;

    private float[] x;
    private float[] out;

    // Trial level: refilling the input per iteration would be measured as noise, and the kernels never modify it
    @Setup
    public void setUp() {
        var rng = new SplittableRandom(42);
        x = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rng.nextDouble() * 2 - 1);
    }

    // each method returns out so JMH consumes it and the JIT cannot drop the kernel as dead code

    @Benchmark public float[] expScalar() { ExpKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] expSimd() { ExpKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] tanhScalar() { TanhKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] tanhSimd() { TanhKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] sigmoidScalar() { SigmoidKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] sigmoidSimd() { SigmoidKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] reluScalar() { ReluKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] reluSimd() { ReluKernel.simd(x, 0, out, 0, n); return out; }

    // issue 9's activations: compare with scipy.special.erf, and torch.nn.functional.gelu / softplus on float32
    @Benchmark public float[] erfScalar() { ErfKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] erfSimd() { ErfKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] geluScalar() { GeluKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] geluSimd() { GeluKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] geluTanhScalar() { GeluTanhKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] geluTanhSimd() { GeluTanhKernel.simd(x, 0, out, 0, n); return out; }

    @Benchmark public float[] softplusScalar() { SoftplusKernel.scalar(x, 0, out, 0, n); return out; }
    @Benchmark public float[] softplusSimd() { SoftplusKernel.simd(x, 0, out, 0, n); return out; }
}
