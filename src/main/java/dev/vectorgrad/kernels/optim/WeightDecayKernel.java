package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Keras 3's decoupled weight decay, applied before the optimizer's update: {@code out = w - w * decay * lr}, in
 * that operation order, float and double.
 *
 * <p>The same IEEE operations in the same order in both paths, so SIMD and scalar twin are bit-identical.
 * {@code out} may be {@code w} at the same offset.
 */
public final class WeightDecayKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float decay, float lr, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            out[outOff + i] = wi - wi * decay * lr;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float decay, float lr, float[] out, int outOff, int n) {
        FloatVector vdecay = FloatVector.broadcast(F32, decay);
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            vw.sub(vw.mul(vdecay).mul(vlr)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, decay, lr, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float decay, float lr, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, decay, lr, out, outOff, n);
        } else {
            scalar(w, wOff, decay, lr, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double decay, double lr, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double wi = w[wOff + i];
            out[outOff + i] = wi - wi * decay * lr;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double decay, double lr, double[] out, int outOff, int n) {
        DoubleVector vdecay = DoubleVector.broadcast(F64, decay);
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            vw.sub(vw.mul(vdecay).mul(vlr)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, decay, lr, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double decay, double lr, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, decay, lr, out, outOff, n);
        } else {
            scalar(w, wOff, decay, lr, out, outOff, n);
        }
    }

    private WeightDecayKernel() {}
}
