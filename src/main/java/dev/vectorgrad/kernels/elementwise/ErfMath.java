package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The error function and the normal CDF in double precision, written twice with the same IEEE operations:
 * once on scalars (the twins of {@link ErfKernel} and {@link GeluKernel}) and once on vector lanes. Only the
 * exponential differs ({@link Math#exp} against {@code VectorOperators.EXP}), so the two agree to about an ulp.
 *
 * <p>Method, for {@code z = |x|}:
 * <ul>
 *   <li>{@code z < 1}: {@code erf z = z·P(z²)}, P of degree 13 (Chebyshev interpolation of {@code erf(√t)/√t}
 *       on {@code [0, 1]}, relative error 2e-16 when evaluated in double);</li>
 *   <li>{@code z >= 1}: {@code erfc z = e^(-z²)·Q(z)} with {@code Q = erfc·e^(z²)}, smooth and slowly varying,
 *       interpolated on {@code [1, 2.5]} (degree 18) and {@code [2.5, 6]} (degree 21) in a variable scaled to
 *       {@code [-1, 1]}, and for {@code z > 6} as {@code R(1/z²)/z} (degree 12, up to {@code z = 28}, where
 *       {@code erfc} has long underflowed). {@code z²} is split exactly into {@code hi + lo} with an fma, and
 *       {@code e^(-z²) = e^(-hi)·(1 - lo)}, so the exponential's argument carries no rounding error: without it
 *       the relative error of {@code erfc} grows like {@code z²} ulps.</li>
 * </ul>
 * Coefficients were fitted with mpmath at 50 digits (not taken from any library). Accuracy against the exact
 * function: MathOpsFixturesTest holds erf and gelu to 4 ulp of mpmath's 40-digit values (1 ulp measured for erf).
 */
final class ErfMath {
    // erf(z)/z = P(z²) on z < 1, highest power first
    private static final double[] SMALL = {
        -4.230945824295338e-12,
        8.709045129053106e-11,
        -1.216456005728345e-09,
        1.4792401209404813e-08,
        -1.6364642158167616e-07,
        1.6462045441468418e-06,
        -1.4925647567519332e-05,
        0.00012055332902888736,
        -0.000854832702193483,
        0.0052239776254232985,
        -0.02686617064512984,
        0.1128379167095512,
        -0.37612638903183754,
        1.1283791670955126};
    // Q(z) on [1, 2.5] in t = (2z - 3.5) / 1.5
    private static final double[] MID = {
        1.691370878456324e-12,
        -9.189420172081477e-12,
        4.093847922889574e-11,
        -2.1212376757225127e-10,
        1.0913862125386419e-09,
        -5.4141292740262066e-09,
        2.6200160920446488e-08,
        -1.236598236632184e-07,
        5.680167343563448e-07,
        -2.5345110647073046e-06,
        1.0962893607629422e-05,
        -4.5856167052362756e-05,
        0.00018495607833968411,
        -0.0007168914456252124,
        0.0026591791241936573,
        -0.009390935492459373,
        0.031367041923986594,
        -0.09823225913586393,
        0.2849722347374364};
    // Q(z) on [2.5, 6] in t = (2z - 8.5) / 3.5
    private static final double[] FAR = {
        -1.6042433269284948e-11,
        5.598597421062676e-11,
        -1.0517280456759531e-10,
        3.5327484899141186e-10,
        -1.3821912371616589e-09,
        4.576132184341489e-09,
        -1.4691764161531722e-08,
        4.741836280295385e-08,
        -1.5134727255985552e-07,
        4.7609927184238256e-07,
        -1.4773597402650236e-06,
        4.520567865926959e-06,
        -1.3631775477136165e-05,
        4.0486279878091235e-05,
        -0.00011835417905827499,
        0.00034031161324268313,
        -0.0009617329805585288,
        0.0026690037171039284,
        -0.007266954317448379,
        0.01939134046373477,
        -0.05065257997557683,
        0.12934527478598792};
    // z·Q(z) = R(u), u = 1/z² on [1/784, 1/36], in t = (2u - (U0 + U1)) / (U1 - U0)
    private static final double[] TAIL = {
        1.7983077854390741e-16,
        -1.5607395801201688e-15,
        1.396777072619226e-14,
        -1.419544735177888e-13,
        1.5802512380633298e-12,
        -1.950685379320365e-11,
        2.7184110740840157e-10,
        -4.377372740067741e-09,
        8.417020772076138e-08,
        -2.031410032174852e-06,
        6.694855417445617e-05,
        -0.003583488290329528,
        0.5601778979027973};
    private static final double U0 = 1.0 / 784, U1 = 1.0 / 36;
    private static final double ZMAX = 28;            // erfc(28) = 6e-343: 0 in double
    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double XMAX = 40;            // Φ(-40) = 4e-350: 0 in double; keeps x² finite

    // ---- scalars: the twins ----

    /** {@code erf(x)}; odd, NaN gives NaN, {@code erf(±Inf) = ±1}. */
    static double erf(double x) {
        double z = Math.min(Math.abs(x), ZMAX);
        double hi = z * z;
        double lo = Math.fma(z, z, -hi);
        double r = z < 1 ? z * horner(SMALL, hi) : 1 - erfcTail(z, hi, lo);
        return Math.copySign(r, x);
    }

    /**
     * {@code x·Φ(x)} (GELU) with {@code Φ(x) = (1 + erf(x/√2)) / 2}, with no cancellation for negative x:
     * {@code erfc(|x|/√2) / 2} there. Below {@code -√2} it is formed as {@code ((x/2)·Q)·e^(-x²/2)}, never
     * {@code x·Φ(x)}: near {@code x = -37.5} Φ is subnormal while the product is not, and rounding Φ first lost up
     * to ten bits of it (9 ulp between the lanes and the twin at {@code x = -37.566}).
     */
    static double xPhi(double x) {
        double a = Math.min(Math.abs(x), XMAX);
        double sq = a * a;
        double hi = sq * 0.5;
        double lo = Math.fma(a, a, -sq) * 0.5;
        double z = a * INV_SQRT2;
        if (z < 1) {
            double c = 0.5 * (1 - z * horner(SMALL, hi));
            return x * (x < 0 ? c : 1 - c);
        }
        double q = erfcScaled(z);
        double e = expNegSquare(hi, lo);
        return x < 0 ? x * 0.5 * q * e : x * (1 - 0.5 * (e * q));  // NaN falls to the right and stays NaN
    }

    /** {@code erfc(z)} for {@code 1 <= z <= ZMAX}, where {@code z² = hi + lo} exactly. */
    private static double erfcTail(double z, double hi, double lo) {
        return expNegSquare(hi, lo) * erfcScaled(z);
    }

    /** {@code e^(-(hi + lo))} with the low part applied to first order, so the argument carries no rounding. */
    private static double expNegSquare(double hi, double lo) {
        double eh = Math.exp(-hi);
        return Math.fma(-lo, eh, eh);
    }

    /** {@code Q(z) = erfc(z)·e^(z²)} for {@code 1 <= z <= ZMAX}. */
    private static double erfcScaled(double z) {
        if (z < 2.5) {
            return horner(MID, Math.fma(z, 2 / 1.5, -3.5 / 1.5));
        } else if (z < 6) {
            return horner(FAR, Math.fma(z, 2 / 3.5, -8.5 / 3.5));
        }
        double zc = Math.min(z, ZMAX);
        double u = 1 / (zc * zc);
        return horner(TAIL, Math.fma(u, 2 / (U1 - U0), -(U0 + U1) / (U1 - U0))) / zc;
    }

    private static double horner(double[] c, double t) {
        double p = c[0];
        for (int k = 1; k < c.length; k++) p = Math.fma(p, t, c[k]);
        return p;
    }

    // ---- vector lanes: the same operations ----

    static DoubleVector erf(DoubleVector x) {
        DoubleVector z = x.abs().min(ZMAX);
        DoubleVector hi = z.mul(z);
        DoubleVector lo = z.fma(z, hi.neg());
        VectorMask<Double> small = z.lt(1.0);
        DoubleVector r = z.mul(horner(SMALL, hi));
        VectorMask<Double> big = small.not().and(z.eq(z));   // NaN lanes stay on the small path
        if (big.anyTrue()) {
            r = r.blend(erfcTail(z, hi, lo).neg().add(1.0), big);
        }
        // copy x's sign bit onto |r|
        return r.lanewise(VectorOperators.ABS).reinterpretAsLongs()
                .or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }

    static DoubleVector xPhi(DoubleVector x) {
        DoubleVector a = x.abs().min(XMAX);
        DoubleVector sq = a.mul(a);
        DoubleVector hi = sq.mul(0.5);
        DoubleVector lo = a.fma(a, sq.neg()).mul(0.5);
        DoubleVector z = a.mul(INV_SQRT2);
        VectorMask<Double> small = z.lt(1.0);
        VectorMask<Double> negative = x.lt(0.0);
        DoubleVector erfc = z.mul(horner(SMALL, hi)).neg().add(1.0);
        VectorMask<Double> big = small.not().and(z.eq(z));
        DoubleVector negativeTail = null;
        if (big.anyTrue()) {
            DoubleVector q = erfcScaled(z);
            DoubleVector e = expNegSquare(hi, lo);
            erfc = erfc.blend(e.mul(q), big);
            negativeTail = x.mul(0.5).mul(q).mul(e);
        }
        DoubleVector c = erfc.mul(0.5);
        // x >= 0 (or NaN, which c already carries): 1 - c
        DoubleVector r = x.mul(c.neg().add(1.0).blend(c, negative));
        return negativeTail == null ? r : r.blend(negativeTail, big.and(negative));
    }

    private static DoubleVector erfcTail(DoubleVector z, DoubleVector hi, DoubleVector lo) {
        return expNegSquare(hi, lo).mul(erfcScaled(z));
    }

    private static DoubleVector expNegSquare(DoubleVector hi, DoubleVector lo) {
        DoubleVector eh = hi.neg().lanewise(VectorOperators.EXP);
        return lo.neg().fma(eh, eh);
    }

    private static DoubleVector erfcScaled(DoubleVector z) {
        VectorMask<Double> far = z.compare(VectorOperators.GE, 2.5);
        VectorMask<Double> tail = z.compare(VectorOperators.GE, 6.0);
        DoubleVector q = horner(MID, z.fma(2 / 1.5, -3.5 / 1.5));
        if (far.anyTrue()) {
            q = q.blend(horner(FAR, z.fma(2 / 3.5, -8.5 / 3.5)), far);
        }
        if (tail.anyTrue()) {
            DoubleVector zc = z.min(ZMAX);
            DoubleVector u = DoubleVector.broadcast(Simd.F64, 1.0).div(zc.mul(zc));
            q = q.blend(horner(TAIL, u.fma(2 / (U1 - U0), -(U0 + U1) / (U1 - U0))).div(zc), tail);
        }
        return q;
    }

    private static DoubleVector horner(double[] c, DoubleVector t) {
        DoubleVector p = DoubleVector.broadcast(Simd.F64, c[0]);
        for (int k = 1; k < c.length; k++) p = p.fma(t, DoubleVector.broadcast(Simd.F64, c[k]));
        return p;
    }

    private ErfMath() {}
}
