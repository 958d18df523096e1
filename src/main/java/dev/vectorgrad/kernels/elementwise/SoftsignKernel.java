package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = x / (1 + |x|)} of {@code x = x[xOff+i]} for {@code i < n}.
 * Bit-identical to {@link #scalar}: the lanes perform the same IEEE operations in the same order.
 * {@code softsign(±Inf) = ±1}, the limit (TensorFlow's plain formula gives {@code Inf/Inf = NaN}); NaN gives NaN.
 * {@code out} may alias {@code x} at the same offset.
 */
public final class SoftsignKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F32.length();
    private static final int MIN_F64 = Simd.F64.length();

    /** The reference. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = Float.isInfinite(v) ? Math.signum(v) : v / (1f + Math.abs(v));
        }
    }

    /** The reference. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            out[outOff + i] = Double.isInfinite(v) ? Math.signum(v) : v / (1d + Math.abs(v));
        }
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector v = FloatVector.fromArray(Simd.F32, x, xOff + i);
            v.div(v.abs().add(1f)).blend(v.max(-1f).min(1f), v.abs().compare(VectorOperators.EQ, Float.POSITIVE_INFINITY)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector v = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            v.div(v.abs().add(1d)).blend(v.max(-1d).min(1d), v.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private SoftsignKernel() {}
}
