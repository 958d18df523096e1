package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import jdk.incubator.vector.VectorShape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Inputs, lengths and ulp distances shared by the unary kernel tests. */
final class UnaryTestValues {
    /**
     * True when the forced species is wider than the CPU's: the Vector API then runs its Java fallback,
     * orders of magnitude slower, so the tests use shorter arrays and coarser sweeps.
     */
    static final boolean EMULATED = Simd.BITS > VectorShape.preferredShape().vectorBitSize();

    static final float[] FLOAT_SPECIALS = {
        0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffc00001), // NaNs with payload and sign bit
        88.72283f, 88.72284f, 88.7229f, -87.33655f, -87.3366f, -103.97207f, -103.9721f, -104f, 89f,
        9.01f, 9.02f, -9.02f, 0.5625f, -0.5625f, 17.33f, -17.33f, 0.1f, 1e-20f, -1e-30f,
    };

    static final double[] DOUBLE_SPECIALS = {
        0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.longBitsToDouble(0x7ff8000000012345L), Double.longBitsToDouble(0xfff8000000000001L),
        709.782712893384, 709.7827128933841, -708.3964185322641, -745.1332191019411, -745.1332191019412, -746d,
        19.06, -19.06, 36.8, -36.8, 0.1, 1e-300, -1e-310,
    };

    /** Lengths at every boundary of a loop over {@code lanes}-wide vectors, plus random ones. */
    static Arbitrary<Integer> lengths(int lanes) {
        int max = EMULATED ? 600 : 5_000;
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, lanes - 1, lanes, lanes + 1, 2 * lanes - 1, 2 * lanes, 2 * lanes + 1),
                Arbitraries.integers().between(0, max));
    }

    /** Mixed inputs: uniform bit patterns (every magnitude, NaNs, subnormals), moderate values and specials. */
    static float[] floats(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (rng.nextInt(4)) {
                case 0 -> Float.intBitsToFloat(rng.nextInt());
                case 1 -> (float) (rng.nextDouble(-20, 20));
                case 2 -> (float) (rng.nextDouble(-110, 110));
                default -> FLOAT_SPECIALS[rng.nextInt(FLOAT_SPECIALS.length)];
            };
        }
        return x;
    }

    static double[] doubles(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (rng.nextInt(5)) {
                case 0 -> Double.longBitsToDouble(rng.nextLong());
                case 1 -> rng.nextDouble(-40, 40);
                case 2 -> rng.nextDouble(-800, 800);
                case 3 -> rng.nextDouble(-1, 1) * Math.scalb(1d, rng.nextInt(-1074, 64));
                default -> DOUBLE_SPECIALS[rng.nextInt(DOUBLE_SPECIALS.length)];
            };
        }
        return x;
    }

    static int[] ints(SplittableRandom rng, int n) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (rng.nextInt(3)) {
                case 0 -> rng.nextInt();
                case 1 -> rng.nextInt(-100, 100);
                default -> new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 46341}[rng.nextInt(6)];
            };
        }
        return x;
    }

    static long[] longs(SplittableRandom rng, int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (rng.nextInt(3)) {
                case 0 -> rng.nextLong();
                case 1 -> rng.nextLong(-100, 100);
                default -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 3037000500L}[rng.nextInt(6)];
            };
        }
        return x;
    }

    /**
     * Distance in representable floats between a and b; ±0 count as one point, Inf sits one step past MAX_VALUE.
     * Both NaN gives 0, exactly one NaN gives Long.MAX_VALUE.
     */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) == Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        return Math.abs(ordinal(Float.floatToRawIntBits(a)) - ordinal(Float.floatToRawIntBits(b)));
    }

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) == Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        long ia = Double.doubleToRawLongBits(a), ib = Double.doubleToRawLongBits(b);
        // map to a monotone integer line; across zero the sum can overflow, so saturate
        long oa = ia < 0 ? -(ia & Long.MAX_VALUE) : ia, ob = ib < 0 ? -(ib & Long.MAX_VALUE) : ib;
        long d = (oa >= 0) == (ob >= 0) ? Math.abs(oa - ob) : Math.abs(oa) + Math.abs(ob);
        return d < 0 ? Long.MAX_VALUE : d;
    }

    private static long ordinal(int bits) {
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    private UnaryTestValues() {}
}
