package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Nadam step, Keras 3 form, float and double, in Keras's operation order:
 * <pre>
 * m += (g - m) * oneMinusBeta1;   v += (g*g - v) * oneMinusBeta2
 * mHat = (uNext * m) / oneMinusUProductNext + (oneMinusU * g) / oneMinusUProduct
 * vHat = v / oneMinusBeta2Power
 * out  = w - (mHat * lr) / (sqrt(vHat) + epsilon)
 * </pre>
 * The caller computes the per-step scalars ({@code u_t}, {@code u_{t+1}}, the running product of {@code u}, and
 * {@code 1 - beta2^t}) once per step, as Keras does.
 *
 * <p>The same IEEE operations in the same order in both paths, so SIMD and scalar twin are bit-identical.
 * {@code m} and {@code v} are updated in place; {@code out} may be {@code w} at the same offset.
 */
public final class NadamKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, float lr, float oneMinusBeta1, float oneMinusBeta2, float uNext, float oneMinusUProductNext, float oneMinusU, float oneMinusUProduct, float oneMinusBeta2Power, float epsilon, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            float vi = v[vOff + i] + (gi * gi - v[vOff + i]) * oneMinusBeta2;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float mHat = uNext * mi / oneMinusUProductNext + oneMinusU * gi / oneMinusUProduct;
            float vHat = vi / oneMinusBeta2Power;
            out[outOff + i] = w[wOff + i] - mHat * lr / ((float) Math.sqrt(vHat) + epsilon);
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, float lr, float oneMinusBeta1, float oneMinusBeta2, float uNext, float oneMinusUProductNext, float oneMinusU, float oneMinusUProduct, float oneMinusBeta2Power, float epsilon, float[] out, int outOff, int n) {
        FloatVector vOneMinusBeta1 = FloatVector.broadcast(F32, oneMinusBeta1);
        FloatVector vOneMinusBeta2 = FloatVector.broadcast(F32, oneMinusBeta2);
        FloatVector vuNext = FloatVector.broadcast(F32, uNext);
        FloatVector vOneMinusUProductNext = FloatVector.broadcast(F32, oneMinusUProductNext);
        FloatVector vOneMinusU = FloatVector.broadcast(F32, oneMinusU);
        FloatVector vOneMinusUProduct = FloatVector.broadcast(F32, oneMinusUProduct);
        FloatVector vOneMinusBeta2Power = FloatVector.broadcast(F32, oneMinusBeta2Power);
        FloatVector vlr = FloatVector.broadcast(F32, lr);
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
            FloatVector mHat = vuNext.mul(vm).div(vOneMinusUProductNext).add(vOneMinusU.mul(vg).div(vOneMinusUProduct));
            FloatVector vHat = vv.div(vOneMinusBeta2Power);
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            vw.sub(mHat.mul(vlr).div(vHat.sqrt().add(vepsilon))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, v, vOff + upper, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, float lr, float oneMinusBeta1, float oneMinusBeta2, float uNext, float oneMinusUProductNext, float oneMinusU, float oneMinusUProduct, float oneMinusBeta2Power, float epsilon, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, m, mOff, v, vOff, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, v, vOff, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff, double lr, double oneMinusBeta1, double oneMinusBeta2, double uNext, double oneMinusUProductNext, double oneMinusU, double oneMinusUProduct, double oneMinusBeta2Power, double epsilon, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double gi = g[gOff + i];
            double mi = m[mOff + i] + (gi - m[mOff + i]) * oneMinusBeta1;
            double vi = v[vOff + i] + (gi * gi - v[vOff + i]) * oneMinusBeta2;
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            double mHat = uNext * mi / oneMinusUProductNext + oneMinusU * gi / oneMinusUProduct;
            double vHat = vi / oneMinusBeta2Power;
            out[outOff + i] = w[wOff + i] - mHat * lr / (Math.sqrt(vHat) + epsilon);
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff, double lr, double oneMinusBeta1, double oneMinusBeta2, double uNext, double oneMinusUProductNext, double oneMinusU, double oneMinusUProduct, double oneMinusBeta2Power, double epsilon, double[] out, int outOff, int n) {
        DoubleVector vOneMinusBeta1 = DoubleVector.broadcast(F64, oneMinusBeta1);
        DoubleVector vOneMinusBeta2 = DoubleVector.broadcast(F64, oneMinusBeta2);
        DoubleVector vuNext = DoubleVector.broadcast(F64, uNext);
        DoubleVector vOneMinusUProductNext = DoubleVector.broadcast(F64, oneMinusUProductNext);
        DoubleVector vOneMinusU = DoubleVector.broadcast(F64, oneMinusU);
        DoubleVector vOneMinusUProduct = DoubleVector.broadcast(F64, oneMinusUProduct);
        DoubleVector vOneMinusBeta2Power = DoubleVector.broadcast(F64, oneMinusBeta2Power);
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
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
            DoubleVector mHat = vuNext.mul(vm).div(vOneMinusUProductNext).add(vOneMinusU.mul(vg).div(vOneMinusUProduct));
            DoubleVector vHat = vv.div(vOneMinusBeta2Power);
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            vw.sub(mHat.mul(vlr).div(vHat.sqrt().add(vepsilon))).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, m, mOff + upper, v, vOff + upper, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] m, int mOff, double[] v, int vOff, double lr, double oneMinusBeta1, double oneMinusBeta2, double uNext, double oneMinusUProductNext, double oneMinusU, double oneMinusUProduct, double oneMinusBeta2Power, double epsilon, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, m, mOff, v, vOff, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, m, mOff, v, vOff, lr, oneMinusBeta1, oneMinusBeta2, uNext, oneMinusUProductNext, oneMinusU, oneMinusUProduct, oneMinusBeta2Power, epsilon, out, outOff, n);
        }
    }

    private NadamKernel() {}
}
