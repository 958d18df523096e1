package dev.vectorgrad.bench;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
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
 * The same operations as the kernel benchmarks, called through {@link NDArray}: shape checks,
 * broadcasting, dispatch and the allocation of the result are all in the figure, as they are in
 * NumPy's {@code a + b}. The difference to the raw-kernel benchmarks is the per-call overhead a user pays.
 */
// Time per call, comparable to numpy_baseline.py's "add_alloc" (which also allocates its result).
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Short iterations are enough: every call is independent and the results converge quickly.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// The forked JVM needs the incubator module, and no tape is open: this measures the no-autodiff path.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class NDArrayBenchmark {
    // 1000 is where per-call overhead dominates (the "5x NumPy at n = 1000" target); the larger
    // sizes show that dispatch costs nothing once the kernel does real work.
    @Param({"1000", "100000", "10000000"})
    int size;

    NDArray a;
    NDArray b;
    NDArray c;
    NDArray matrix;

    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(42);
        a = rng.uniform(DType.FLOAT32, -1, 1, size);
        b = rng.uniform(DType.FLOAT32, -1, 1, size);
        c = rng.uniform(DType.FLOAT32, 0, 1, size);
        // a square-ish matrix of the same size, read transposed: the strided walk, not a copy
        int rows = (int) Math.sqrt(size);
        matrix = rng.uniform(DType.FLOAT32, -1, 1, rows, size / rows);
    }

    @Benchmark
    public NDArray add() {
        return a.add(b);
    }

    /** {@code a * b + c} as two NDArray ops (NumPy's "fma" row is also two ufuncs). */
    @Benchmark
    public NDArray mulAdd() {
        return a.mul(b).add(c);
    }

    @Benchmark
    public NDArray addScalar() {
        return a.add(0.5);
    }

    @Benchmark
    public NDArray exp() {
        return a.exp();
    }

    @Benchmark
    public NDArray tanh() {
        return a.tanh();
    }

    @Benchmark
    public NDArray sum() {
        return a.sum();
    }

    @Benchmark
    public NDArray max() {
        return a.max();
    }

    /** Vector·vector matmul is NumPy's {@code np.dot(a, b)}. */
    @Benchmark
    public NDArray dot() {
        return a.matmul(b);
    }

    /** Column sums: an outer-axis reduction, done as vertical adds of rows. */
    @Benchmark
    public NDArray sumAxis0() {
        return matrix.sum(false, 0);
    }

    /** Adding a transposed view: the strided walk gathers one run at a time. */
    @Benchmark
    public NDArray addTransposed() {
        return matrix.transpose().add(matrix.transpose());
    }
}
