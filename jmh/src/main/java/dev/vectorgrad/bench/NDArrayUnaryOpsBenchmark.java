package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * The simple unary rows ({@code op/dtype}) called through {@link NDArray}: dispatch and the result's allocation are
 * in the figure, for a contiguous array and for a transposed view (the strided walk hands the kernel short runs).
 */
// Time per call, result allocated, as NumPy's np.abs(a).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Short by default: many rows. A before/after comparison passes more forks with -f.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The forked JVM needs the incubator module, and no tape is open: this measures the no-autodiff path.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class NDArrayUnaryOpsBenchmark {
    /** {@code op/dtype}: simple unary rows of the elementwise op table (sqrt only for floats). */
    @Param({"neg/float32", "neg/int32", "abs/float32", "abs/float64", "abs/int32", "abs/int64",
        "square/float32", "square/int64", "relu/float32", "relu/float64", "sign/float32", "sign/int32",
        "sqrt/float32", "sqrt/float64"})
    String row;

    // 1000 is where per-call overhead dominates; 100000 where the kernel does.
    @Param({"1000", "100000"})
    int size;

    UnaryOperator<NDArray> op;
    NDArray a;
    NDArray matrix;

    @Setup
    public void setUp() {
        String name = row.substring(0, row.indexOf('/'));
        DType t = DType.valueOf(row.substring(row.indexOf('/') + 1).toUpperCase(Locale.ROOT));
        op = switch (name) {
            case "neg" -> NDArray::neg;
            case "abs" -> NDArray::abs;
            case "square" -> NDArray::square;
            case "relu" -> NDArray::relu;
            case "sign" -> NDArray::sign;
            case "sqrt" -> NDArray::sqrt;
            default -> throw new IllegalArgumentException("no NDArray row " + row);
        };
        Rng rng = Rng.seeded(42);
        // sqrt gets non-negative inputs so its figure is not the NaN path's
        double lo = name.equals("sqrt") ? 0 : -50;
        a = rng.uniform(t, lo, 50, size);
        matrix = rng.uniform(t, lo, 50, size / 100, 100);
    }

    /** One contiguous run. */
    @Benchmark
    public NDArray contiguous() {
        return op.apply(a);
    }

    /** A transposed view: runs of 1 along the fast axis, gathered by the strided walk. */
    @Benchmark
    public NDArray transposed() {
        return op.apply(matrix.transpose());
    }
}
