package dev.vectorgrad.bench;

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
 * What {@link ManipulationBenchmark} and {@link ScanSortBenchmark} rows would cost without vectorgrad: the
 * fresh result buffer alone ({@code allocate}), and the same copies and scan as plain loops into a buffer
 * allocated once. Run in the same JMH run as those two, they split an op's time into the allocation tax,
 * the copy itself and the rest (dispatch, index checks, temporaries); {@code -prof gc} adds bytes per op.
 * No NumPy counterpart: the baseline scripts skip this class.
 *
 * <p>{@code ./mvnw -q -f jmh exec:exec -Djmh.args="'CopyCost|Manipulation|ScanSort' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"}
 */
// time per call, as the NDArray rows report it
@BenchmarkMode(Mode.AverageTime)
// microseconds: the unit of the ScanSort rows, readable at both sizes
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class CopyCostBenchmark {
    /** Floats in each result, as in the NDArray rows. */
    @Param({"1000", "100000"})
    int size;

    float[] table;
    int[] rowIds;
    float[] half1;
    float[] half2;
    float[] x;
    float[] out;

    /** The shapes of ManipulationBenchmark's embedding lookup and concat, and ScanSortBenchmark's vector. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        int width = 16;
        table = new float[4 * size];
        for (int i = 0; i < table.length; i++) table[i] = (float) rng.nextDouble(-1, 1);
        rowIds = new int[size / width];
        for (int i = 0; i < rowIds.length; i++) rowIds[i] = rng.nextInt(4 * size / width);
        half1 = new float[size / 2];
        half2 = new float[size / 2];
        x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) rng.nextDouble(-1, 1);
        out = new float[size];
    }

    /** The allocation tax: a fresh, zeroed result of {@code size} floats and nothing else. */
    @Benchmark
    public float[] allocate() {
        return new float[size];
    }

    /** The embedding lookup's copy alone: 16 floats per index into a buffer that already exists. */
    @Benchmark
    public float[] gatherRowsIntoExisting() {
        for (int j = 0; j < rowIds.length; j++) {
            int from = rowIds[j] * 16, to = j * 16;
            for (int t = 0; t < 16; t++) out[to + t] = table[from + t];
        }
        return out;
    }

    /** The 1-D concat's copy alone: two arraycopies into a buffer that already exists. */
    @Benchmark
    public float[] concatIntoExisting() {
        System.arraycopy(half1, 0, out, 0, half1.length);
        System.arraycopy(half2, 0, out, half1.length, half2.length);
        return out;
    }

    /** The 1-D cumsum's scan alone: the sequential float fold into a buffer that already exists. */
    @Benchmark
    public float[] cumsumIntoExisting() {
        float acc = 0;
        for (int i = 0; i < size; i++) {
            acc += x[i];
            out[i] = acc;
        }
        return out;
    }
}
