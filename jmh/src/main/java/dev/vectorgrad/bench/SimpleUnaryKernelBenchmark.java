package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.elementwise.AbsKernel;
import dev.vectorgrad.kernels.elementwise.NegKernel;
import dev.vectorgrad.kernels.elementwise.ReluKernel;
import dev.vectorgrad.kernels.elementwise.SignKernel;
import dev.vectorgrad.kernels.elementwise.SqrtKernel;
import dev.vectorgrad.kernels.elementwise.SquareKernel;
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
 * Every simple unary kernel row ({@code op/dtype}: the ops whose SIMD body is one or two lane operations), its
 * scalar twin against its SIMD body. The transcendentals have their own {@link UnaryBenchmark}.
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
public class SimpleUnaryKernelBenchmark {
    /** {@code op/dtype}: the simple unary rows of the elementwise op table. */
    @Param({"neg/float32", "neg/float64", "neg/int32", "neg/int64", "abs/float32", "abs/float64", "abs/int32",
        "abs/int64", "square/float32", "square/float64", "square/int32", "square/int64", "relu/float32",
        "relu/float64", "relu/int32", "relu/int64", "sign/float32", "sign/float64", "sign/int32", "sign/int64",
        "sqrt/float32", "sqrt/float64"})
    String row;

    // Odd sizes so the scalar tail runs; 7 is all tail at 256 bits.
    @Param({"7", "1003", "100003"})
    int size;

    // A non-zero offset misaligns every operand, as a sliced view does.
    @Param({"0", "3"})
    int offset;

    Operands.Unary k;
    Object x;
    Object out;

    @Setup
    public void setUp() {
        k = bind(row);
        String dtype = row.substring(row.indexOf('/') + 1);
        x = Operands.array(dtype, size + offset, 1);
        out = Operands.array(dtype, size + offset, 3);
    }

    @Benchmark
    public Object scalar() {
        k.scalar(x, offset, out, offset, size);
        return out;
    }

    @Benchmark
    public Object simd() {
        k.simd(x, offset, out, offset, size);
        return out;
    }

    private static Operands.Unary bind(String row) {
        return switch (row) {
            case "neg/float32" -> Operands.f32(NegKernel::scalar, NegKernel::simd);
            case "neg/float64" -> Operands.f64(NegKernel::scalar, NegKernel::simd);
            case "neg/int32" -> Operands.i32(NegKernel::scalar, NegKernel::simd);
            case "neg/int64" -> Operands.i64(NegKernel::scalar, NegKernel::simd);
            case "abs/float32" -> Operands.f32(AbsKernel::scalar, AbsKernel::simd);
            case "abs/float64" -> Operands.f64(AbsKernel::scalar, AbsKernel::simd);
            case "abs/int32" -> Operands.i32(AbsKernel::scalar, AbsKernel::simd);
            case "abs/int64" -> Operands.i64(AbsKernel::scalar, AbsKernel::simd);
            case "square/float32" -> Operands.f32(SquareKernel::scalar, SquareKernel::simd);
            case "square/float64" -> Operands.f64(SquareKernel::scalar, SquareKernel::simd);
            case "square/int32" -> Operands.i32(SquareKernel::scalar, SquareKernel::simd);
            case "square/int64" -> Operands.i64(SquareKernel::scalar, SquareKernel::simd);
            case "relu/float32" -> Operands.f32(ReluKernel::scalar, ReluKernel::simd);
            case "relu/float64" -> Operands.f64(ReluKernel::scalar, ReluKernel::simd);
            case "relu/int32" -> Operands.i32(ReluKernel::scalar, ReluKernel::simd);
            case "relu/int64" -> Operands.i64(ReluKernel::scalar, ReluKernel::simd);
            case "sign/float32" -> Operands.f32(SignKernel::scalar, SignKernel::simd);
            case "sign/float64" -> Operands.f64(SignKernel::scalar, SignKernel::simd);
            case "sign/int32" -> Operands.i32(SignKernel::scalar, SignKernel::simd);
            case "sign/int64" -> Operands.i64(SignKernel::scalar, SignKernel::simd);
            case "sqrt/float32" -> Operands.f32(SqrtKernel::scalar, SqrtKernel::simd);
            case "sqrt/float64" -> Operands.f64(SqrtKernel::scalar, SqrtKernel::simd);
            default -> throw new IllegalArgumentException("no unary kernel row " + row);
        };
    }
}
