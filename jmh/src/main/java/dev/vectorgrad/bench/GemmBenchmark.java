package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.matmul.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
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
 * Square SGEMM / DGEMM {@code C = A·B} (n × n, row-major): vectorgrad's {@link Gemm} on one thread
 * and on all kernel threads, its scalar twin, and EJML's {@code CommonOps_xDRM.mult} as the JVM
 * baseline in the same run. GFLOP/s = 2n³ / time.
 *
 * <pre>
 * ./mvnw -q install -DskipTests && ./mvnw -q -f jmh package
 * ./mvnw -q -f jmh exec:exec -Djmh.args="GemmBenchmark.(simd|ejml) -rf json -rff target/gemm.json"
 * ./mvnw -q -f jmh exec:exec -Djmh.args="GemmBenchmark.scalar -p n=64,256"   # scalar: n ≤ 256 only
 * </pre>
 * exec:exec starts the forks with the JDK 25 that ./mvnw found ({@code java.home}); to choose another,
 * add {@code -jvm $JAVA_HOME/bin/java} to jmh.args.
 */
// average time per product: the figure a GFLOP/s rate is computed from
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
// n = 2048 takes ~0.1-0.5 s per product: a few 2 s iterations hold enough calls to average
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GemmBenchmark {

    @Param({"64", "256", "1024", "2048"})
    int n;

    @Param({"float", "double"})
    String dtype;

    private boolean f32;
    private float[] af, bf, cf;
    private double[] ad, bd, cd;
    private FMatrixRMaj ejmlAf, ejmlBf, ejmlCf;
    private DMatrixRMaj ejmlAd, ejmlBd, ejmlCd;

    @Setup
    public void setUp() {
        f32 = dtype.equals("float");
        var rng = new SplittableRandom(42);
        ad = new double[n * n];
        bd = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            ad[i] = rng.nextDouble(-1, 1);
            bd[i] = rng.nextDouble(-1, 1);
        }
        cd = new double[n * n];
        af = new float[n * n];
        bf = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            af[i] = (float) ad[i];
            bf[i] = (float) bd[i];
        }
        cf = new float[n * n];
        ejmlAf = new FMatrixRMaj(n, n, true, af);
        ejmlBf = new FMatrixRMaj(n, n, true, bf);
        ejmlCf = new FMatrixRMaj(n, n);
        ejmlAd = new DMatrixRMaj(n, n, true, ad);
        ejmlBd = new DMatrixRMaj(n, n, true, bd);
        ejmlCd = new DMatrixRMaj(n, n);
    }

    /** One thread: the single-core figure that OpenBLAS with OPENBLAS_NUM_THREADS=1 is compared to. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dvectorgrad.threads=1")
    public Object simd() {
        if (f32) {
            Gemm.run(n, n, n, af, 0, n, 1, bf, 0, n, 1, cf, 0, n);
            return cf;
        }
        Gemm.run(n, n, n, ad, 0, n, 1, bd, 0, n, 1, cd, 0, n);
        return cd;
    }

    /** All kernel threads (default: one per available processor). */
    @Benchmark
    @Fork(1)
    public Object simdThreads() {
        if (f32) {
            Gemm.run(n, n, n, af, 0, n, 1, bf, 0, n, 1, cf, 0, n);
            return cf;
        }
        Gemm.run(n, n, n, ad, 0, n, 1, bd, 0, n, 1, cd, 0, n);
        return cd;
    }

    /** The reference triple loop; run it for n ≤ 256 only (n = 2048 takes minutes per call). */
    @Benchmark
    @Fork(1)
    public Object scalar() {
        if (f32) {
            Gemm.scalar(n, n, n, af, 0, n, 1, bf, 0, n, 1, cf, 0, n);
            return cf;
        }
        Gemm.scalar(n, n, n, ad, 0, n, 1, bd, 0, n, 1, cd, 0, n);
        return cd;
    }

    /** EJML 0.44 row-major dense multiply, single-threaded: the JVM baseline. */
    @Benchmark
    @Fork(1)
    public Object ejml() {
        if (f32) {
            CommonOps_FDRM.mult(ejmlAf, ejmlBf, ejmlCf);
            return ejmlCf;
        }
        CommonOps_DDRM.mult(ejmlAd, ejmlBd, ejmlCd);
        return ejmlCd;
    }
}
