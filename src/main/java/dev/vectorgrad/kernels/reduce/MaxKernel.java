package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Maximum {@code max_i x[xOff+i]} for {@code 0 <= i < n}, with {@code n >= 1}.
 *
 * <p>Floating point follows {@link Math#max}: any NaN makes the result NaN, and {@code 0.0} counts as
 * larger than {@code -0.0}. The vector {@code max} lanes have the same semantics, and max under them is
 * associative and commutative, so {@code simd} returns the same value as {@code scalar} for every input
 * (bit-identical, up to which NaN bit pattern comes out).
 *
 * <p>Every method throws {@link IllegalArgumentException} ({@code "max: empty input"}) when {@code n < 1}.
 */
public final class MaxKernel {
    // Below this one vector's setup and the lane reduction cost more than the scalar loop.
    private static final int MIN_SIMD_LENGTH = 2 * Simd.F32.length();

    /** The reference: {@code Math.max} folded left to right from the first element. */
    public static float scalar(float[] x, int xOff, int n) {
        requireNonEmpty(n);
        return fold(x[xOff], x, xOff + 1, n - 1);
    }

    public static double scalar(double[] x, int xOff, int n) {
        requireNonEmpty(n);
        return fold(x[xOff], x, xOff + 1, n - 1);
    }

    public static int scalar(int[] x, int xOff, int n) {
        requireNonEmpty(n);
        return fold(x[xOff], x, xOff + 1, n - 1);
    }

    public static long scalar(long[] x, int xOff, int n) {
        requireNonEmpty(n);
        return fold(x[xOff], x, xOff + 1, n - 1);
    }

    /**
     * Compare-and-blend: per vector one {@code <} compare and one blend, where the vector {@code max} that keeps
     * Math.max's NaN and signed-zero rules is a five-instruction sequence on AVX2. A NaN never wins a {@code <}
     * compare, so NaNs are caught by a separate {@code x != x} mask; a zero result, where {@code -0.0} may have
     * hidden a {@code +0.0} (they compare equal), is settled by the exact vector max. Same result as
     * {@code scalar} for every input, as the class comment promises.
     */
    public static float simd(float[] x, int xOff, int n) {
        requireNonEmpty(n);
        final int lanes = Simd.F32.length();
        int upper = n - n % (4 * lanes);
        if (upper == 0) {
            return scalar(x, xOff, n);
        }
        FloatVector acc0 = FloatVector.fromArray(Simd.F32, x, xOff);
        FloatVector acc1 = FloatVector.fromArray(Simd.F32, x, xOff + lanes);
        FloatVector acc2 = FloatVector.fromArray(Simd.F32, x, xOff + 2 * lanes);
        FloatVector acc3 = FloatVector.fromArray(Simd.F32, x, xOff + 3 * lanes);
        VectorMask<Float> nan = acc0.compare(VectorOperators.NE, acc0).or(acc1.compare(VectorOperators.NE, acc1))
                .or(acc2.compare(VectorOperators.NE, acc2)).or(acc3.compare(VectorOperators.NE, acc3));
        for (int i = 4 * lanes; i < upper; i += 4 * lanes) {
            FloatVector v0 = FloatVector.fromArray(Simd.F32, x, xOff + i);
            FloatVector v1 = FloatVector.fromArray(Simd.F32, x, xOff + i + lanes);
            FloatVector v2 = FloatVector.fromArray(Simd.F32, x, xOff + i + 2 * lanes);
            FloatVector v3 = FloatVector.fromArray(Simd.F32, x, xOff + i + 3 * lanes);
            acc0 = acc0.blend(v0, acc0.compare(VectorOperators.LT, v0));
            acc1 = acc1.blend(v1, acc1.compare(VectorOperators.LT, v1));
            acc2 = acc2.blend(v2, acc2.compare(VectorOperators.LT, v2));
            acc3 = acc3.blend(v3, acc3.compare(VectorOperators.LT, v3));
            nan = nan.or(v0.compare(VectorOperators.NE, v0).or(v1.compare(VectorOperators.NE, v1))
                    .or(v2.compare(VectorOperators.NE, v2).or(v3.compare(VectorOperators.NE, v3))));
        }
        if (nan.anyTrue()) {
            return Float.NaN;
        }
        float m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
        if (m == 0.0f) {
            return simdExact(x, xOff, n);
        }
        return fold(m, x, xOff + upper, n - upper);
    }

    /** The vector max with Math.max's rules in every lane: the reference for {@link #simd}'s zero case. */
    static float simdExact(float[] x, int xOff, int n) {
        requireNonEmpty(n);
        final int lanes = Simd.F32.length();
        int upper = n - n % (4 * lanes);
        if (upper == 0) {
            return scalar(x, xOff, n);
        }
        // four independent accumulators: the NaN-aware vector max is a multi-instruction sequence on
        // x86, and one dependency chain through it would leave the load ports idle
        FloatVector acc0 = FloatVector.fromArray(Simd.F32, x, xOff);
        FloatVector acc1 = FloatVector.fromArray(Simd.F32, x, xOff + lanes);
        FloatVector acc2 = FloatVector.fromArray(Simd.F32, x, xOff + 2 * lanes);
        FloatVector acc3 = FloatVector.fromArray(Simd.F32, x, xOff + 3 * lanes);
        for (int i = 4 * lanes; i < upper; i += 4 * lanes) {
            acc0 = acc0.max(FloatVector.fromArray(Simd.F32, x, xOff + i));
            acc1 = acc1.max(FloatVector.fromArray(Simd.F32, x, xOff + i + lanes));
            acc2 = acc2.max(FloatVector.fromArray(Simd.F32, x, xOff + i + 2 * lanes));
            acc3 = acc3.max(FloatVector.fromArray(Simd.F32, x, xOff + i + 3 * lanes));
        }
        float m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
        return fold(m, x, xOff + upper, n - upper);
    }

    public static double simd(double[] x, int xOff, int n) {
        requireNonEmpty(n);
        final int lanes = Simd.F64.length();
        int upper = n - n % (4 * lanes);
        if (upper == 0) {
            return scalar(x, xOff, n);
        }
        DoubleVector acc0 = DoubleVector.fromArray(Simd.F64, x, xOff);
        DoubleVector acc1 = DoubleVector.fromArray(Simd.F64, x, xOff + lanes);
        DoubleVector acc2 = DoubleVector.fromArray(Simd.F64, x, xOff + 2 * lanes);
        DoubleVector acc3 = DoubleVector.fromArray(Simd.F64, x, xOff + 3 * lanes);
        for (int i = 4 * lanes; i < upper; i += 4 * lanes) {
            acc0 = acc0.max(DoubleVector.fromArray(Simd.F64, x, xOff + i));
            acc1 = acc1.max(DoubleVector.fromArray(Simd.F64, x, xOff + i + lanes));
            acc2 = acc2.max(DoubleVector.fromArray(Simd.F64, x, xOff + i + 2 * lanes));
            acc3 = acc3.max(DoubleVector.fromArray(Simd.F64, x, xOff + i + 3 * lanes));
        }
        double m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
        return fold(m, x, xOff + upper, n - upper);
    }

    public static int simd(int[] x, int xOff, int n) {
        requireNonEmpty(n);
        final int lanes = Simd.I32.length();
        int upper = Simd.I32.loopBound(n);
        if (upper == 0) {
            return scalar(x, xOff, n);
        }
        // one accumulator: an integer max has one cycle of latency
        IntVector acc = IntVector.fromArray(Simd.I32, x, xOff);
        for (int i = lanes; i < upper; i += lanes) {
            acc = acc.max(IntVector.fromArray(Simd.I32, x, xOff + i));
        }
        return fold(acc.reduceLanes(VectorOperators.MAX), x, xOff + upper, n - upper);
    }

    public static long simd(long[] x, int xOff, int n) {
        requireNonEmpty(n);
        final int lanes = Simd.I64.length();
        int upper = Simd.I64.loopBound(n);
        if (upper == 0) {
            return scalar(x, xOff, n);
        }
        LongVector acc = LongVector.fromArray(Simd.I64, x, xOff);
        for (int i = lanes; i < upper; i += lanes) {
            acc = acc.max(LongVector.fromArray(Simd.I64, x, xOff + i));
        }
        return fold(acc.reduceLanes(VectorOperators.MAX), x, xOff + upper, n - upper);
    }

    public static float run(float[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    public static double run(double[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    public static int run(int[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    public static long run(long[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** {@code m} folded with max over {@code x[off .. off+n)}: the scalar twin's loop, and the SIMD tail. */
    private static float fold(float m, float[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static double fold(double m, double[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static int fold(int m, int[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static long fold(long m, long[] x, int off, int n) {
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static void requireNonEmpty(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max: empty input");
        }
    }

    private MaxKernel() {}
}
