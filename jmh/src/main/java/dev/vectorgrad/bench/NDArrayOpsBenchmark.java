package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
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
 * The elementwise binary and comparison rows ({@code op/dtype}) called through {@link NDArray}: shape checks,
 * broadcasting, dispatch to the kernel and the result's allocation are all in the figure. Three operand shapes
 * reach the kernel's three entry points: two arrays of one shape ({@code run}), an array and a 0-d scalar
 * ({@code runBroadcastRight}), and a matrix plus a row ({@code runBroadcastRight}'s stride-0 column, or one
 * contiguous run per row).
 */
// Time per call, result allocated, as NumPy's a + b.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Short by default: many rows. A before/after comparison passes more forks with -f.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The forked JVM needs the incubator module, and no tape is open: this measures the no-autodiff path.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class NDArrayOpsBenchmark {
    /** {@code op/dtype}: binary and comparison rows of the elementwise op table (div only for floats). */
    @Param({"add/float32", "add/float64", "add/int32", "add/int64",
        "sub/float32", "sub/float64", "sub/int32", "sub/int64",
        "mul/float32", "mul/float64", "mul/int32", "mul/int64",
        "div/float32", "div/float64",
        "maximum/float32", "maximum/float64", "maximum/int32", "maximum/int64",
        "minimum/float32", "minimum/float64", "minimum/int32", "minimum/int64",
        "lt/float32", "lt/float64", "lt/int32", "lt/int64",
        "eq/float32", "eq/float64", "eq/int32", "eq/int64"})
    String row;

    // 1000 is where per-call overhead dominates; 100000 where the kernel does. Rows of 100 for the matrix case.
    @Param({"1000", "100000"})
    int size;

    BinaryOperator<NDArray> op;
    NDArray a;
    NDArray b;
    NDArray scalar;
    NDArray matrix;
    NDArray matrixRow;

    @Setup
    public void setUp() {
        String name = row.substring(0, row.indexOf('/'));
        DType t = DType.valueOf(row.substring(row.indexOf('/') + 1).toUpperCase(Locale.ROOT));
        op = switch (name) {
            case "add" -> NDArray::add;
            case "sub" -> NDArray::sub;
            case "mul" -> NDArray::mul;
            case "div" -> NDArray::div;
            case "maximum" -> NDArray::maximum;
            case "minimum" -> NDArray::minimum;
            case "lt" -> NDArray::lt;
            case "eq" -> NDArray::eq;
            default -> throw new IllegalArgumentException("no NDArray row " + row);
        };
        Rng rng = Rng.seeded(42);
        // Integers in [-50, 50), floats in [1, 2) so div never meets 0: every row does ordinary arithmetic.
        double lo = t.isFloating() ? 1 : -50;
        double hi = t.isFloating() ? 2 : 50;
        a = rng.uniform(t, lo, hi, size);
        b = rng.uniform(t, lo, hi, size);
        scalar = rng.uniform(t, lo, hi);
        matrix = rng.uniform(t, lo, hi, size / 100, 100);
        matrixRow = rng.uniform(t, lo, hi, 100);
    }

    /** Two arrays of one shape: one contiguous run. */
    @Benchmark
    public NDArray arrays() {
        return op.apply(a, b);
    }

    /** Array and 0-d scalar of the same dtype: the right operand is broadcast. */
    @Benchmark
    public NDArray scalarRight() {
        return op.apply(a, scalar);
    }

    /** 0-d scalar and array: the left operand is broadcast. */
    @Benchmark
    public NDArray scalarLeft() {
        return op.apply(scalar, a);
    }

    /** {@code (size/100, 100) op (100,)}: NumPy's row broadcast, a bias add. */
    @Benchmark
    public NDArray broadcastRow() {
        return op.apply(matrix, matrixRow);
    }
}
