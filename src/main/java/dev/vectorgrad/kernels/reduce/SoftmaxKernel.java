package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@code out[outOff+i] = exp(x[xOff+i] - m) / Σ_j exp(x[xOff+j] - m)} with {@code m = max x}, for
 * {@code 0 <= i < n}: softmax, stable because every exponent is {@code <= 0} (no overflow for logits
 * of 1e4 or any finite size). {@code out} may be {@code x} itself (same offset) for an in-place softmax.
 * If x holds a NaN or a {@code +Inf}, or is all {@code -Inf}, every output is NaN (the formula's value).
 *
 * <p>Three passes: the max ({@link MaxKernel}), the exponentials (stored into out, summed in double),
 * then a scale by {@code 1/s}.
 *
 * <p><b>Accuracy</b>, against the exact softmax {@code p_i}, with {@code u = 2^-24} (float) or
 * {@code 2^-53} (double) and {@code d_i = x_i - m}: float {@code |out_i - p_i| <= (|d_i| + ln n + 8)·u·p_i}
 * for both twins (plus {@code 2^-147} absolute where {@code out_i} is subnormal); the float sum is
 * taken in double, so only the exponentials' rounding shows. Double adds the sum's own rounding:
 * {@code (|d_i| + ln n + n/L + 8)·u·p_i} for {@code simd} (L lanes), {@code n} in place of {@code n/L}
 * for {@code scalar}, and outputs below {@code 2^-1022} flush to 0 in {@code simd}. The
 * {@code |d_i|·u} term is the rounding of {@code x_i - m} in the input precision, which every
 * softmax pays. Exponentials come from {@link VectorExp}, so results are the same bits on every run.
 */
public final class SoftmaxKernel {
    // One vector already pays: L exponentials cost about two scalar Math.exp calls, and a row of 10
    // (one vector plus a tail) runs no slower than the scalar twin (SoftmaxBenchmark).
    private static final int MIN_SIMD_LENGTH = Simd.F32.length();

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        float m = MaxKernel.scalar(x, xOff, n);
        double s = expInto(x, xOff, out, outOff, n, m);
        scale(out, outOff, n, (float) (1 / s));
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        double m = MaxKernel.scalar(x, xOff, n);
        double s = expInto(x, xOff, out, outOff, n, m);
        scale(out, outOff, n, 1 / s);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        float m = MaxKernel.simd(x, xOff, n);
        int upper = Simd.F32.loopBound(n);
        FloatVector vm = FloatVector.broadcast(Simd.F32, m);
        // the terms lie in [0, 1]: summing them in double keeps the sum's rounding out of the bound
        DoubleVector acc0 = DoubleVector.zero(Simd.F64);
        DoubleVector acc1 = DoubleVector.zero(Simd.F64);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector e = VectorExp.exp(FloatVector.fromArray(Simd.F32, x, xOff + i).sub(vm));
            e.intoArray(out, outOff + i);
            acc0 = acc0.add(FixedOrder.widen(e, 0));
            acc1 = acc1.add(FixedOrder.widen(e, 1));
        }
        double s = FixedOrder.sum(acc0.add(acc1)) + expInto(x, xOff + upper, out, outOff + upper, n - upper, m);
        // one reciprocal and n multiplies: a vector divide would cost several times more per lane
        float inv = (float) (1 / s);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector.fromArray(Simd.F32, out, outOff + i).mul(inv).intoArray(out, outOff + i);
        }
        scale(out, outOff + upper, n - upper, inv);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        double m = MaxKernel.simd(x, xOff, n);
        int upper = Simd.F64.loopBound(n);
        DoubleVector vm = DoubleVector.broadcast(Simd.F64, m);
        DoubleVector acc = DoubleVector.zero(Simd.F64);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector e = VectorExp.exp(DoubleVector.fromArray(Simd.F64, x, xOff + i).sub(vm));
            e.intoArray(out, outOff + i);
            acc = acc.add(e);
        }
        double s = FixedOrder.sum(acc) + expInto(x, xOff + upper, out, outOff + upper, n - upper, m);
        double inv = 1 / s;
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector.fromArray(Simd.F64, out, outOff + i).mul(inv).intoArray(out, outOff + i);
        }
        scale(out, outOff + upper, n - upper, inv);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH) {
            simd(x, xOff, out, outOff, n);
        } else {
            scalar(x, xOff, out, outOff, n);
        }
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH) {
            simd(x, xOff, out, outOff, n);
        } else {
            scalar(x, xOff, out, outOff, n);
        }
    }

    /** {@code out[i] = exp(x[i] - m)} (exponent taken in double), returning their double sum. */
    private static double expInto(float[] x, int xOff, float[] out, int outOff, int n, float m) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp((double) x[xOff + i] - m);
            out[outOff + i] = e;
            s += e;
        }
        return s;
    }

    private static double expInto(double[] x, int xOff, double[] out, int outOff, int n, double m) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(x[xOff + i] - m);
            out[outOff + i] = e;
            s += e;
        }
        return s;
    }

    private static void scale(float[] out, int outOff, int n, float inv) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] *= inv;
        }
    }

    private static void scale(double[] out, int outOff, int n, double inv) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] *= inv;
        }
    }

    private SoftmaxKernel() {}
}
