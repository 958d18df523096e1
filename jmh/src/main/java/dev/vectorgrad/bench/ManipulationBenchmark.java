package dev.vectorgrad.bench;

import dev.vectorgrad.ArrayScope;
import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.util.List;
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
 * The copying ops through {@link NDArray}, with {@code size} floats in the result, against NumPy's
 * {@code np.take} and {@code np.concatenate} (which also allocate): the bar for these is parity.
 * Gather comes in two shapes: embedding rows (one {@code arraycopy} per index) and single elements
 * (a typed loop), concat in two: whole arrays (one run each) and rows (one run per row and input).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ManipulationBenchmark {
    /** Floats in each result. */
    @Param({"1000", "100000"})
    int size;

    NDArray table;
    NDArray rowIds;
    NDArray vector;
    NDArray elementIds;
    NDArray half1;
    NDArray half2;
    NDArray rows1;
    NDArray rows2;

    /** Random tables and indices, seeded so every run gathers the same rows. */
    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(42);
        int width = 16;
        table = rng.uniform(DType.FLOAT32, -1, 1, 4 * size / width, width);
        rowIds = rng.uniform(DType.FLOAT32, 0, 4 * size / width, size / width).cast(DType.INT32);
        vector = rng.uniform(DType.FLOAT32, -1, 1, size);
        elementIds = rng.uniform(DType.FLOAT32, 0, size, size).cast(DType.INT32);
        half1 = rng.uniform(DType.FLOAT32, -1, 1, size / 2);
        half2 = rng.uniform(DType.FLOAT32, -1, 1, size / 2);
        rows1 = rng.uniform(DType.FLOAT32, -1, 1, size / 40, 20);
        rows2 = rng.uniform(DType.FLOAT32, -1, 1, size / 40, 20);
    }

    /** An embedding lookup: {@code size / 16} rows of 16 floats ({@code np.take(table, ids, axis=0)}). */
    @Benchmark
    public NDArray gatherRows() {
        return table.gather(rowIds, 0);
    }

    /** {@code size} single elements at random positions ({@code np.take(vector, ids)}). */
    @Benchmark
    public NDArray gatherElements() {
        return vector.gather(elementIds, 0);
    }

    /** Two 1-D halves end to end ({@code np.concatenate([a, b])}). */
    @Benchmark
    public NDArray concat() {
        return NDArray.concat(List.of(half1, half2), 0);
    }

    /** Two {@code [size/40, 20]} matrices side by side ({@code np.concatenate([a, b], axis=1)}). */
    @Benchmark
    public NDArray concatRows() {
        return NDArray.concat(List.of(rows1, rows2), 1);
    }

    // The same four ops with the result in an NDArray.scope(), as ScopedOpsBenchmark does for the elementwise ops:
    // from the second call on the result lands in the warm buffer the previous call released (issue 11's
    // allocation tax, separated from the copy itself). Each reads one element of its result.

    /** {@link #gatherRows} inside a scope. */
    @Benchmark
    public float scopedGatherRows() {
        try (ArrayScope s = NDArray.scope()) {
            return table.gather(rowIds, 0).getFloat(0, 0);
        }
    }

    /** {@link #gatherElements} inside a scope. */
    @Benchmark
    public float scopedGatherElements() {
        try (ArrayScope s = NDArray.scope()) {
            return vector.gather(elementIds, 0).getFloat(0);
        }
    }

    /** {@link #concat} inside a scope. */
    @Benchmark
    public float scopedConcat() {
        try (ArrayScope s = NDArray.scope()) {
            return NDArray.concat(List.of(half1, half2), 0).getFloat(0);
        }
    }

    /** {@link #concatRows} inside a scope. */
    @Benchmark
    public float scopedConcatRows() {
        try (ArrayScope s = NDArray.scope()) {
            return NDArray.concat(List.of(rows1, rows2), 1).getFloat(0, 0);
        }
    }
}
