package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * {@code out[outOff+i] = x[xOff+i] - logSumExp(x)}, computed as {@code (x_i - m) - log Σ_j exp(x_j - m)}
 * with {@code m = max x}, for {@code 0 <= i < n}: stable for any finite logits (1e4 and beyond), and
 * accurate for the largest entries because {@code x_i - m} is formed before the small log is
 * subtracted. {@code out} may be {@code x} itself (same offset). If x holds a NaN or a {@code +Inf},
 * or is all {@code -Inf}, every output is NaN.
 *
 * <p><b>Accuracy.</b> {@code scalar} is the reference: {@code x_i - m}, the sum and the log in double,
 * rounded once per output. {@code simd} sums vectorised exponentials ({@link LogSumExpKernel}) and
 * subtracts in the input precision: {@code |simd_i - exact_i| <= ulp(x_i - m) + ulp(out_i)
 * + (ln n + 8)·2^-24} for float, and {@code ... + (ln n + n/L + 8)·2^-53} for double (L lanes).
 */
public final class LogSoftmaxKernel {
    // One vector already pays: L exponentials cost about two scalar Math.exp calls, and a row of 10
    // (one vector plus a tail) runs no slower than the scalar twin (SoftmaxBenchmark).
    private static final int MIN_SIMD_LENGTH = Simd.F32.length();

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        float m = MaxKernel.scalar(x, xOff, n);
        shift(x, xOff, out, outOff, n, m, Math.log(LogSumExpKernel.sumExp(x, xOff, n, m)));
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        double m = MaxKernel.scalar(x, xOff, n);
        shift(x, xOff, out, outOff, n, m, Math.log(LogSumExpKernel.sumExp(x, xOff, n, m)));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        float m = MaxKernel.simd(x, xOff, n);
        double logSum = Math.log(LogSumExpKernel.sumExpSimd(x, xOff, n, m));
        int upper = Simd.F32.loopBound(n);
        FloatVector vm = FloatVector.broadcast(Simd.F32, m);
        float ls = (float) logSum;
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector.fromArray(Simd.F32, x, xOff + i).sub(vm).sub(ls).intoArray(out, outOff + i);
        }
        shift(x, xOff + upper, out, outOff + upper, n - upper, m, logSum);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        if (n == 0) {
            return;
        }
        double m = MaxKernel.simd(x, xOff, n);
        double logSum = Math.log(LogSumExpKernel.sumExpSimd(x, xOff, n, m));
        int upper = Simd.F64.loopBound(n);
        DoubleVector vm = DoubleVector.broadcast(Simd.F64, m);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector.fromArray(Simd.F64, x, xOff + i).sub(vm).sub(logSum).intoArray(out, outOff + i);
        }
        shift(x, xOff + upper, out, outOff + upper, n - upper, m, logSum);
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

    /** {@code out[i] = (x[i] - m) - logSum}, in double, rounded once: the twin's loop and the SIMD tail. */
    private static void shift(float[] x, int xOff, float[] out, int outOff, int n, float m, double logSum) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (((double) x[xOff + i] - m) - logSum);
        }
    }

    private static void shift(double[] x, int xOff, double[] out, int outOff, int n, double m, double logSum) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (x[xOff + i] - m) - logSum;
        }
    }

    private LogSoftmaxKernel() {}
}
