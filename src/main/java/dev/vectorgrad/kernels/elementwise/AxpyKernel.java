package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused {@code out[i] = alpha * x[i] + y[i]} with one rounding ({@link Math#fma}), float and double.
 *
 * <p>The SIMD body uses the lanes' {@code fma} and the scalar twin {@code Math.fma}, so they are bit-identical.
 * {@code out} may be {@code x} or {@code y} at the same offset.
 */
public final class AxpyKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(float alpha, float[] x, int xOff, float[] y, int yOff,
            float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float alpha, float[] x, int xOff, float[] y, int yOff,
            float[] out, int outOff, int n) {
        FloatVector va = FloatVector.broadcast(F32, alpha);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vx = FloatVector.fromArray(F32, x, xOff + i);
            FloatVector vy = FloatVector.fromArray(F32, y, yOff + i);
            va.fma(vx, vy).intoArray(out, outOff + i);
        }
        scalar(alpha, x, xOff + upper, y, yOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = fma(alpha, x[xOff+i], y[yOff+i])} for {@code i < n}. */
    public static void run(float alpha, float[] x, int xOff, float[] y, int yOff,
            float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(alpha, x, xOff, y, yOff, out, outOff, n);
        } else {
            scalar(alpha, x, xOff, y, yOff, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(double alpha, double[] x, int xOff, double[] y, int yOff,
            double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double alpha, double[] x, int xOff, double[] y, int yOff,
            double[] out, int outOff, int n) {
        DoubleVector va = DoubleVector.broadcast(F64, alpha);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vx = DoubleVector.fromArray(F64, x, xOff + i);
            DoubleVector vy = DoubleVector.fromArray(F64, y, yOff + i);
            va.fma(vx, vy).intoArray(out, outOff + i);
        }
        scalar(alpha, x, xOff + upper, y, yOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = fma(alpha, x[xOff+i], y[yOff+i])} for {@code i < n}. */
    public static void run(double alpha, double[] x, int xOff, double[] y, int yOff,
            double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(alpha, x, xOff, y, yOff, out, outOff, n);
        } else {
            scalar(alpha, x, xOff, y, yOff, out, outOff, n);
        }
    }

    private AxpyKernel() {}
}
