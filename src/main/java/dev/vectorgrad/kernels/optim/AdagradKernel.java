package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Adagrad step, Keras 3 form, float and double:
 * {@code acc += g*g; out = w - lr * g / sqrt(acc + epsilon)} (epsilon inside the square root).
 *
 * <p>The same IEEE operations in the same order in both paths, so SIMD and scalar twin are bit-identical.
 * {@code acc} is updated in place; {@code out} may be {@code w} at the same offset.
 */
public final class AdagradKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] acc, int accOff, float lr, float epsilon, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float a = acc[accOff + i] + gi * gi;
            acc[accOff + i] = a;
            out[outOff + i] = w[wOff + i] - lr * gi / (float) Math.sqrt(a + epsilon);
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] acc, int accOff, float lr, float epsilon, float[] out, int outOff, int n) {
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        FloatVector vepsilon = FloatVector.broadcast(F32, epsilon);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            FloatVector va = FloatVector.fromArray(F32, acc, accOff + i).add(vg.mul(vg));
            va.intoArray(acc, accOff + i);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            vw.sub(vlr.mul(vg).div(va.add(vepsilon).sqrt())).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, acc, accOff + upper, lr, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] acc, int accOff, float lr, float epsilon, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, acc, accOff, lr, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, acc, accOff, lr, epsilon, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] acc, int accOff, double lr, double epsilon, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double gi = g[gOff + i];
            double a = acc[accOff + i] + gi * gi;
            acc[accOff + i] = a;
            out[outOff + i] = w[wOff + i] - lr * gi / Math.sqrt(a + epsilon);
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] acc, int accOff, double lr, double epsilon, double[] out, int outOff, int n) {
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        DoubleVector vepsilon = DoubleVector.broadcast(F64, epsilon);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            DoubleVector va = DoubleVector.fromArray(F64, acc, accOff + i).add(vg.mul(vg));
            va.intoArray(acc, accOff + i);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            vw.sub(vlr.mul(vg).div(va.add(vepsilon).sqrt())).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, acc, accOff + upper, lr, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] acc, int accOff, double lr, double epsilon, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, acc, accOff, lr, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, acc, accOff, lr, epsilon, out, outOff, n);
        }
    }

    private AdagradKernel() {}
}
