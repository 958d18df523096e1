package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Adamax step, Keras 3 form, float and double, in Keras's operation order:
 * {@code m += (g - m) * oneMinusBeta1; u = max(beta2 * u, |g|); out = w - (lr * m) / (oneMinusBeta1Power * (u + epsilon))},
 * where the caller passes {@code oneMinusBeta1Power = 1 - beta1^t}.
 *
 * <p>The same IEEE operations in the same order in both paths ({@code max} propagates NaN in both, as
 * {@link Math#max} does), so SIMD and scalar twin are bit-identical. {@code m} and {@code u} are updated in place;
 * {@code out} may be {@code w} at the same offset.
 */
public final class AdamaxKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, float lr, float oneMinusBeta1, float beta2, float oneMinusBeta1Power, float epsilon, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            float ui = Math.max(beta2 * u[uOff + i], Math.abs(gi));
            m[mOff + i] = mi;
            u[uOff + i] = ui;
            out[outOff + i] = w[wOff + i] - lr * mi / (oneMinusBeta1Power * (ui + epsilon));
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, float lr, float oneMinusBeta1, float beta2, float oneMinusBeta1Power, float epsilon, float[] out, int outOff, int n) {
        FloatVector vOneMinusBeta1 = FloatVector.broadcast(F32, oneMinusBeta1);
        FloatVector vbeta2 = FloatVector.broadcast(F32, beta2);
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        FloatVector vOneMinusBeta1Power = FloatVector.broadcast(F32, oneMinusBeta1Power);
        FloatVector vepsilon = FloatVector.broadcast(F32, epsilon);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            FloatVector vm = FloatVector.fromArray(F32, m, mOff + i);
            vm = vm.add(vg.sub(vm).mul(vOneMinusBeta1));
            FloatVector vu = vbeta2.mul(FloatVector.fromArray(F32, u, uOff + i)).max(vg.abs());
            vm.intoArray(m, mOff + i);
            vu.intoArray(u, uOff + i);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            vw.sub(vlr.mul(vm).div(vOneMinusBeta1Power.mul(vu.add(vepsilon)))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, u, uOff + upper, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, float lr, float oneMinusBeta1, float beta2, float oneMinusBeta1Power, float epsilon, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, m, mOff, u, uOff, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, u, uOff, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] u, int uOff, double lr, double oneMinusBeta1, double beta2, double oneMinusBeta1Power, double epsilon, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double gi = g[gOff + i];
            double mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            double ui = Math.max(beta2 * u[uOff + i], Math.abs(gi));
            m[mOff + i] = mi;
            u[uOff + i] = ui;
            out[outOff + i] = w[wOff + i] - lr * mi / (oneMinusBeta1Power * (ui + epsilon));
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] u, int uOff, double lr, double oneMinusBeta1, double beta2, double oneMinusBeta1Power, double epsilon, double[] out, int outOff, int n) {
        DoubleVector vOneMinusBeta1 = DoubleVector.broadcast(F64, oneMinusBeta1);
        DoubleVector vbeta2 = DoubleVector.broadcast(F64, beta2);
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        DoubleVector vOneMinusBeta1Power = DoubleVector.broadcast(F64, oneMinusBeta1Power);
        DoubleVector vepsilon = DoubleVector.broadcast(F64, epsilon);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            DoubleVector vm = DoubleVector.fromArray(F64, m, mOff + i);
            vm = vm.add(vg.sub(vm).mul(vOneMinusBeta1));
            DoubleVector vu = vbeta2.mul(DoubleVector.fromArray(F64, u, uOff + i)).max(vg.abs());
            vm.intoArray(m, mOff + i);
            vu.intoArray(u, uOff + i);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            vw.sub(vlr.mul(vm).div(vOneMinusBeta1Power.mul(vu.add(vepsilon)))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, u, uOff + upper, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] u, int uOff, double lr, double oneMinusBeta1, double beta2, double oneMinusBeta1Power, double epsilon, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, m, mOff, u, uOff, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, u, uOff, lr, oneMinusBeta1, beta2, oneMinusBeta1Power, epsilon, out, outOff, n);
        }
    }

    private AdamaxKernel() {}
}
