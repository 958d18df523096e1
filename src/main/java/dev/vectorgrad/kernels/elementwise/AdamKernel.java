package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Adam step, Keras 3 form ("epsilon hat"), float and double:
 * {@code m += (g - m) * (1 - beta1); v += (g*g - v) * (1 - beta2); out = w - alpha * m / (sqrt(v) + epsilon)},
 * where the caller passes {@code alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}.
 *
 * <p>The same IEEE operations in the same order in both paths (sqrt is correctly rounded in both), so SIMD and
 * scalar twin are bit-identical. {@code m} and {@code v} are updated in place; {@code out} may be {@code w} at the
 * same offset.
 */
public final class AdamKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** One Adam step over {@code n} elements; {@code m[mOff..]} and {@code v[vOff..]} are updated in place. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float alpha, float beta1, float beta2, float epsilon, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, m, mOff, v, vOff, alpha, beta1, beta2, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, v, vOff, alpha, beta1, beta2, epsilon, out, outOff, n);
        }
    }

    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float alpha, float beta1, float beta2, float epsilon, float[] out, int outOff, int n) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            float vi = v[vOff + i] + (gi * gi - v[vOff + i]) * oneMinusBeta2;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            out[outOff + i] = w[wOff + i] - alpha * mi / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float alpha, float beta1, float beta2, float epsilon, float[] out, int outOff, int n) {
        FloatVector vOneMinusBeta1 = FloatVector.broadcast(F32, 1 - beta1);
        FloatVector vOneMinusBeta2 = FloatVector.broadcast(F32, 1 - beta2);
        FloatVector valpha = FloatVector.broadcast(F32, alpha);
        FloatVector vepsilon = FloatVector.broadcast(F32, epsilon);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            FloatVector vm = FloatVector.fromArray(F32, m, mOff + i);
            FloatVector vv = FloatVector.fromArray(F32, v, vOff + i);
            vm = vm.add(vg.sub(vm).mul(vOneMinusBeta1));
            vv = vv.add(vg.mul(vg).sub(vv).mul(vOneMinusBeta2));
            vm.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            vw.sub(valpha.mul(vm).div(vv.sqrt().add(vepsilon))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, v, vOff + upper,
                alpha, beta1, beta2, epsilon, out, outOff + upper, n - upper);
    }

    // ---- double ----

    /** One Adam step over {@code n} elements; {@code m[mOff..]} and {@code v[vOff..]} are updated in place. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double alpha, double beta1, double beta2, double epsilon, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, m, mOff, v, vOff, alpha, beta1, beta2, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, v, vOff, alpha, beta1, beta2, epsilon, out, outOff, n);
        }
    }

    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double alpha, double beta1, double beta2, double epsilon, double[] out, int outOff, int n) {
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            double gi = g[gOff + i];
            double mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            double vi = v[vOff + i] + (gi * gi - v[vOff + i]) * oneMinusBeta2;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            out[outOff + i] = w[wOff + i] - alpha * mi / (Math.sqrt(vi) + epsilon);
        }
    }

    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff,
            double alpha, double beta1, double beta2, double epsilon, double[] out, int outOff, int n) {
        DoubleVector vOneMinusBeta1 = DoubleVector.broadcast(F64, 1 - beta1);
        DoubleVector vOneMinusBeta2 = DoubleVector.broadcast(F64, 1 - beta2);
        DoubleVector valpha = DoubleVector.broadcast(F64, alpha);
        DoubleVector vepsilon = DoubleVector.broadcast(F64, epsilon);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            DoubleVector vm = DoubleVector.fromArray(F64, m, mOff + i);
            DoubleVector vv = DoubleVector.fromArray(F64, v, vOff + i);
            vm = vm.add(vg.sub(vm).mul(vOneMinusBeta1));
            vv = vv.add(vg.mul(vg).sub(vv).mul(vOneMinusBeta2));
            vm.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            vw.sub(valpha.mul(vm).div(vv.sqrt().add(vepsilon))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, v, vOff + upper,
                alpha, beta1, beta2, epsilon, out, outOff + upper, n - upper);
    }

    private AdamKernel() {}
}
