package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out[outOff+i] = log₂ x[xOff+i]} for {@code i < n}.
 * Accuracy (re-checked by the tests at every width over a dense sweep of float bit patterns, every binary
 * exponent of double, subnormals, infinities and NaN): float lanes within {@value #FLOAT_ULPS} ulp of the float
 * twin, double lanes within {@value #DOUBLE_ULPS} ulp of the double twin.
 * Exact at powers of two ({@code log2(8) = 3}), as NumPy's; {@code log2(±0) = -Inf}, {@code x < 0} and NaN give NaN, {@code log2(+Inf) = +Inf}.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>{@code x = m·2^k} with {@code m} in {@code [√½, √2)} read from the bits (subnormals scaled by 2^54 first), then {@code k + ln(m)/ln 2}: the integer part is exact and the logarithm is of a number near 1. The lanes use {@code VectorOperators.LOG}, the twin {@link Math#log}, on the same {@code m}. Float lanes are widened to double lanes, computed there and rounded once, so the float result
 * is the correctly rounded double result up to one ulp, with no float-specific approximation to get wrong;
 * the price is half the lanes per instruction.
 */
public final class Log2Kernel {
    /** The promised distance of float lanes from the twin, in ulps. */
    public static final int FLOAT_ULPS = 1;
    /** The promised distance of double lanes from the twin, in ulps. */
    public static final int DOUBLE_ULPS = 1;

    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F64.length();
    private static final int MIN_F64 = Simd.F64.length();
    // as many float lanes as F64 has double lanes: the float half that widens into one double vector
    private static final VectorSpecies<Float> F32_HALF =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Simd.BITS / 2));
    private static final double INV_LN2 = 1.4426950408889634, SQRT2 = 1.4142135623730951, TWO54 = 0x1p54;
    private static final long MANTISSA = 0x000fffffffffffffL, ONE_BITS = 0x3ff0000000000000L;

    /** The reference: the double twin, rounded once to float. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) f(x[xOff + i]);
    }

    /** The reference: the same split with {@link Math#log}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = f(x[xOff + i]);
    }

    private static double f(double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x) * INV_LN2;  // NaN, -Inf at 0, NaN below 0, +Inf at +Inf
        }
        double s = x < Double.MIN_NORMAL ? x * TWO54 : x;
        long bits = Double.doubleToRawLongBits(s);
        double k = (double) ((bits >>> 52) - 1023) - (x < Double.MIN_NORMAL ? 54 : 0);
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        if (m > SQRT2) {
            m *= 0.5;
            k += 1;
        }
        return Math.log(m) * INV_LN2 + k;
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
        var sub = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        DoubleVector s = x.blend(x.mul(TWO54), sub);
        LongVector bits = (LongVector) s.reinterpretAsLongs();
        DoubleVector k = ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).sub(1023L)
                .convert(VectorOperators.L2D, 0)).sub(DoubleVector.zero(Simd.F64).blend(54.0, sub));
        DoubleVector m = (DoubleVector) bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
        var big = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), big);
        k = k.blend(k.add(1.0), big);
        DoubleVector r = m.lanewise(VectorOperators.LOG).mul(INV_LN2).add(k);
        var special = x.compare(VectorOperators.GT, 0.0).and(x.compare(VectorOperators.LT, Double.POSITIVE_INFINITY)).not();
        return r.blend(x.lanewise(VectorOperators.LOG).mul(INV_LN2), special);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private Log2Kernel() {}
}
