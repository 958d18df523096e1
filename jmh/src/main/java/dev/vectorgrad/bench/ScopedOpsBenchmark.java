package dev.vectorgrad.bench;

import dev.vectorgrad.ArrayScope;
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
 * Issue 11's allocation and transcendental rows: each call opens an {@code NDArray.scope()}, runs the op, reads one element of the result
 * (which checks the array is live) and closes the scope, so from the second call on the result lands in the buffer the
 * previous call released, still in the cache. NumPy's ufunc allocates its result too, and its {@code malloc} hands back
 * the block just freed: the fair comparison. {@code NDArrayBenchmark} has the same ops with a fresh result each call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class ScopedOpsBenchmark {
    // 100000: where issue 11 measured the allocation tax (smaller results are not pooled: they stay in the cache anyway)
    @Param({"100000"})
    int size;

    NDArray a;
    NDArray b;
    NDArray c;

    @Setup
    public void setUp() {
        Rng rng = Rng.seeded(42);
        a = rng.uniform(DType.FLOAT32, -1, 1, size);
        b = rng.uniform(DType.FLOAT32, -1, 1, size);
        c = rng.uniform(DType.FLOAT32, 0, 1, size);
    }

    @Benchmark
    public float add() {
        try (ArrayScope s = NDArray.scope()) {
            return a.add(b).getFloat(size - 1);
        }
    }

    @Benchmark
    public float mul() {
        try (ArrayScope s = NDArray.scope()) {
            return a.mul(b).getFloat(size - 1);
        }
    }

    /** {@code a * b + c} as two NDArray ops (NumPy's row is two ufuncs as well). */
    @Benchmark
    public float mulAdd() {
        try (ArrayScope s = NDArray.scope()) {
            return a.mul(b).add(c).getFloat(size - 1);
        }
    }

    @Benchmark
    public float exp() {
        try (ArrayScope s = NDArray.scope()) {
            return a.exp().getFloat(size - 1);
        }
    }

    @Benchmark
    public float tanh() {
        try (ArrayScope s = NDArray.scope()) {
            return a.tanh().getFloat(size - 1);
        }
    }

    @Benchmark
    public float sigmoid() {
        try (ArrayScope s = NDArray.scope()) {
            return a.sigmoid().getFloat(size - 1);
        }
    }

    @Benchmark
    public float relu() {
        try (ArrayScope s = NDArray.scope()) {
            return a.relu().getFloat(size - 1);
        }
    }

    /** On {@code c}, in [0, 1): log's domain. */
    @Benchmark
    public float log() {
        try (ArrayScope s = NDArray.scope()) {
            return c.log().getFloat(size - 1);
        }
    }

    /** Keras's default gelu (exact, through erf). */
    @Benchmark
    public float gelu() {
        try (ArrayScope s = NDArray.scope()) {
            return a.gelu().getFloat(size - 1);
        }
    }

    @Benchmark
    public float softplus() {
        try (ArrayScope s = NDArray.scope()) {
            return a.softplus().getFloat(size - 1);
        }
    }
}
