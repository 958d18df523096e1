package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.AddKernel;
import dev.vectorgrad.kernels.elementwise.DivKernel;
import dev.vectorgrad.kernels.elementwise.MaximumKernel;
import dev.vectorgrad.kernels.elementwise.MinimumKernel;
import dev.vectorgrad.kernels.elementwise.MulKernel;
import dev.vectorgrad.kernels.elementwise.SubKernel;
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
 * Every elementwise binary kernel row ({@code op/dtype}), its scalar twin against its SIMD body, for two arrays and
 * for each broadcast operand. One row per fork, so each call site below sees one kernel and C2 inlines it: the
 * figure is the kernel's, not the binding's.
 *
 * <p>Sizes: 7 (below one 256-bit vector: the tail alone), 1003 (L1-resident, odd so the tail runs) and 100003
 * (L2/L3). Offsets 0 and 3 start the operands off the array's first element, as views of an NDArray do.
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
public class BinaryKernelBenchmark {
    /** {@code op/dtype}: the rows of the elementwise op table that have a binary kernel. */
    @Param({"add/float32", "add/float64", "add/int32", "add/int64",
        "sub/float32", "sub/float64", "sub/int32", "sub/int64",
        "mul/float32", "mul/float64", "mul/int32", "mul/int64",
        "div/float32", "div/float64",
        "maximum/float32", "maximum/float64", "maximum/int32", "maximum/int64",
        "minimum/float32", "minimum/float64", "minimum/int32", "minimum/int64"})
    String row;

    // Odd sizes so the scalar tail runs; 7 is all tail at 256 bits.
    @Param({"7", "1003", "100003"})
    int size;

    // A non-zero offset misaligns every operand, as a sliced view does.
    @Param({"0", "3"})
    int offset;

    Operands.Binary k;
    Object a;
    Object b;
    Object out;

    @Setup
    public void setUp() {
        k = bind(row);
        String dtype = row.substring(row.indexOf('/') + 1);
        a = Operands.array(dtype, size + offset, 1);
        b = Operands.array(dtype, size + offset, 2);
        out = Operands.array(dtype, size + offset, 3);
    }

    // Each method returns out, so the JIT cannot drop the work.
    @Benchmark
    public Object scalar() {
        k.scalar(a, offset, b, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object simd() {
        k.simd(a, offset, b, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object scalarBroadcastRight() {
        k.scalarRight(a, offset, b, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object simdBroadcastRight() {
        k.simdRight(a, offset, b, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object scalarBroadcastLeft() {
        k.scalarLeft(a, offset, b, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object simdBroadcastLeft() {
        k.simdLeft(a, offset, b, offset, out, offset, size);
        return out;
    }

    private static Operands.Binary bind(String row) {
        return switch (row) {
            case "add/float32" -> Operands.f32(AddKernel::scalar, AddKernel::simd, AddKernel::scalarBroadcastRight,
                    AddKernel::simdBroadcastRight, AddKernel::scalarBroadcastLeft, AddKernel::simdBroadcastLeft);
            case "add/float64" -> Operands.f64(AddKernel::scalar, AddKernel::simd, AddKernel::scalarBroadcastRight,
                    AddKernel::simdBroadcastRight, AddKernel::scalarBroadcastLeft, AddKernel::simdBroadcastLeft);
            case "add/int32" -> Operands.i32(AddKernel::scalar, AddKernel::simd, AddKernel::scalarBroadcastRight,
                    AddKernel::simdBroadcastRight, AddKernel::scalarBroadcastLeft, AddKernel::simdBroadcastLeft);
            case "add/int64" -> Operands.i64(AddKernel::scalar, AddKernel::simd, AddKernel::scalarBroadcastRight,
                    AddKernel::simdBroadcastRight, AddKernel::scalarBroadcastLeft, AddKernel::simdBroadcastLeft);
            case "sub/float32" -> Operands.f32(SubKernel::scalar, SubKernel::simd, SubKernel::scalarBroadcastRight,
                    SubKernel::simdBroadcastRight, SubKernel::scalarBroadcastLeft, SubKernel::simdBroadcastLeft);
            case "sub/float64" -> Operands.f64(SubKernel::scalar, SubKernel::simd, SubKernel::scalarBroadcastRight,
                    SubKernel::simdBroadcastRight, SubKernel::scalarBroadcastLeft, SubKernel::simdBroadcastLeft);
            case "sub/int32" -> Operands.i32(SubKernel::scalar, SubKernel::simd, SubKernel::scalarBroadcastRight,
                    SubKernel::simdBroadcastRight, SubKernel::scalarBroadcastLeft, SubKernel::simdBroadcastLeft);
            case "sub/int64" -> Operands.i64(SubKernel::scalar, SubKernel::simd, SubKernel::scalarBroadcastRight,
                    SubKernel::simdBroadcastRight, SubKernel::scalarBroadcastLeft, SubKernel::simdBroadcastLeft);
            case "mul/float32" -> Operands.f32(MulKernel::scalar, MulKernel::simd, MulKernel::scalarBroadcastRight,
                    MulKernel::simdBroadcastRight, MulKernel::scalarBroadcastLeft, MulKernel::simdBroadcastLeft);
            case "mul/float64" -> Operands.f64(MulKernel::scalar, MulKernel::simd, MulKernel::scalarBroadcastRight,
                    MulKernel::simdBroadcastRight, MulKernel::scalarBroadcastLeft, MulKernel::simdBroadcastLeft);
            case "mul/int32" -> Operands.i32(MulKernel::scalar, MulKernel::simd, MulKernel::scalarBroadcastRight,
                    MulKernel::simdBroadcastRight, MulKernel::scalarBroadcastLeft, MulKernel::simdBroadcastLeft);
            case "mul/int64" -> Operands.i64(MulKernel::scalar, MulKernel::simd, MulKernel::scalarBroadcastRight,
                    MulKernel::simdBroadcastRight, MulKernel::scalarBroadcastLeft, MulKernel::simdBroadcastLeft);
            case "div/float32" -> Operands.f32(DivKernel::scalar, DivKernel::simd, DivKernel::scalarBroadcastRight,
                    DivKernel::simdBroadcastRight, DivKernel::scalarBroadcastLeft, DivKernel::simdBroadcastLeft);
            case "div/float64" -> Operands.f64(DivKernel::scalar, DivKernel::simd, DivKernel::scalarBroadcastRight,
                    DivKernel::simdBroadcastRight, DivKernel::scalarBroadcastLeft, DivKernel::simdBroadcastLeft);
            case "maximum/float32" -> Operands.f32(MaximumKernel::scalar, MaximumKernel::simd,
                    MaximumKernel::scalarBroadcastRight, MaximumKernel::simdBroadcastRight,
                    MaximumKernel::scalarBroadcastLeft, MaximumKernel::simdBroadcastLeft);
            case "maximum/float64" -> Operands.f64(MaximumKernel::scalar, MaximumKernel::simd,
                    MaximumKernel::scalarBroadcastRight, MaximumKernel::simdBroadcastRight,
                    MaximumKernel::scalarBroadcastLeft, MaximumKernel::simdBroadcastLeft);
            case "maximum/int32" -> Operands.i32(MaximumKernel::scalar, MaximumKernel::simd,
                    MaximumKernel::scalarBroadcastRight, MaximumKernel::simdBroadcastRight,
                    MaximumKernel::scalarBroadcastLeft, MaximumKernel::simdBroadcastLeft);
            case "maximum/int64" -> Operands.i64(MaximumKernel::scalar, MaximumKernel::simd,
                    MaximumKernel::scalarBroadcastRight, MaximumKernel::simdBroadcastRight,
                    MaximumKernel::scalarBroadcastLeft, MaximumKernel::simdBroadcastLeft);
            case "minimum/float32" -> Operands.f32(MinimumKernel::scalar, MinimumKernel::simd,
                    MinimumKernel::scalarBroadcastRight, MinimumKernel::simdBroadcastRight,
                    MinimumKernel::scalarBroadcastLeft, MinimumKernel::simdBroadcastLeft);
            case "minimum/float64" -> Operands.f64(MinimumKernel::scalar, MinimumKernel::simd,
                    MinimumKernel::scalarBroadcastRight, MinimumKernel::simdBroadcastRight,
                    MinimumKernel::scalarBroadcastLeft, MinimumKernel::simdBroadcastLeft);
            case "minimum/int32" -> Operands.i32(MinimumKernel::scalar, MinimumKernel::simd,
                    MinimumKernel::scalarBroadcastRight, MinimumKernel::simdBroadcastRight,
                    MinimumKernel::scalarBroadcastLeft, MinimumKernel::simdBroadcastLeft);
            case "minimum/int64" -> Operands.i64(MinimumKernel::scalar, MinimumKernel::simd,
                    MinimumKernel::scalarBroadcastRight, MinimumKernel::simdBroadcastRight,
                    MinimumKernel::scalarBroadcastLeft, MinimumKernel::simdBroadcastLeft);
            default -> throw new IllegalArgumentException("no binary kernel row " + row);
        };
    }
}
