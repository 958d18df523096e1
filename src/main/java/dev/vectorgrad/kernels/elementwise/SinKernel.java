package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = sin(x[xOff+i])} (radians) for {@code i < n}.
 * SIMD accuracy (measured on AVX2 over every 4th float bit pattern and random doubles up to 1e308;
 * the tests re-check it at every width): float lanes are within 1 ulp of {@code (float) Math.sin(x)},
 * double lanes within 1 ulp of {@link Math#sin}.
 * {@code sin(±0) = ±0}, {@code sin(±Inf) = NaN}. {@code out} may alias {@code x} at the same offset.
 *
 * <p>The lanes use {@code VectorOperators.SIN} (an SVML intrinsic on x86, with full range reduction).
 */
public final class SinKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_SIMD_LENGTH_F32 = Simd.F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = Simd.F64.length();

    /** The reference: {@code (float) Math.sin((double) x)}, within about 0.5 ulp of the exact sin. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.sin(x[xOff + i]);
    }

    /** The reference: {@link Math#sin}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.sin(x[xOff + i]);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            va.lanewise(VectorOperators.SIN).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            va.lanewise(VectorOperators.SIN).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private SinKernel() {}
}
