package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[outOff+i] = x·Φ(x)} with {@code Φ(x) = (1 + erf(x/√2))/2} (exact GELU) of {@code x = x[xOff+i]} for {@code i < n}.
 * Accuracy (re-checked by the tests at every width over a dense sweep of float bit patterns, every binary
 * exponent of double, subnormals, infinities and NaN): float lanes within {@value #FLOAT_ULPS} ulp of the float
 * twin, double lanes within {@value #DOUBLE_ULPS} ulp of the double twin.
 * {@code gelu(+Inf) = +Inf}; {@code gelu(-Inf) = -0}, the limit (the plain formula gives {@code -Inf·0 = NaN}); NaN gives NaN.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>{@code Φ} is {@link ErfMath#phi}: for negative x it is {@code erfc(|x|/√2)/2}, never {@code 1 + erf} with its cancellation, so the relative accuracy holds for large negative x, where PyTorch's and TensorFlow's {@code 0.5·x·(1 + erf(x/√2))} loses every digit. Float lanes are widened to double lanes, computed there and rounded once, so the float result
 * is the correctly rounded double result up to one ulp, with no float-specific approximation to get wrong;
 * the price is half the lanes per instruction.
 */
public final class GeluKernel {
    /** The promised distance of float lanes from the twin, in ulps. */
    public static final int FLOAT_ULPS = 1;
    /** The promised distance of double lanes from the twin, in ulps. */
    public static final int DOUBLE_ULPS = 4;

    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F64.length();
    private static final int MIN_F64 = Simd.F64.length();
    // as many float lanes as F64 has double lanes: the float half that widens into one double vector
    private static final VectorSpecies<Float> F32_HALF =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Simd.BITS / 2));
    // below -40, Φ is 0 in double; clamping keeps -Inf·0 from becoming NaN
    private static final double FLOOR = -40;

    /** The reference: the double twin, rounded once to float. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) f(x[xOff + i]);
    }

    /** The reference: {@code max(x, -40)·ErfMath.phi(x)} in scalar operations. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = f(x[xOff + i]);
    }

    private static double f(double x) {
        return Math.max(x, FLOOR) * ErfMath.phi(x);
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
        return x.max(FLOOR).mul(ErfMath.phi(x));
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private GeluKernel() {}
}
