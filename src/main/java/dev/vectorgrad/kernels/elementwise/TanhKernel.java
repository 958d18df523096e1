package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.Warmup;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = tanh(x[xOff+i])} for {@code i < n}.
 * SIMD accuracy (measured on AVX2 over all 2^32 float inputs and random doubles;
 * the tests re-check it at every width): float lanes are within 2 ulp of {@code (float) Math.tanh(x)},
 * double lanes within 1 ulp of {@link Math#tanh}.
 * Odd and saturating: {@code tanh(±0) = ±0}, and float lanes give exactly {@code ±1} for {@code |x| > 9.02}
 * (where the twin rounds to ±1 too), never beyond.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>The float lanes use their own approximation, about 2x faster here than {@code VectorOperators.TANH}:
 * for {@code |x| < 0.5625} the odd polynomial {@code x + x^3 Q(x^2)}, else
 * {@code (1 - e) / (1 + e)} with {@code e = exp(-2|x|)} from a Cody-Waite reduction; the sign is copied back.
 *
 * <p>With {@code -Dvectorgrad.warmup=all}, {@code run}'s first calls in a JVM take the scalar twin until the SIMD
 * body is compiled ({@link Warmup}): they give the twin's results, which the SIMD lanes match within the 2 ulp above,
 * so an early and a later call may differ by that much. By default the gate is open from the start.
 */
public final class TanhKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_SIMD_LENGTH_F32 = Simd.F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = Simd.F64.length();

    // Cold start: run() takes the scalar twin until the warm-up thread has seen the SIMD body compiled (Warmup).
    private static final Warmup.Body BODIES = new Bodies();
    private static final Warmup.Gate WARM_F32 = Warmup.inexactGate("TanhKernel float", BODIES, "F32");
    private static final Warmup.Gate WARM_F64 = Warmup.inexactGate("TanhKernel double", BODIES, "F64");

    // below SMALL the exp form loses bits to 1 - e; above it e <= exp(-1.125) and 1 - e >= 0.67 is safe
    private static final float SMALL = 0.5625f;
    // tanh(x) / x - 1 = x^2 Q(x^2) on [0, SMALL], least-squares fit of relative error, 1.4e-9 in exact arithmetic
    private static final float Q0 = -0.33333313f, Q1 = 0.13332452f, Q2 = -0.053837445f, Q3 = 0.021007515f,
            Q4 = -0.0061798897f;
    // tanh rounds to 1f beyond 9.01; clamping here keeps k = -2|x| / ln2 a normal exponent
    private static final float SATURATE = 10f;
    private static final float LOG2E = 1.44269504f, ROUND = 0x1.8p23f;
    // 2^k = (k + 127) << 23; ROUND's bits hold k in their low mantissa, so one integer subtraction gives k + 127
    private static final int ROUND_BITS_MINUS_BIAS = 0x4b400000 - 127;
    // ln2 = LN2_HI + LN2_LO; LN2_HI has 9 significant bits, so k * LN2_HI is exact for |k| <= 2^15
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    // Cephes expf: e^r = 1 + r + r^2 (P0 + P1 r + ... + P5 r^5) on |r| <= ln2 / 2
    private static final float P0 = 5.0000001201e-1f, P1 = 1.6666665459e-1f, P2 = 4.1665795894e-2f,
            P3 = 8.3334519073e-3f, P4 = 1.3981999507e-3f, P5 = 1.9875691500e-4f;

    /** The reference: {@code (float) Math.tanh((double) x)}, within about 0.5 ulp of the exact tanh. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.tanh(x[xOff + i]);
    }

    /** The reference: {@link Math#tanh}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.tanh(x[xOff + i]);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            FloatVector a = va.abs();
            FloatVector u = a.mul(a);
            FloatVector q = u.fma(Q4, Q3).fma(u, FloatVector.broadcast(Simd.F32, Q2))
                    .fma(u, FloatVector.broadcast(Simd.F32, Q1)).fma(u, FloatVector.broadcast(Simd.F32, Q0));
            FloatVector small = a.mul(u).fma(q, a);
            // NaN compares false everywhere, stays NaN through both branches and keeps its own sign bit
            FloatVector m2a = a.blend(SATURATE, a.compare(VectorOperators.GT, SATURATE)).mul(-2f);
            // e = exp(m2a), written inline: a helper taking vectors that C2 fails to inline boxes every call.
            // Adding 1.5 * 2^23 rounds m2a / ln2 to the nearest integer k, which lands in the low mantissa bits.
            FloatVector t = m2a.fma(LOG2E, ROUND);
            FloatVector kf = t.sub(ROUND);
            FloatVector r = kf.fma(FloatVector.broadcast(Simd.F32, -LN2_LO), m2a.sub(kf.mul(LN2_HI)));
            FloatVector p = r.fma(P5, P4).fma(r, FloatVector.broadcast(Simd.F32, P3))
                    .fma(r, FloatVector.broadcast(Simd.F32, P2)).fma(r, FloatVector.broadcast(Simd.F32, P1))
                    .fma(r, FloatVector.broadcast(Simd.F32, P0)).fma(r.mul(r), r).add(1f);
            // -20 <= m2a <= 0 keeps k a normal exponent, so a single 2^k factor does
            FloatVector e = p.mul(t.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector large = e.neg().add(1f).div(e.add(1f));
            FloatVector th = large.blend(small, a.compare(VectorOperators.LT, SMALL));
            th.reinterpretAsInts().or(va.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats()
                    .intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    // double lanes: VectorOperators.TANH (SVML on x86) already holds 1 ulp and has no float shortcut to beat
    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            va.lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
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

    private TanhKernel() {}
}
