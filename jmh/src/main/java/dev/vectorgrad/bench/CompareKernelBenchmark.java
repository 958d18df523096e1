package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.CompareKernel;
import dev.vectorgrad.kernels.elementwise.Comparison;
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
 * Every comparison kernel row ({@code op/dtype}), its scalar twin against its SIMD body, for two arrays and for a
 * broadcast right operand (NumPy's {@code a < 0.5}). One row per fork; the switch on the element type is decided
 * once per fork by the profile, so the figure is the kernel's.
 *
 * <p>Sizes: 7 (the tail alone at 256 bits), 1003 and 100003 (odd, so the tail runs). Offsets 0 and 3.
 */
// Time per call for a fixed n: comparable across rows and before/after a change.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Short by default: many rows. A before/after comparison passes more forks with -f.
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// The forked JVM needs the incubator module as well.
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class CompareKernelBenchmark {
    /** {@code op/dtype}: the comparison rows of the elementwise op table. */
    @Param({"eq/float32", "eq/float64", "eq/int32", "eq/int64", "ne/float32", "ne/float64", "ne/int32", "ne/int64",
        "lt/float32", "lt/float64", "lt/int32", "lt/int64", "le/float32", "le/float64", "le/int32", "le/int64",
        "gt/float32", "gt/float64", "gt/int32", "gt/int64", "ge/float32", "ge/float64", "ge/int32", "ge/int64"})
    String row;

    // Odd sizes so the scalar tail runs; 7 is all tail at 256 bits.
    @Param({"7", "1003", "100003"})
    int size;

    // A non-zero offset misaligns every operand, as a sliced view does.
    @Param({"0", "3"})
    int offset;

    Comparison c;
    int dtype;
    Object a;
    Object b;
    boolean[] out;

    @Setup
    public void setUp() {
        String op = row.substring(0, row.indexOf('/'));
        String t = row.substring(row.indexOf('/') + 1);
        c = Comparison.valueOf(op.toUpperCase(java.util.Locale.ROOT));
        dtype = java.util.List.of("float32", "float64", "int32", "int64").indexOf(t);
        a = Operands.array(t, size + offset, 1);
        b = Operands.array(t, size + offset, 2);
        out = new boolean[size + offset];
    }

    @Benchmark
    public boolean[] scalar() {
        switch (dtype) {
            case 0 -> CompareKernel.scalar(c, (float[]) a, offset, (float[]) b, offset, out, offset, size);
            case 1 -> CompareKernel.scalar(c, (double[]) a, offset, (double[]) b, offset, out, offset, size);
            case 2 -> CompareKernel.scalar(c, (int[]) a, offset, (int[]) b, offset, out, offset, size);
            case 3 -> CompareKernel.scalar(c, (long[]) a, offset, (long[]) b, offset, out, offset, size);
        }
        return out;
    }
    @Benchmark
    public boolean[] simd() {
        switch (dtype) {
            case 0 -> CompareKernel.simd(c, (float[]) a, offset, (float[]) b, offset, out, offset, size);
            case 1 -> CompareKernel.simd(c, (double[]) a, offset, (double[]) b, offset, out, offset, size);
            case 2 -> CompareKernel.simd(c, (int[]) a, offset, (int[]) b, offset, out, offset, size);
            case 3 -> CompareKernel.simd(c, (long[]) a, offset, (long[]) b, offset, out, offset, size);
        }
        return out;
    }
    @Benchmark
    public boolean[] scalarBroadcastRight() {
        switch (dtype) {
            case 0 -> CompareKernel.scalarBroadcastRight(c, (float[]) a, offset, ((float[]) b)[offset], out, offset,
                    size);
            case 1 -> CompareKernel.scalarBroadcastRight(c, (double[]) a, offset, ((double[]) b)[offset], out, offset,
                    size);
            case 2 -> CompareKernel.scalarBroadcastRight(c, (int[]) a, offset, ((int[]) b)[offset], out, offset,
                    size);
            case 3 -> CompareKernel.scalarBroadcastRight(c, (long[]) a, offset, ((long[]) b)[offset], out, offset,
                    size);
        }
        return out;
    }
    @Benchmark
    public boolean[] simdBroadcastRight() {
        switch (dtype) {
            case 0 -> CompareKernel.simdBroadcastRight(c, (float[]) a, offset, ((float[]) b)[offset], out, offset,
                    size);
            case 1 -> CompareKernel.simdBroadcastRight(c, (double[]) a, offset, ((double[]) b)[offset], out, offset,
                    size);
            case 2 -> CompareKernel.simdBroadcastRight(c, (int[]) a, offset, ((int[]) b)[offset], out, offset,
                    size);
            case 3 -> CompareKernel.simdBroadcastRight(c, (long[]) a, offset, ((long[]) b)[offset], out, offset,
                    size);
        }
        return out;
    }
}
