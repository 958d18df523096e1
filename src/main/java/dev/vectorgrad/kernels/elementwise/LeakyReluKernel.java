package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = x > 0 ? x : alpha·x} of {@code x = x[xOff+i]} for {@code i < n}.
 * Bit-identical to {@link #scalar}: the lanes perform the same IEEE operations in the same order.
 * As PyTorch's for any alpha (TensorFlow's {@code max(x, alpha·x)} agrees for {@code alpha <= 1}); NaN gives NaN, {@code -0} gives {@code alpha·-0}.
 * {@code out} may alias {@code x} at the same offset.
 */
public final class LeakyReluKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F32.length();
    private static final int MIN_F64 = Simd.F64.length();

    /** The reference. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n, float alpha) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = v > 0 ? v : alpha * v;
        }
    }

    /** The reference. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n, double alpha) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            out[outOff + i] = v > 0 ? v : alpha * v;
        }
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n, float alpha) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector v = FloatVector.fromArray(Simd.F32, x, xOff + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper, alpha);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n, double alpha) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector v = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0d)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper, alpha);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n, float alpha) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n, alpha); else scalar(x, xOff, out, outOff, n, alpha);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n, double alpha) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n, alpha); else scalar(x, xOff, out, outOff, n, alpha);
    }

    private LeakyReluKernel() {}
}
