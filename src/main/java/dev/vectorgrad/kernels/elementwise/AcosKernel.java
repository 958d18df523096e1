package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = arccos x} of {@code x[xOff+i]} for {@code i < n} ({@code x} read as is, no range reduction of ours).
 * SIMD accuracy (measured on AVX2 and re-checked by the tests at every width over a dense sweep of float bit
 * patterns, every binary exponent of double, subnormals, infinities and NaN): float lanes within
 * {@value #FLOAT_ULPS} ulp of {@code (float) Math.acos(x)}, double lanes within {@value #DOUBLE_ULPS} ulp of {@link Math#acos}.
 * {@code acos(1) = +0}; {@code |x| > 1} and NaN give NaN.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>The lanes use {@code VectorOperators.ACOS} (an SVML intrinsic on x86, the JDK's own Java code elsewhere),
 * which already meets the bound; a species wider than the CPU's runs the JDK's slow per-lane fallback.
 */
public final class AcosKernel {
    /** The promised distance of float lanes from the twin, in ulps. */
    public static final int FLOAT_ULPS = 1;
    /** The promised distance of double lanes from the twin, in ulps. */
    public static final int DOUBLE_ULPS = 1;

    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F32.length();
    private static final int MIN_F64 = Simd.F64.length();

    /** The reference: {@code (float) Math.acos((double) x)}, within about 0.5 ulp of the exact acos. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.acos(x[xOff + i]);
    }

    /** The reference: {@link Math#acos}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.acos(x[xOff + i]);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            va.lanewise(VectorOperators.ACOS).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            va.lanewise(VectorOperators.ACOS).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private AcosKernel() {}
}
