package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.Warmup;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = e^x[xOff+i]} for {@code i < n}.
 * SIMD accuracy (measured on AVX2 over all 2^32 float inputs and random doubles;
 * the tests re-check it at every width): float lanes are within 1 ulp of {@code (float) Math.exp(x)},
 * double lanes within 1 ulp of {@link Math#exp}.
 * Edges as in {@link Math#exp}: {@code exp(-Inf) = +0}, {@code exp(+Inf) = +Inf}, NaN gives NaN; float results
 * overflow to Inf above about 88.72 and underflow through subnormals to 0 below about -103.97.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>The lanes use {@code VectorOperators.EXP} (an SVML intrinsic on x86): measured faster here than our own
 * Cody-Waite polynomial at the same 1 ulp (see {@link TanhKernel} for that polynomial). A species wider than the
 * CPU's (forced {@code vectorgrad.vectorBits}) has no intrinsic and runs the JDK's slow Java fallback.
 * That fallback (also what the interpreter and C1 run before C2 compiles the loop) computes {@code Math.exp} per
 * lane, so the same input can come out 1 ulp apart from one call to the next while the JIT warms up (e^20.036362f:
 * 5.031313E8 before C2, 5.0313126E8 after): both within the promise, but not bit-reproducible across tiers.
 * The same holds, with {@code -Dvectorgrad.warmup=exact} or {@code all}, for {@code run}'s first calls in a JVM, which
 * take the scalar twin until the SIMD body is
 * compiled ({@link Warmup}).
 */
public final class ExpKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_SIMD_LENGTH_F32 = Simd.F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = Simd.F64.length();

    // Cold start: run() takes the scalar twin until the warm-up thread has seen the SIMD body compiled (Warmup).
    private static final Warmup.Body BODIES = new Bodies();
    private static final Warmup.Gate WARM_F32 = Warmup.gate("ExpKernel float", BODIES, "F32");
    private static final Warmup.Gate WARM_F64 = Warmup.gate("ExpKernel double", BODIES, "F64");

    /** The reference: {@code (float) Math.exp((double) x)}, within about 0.5 ulp of the exact exp. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.exp(x[xOff + i]);
    }

    /** The reference: {@link Math#exp}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.exp(x[xOff + i]);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            va.lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            va.lanewise(VectorOperators.EXP).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32 && (WARM_F32.ready() || n > Warmup.SCALAR_MAX)) {
            simd(x, xOff, out, outOff, n);
        } else {
            scalar(x, xOff, out, outOff, n);
        }
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64 && (WARM_F64.ready() || n > Warmup.SCALAR_MAX)) {
            simd(x, xOff, out, outOff, n);
        } else {
            scalar(x, xOff, out, outOff, n);
        }
    }

    /** The bodies the warm-up thread times, on its own arrays. */
    private static final class Bodies implements Warmup.Body {
        @Override
        public void run(String entry, boolean simd, Warmup.Scratch s) {
            switch (entry) {
                case "F32" -> {
                    if (simd) {
                        simd(s.float0, 0, s.floatOut, 0, Warmup.N);
                    } else {
                        scalar(s.float0, 0, s.floatOut, 0, Warmup.N);
                    }
                }
                case "F64" -> {
                    if (simd) {
                        simd(s.double0, 0, s.doubleOut, 0, Warmup.N);
                    } else {
                        scalar(s.double0, 0, s.doubleOut, 0, Warmup.N);
                    }
                }
                default -> throw new IllegalArgumentException("no warm-up entry " + entry);
            }
        }
    }

    private ExpKernel() {}
}
