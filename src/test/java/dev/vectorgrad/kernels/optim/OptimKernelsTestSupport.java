package dev.vectorgrad.kernels.optim;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random operands with IEEE specials, lengths at every loop boundary and NaN-aware bit comparison for the optimizer
 * kernel tests (a copy of the elementwise suite's helpers, which are package-private there).
 */
final class OptimKernelsTestSupport {

    /** Lengths at every boundary of a one-vector-per-step loop for both float and double lanes, plus random ones. */
    static Arbitrary<Integer> lengths() {
        int lf = Simd.F32.length();
        int ld = Simd.F64.length();
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, lf - 1, lf, lf + 1, 2 * lf - 1, 2 * lf, 2 * lf + 1, ld - 1, ld + 1, 2 * ld + 1),
                Arbitraries.integers().between(0, 5_000));
    }

    /** A random float: mostly ordinary values, sometimes an IEEE special or a subnormal. */
    static float randomFloat(SplittableRandom rng) {
        return switch (rng.nextInt(20)) {
            case 0 -> Float.NaN;
            case 1 -> 0f;
            case 2 -> -0f;
            case 3 -> Float.POSITIVE_INFINITY;
            case 4 -> Float.NEGATIVE_INFINITY;
            case 5 -> Float.MIN_VALUE * rng.nextInt(-1000, 1000);
            case 6 -> Float.MAX_VALUE * (float) (rng.nextDouble() * 2 - 1);
            case 7, 8, 9 -> rng.nextInt(-3, 4);
            default -> (float) ((rng.nextDouble() * 2 - 1) * 100);
        };
    }

    static double randomDouble(SplittableRandom rng) {
        return switch (rng.nextInt(20)) {
            case 0 -> Double.NaN;
            case 1 -> 0d;
            case 2 -> -0d;
            case 3 -> Double.POSITIVE_INFINITY;
            case 4 -> Double.NEGATIVE_INFINITY;
            case 5 -> Double.MIN_VALUE * rng.nextInt(-1000, 1000);
            case 6 -> Double.MAX_VALUE * (rng.nextDouble() * 2 - 1);
            case 7, 8, 9 -> rng.nextInt(-3, 4);
            default -> (rng.nextDouble() * 2 - 1) * 100;
        };
    }

    /** Compares element bits, with every NaN equal to every other NaN and {@code -0.0 != +0.0}. */
    static boolean sameBits(float[] x, float[] y) {
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToIntBits(x[i]) != Float.floatToIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean sameBits(double[] x, double[] y) {
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(y[i])) {
                return false;
            }
        }
        return true;
    }

    private OptimKernelsTestSupport() {}
}
