package dev.vectorgrad.kernels.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vectorgrad.kernels.Simd;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Neg, Abs, Square, Sqrt, Relu, Sign: IEEE-exact, so SIMD must match the scalar twin bit for bit. */
class UnaryIeeeKernelsTest {
    interface F32 { void apply(float[] x, int xOff, float[] out, int outOff, int n); }
    interface F64 { void apply(double[] x, int xOff, double[] out, int outOff, int n); }
    interface I32 { void apply(int[] x, int xOff, int[] out, int outOff, int n); }
    interface I64 { void apply(long[] x, int xOff, long[] out, int outOff, int n); }

    /** One kernel's three entry points for one element type; I64/I32 entries are null for Sqrt. */
    record Kernel(String name, F32 fScalar, F32 fSimd, F32 fRun, F64 dScalar, F64 dSimd, F64 dRun,
                  I32 iScalar, I32 iSimd, I32 iRun, I64 lScalar, I64 lSimd, I64 lRun) {
        @Override public String toString() { return name; }
    }

    static final List<Kernel> KERNELS = List.of(
            new Kernel("neg", NegKernel::scalar, NegKernel::simd, NegKernel::run, NegKernel::scalar, NegKernel::simd,
                    NegKernel::run, NegKernel::scalar, NegKernel::simd, NegKernel::run, NegKernel::scalar, NegKernel::simd,
                    NegKernel::run),
            new Kernel("abs", AbsKernel::scalar, AbsKernel::simd, AbsKernel::run, AbsKernel::scalar, AbsKernel::simd,
                    AbsKernel::run, AbsKernel::scalar, AbsKernel::simd, AbsKernel::run, AbsKernel::scalar, AbsKernel::simd,
                    AbsKernel::run),
            new Kernel("square", SquareKernel::scalar, SquareKernel::simd, SquareKernel::run, SquareKernel::scalar,
                    SquareKernel::simd, SquareKernel::run, SquareKernel::scalar, SquareKernel::simd, SquareKernel::run,
                    SquareKernel::scalar, SquareKernel::simd, SquareKernel::run),
            new Kernel("sqrt", SqrtKernel::scalar, SqrtKernel::simd, SqrtKernel::run, SqrtKernel::scalar,
                    SqrtKernel::simd, SqrtKernel::run, null, null, null, null, null, null),
            new Kernel("relu", ReluKernel::scalar, ReluKernel::simd, ReluKernel::run, ReluKernel::scalar,
                    ReluKernel::simd, ReluKernel::run, ReluKernel::scalar, ReluKernel::simd, ReluKernel::run,
                    ReluKernel::scalar, ReluKernel::simd, ReluKernel::run),
            new Kernel("sign", SignKernel::scalar, SignKernel::simd, SignKernel::run, SignKernel::scalar,
                    SignKernel::simd, SignKernel::run, SignKernel::scalar, SignKernel::simd, SignKernel::run,
                    SignKernel::scalar, SignKernel::simd, SignKernel::run));

    @Provide Arbitrary<Kernel> kernels() { return Arbitraries.of(KERNELS); }
    @Provide Arbitrary<Kernel> integerKernels() { return Arbitraries.of(KERNELS.stream().filter(k -> k.iSimd() != null).toList()); }
    @Provide Arbitrary<Integer> floatLengths() { return UnaryTestValues.lengths(Simd.F32.length()); }
    @Provide Arbitrary<Integer> doubleLengths() { return UnaryTestValues.lengths(Simd.F64.length()); }
    @Provide Arbitrary<Integer> intLengths() { return UnaryTestValues.lengths(Simd.I32.length()); }
    @Provide Arbitrary<Integer> longLengths() { return UnaryTestValues.lengths(Simd.I64.length()); }

    // raw bits, so NaN payloads and the sign of zero count; all NaNs map to one pattern because
    // Java does not pin which NaN an operation on NaN returns
    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.isNaN(v[i]) ? 0x7fc00000 : Float.floatToRawIntBits(v[i]);
        return b;
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(d -> Double.isNaN(d) ? 0x7ff8000000000000L : Double.doubleToRawLongBits(d)).toArray();
    }

    @Property
    void floatSimdMatchesScalarTwinBitForBit(@ForAll("kernels") Kernel k, @ForAll("floatLengths") int n,
            @ForAll @IntRange(max = 7) int xOff, @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        float[] x = UnaryTestValues.floats(new SplittableRandom(seed), xOff + n);
        float[] expected = new float[outOff + n], simd = new float[outOff + n], run = new float[outOff + n];
        k.fScalar().apply(x, xOff, expected, outOff, n);
        k.fSimd().apply(x, xOff, simd, outOff, n);
        k.fRun().apply(x, xOff, run, outOff, n);
        assertArrayEquals(bits(expected), bits(simd), () -> k + " simd n=" + n);
        assertArrayEquals(bits(expected), bits(run), () -> k + " run n=" + n);
        // in place: out aliases x at the same offset
        k.fSimd().apply(x, xOff, x, xOff, n);
        assertArrayEquals(bits(Arrays.copyOfRange(expected, outOff, outOff + n)),
                bits(Arrays.copyOfRange(x, xOff, xOff + n)), () -> k + " in place n=" + n);
    }

    @Property
    void doubleSimdMatchesScalarTwinBitForBit(@ForAll("kernels") Kernel k, @ForAll("doubleLengths") int n,
            @ForAll @IntRange(max = 7) int xOff, @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        double[] x = UnaryTestValues.doubles(new SplittableRandom(seed), xOff + n);
        double[] expected = new double[outOff + n], simd = new double[outOff + n], run = new double[outOff + n];
        k.dScalar().apply(x, xOff, expected, outOff, n);
        k.dSimd().apply(x, xOff, simd, outOff, n);
        k.dRun().apply(x, xOff, run, outOff, n);
        assertArrayEquals(bits(expected), bits(simd), () -> k + " simd n=" + n);
        assertArrayEquals(bits(expected), bits(run), () -> k + " run n=" + n);
        k.dSimd().apply(x, xOff, x, xOff, n);
        assertArrayEquals(bits(Arrays.copyOfRange(expected, outOff, outOff + n)),
                bits(Arrays.copyOfRange(x, xOff, xOff + n)), () -> k + " in place n=" + n);
    }

    @Property
    void intSimdMatchesScalarTwin(@ForAll("integerKernels") Kernel k, @ForAll("intLengths") int n,
            @ForAll @IntRange(max = 7) int xOff, @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        int[] x = UnaryTestValues.ints(new SplittableRandom(seed), xOff + n);
        int[] expected = new int[outOff + n], simd = new int[outOff + n], run = new int[outOff + n];
        k.iScalar().apply(x, xOff, expected, outOff, n);
        k.iSimd().apply(x, xOff, simd, outOff, n);
        k.iRun().apply(x, xOff, run, outOff, n);
        assertArrayEquals(expected, simd, () -> k + " simd n=" + n);
        assertArrayEquals(expected, run, () -> k + " run n=" + n);
        k.iSimd().apply(x, xOff, x, xOff, n);
        assertArrayEquals(Arrays.copyOfRange(expected, outOff, outOff + n), Arrays.copyOfRange(x, xOff, xOff + n));
    }

    @Property
    void longSimdMatchesScalarTwin(@ForAll("integerKernels") Kernel k, @ForAll("longLengths") int n,
            @ForAll @IntRange(max = 7) int xOff, @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        long[] x = UnaryTestValues.longs(new SplittableRandom(seed), xOff + n);
        long[] expected = new long[outOff + n], simd = new long[outOff + n], run = new long[outOff + n];
        k.lScalar().apply(x, xOff, expected, outOff, n);
        k.lSimd().apply(x, xOff, simd, outOff, n);
        k.lRun().apply(x, xOff, run, outOff, n);
        assertArrayEquals(expected, simd, () -> k + " simd n=" + n);
        assertArrayEquals(expected, run, () -> k + " run n=" + n);
        k.lSimd().apply(x, xOff, x, xOff, n);
        assertArrayEquals(Arrays.copyOfRange(expected, outOff, outOff + n), Arrays.copyOfRange(x, xOff, xOff + n));
    }

    /** Hand-computed answers, each value repeated over two vectors so the SIMD body, not only the tail, sees it. */
    private static float[] floatThrough(F32 kernel, float... values) {
        int reps = 2 * Simd.F32.length();
        float[] x = new float[values.length * reps], out = new float[x.length];
        for (int i = 0; i < x.length; i++) x[i] = values[i / reps];
        kernel.apply(x, 0, out, 0, x.length);
        float[] firstOfEach = new float[values.length];
        for (int v = 0; v < values.length; v++) {
            for (int r = 0; r < reps; r++) {
                assertThat(Float.floatToIntBits(out[v * reps + r])).isEqualTo(Float.floatToIntBits(out[v * reps]));
            }
            firstOfEach[v] = out[v * reps];
        }
        return firstOfEach;
    }

    @Example
    void knownAnswersForFloats() {
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        assertArrayEquals(new float[] {-2.5f, 0f, -0f, nan, -inf},
                floatThrough(NegKernel::simd, 2.5f, -0f, 0f, nan, inf));
        assertArrayEquals(new float[] {2.5f, 0f, inf}, floatThrough(AbsKernel::simd, -2.5f, -0f, -inf));
        assertArrayEquals(new float[] {6.25f, 0f, inf, 0f}, floatThrough(SquareKernel::simd, -2.5f, -0f, 1e20f, 1e-30f));
        assertArrayEquals(new float[] {3f, -0f, nan, inf, 1.4142135f},
                floatThrough(SqrtKernel::simd, 9f, -0f, -1f, inf, 2f));
        // relu(-0.0) = +0.0 by the documented choice; NaN passes through
        assertArrayEquals(new float[] {0f, 0f, 2f, nan, 0f},
                floatThrough(ReluKernel::simd, -3f, -0f, 2f, nan, -inf));
        assertThat(Float.floatToRawIntBits(floatThrough(ReluKernel::simd, -0f)[0])).isZero();
        assertArrayEquals(new float[] {-1f, 1f, 0f, -0f, nan, 1f, -1f},
                floatThrough(SignKernel::simd, -3f, Float.MIN_VALUE, 0f, -0f, nan, inf, -Float.MIN_VALUE));
    }

    @Example
    void knownAnswersForIntegers() {
        int n = 3 * Simd.I32.length() + 1;
        int[] x = new int[n], out = new int[n];
        Arrays.fill(x, -7);
        x[0] = Integer.MIN_VALUE;
        x[n - 1] = 5;
        AbsKernel.run(x, 0, out, 0, n);
        assertThat(out).startsWith(Integer.MIN_VALUE, 7).endsWith(7, 5);
        SignKernel.run(x, 0, out, 0, n);
        assertThat(out).startsWith(-1, -1).endsWith(-1, 1);
        ReluKernel.run(x, 0, out, 0, n);
        assertThat(out).startsWith(0, 0).endsWith(0, 5);
        SquareKernel.run(x, 0, out, 0, n);
        assertThat(out).startsWith(0, 49).endsWith(49, 25);   // MIN_VALUE^2 wraps to 0
        long[] lx = {Long.MIN_VALUE, -3, 0, 4, 4, 4, 4, 4, 4, 4, 4, 9};
        long[] lout = new long[lx.length];
        SignKernel.run(lx, 0, lout, 0, lx.length);
        assertThat(lout).startsWith(-1, -1, 0, 1).endsWith(1);
        NegKernel.run(lx, 0, lout, 0, lx.length);
        assertThat(lout).startsWith(Long.MIN_VALUE, 3, 0, -4).endsWith(-9);
    }
}
