package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random operands with IEEE specials sprinkled in, lengths at every loop boundary, NaN-aware bit comparison and a
 * reflective caller, shared by the binary-kernel and comparison tests (their kernels differ only in element type).
 */
final class BinaryKernelsTestSupport {

    /** The element types a kernel may be overloaded on, with the boxed-free array class each one uses. */
    enum Elem {
        FLOAT(float.class), DOUBLE(double.class), INT(int.class), LONG(long.class);

        final Class<?> type;
        final Class<?> arrayType;

        Elem(Class<?> type) {
            this.type = type;
            this.arrayType = type.arrayType();
        }

        int lanes() {
            return switch (this) {
                case FLOAT -> Simd.F32.length();
                case DOUBLE -> Simd.F64.length();
                case INT -> Simd.I32.length();
                case LONG -> Simd.I64.length();
            };
        }
    }

    /** Lengths at every boundary of a one-vector-per-step loop for both float and double lanes, plus random ones. */
    static Arbitrary<Integer> lengths() {
        int lf = Simd.F32.length();
        int ld = Simd.F64.length();
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, lf - 1, lf, lf + 1, 2 * lf - 1, 2 * lf, 2 * lf + 1, ld - 1, ld + 1, 2 * ld + 1),
                Arbitraries.integers().between(0, 5_000));
    }

    /** A random float: mostly ordinary values, often small integers (so ties occur), sometimes an IEEE special. */
    static float randomFloat(SplittableRandom rng) {
        return switch (rng.nextInt(20)) {
            case 0 -> Float.NaN;
            case 1 -> 0f;
            case 2 -> -0f;
            case 3 -> Float.POSITIVE_INFINITY;
            case 4 -> Float.NEGATIVE_INFINITY;
            case 5 -> Float.MIN_VALUE * rng.nextInt(-1000, 1000);         // subnormal
            case 6 -> Float.MAX_VALUE * (float) (rng.nextDouble() * 2 - 1); // near overflow
            case 7, 8, 9 -> rng.nextInt(-3, 4);                               // ties for comparisons
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

    static int randomInt(SplittableRandom rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2, 3 -> rng.nextInt(-3, 4);
            default -> rng.nextInt();
        };
    }

    static long randomLong(SplittableRandom rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2, 3 -> rng.nextInt(-3, 4);
            default -> rng.nextLong();
        };
    }

    /** An array of {@code length} random elements of {@code elem}, returned as its primitive array. */
    static Object randomArray(Elem elem, SplittableRandom rng, int length) {
        Object array = Array.newInstance(elem.type, length);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, randomScalar(elem, rng));
        }
        return array;
    }

    static Object randomScalar(Elem elem, SplittableRandom rng) {
        return switch (elem) {
            case FLOAT -> randomFloat(rng);
            case DOUBLE -> randomDouble(rng);
            case INT -> randomInt(rng);
            case LONG -> randomLong(rng);
        };
    }

    /** Compares element bits, with every NaN equal to every other NaN and {@code -0.0 != +0.0}. */
    static boolean sameBits(Object x, Object y) {
        if (x instanceof float[] fx && y instanceof float[] fy) {
            if (fx.length != fy.length) {
                return false;
            }
            for (int i = 0; i < fx.length; i++) {
                if (Float.floatToIntBits(fx[i]) != Float.floatToIntBits(fy[i])) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof double[] dx && y instanceof double[] dy) {
            if (dx.length != dy.length) {
                return false;
            }
            for (int i = 0; i < dx.length; i++) {
                if (Double.doubleToLongBits(dx[i]) != Double.doubleToLongBits(dy[i])) {
                    return false;
                }
            }
            return true;
        }
        return Arrays.deepEquals(new Object[] {x}, new Object[] {y});
    }

    /** Clones a primitive array. */
    static Object copy(Object array) {
        int length = Array.getLength(array);
        Object c = Array.newInstance(array.getClass().componentType(), length);
        System.arraycopy(array, 0, c, 0, length);
        return c;
    }

    static String show(Object array) {
        return Arrays.deepToString(new Object[] {array});
    }

    /** Calls the public static {@code name} of {@code kernel} whose parameter types are {@code signature}. */
    static void call(Class<?> kernel, String name, Class<?>[] signature, Object... args) {
        Method m;
        try {
            m = kernel.getMethod(name, signature);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(kernel.getSimpleName() + " lacks " + name + Arrays.toString(signature), e);
        }
        try {
            m.invoke(null, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(kernel.getSimpleName() + "." + name + " threw", e.getCause());
        }
    }

    private BinaryKernelsTestSupport() {}
}
