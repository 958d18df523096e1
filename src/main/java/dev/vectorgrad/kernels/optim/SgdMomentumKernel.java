package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGD with momentum, Keras 3 {@code SGD(momentum > 0)}, float and double, in Keras's operation order:
 * {@code v = v * momentum - g * lr}, then {@code out = w + v}, or with Nesterov
 * {@code out = w + (v * momentum - g * lr)} using the new {@code v}.
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

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff, float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float step = g[gOff + i] * lr;
            float v = velocity[vOff + i] * momentum - step;
            velocity[vOff + i] = v;
            out[outOff + i] = nesterov ? w[wOff + i] + (v * momentum - step) : w[wOff + i] + v;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff, float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        FloatVector vmomentum = FloatVector.broadcast(F32, momentum);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector step = FloatVector.fromArray(F32, g, gOff + i).mul(vlr);
            FloatVector v = FloatVector.fromArray(F32, velocity, vOff + i).mul(vmomentum).sub(step);
            v.intoArray(velocity, vOff + i);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            (nesterov ? vw.add(v.mul(vmomentum).sub(step)) : vw.add(v)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, velocity, vOff + upper, lr, momentum, nesterov, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] velocity, int vOff, float lr, float momentum, boolean nesterov, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff, double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double step = g[gOff + i] * lr;
            double v = velocity[vOff + i] * momentum - step;
            velocity[vOff + i] = v;
            out[outOff + i] = nesterov ? w[wOff + i] + (v * momentum - step) : w[wOff + i] + v;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff, double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        DoubleVector vmomentum = DoubleVector.broadcast(F64, momentum);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector step = DoubleVector.fromArray(F64, g, gOff + i).mul(vlr);
            DoubleVector v = DoubleVector.fromArray(F64, velocity, vOff + i).mul(vmomentum).sub(step);
            v.intoArray(velocity, vOff + i);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            (nesterov ? vw.add(v.mul(vmomentum).sub(step)) : vw.add(v)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, velocity, vOff + upper, lr, momentum, nesterov, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] velocity, int vOff, double lr, double momentum, boolean nesterov, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, velocity, vOff, lr, momentum, nesterov, out, outOff, n);
        }
    }

    private SgdMomentumKernel() {}
}
