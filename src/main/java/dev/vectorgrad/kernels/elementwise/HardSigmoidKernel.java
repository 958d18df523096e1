package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = min(max(x + 3, 0), 6) / 6} of {@code x = x[xOff+i]} (Keras 3's {@code relu6(x + 3) / 6}} for {@code i < n}.
 * Bit-identical to {@link #scalar}: the lanes perform the same IEEE operations in the same order.
 * Keras 3's slope 1/6, not Keras 2's {@code clip(0.2x + 0.5, 0, 1)}. NaN gives NaN.
 * {@code out} may alias {@code x} at the same offset.
 */
public final class HardSigmoidKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F32.length();
    private static final int MIN_F64 = Simd.F64.length();

    /** The reference. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            out[outOff + i] = Math.min(Math.max(v + 3f, 0f), 6f) / 6f;
        }
    }

    /** The reference. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            out[outOff + i] = Math.min(Math.max(v + 3d, 0d), 6d) / 6d;
        }
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector v = FloatVector.fromArray(Simd.F32, x, xOff + i);
            v.add(3f).max(0f).min(6f).div(6f).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector v = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            v.add(3d).max(0d).min(6d).div(6d).intoArray(out, outOff + i);
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

    private HardSigmoidKernel() {}
}
