package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Lengths at every loop boundary of the reduction kernels, random operands, and NaN-aware bit equality. */
final class ReduceTestSupport {
    /** Unroll factor of the widest reduction loops (four accumulators). */
    static final int U = 4;

    /**
     * 0, 1, and L-1, L, L+1, 2L±1, U·L-1, U·L, U·L+1 for both float and double lanes, the block edges of
     * the blocked sums, plus random lengths up to 5000 (several blocks).
     */
    static Arbitrary<Integer> lengths() {
        int lf = Simd.F32.length();
        int ld = Simd.F64.length();
        int b = SumKernel.BLOCK;
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, lf - 1, lf, lf + 1, 2 * lf - 1, 2 * lf + 1, U * lf - 1, U * lf, U * lf + 1,
                        ld - 1, ld + 1, 2 * ld + 1, U * ld - 1, U * ld, U * ld + 1,
                        b - 1, b, b + 1, b + U * lf - 1, b + U * lf + 1, 2 * b + 3),
                Arbitraries.integers().between(0, 5_000));
    }

    /** Lengths of at least 1, for the kernels that require a non-empty input. */
    static Arbitrary<Integer> nonEmptyLengths() {
        return lengths().map(n -> Math.max(n, 1));
    }

    /** Finite floats over six decades and both signs, so cancellation and magnitude spread both occur. */
    static float[] floats(SplittableRandom rng, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextInt(-3, 4)));
        }
        return x;
    }

    static double[] doubles(SplittableRandom rng, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = (rng.nextDouble() * 2 - 1) * Math.pow(10, rng.nextInt(-3, 4));
        }
        return x;
    }

    /** Mostly small integers (so ties occur), sometimes an IEEE special: NaN, ±0, ±Inf. */
    static float[] floatsWithSpecials(SplittableRandom rng, int length, int specialsPerThousand) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextInt(1000) < specialsPerThousand
                    ? switch (rng.nextInt(5)) {
                        case 0 -> Float.NaN;
                        case 1 -> 0f;
                        case 2 -> -0f;
                        case 3 -> Float.POSITIVE_INFINITY;
                        default -> Float.NEGATIVE_INFINITY;
                    }
                    : rng.nextInt(-50, 50) * 0.5f;
        }
        return x;
    }

    static double[] doublesWithSpecials(SplittableRandom rng, int length, int specialsPerThousand) {
        double[] x = new double[length];
        float[] f = floatsWithSpecials(rng, length, specialsPerThousand);
        for (int i = 0; i < length; i++) {
            x[i] = f[i];
        }
        return x;
    }

    /** Full-range ints (sums and products wrap), or small ones when ties matter. */
    static int[] ints(SplittableRandom rng, int length, boolean small) {
        int[] x = new int[length];
        for (int i = 0; i < length; i++) {
            x[i] = small ? rng.nextInt(-20, 20) : rng.nextInt();
        }
        return x;
    }

    static long[] longs(SplittableRandom rng, int length, boolean small) {
        long[] x = new long[length];
        for (int i = 0; i < length; i++) {
            x[i] = small ? rng.nextLong(-20, 20) : rng.nextLong();
        }
        return x;
    }

    /** Equal bits, every NaN counted as the same NaN. */
    static boolean sameBits(float a, float b) {
        return Float.floatToIntBits(a) == Float.floatToIntBits(b);
    }

    static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    private ReduceTestSupport() {}
}
