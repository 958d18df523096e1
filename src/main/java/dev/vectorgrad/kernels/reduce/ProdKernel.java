package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Product {@code Π x[xOff+i]} for {@code 0 <= i < n}; 1 when {@code n == 0}. Integer products wrap
 * (two's complement) and keep their dtype.
 *
 * <p><b>Accuracy.</b> Float products are accumulated in double (float to double is exact) and rounded
 * once (the SIMD tail once more), so intermediate float overflow or underflow cannot happen and, while no double partial product
 * over- or underflows, {@code |result - Πx| <= (2·2^-24 + (n + 2L)·2^-53)·|Πx|} for both twins.
 * Double: {@code |result - Πx| <= (n + 2L)·2^-53·|Πx|} under the same condition. Integer products
 * are exact modulo 2^32 / 2^64, so {@code simd} is bit-identical to {@code scalar}.
 * <b>Reproducibility:</b> the same bits on every run for a given vector width (lanes are multiplied in
 * index order by {@link FixedOrder}, never by {@code reduceLanes(MUL)}).
 */
public final class ProdKernel {
    // Below this one vector's setup and the lane products cost more than the scalar loop.
    private static final int MIN_SIMD_LENGTH = 2 * Simd.F32.length();

    /** The reference: a double accumulator, left to right, rounded once. */
    public static float scalar(float[] x, int xOff, int n) {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= x[xOff + i];
        }
        return (float) p;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static double scalar(double[] x, int xOff, int n) {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= x[xOff + i];
        }
        return p;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static int scalar(int[] x, int xOff, int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= x[xOff + i];
        }
        return p;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static long scalar(long[] x, int xOff, int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= x[xOff + i];
        }
        return p;
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static float simd(float[] x, int xOff, int n) {
        int upper = Simd.F32.loopBound(n);
        // each float vector widens into two double vectors: two independent product chains
        DoubleVector acc0 = DoubleVector.broadcast(Simd.F64, 1);
        DoubleVector acc1 = DoubleVector.broadcast(Simd.F64, 1);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            acc0 = acc0.mul(FixedOrder.widen(va, 0));
            acc1 = acc1.mul(FixedOrder.widen(va, 1));
        }
        return (float) (FixedOrder.product(acc0.mul(acc1)) * scalar(x, xOff + upper, n - upper));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static double simd(double[] x, int xOff, int n) {
        final int lanes = Simd.F64.length();
        int upper = n - n % (2 * lanes);
        // two independent chains hide part of the multiply latency
        DoubleVector acc0 = DoubleVector.broadcast(Simd.F64, 1);
        DoubleVector acc1 = DoubleVector.broadcast(Simd.F64, 1);
        for (int i = 0; i < upper; i += 2 * lanes) {
            acc0 = acc0.mul(DoubleVector.fromArray(Simd.F64, x, xOff + i));
            acc1 = acc1.mul(DoubleVector.fromArray(Simd.F64, x, xOff + i + lanes));
        }
        return FixedOrder.product(acc0.mul(acc1)) * scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(int[] x, int xOff, int n) {
        int upper = Simd.I32.loopBound(n);
        IntVector acc = IntVector.broadcast(Simd.I32, 1);
        for (int i = 0; i < upper; i += Simd.I32.length()) {
            acc = acc.mul(IntVector.fromArray(Simd.I32, x, xOff + i));
        }
        // wrapping multiplication is associative and commutative: reduceLanes' order cannot matter
        return acc.reduceLanes(VectorOperators.MUL) * scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static long simd(long[] x, int xOff, int n) {
        int upper = Simd.I64.loopBound(n);
        LongVector acc = LongVector.broadcast(Simd.I64, 1);
        for (int i = 0; i < upper; i += Simd.I64.length()) {
            acc = acc.mul(LongVector.fromArray(Simd.I64, x, xOff + i));
        }
        return acc.reduceLanes(VectorOperators.MUL) * scalar(x, xOff + upper, n - upper);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static float run(float[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static double run(double[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static int run(int[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static long run(long[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    private ProdKernel() {}
}
