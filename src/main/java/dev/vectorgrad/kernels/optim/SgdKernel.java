package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.Warmup;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Plain SGD step, Keras 3 {@code SGD} with {@code momentum = 0}: {@code out = w - g * lr}, float and double.
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

    // Cold start: run() takes the scalar twin until the warm-up thread has seen the SIMD body compiled (Warmup).
    private static final Warmup.Body BODIES = new Bodies();
    private static final Warmup.Gate WARM_F32 = Warmup.gate("SgdKernel float", BODIES, "F32");
    private static final Warmup.Gate WARM_F64 = Warmup.gate("SgdKernel double", BODIES, "F64");

    // ---- float ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = w[wOff + i] - g[gOff + i] * lr;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        FloatVector vlr = FloatVector.broadcast(F32, lr);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vg = FloatVector.fromArray(F32, g, gOff + i);
            FloatVector.fromArray(F32, w, wOff + i).sub(vg.mul(vlr)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, lr, out, outOff + upper, n - upper);
    }

    /**
     * Runs the SIMD body when SIMD is on, {@code n} fills a vector and the body is compiled ({@link Warmup}), else
     * the scalar twin (bit-identical).
     */
    public static void run(float[] w, int wOff, float[] g, int gOff, float lr, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32 && (WARM_F32.ready() || n > Warmup.SCALAR_MAX)) {
            simd(w, wOff, g, gOff, lr, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, lr, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the specification, the SIMD body's tail and the {@code -Dvectorgrad.simd=false} path. */
    public static void scalar(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = w[wOff + i] - g[gOff + i] * lr;
        }
    }

    /** The SIMD body over whole vectors, then the scalar twin for the tail; bit-identical to {@link #scalar}. */
    public static void simd(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        DoubleVector vlr = DoubleVector.broadcast(F64, lr);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vg = DoubleVector.fromArray(F64, g, gOff + i);
            DoubleVector.fromArray(F64, w, wOff + i).sub(vg.mul(vlr)).intoArray(out, outOff + i);
        }
        scalar(w, wOff + upper, g, gOff + upper, lr, out, outOff + upper, n - upper);
    }

    /**
     * Runs the SIMD body when SIMD is on, {@code n} fills a vector and the body is compiled ({@link Warmup}), else
     * the scalar twin (bit-identical).
     */
    public static void run(double[] w, int wOff, double[] g, int gOff, double lr, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64 && (WARM_F64.ready() || n > Warmup.SCALAR_MAX)) {
            simd(w, wOff, g, gOff, lr, out, outOff, n);
        } else {
            scalar(w, wOff, g, gOff, lr, out, outOff, n);
        }
    }

    /** The bodies the warm-up thread times, on its own arrays. */
    private static final class Bodies implements Warmup.Body {
        @Override
        public void run(String entry, boolean simd, Warmup.Scratch s) {
            switch (entry) {
                case "F32" -> {
                    if (simd) {
                        simd(s.float0, 0, s.float1, 0, 0.01f, s.floatOut, 0, Warmup.N);
                    } else {
                        scalar(s.float0, 0, s.float1, 0, 0.01f, s.floatOut, 0, Warmup.N);
                    }
                }
                case "F64" -> {
                    if (simd) {
                        simd(s.double0, 0, s.double1, 0, 0.01, s.doubleOut, 0, Warmup.N);
                    } else {
                        scalar(s.double0, 0, s.double1, 0, 0.01, s.doubleOut, 0, Warmup.N);
                    }
                }
                default -> throw new IllegalArgumentException("no warm-up entry " + entry);
            }
        }
    }

    private SgdKernel() {}
}
