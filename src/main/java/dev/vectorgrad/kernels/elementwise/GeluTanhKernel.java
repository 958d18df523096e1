package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[outOff+i] = x / (1 + e^(-2u))} with {@code u = √(2/π)·(x + 0.044715·x³)} of {@code x = x[xOff+i]} for {@code i < n}.
 * Accuracy (re-checked by the tests at every width over a dense sweep of float bit patterns, every binary
 * exponent of double, subnormals, infinities and NaN): float lanes within {@value #FLOAT_ULPS} ulp of the float
 * twin, double lanes within {@value #DOUBLE_ULPS} ulp of the double twin.
 * This is the tanh approximation of GELU, {@code 0.5·x·(1 + tanh u)}, rewritten without the cancellation of {@code 1 + tanh u} for negative x. {@code +Inf} gives {@code +Inf}, {@code -Inf} gives {@code -0}; NaN gives NaN.
 * {@code out} may alias {@code x} at the same offset.
 *
 * Against the exact function (not the twin) the double result's relative error grows like {@code 2|u|} ulps for
 * negative x: {@code u} carries its own rounding, which {@code e^(-2u)} amplifies; float results are unaffected.
 *
 * <p>The lanes use {@code VectorOperators.EXP}; the twin {@link Math#exp}. Float lanes are widened to double lanes, computed there and rounded once, so the float result
 * is the correctly rounded double result up to one ulp, with no float-specific approximation to get wrong;
 * the price is half the lanes per instruction.
 */
public final class GeluTanhKernel {
    /** The promised distance of float lanes from the twin, in ulps. */
    public static final int FLOAT_ULPS = 1;
    /** The promised distance of double lanes from the twin, in ulps. */
    public static final int DOUBLE_ULPS = 3;

    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F64.length();
    private static final int MIN_F64 = Simd.F64.length();
    // as many float lanes as F64 has double lanes: the float half that widens into one double vector
    private static final VectorSpecies<Float> F32_HALF =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Simd.BITS / 2));
    private static final double SQRT_2_OVER_PI = 0.7978845608028654, CUBIC = 0.044715;
    // below -30, 2u < -1900 and the result is 0 in double; clamping keeps -Inf/Inf from becoming NaN
    private static final double FLOOR = -30;

    /** The reference: the double twin, rounded once to float. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) f(x[xOff + i]);
    }

    /** The reference: the same formula with {@link Math#exp}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = f(x[xOff + i]);
    }

    private static double f(double x) {
        double c = Math.max(x, FLOOR);
        double u = SQRT_2_OVER_PI * (CUBIC * c * c * c + c);
        return c / (1 + Math.exp(-2 * u));
    }

    /** The SIMD body to the loop bound, in double lanes; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(F32_HALF, x, xOff + i)
                    .convertShape(VectorOperators.F2D, Simd.F64, 0);
            ((FloatVector) f(v).convertShape(VectorOperators.D2F, F32_HALF, 0)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            f(DoubleVector.fromArray(Simd.F64, x, xOff + i)).intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    private static DoubleVector f(DoubleVector x) {
        DoubleVector c = x.max(FLOOR);
        DoubleVector u = c.mul(CUBIC).mul(c).mul(c).add(c).mul(SQRT_2_OVER_PI);
        return c.div(u.mul(-2.0).lanewise(VectorOperators.EXP).add(1.0));
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private GeluTanhKernel() {}
}
