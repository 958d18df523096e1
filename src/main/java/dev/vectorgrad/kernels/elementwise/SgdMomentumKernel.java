package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGD with momentum, Keras 3 {@code SGD(momentum > 0)}, float and double:
 * {@code v = momentum * v - lr * g}, then {@code out = w + v}, or with Nesterov
 * {@code out = w + (momentum * v - lr * g)} using the new {@code v} (Keras adds the bracket to {@code w}, and so do
 * we, for the same rounding).
 *
 * <p>The same IEEE operations in the same order in both paths, so SIMD and scalar twin are bit-identical (no fma).
 * {@code velocity} is updated in place; {@code out} may be {@code w} at the same offset.
 */
public final class SgdMomentumKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** One momentum step over {@code n} elements; {@code velocity[vOff..]} is updated in place. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
            float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        }
    }

    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
            float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float step = lr * g[gOff + i];
            float v = momentum * velocity[vOff + i] - step;
            velocity[vOff + i] = v;
            out[outOff + i] = nesterov ? w[wOff + i] + (momentum * v - step) : w[wOff + i] + v;
        }
    }

    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff,
            float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        FloatVector vmomentum = FloatVector.broadcast(F32, momentum);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector step = vlr.mul(FloatVector.fromArray(F32, g, gOff + i));
            FloatVector v = vmomentum.mul(FloatVector.fromArray(F32, velocity, vOff + i)).sub(step);
            v.intoArray(velocity, vOff + i);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            (nesterov ? vw.add(vmomentum.mul(v).sub(step)) : vw.add(v)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, velocity, vOff + upper, lr, momentum, nesterov,
                out, outOff + upper, n - upper);
    }

    // ---- double ----

    /** One momentum step over {@code n} elements; {@code velocity[vOff..]} is updated in place. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff,
            double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        }
    }

    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff,
            double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double step = lr * g[gOff + i];
            double v = momentum * velocity[vOff + i] - step;
            velocity[vOff + i] = v;
            out[outOff + i] = nesterov ? w[wOff + i] + (momentum * v - step) : w[wOff + i] + v;
        }
    }

    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff,
            double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        DoubleVector vmomentum = DoubleVector.broadcast(F64, momentum);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector step = vlr.mul(DoubleVector.fromArray(F64, g, gOff + i));
            DoubleVector v = vmomentum.mul(DoubleVector.fromArray(F64, velocity, vOff + i)).sub(step);
            v.intoArray(velocity, vOff + i);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            (nesterov ? vw.add(vmomentum.mul(v).sub(step)) : vw.add(v)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, velocity, vOff + upper, lr, momentum, nesterov,
                out, outOff + upper, n - upper);
    }

    private SgdMomentumKernel() {}
}
