package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Lane-wise {@code e^x} for the softmax family, whose arguments are {@code x - max <= 0}; valid for
 * {@code x <= 88} (float) and {@code x <= 709} (double), beyond which the scaling is not checked.
 *
 * <p>Written in plain IEEE operations (fma, multiply, add, shifts) rather than
 * {@code VectorOperators.EXP}, for two reasons: the JDK's EXP may come from a native library when
 * C2 compiles the loop and from {@code Math.exp} per lane before that, so its bits could change
 * during a run; and where no native library backs it the lanes fall back to scalar calls. These
 * polynomials give the same bits in the interpreter and in compiled code.
 *
 * <p>Method (Cephes {@code expf} for float): {@code n = round(x·log2 e)}, {@code r = x - n·ln 2} in
 * two Cody-Waite steps (exact hi part), {@code e^r} by a minimax polynomial on {@code |r| <= ln2/2},
 * then scale by {@code 2^n}. Promises, for {@code x <= 0}:
 * <ul>
 *   <li>float: within 2 ulp of {@code e^x} where the result is normal; subnormal results are scaled in
 *       two exact-then-rounded steps, within {@code 2^-148}; {@code x < -104} gives 0;</li>
 *   <li>double: within 2 ulp of {@code e^x} where the result is normal ({@code x >= ln(MIN_NORMAL)}, about -708.3964); below
 *       that the result flushes to 0 (absolute error under {@code 2^-1022}).</li>
 * </ul>
 * NaN gives NaN, {@code -Inf} gives 0, 0 gives 1. Tested against a double reference in VectorExpTest.
 */
final class VectorExp {
    private static final float LOG2E_F = 1.44269504088896341f;
    private static final float LN2_HI_F = 0.693359375f;        // 9 significant bits: n·LN2_HI_F is exact
    private static final float LN2_LO_F = -2.12194440e-4f;
    private static final float ROUND_F = 0x1.8p23f;            // adding it rounds to an integer held in the low bits
    private static final int ROUND_F_BITS = Float.floatToRawIntBits(ROUND_F);

    private static final double LOG2E_D = 1.4426950408889634;
    private static final double LN2_HI_D = 6.93147180369123816490e-01;  // fdlibm split: n·LN2_HI_D is exact
    private static final double LN2_LO_D = 1.90821492927058770002e-10;
    private static final double ROUND_D = 0x1.8p52;
    private static final long ROUND_D_BITS = Double.doubleToRawLongBits(ROUND_D);
    private static final double MIN_NORMAL_ARG_D = -708.3964185322641;  // ln(Double.MIN_NORMAL): e^x is normal from here up

    static FloatVector exp(FloatVector x) {
        // clamp below so that n >= -151 (e^-104.5 rounds to 0); a compare and blend is cheaper than the
        // NaN-aware vector max, and a NaN lane fails the compare, stays NaN and spreads through
        FloatVector xc = x.blend(-104.5f, x.lt(-104.5f));
        FloatVector t = xc.fma(LOG2E_F, ROUND_F);
        FloatVector n = t.sub(ROUND_F);
        FloatVector r = n.fma(f(-LN2_HI_F), xc);
        r = n.fma(f(-LN2_LO_F), r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f)
                .fma(r, f(8.3334519073e-3f))
                .fma(r, f(4.1665795894e-2f))
                .fma(r, f(1.6666665459e-1f))
                .fma(r, f(5.0000001201e-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        // 2^n in two halves, each a normal float, so a subnormal result is rounded once, at the end
        IntVector ni = (IntVector) t.reinterpretAsInts().sub(ROUND_F_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = (FloatVector) n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = (FloatVector) n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.blend(MIN_NORMAL_ARG_D - 1, x.lt(MIN_NORMAL_ARG_D - 1));
        DoubleVector t = xc.fma(LOG2E_D, ROUND_D);
        DoubleVector n = t.sub(ROUND_D);
        DoubleVector r = n.fma(d(-LN2_HI_D), xc);
        r = n.fma(d(-LN2_LO_D), r);
        // Taylor series to r^13: the remainder |r|^14/14! < 2^-60 on |r| <= ln2/2
        DoubleVector p = r.fma(1.0 / 6227020800.0, 1.0 / 479001600.0)
                .fma(r, d(1.0 / 39916800.0))
                .fma(r, d(1.0 / 3628800.0))
                .fma(r, d(1.0 / 362880.0))
                .fma(r, d(1.0 / 40320.0))
                .fma(r, d(1.0 / 5040.0))
                .fma(r, d(1.0 / 720.0))
                .fma(r, d(1.0 / 120.0))
                .fma(r, d(1.0 / 24.0))
                .fma(r, d(1.0 / 6.0))
                .fma(r, d(0.5));
        DoubleVector y = p.fma(r.mul(r), r).add(1.0);
        LongVector ni = (LongVector) t.reinterpretAsLongs().sub(ROUND_D_BITS);
        DoubleVector scale = (DoubleVector) ni.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        // below MIN_NORMAL_ARG_D, 2^n would leave the exponent field: flush to 0 instead
        return y.mul(scale).blend(0.0, xc.lt(MIN_NORMAL_ARG_D));
    }

    // constants as vectors of the one species these kernels use; C2 hoists the broadcasts out of loops
    private static FloatVector f(float c) {
        return FloatVector.broadcast(Simd.F32, c);
    }

    private static DoubleVector d(double c) {
        return DoubleVector.broadcast(Simd.F64, c);
    }

    private VectorExp() {}
}
