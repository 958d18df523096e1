package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Plain SGD step {@code out[i] = w[i] - lr * g[i]} (Keras 3 {@code SGD} with {@code momentum = 0}), float and double.
 *
 * <p>One IEEE multiply and one subtract per element in both paths, so SIMD and scalar twin are bit-identical.
 * {@code out} may be {@code w} at the same offset (in-place update).
 */
public final class SgdKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** {@code out[outOff+i] = w[wOff+i] - lr * g[gOff+i]} for {@code i < n}. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, lr, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, lr, out, outOff, n);
        }
    }

    public static void scalar(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = w[wOff + i] - lr * g[gOff + i];
        }
    }

    public static void simd(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            vw.sub(vlr.mul(vg)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, lr, out, outOff + upper, n - upper);
    }

    // ---- double ----

    /** {@code out[outOff+i] = w[wOff+i] - lr * g[gOff+i]} for {@code i < n}. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, lr, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, lr, out, outOff, n);
        }
    }

    public static void scalar(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = w[wOff + i] - lr * g[gOff + i];
        }
    }

    public static void simd(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            vw.sub(vlr.mul(vg)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, lr, out, outOff + upper, n - upper);
    }

    private SgdKernel() {}
}
