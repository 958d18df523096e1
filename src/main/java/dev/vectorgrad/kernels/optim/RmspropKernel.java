package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One RMSprop step, Keras 3 form (epsilon inside the square root), float and double, in Keras's operation order:
 * {@code ms = rho*ms + oneMinusRho*(g*g); denom = ms + eps}, or when centered ({@code mg != null})
 * {@code mg = rho*mg + oneMinusRho*g; denom = ms - mg*mg + eps}; {@code inc = lr*g / sqrt(denom)}; with momentum
 * ({@code mom != null}) {@code mom = momentum*mom + inc; out = w - mom}, else {@code out = w - inc}. The caller
 * passes {@code oneMinusRho} as Keras computes it (a Python double {@code 1 - rho} rounded on use).
 *
 * <p>The same IEEE operations in the same order in both paths, so SIMD and scalar twin are bit-identical.
 * {@code ms}, {@code mg}, {@code mom} are updated in place; {@code out} may be {@code w} at the same offset.
 */
public final class RmspropKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float[] ms, int msOff, float[] mg, int mgOff, float[] mom, int momOff, float lr, float rho, float oneMinusRho, float momentum, float epsilon, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float msi = rho * ms[msOff + i] + oneMinusRho * (gi * gi);
            ms[msOff + i] = msi;
            float denom;
            if (mg != null) {
                float mgi = rho * mg[mgOff + i] + oneMinusRho * gi;
                mg[mgOff + i] = mgi;
                denom = msi - mgi * mgi + epsilon;
            } else {
                denom = msi + epsilon;
            }
            float inc = lr * gi / (float) Math.sqrt(denom);
            if (mom != null) {
                float momi = momentum * mom[momOff + i] + inc;
                mom[momOff + i] = momi;
                out[outOff + i] = w[wOff + i] - momi;
            } else {
                out[outOff + i] = w[wOff + i] - inc;
            }
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float[] ms, int msOff, float[] mg, int mgOff, float[] mom, int momOff, float lr, float rho, float oneMinusRho, float momentum, float epsilon, float[] out, int outOff, int n) {
        FloatVector vrho = FloatVector.broadcast(F32, rho);
        FloatVector vOneMinusRho = FloatVector.broadcast(F32, oneMinusRho);
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        FloatVector vmomentum = FloatVector.broadcast(F32, momentum);
        FloatVector vepsilon = FloatVector.broadcast(F32, epsilon);
        // Loop-invariant branches: the JIT unswitches them, so each of the four variants runs branch-free.
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            FloatVector vms = vrho.mul(FloatVector.fromArray(F32, ms, msOff + i)).add(vOneMinusRho.mul(vg.mul(vg)));
            vms.intoArray(ms, msOff + i);
            FloatVector denom;
            if (mg != null) {
                FloatVector vmg = vrho.mul(FloatVector.fromArray(F32, mg, mgOff + i)).add(vOneMinusRho.mul(vg));
                vmg.intoArray(mg, mgOff + i);
                denom = vms.sub(vmg.mul(vmg)).add(vepsilon);
            } else {
                denom = vms.add(vepsilon);
            }
            FloatVector inc = vlr.mul(vg).div(denom.sqrt());
            FloatVector vw = FloatVector.fromArray(F32, w, wOff + i);
            if (mom != null) {
                FloatVector vmom = vmomentum.mul(FloatVector.fromArray(F32, mom, momOff + i)).add(inc);
                vmom.intoArray(mom, momOff + i);
                vw.sub(vmom).intoArray(out, outOff + i);
            } else {
                vw.sub(inc).intoArray(out, outOff + i);
            }
        }
        scalar(w, wOff + upper, g, gOff + upper, ms, msOff + upper, mg, mgOff + upper, mom, momOff + upper, lr, rho, oneMinusRho, momentum, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(float[] w, int wOff, float[] g, int gOff, float[] ms, int msOff, float[] mg, int mgOff, float[] mom, int momOff, float lr, float rho, float oneMinusRho, float momentum, float epsilon, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(w, wOff, g, gOff, ms, msOff, mg, mgOff, mom, momOff, lr, rho, oneMinusRho, momentum, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, ms, msOff, mg, mgOff, mom, momOff, lr, rho, oneMinusRho, momentum, epsilon, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double[] ms, int msOff, double[] mg, int mgOff, double[] mom, int momOff, double lr, double rho, double oneMinusRho, double momentum, double epsilon, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double gi = g[gOff + i];
            double msi = rho * ms[msOff + i] + oneMinusRho * (gi * gi);
            ms[msOff + i] = msi;
            double denom;
            if (mg != null) {
                double mgi = rho * mg[mgOff + i] + oneMinusRho * gi;
                mg[mgOff + i] = mgi;
                denom = msi - mgi * mgi + epsilon;
            } else {
                denom = msi + epsilon;
            }
            double inc = lr * gi / Math.sqrt(denom);
            if (mom != null) {
                double momi = momentum * mom[momOff + i] + inc;
                mom[momOff + i] = momi;
                out[outOff + i] = w[wOff + i] - momi;
            } else {
                out[outOff + i] = w[wOff + i] - inc;
            }
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double[] ms, int msOff, double[] mg, int mgOff, double[] mom, int momOff, double lr, double rho, double oneMinusRho, double momentum, double epsilon, double[] out, int outOff, int n) {
        DoubleVector vrho = DoubleVector.broadcast(F64, rho);
        DoubleVector vOneMinusRho = DoubleVector.broadcast(F64, oneMinusRho);
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        DoubleVector vmomentum = DoubleVector.broadcast(F64, momentum);
        DoubleVector vepsilon = DoubleVector.broadcast(F64, epsilon);
        // Loop-invariant branches: the JIT unswitches them, so each of the four variants runs branch-free.
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            DoubleVector vms = vrho.mul(DoubleVector.fromArray(F64, ms, msOff + i)).add(vOneMinusRho.mul(vg.mul(vg)));
            vms.intoArray(ms, msOff + i);
            DoubleVector denom;
            if (mg != null) {
                DoubleVector vmg = vrho.mul(DoubleVector.fromArray(F64, mg, mgOff + i)).add(vOneMinusRho.mul(vg));
                vmg.intoArray(mg, mgOff + i);
                denom = vms.sub(vmg.mul(vmg)).add(vepsilon);
            } else {
                denom = vms.add(vepsilon);
            }
            DoubleVector inc = vlr.mul(vg).div(denom.sqrt());
            DoubleVector vw = DoubleVector.fromArray(F64, w, wOff + i);
            if (mom != null) {
                DoubleVector vmom = vmomentum.mul(DoubleVector.fromArray(F64, mom, momOff + i)).add(inc);
                vmom.intoArray(mom, momOff + i);
                vw.sub(vmom).intoArray(out, outOff + i);
            } else {
                vw.sub(inc).intoArray(out, outOff + i);
            }
        }
        scalar(w, wOff + upper, g, gOff + upper, ms, msOff + upper, mg, mgOff + upper, mom, momOff + upper, lr, rho, oneMinusRho, momentum, epsilon, out, outOff + upper, n - upper);
    }

    /** Runs the SIMD body when SIMD is on and {@code n} fills a vector, else the scalar twin. */
    public static void run(double[] w, int wOff, double[] g, int gOff, double[] ms, int msOff, double[] mg, int mgOff, double[] mom, int momOff, double lr, double rho, double oneMinusRho, double momentum, double epsilon, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(w, wOff, g, gOff, ms, msOff, mg, mgOff, mom, momOff, lr, rho, oneMinusRho, momentum, epsilon, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, ms, msOff, mg, mgOff, mom, momOff, lr, rho, oneMinusRho, momentum, epsilon, out, outOff, n);
        }
    }

    private RmspropKernel() {}
}
