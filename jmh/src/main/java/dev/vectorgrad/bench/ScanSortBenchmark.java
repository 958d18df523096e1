package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.TopK;
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
 * Issue 9's scans and selections through {@link NDArray}, result allocated, as NumPy's {@code np.cumsum(x)},
 * {@code np.cumsum(m, axis=0)} and {@code torch.topk(x, 10)} / {@code np.argsort(-x)[:10]} on float32.
 *
 * <p>Quick run: {@code ./mvnw -q -f jmh exec:exec -Djmh.args="ScanSortBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s"}
 */
// time per call, as the NumPy baseline reports it
@BenchmarkMode(Mode.AverageTime)
// microseconds: both sizes stay readable
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// the forked JVM needs the incubator module too
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ScanSortBenchmark {
    // 1e3: per-call overhead shows; 1e5: the loops dominate
    @Param({"1000", "100000"})
    public int n;

    private NDArray x;
    private NDArray rows;

    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(42);
        x = rng.uniform(DType.FLOAT32, -1, 1, n);
        // the same element count as [n / 100, 100]: an axis-0 scan adds whole rows with the SIMD add kernel
        rows = x.reshape(n / 100, 100);
    }

    /** A sequential scan along the only axis. */
    @Benchmark public NDArray cumsum() { return x.cumsum(0); }

    /** A scan across rows: one vectorised row addition per step. */
    @Benchmark public NDArray cumsumAxis0() { return rows.cumsum(0); }

    /** The ten largest and their indices. */
    @Benchmark public TopK topK10() { return x.topK(10); }
}
