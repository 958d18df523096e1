package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.matmul.Gemm;
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
 * GEMM at the two large products of a 784-128-10 training step (batch 128), in float and double, with the operands
 * laid out as the step has them: {@code xW1} is x (128 × 784, row-major) times W1 (784 × 128), the forward product;
 * {@code xTdH} is xᵀ, a transposed view of the same x (784 × 128, column stride 784), times dH (128 × 128), W1's
 * gradient. NumPy's twins ({@code x @ w1}, {@code x.T @ dh}, into a preallocated result) are the {@code gemm.mlpProduct}
 * cases of jmh/baselines/numpy_cases.py; OpenBLAS gets the transpose as a flag, not a copy, as Gemm gets strides.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class MlpGemmBenchmark {
    private static final int BATCH = 128;
    private static final int IN = 784;
    private static final int HIDDEN = 128;

    @Param({"xW1", "xTdH"})
    String product;

    @Param({"float", "double"})
    String dtype;

    private boolean f32;
    private boolean forward;
    private float[] xf, wf, hf, cf;
    private double[] xd, wd, hd, cd;

    @Setup
    public void setUp() {
        f32 = dtype.equals("float");
        forward = product.equals("xW1");
        var rng = new SplittableRandom(0);
        xd = new double[BATCH * IN];
        wd = new double[IN * HIDDEN];
        hd = new double[BATCH * HIDDEN];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < wd.length; i++) {
            wd[i] = rng.nextDouble(-0.05, 0.05);
        }
        for (int i = 0; i < hd.length; i++) {
            hd[i] = rng.nextDouble(-0.01, 0.01);
        }
        cd = new double[IN * HIDDEN];
        xf = toFloat(xd);
        wf = toFloat(wd);
        hf = toFloat(hd);
        cf = new float[IN * HIDDEN];
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** One thread: compared with OpenBLAS on one thread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dvectorgrad.threads=1"})
    public Object simd() {
        return multiply();
    }

    /** Every kernel thread (one per available processor): compared with OpenBLAS on every core. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
    public Object simdThreads() {
        return multiply();
    }

    private Object multiply() {
        if (f32) {
            if (forward) {
                Gemm.run(BATCH, HIDDEN, IN, xf, 0, IN, 1, wf, 0, HIDDEN, 1, cf, 0, HIDDEN);
            } else {
                Gemm.run(IN, HIDDEN, BATCH, xf, 0, 1, IN, hf, 0, HIDDEN, 1, cf, 0, HIDDEN);
            }
            return cf;
        }
        if (forward) {
            Gemm.run(BATCH, HIDDEN, IN, xd, 0, IN, 1, wd, 0, HIDDEN, 1, cd, 0, HIDDEN);
        } else {
            Gemm.run(IN, HIDDEN, BATCH, xd, 0, 1, IN, hd, 0, HIDDEN, 1, cd, 0, HIDDEN);
        }
        return cd;
    }
}
