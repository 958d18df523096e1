package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@code log Σ exp(x[xOff+i])} for {@code 0 <= i < n}, computed stably as
 * {@code m + log Σ exp(x[i] - m)} with {@code m = max x}: every exponent is {@code <= 0}, so nothing
 * overflows for any finite input (logits of 1e4 and far beyond), and the sum lies in {@code [1, n]}.
 *
 * <p>Special values: {@code n == 0} gives {@code -Inf}; any NaN gives NaN; otherwise any {@code +Inf}
 * gives {@code +Inf}, and all {@code -Inf} gives {@code -Inf}.
 *
 * <p><b>Accuracy.</b> {@code scalar} is the reference: {@code x - m} in double (exact for floats),
 * {@code Math.exp}, a double sum, {@code m + log s} in double, rounded once. {@code simd} computes
 * {@code x - m} and the exponential in the input precision (vectorised exp, see {@link VectorExp}) but
 * sums in double; float: {@code |simd - exact| <= ulp(result) + (ln n + 8)·2^-24} (for at most 2^24
 * elements); double, whose sum rounds like any double sum:
 * {@code |simd - exact| <= ulp(result) + (ln n + n/L + 8)·2^-53} with L lanes.
 * The same bits on every run for a given vector width (fixed-order lanes, {@link VectorExp}).
 */
public final class LogSumExpKernel {
    // One vector already pays: L exponentials cost about two scalar Math.exp calls, and a row of 10
    // (one vector plus a tail) runs no slower than the scalar twin (SoftmaxBenchmark).
    private static final int MIN_SIMD_LENGTH = Simd.F32.length();

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static float scalar(float[] x, int xOff, int n) {
        if (n == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        float m = MaxKernel.scalar(x, xOff, n);
        // NaN, all -Inf, or some +Inf: the answer is m itself, while x - m would make NaNs
        if (!Float.isFinite(m)) {
            return m;
        }
        return (float) (m + Math.log(sumExp(x, xOff, n, m)));
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static double scalar(double[] x, int xOff, int n) {
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = MaxKernel.scalar(x, xOff, n);
        if (!Double.isFinite(m)) {
            return m;
        }
        return m + Math.log(sumExp(x, xOff, n, m));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static float simd(float[] x, int xOff, int n) {
        if (n == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        float m = MaxKernel.simd(x, xOff, n);
        if (!Float.isFinite(m)) {
            return m;
        }
        return (float) (m + Math.log(sumExpSimd(x, xOff, n, m)));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static double simd(double[] x, int xOff, int n) {
        if (n == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double m = MaxKernel.simd(x, xOff, n);
        if (!Double.isFinite(m)) {
            return m;
        }
        return m + Math.log(sumExpSimd(x, xOff, n, m));
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static float run(float[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static double run(double[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** {@code Σ exp(x[i] - m)} in double, left to right: the scalar twin's loop and the SIMD tail. */
    static double sumExp(float[] x, int off, int n, float m) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp((double) x[off + i] - m);
        }
        return s;
    }

    static double sumExp(double[] x, int off, int n, double m) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(x[off + i] - m);
        }
        return s;
    }

    /** {@code Σ exp(x[i] - m)}: float exponentials, widened and summed in double lanes. */
    static double sumExpSimd(float[] x, int xOff, int n, float m) {
        int upper = Simd.F32.loopBound(n);
        FloatVector vm = FloatVector.broadcast(Simd.F32, m);
        // the terms lie in [0, 1] and number up to n: summing them in double makes the sum's rounding
        // negligible next to the exponential's, at the price of two conversions per vector
        DoubleVector acc0 = DoubleVector.zero(Simd.F64);
        DoubleVector acc1 = DoubleVector.zero(Simd.F64);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(Simd.F32, x, xOff + i).sub(vm));
            acc0 = acc0.add(FixedOrder.widen(e, 0));
            acc1 = acc1.add(FixedOrder.widen(e, 1));
        }
        return FixedOrder.sum(acc0.add(acc1)) + sumExp(x, xOff + upper, n - upper, m);
    }

    static double sumExpSimd(double[] x, int xOff, int n, double m) {
        final int lanes = Simd.F64.length();
        int upper = n - n % (2 * lanes);
        DoubleVector vm = DoubleVector.broadcast(Simd.F64, m);
        // two accumulators: two independent exponentials in flight per iteration
        DoubleVector acc0 = DoubleVector.zero(Simd.F64);
        DoubleVector acc1 = DoubleVector.zero(Simd.F64);
        for (int i = 0; i < upper; i += 2 * lanes) {
            acc0 = acc0.add(VectorExp.exp(DoubleVector.fromArray(Simd.F64, x, xOff + i).sub(vm)));
            acc1 = acc1.add(VectorExp.exp(DoubleVector.fromArray(Simd.F64, x, xOff + i + lanes).sub(vm)));
        }
        return FixedOrder.sum(acc0.add(acc1)) + sumExp(x, xOff + upper, n - upper, m);
    }

    private LogSumExpKernel() {}
}
