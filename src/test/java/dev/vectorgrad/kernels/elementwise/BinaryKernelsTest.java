package dev.vectorgrad.kernels.elementwise;

import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.call;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.copy;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomArray;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomScalar;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.sameBits;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.Elem;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Add, Sub, Mul, Div, Pow, Maximum, Minimum: SIMD against the scalar twin for every type and operand shape. */
class BinaryKernelsTest {

    /** One row per kernel: the element types it is overloaded on. */
    record Binary(Class<?> kernel, Set<Elem> types) {
        boolean exactFloatingPoint() {
            return kernel != PowKernel.class; // Pow's vector math library is promised within 2 ulp, not bit-exact
        }
    }

    static final Set<Elem> ALL = EnumSet.allOf(Elem.class);
    static final List<Binary> KERNELS = List.of(
            new Binary(AddKernel.class, ALL),
            new Binary(SubKernel.class, ALL),
            new Binary(MulKernel.class, ALL),
            new Binary(DivKernel.class, EnumSet.of(Elem.FLOAT, Elem.DOUBLE)),
            new Binary(PowKernel.class, ALL),
            new Binary(MaximumKernel.class, ALL),
            new Binary(MinimumKernel.class, ALL));

    /** The three operand shapes: both arrays, or one side a broadcast scalar (stride 0). */
    enum Shape { CONTIGUOUS, BROADCAST_RIGHT, BROADCAST_LEFT }

    @Provide
    Arbitrary<Integer> lengths() {
        return BinaryKernelsTestSupport.lengths();
    }

    @Property(tries = 100)
    void simdAndRunMatchTheScalarTwinForEveryKernelTypeAndShape(
            @ForAll("lengths") int n, @ForAll @IntRange(max = 7) int aOff, @ForAll @IntRange(max = 7) int bOff,
            @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        for (Binary k : KERNELS) {
            for (Elem e : k.types()) {
                for (Shape shape : Shape.values()) {
                    checkOne(k, e, shape, n, aOff, bOff, outOff, rng);
                }
            }
        }
    }

    private static void checkOne(Binary k, Elem e, Shape shape, int n, int aOff, int bOff, int outOff,
                                 SplittableRandom rng) {
        boolean intPow = k.kernel() == PowKernel.class && (e == Elem.INT || e == Elem.LONG);
        Object a = randomArray(e, rng, aOff + n);
        Object b = intPow ? exponents(e, rng, bOff + n) : randomArray(e, rng, bOff + n);
        Object aScalar = randomScalar(e, rng);
        Object bScalar = intPow ? Array.get(exponents(e, rng, 1), 0) : randomScalar(e, rng);
        Object out = randomArray(e, rng, outOff + n + 3); // the 3 trailing junk elements must survive

        String suffix = switch (shape) {
            case CONTIGUOUS -> "";
            case BROADCAST_RIGHT -> "BroadcastRight";
            case BROADCAST_LEFT -> "BroadcastLeft";
        };
        Class<?>[] sig = switch (shape) {
            case CONTIGUOUS -> new Class<?>[] {e.arrayType, int.class, e.arrayType, int.class, e.arrayType, int.class, int.class};
            case BROADCAST_RIGHT -> new Class<?>[] {e.arrayType, int.class, e.type, e.arrayType, int.class, int.class};
            case BROADCAST_LEFT -> new Class<?>[] {e.type, e.arrayType, int.class, e.arrayType, int.class, int.class};
        };
        Object expected = copy(out);
        Object actualSimd = copy(out);
        Object actualRun = copy(out);
        for (var target : List.of(Map.entry("scalar", expected), Map.entry("simd", actualSimd), Map.entry("run", actualRun))) {
            Object o = target.getValue();
            Object[] args = switch (shape) {
                case CONTIGUOUS -> new Object[] {a, aOff, b, bOff, o, outOff, n};
                case BROADCAST_RIGHT -> new Object[] {a, aOff, bScalar, o, outOff, n};
                case BROADCAST_LEFT -> new Object[] {aScalar, b, bOff, o, outOff, n};
            };
            call(k.kernel(), target.getKey() + suffix, sig, args);
        }
        String where = k.kernel().getSimpleName() + " " + e + " " + shape + " n=" + n
                + " offsets=" + aOff + "," + bOff + "," + outOff;
        if (k.exactFloatingPoint() || intPow) {
            assertTrue(sameBits(expected, actualSimd), () -> where + " simd " + show(actualSimd) + " vs " + show(expected));
            assertTrue(sameBits(expected, actualRun), () -> where + " run " + show(actualRun) + " vs " + show(expected));
        } else {
            assertWithinTwoUlp(expected, actualSimd, where + " simd");
            assertWithinTwoUlp(expected, actualRun, where + " run");
        }
    }

    /** Non-negative exponents, the integer Pow precondition; mostly small, sometimes huge. */
    private static Object exponents(Elem e, SplittableRandom rng, int length) {
        if (e == Elem.INT) {
            int[] x = new int[length];
            for (int i = 0; i < length; i++) {
                x[i] = rng.nextInt(4) == 0 ? rng.nextInt(Integer.MAX_VALUE) : rng.nextInt(70);
            }
            return x;
        }
        long[] x = new long[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextInt(4) == 0 ? rng.nextLong(Long.MAX_VALUE) : rng.nextInt(70);
        }
        return x;
    }

    /** Same NaN-ness and infinities, and finite values at most 2 ulp of the twin apart. */
    private static void assertWithinTwoUlp(Object expected, Object actual, String where) {
        if (expected instanceof float[] x) {
            float[] y = (float[]) actual;
            for (int i = 0; i < x.length; i++) {
                int idx = i;
                boolean ok = Float.floatToIntBits(x[i]) == Float.floatToIntBits(y[i])
                        || (Float.isFinite(x[i]) && Float.isFinite(y[i]) && Math.abs(x[i] - y[i]) <= 2 * Math.ulp(x[i]));
                assertTrue(ok, () -> where + " at " + idx + ": " + y[idx] + " vs twin " + x[idx]);
            }
        } else {
            double[] x = (double[]) expected;
            double[] y = (double[]) actual;
            for (int i = 0; i < x.length; i++) {
                int idx = i;
                boolean ok = Double.doubleToLongBits(x[i]) == Double.doubleToLongBits(y[i])
                        || (Double.isFinite(x[i]) && Double.isFinite(y[i]) && Math.abs(x[i] - y[i]) <= 2 * Math.ulp(x[i]));
                assertTrue(ok, () -> where + " at " + idx + ": " + y[idx] + " vs twin " + x[idx]);
            }
        }
    }

    @Property(tries = 50)
    void addingARowInPlaceEqualsAddingIntoAFreshArray(@ForAll("lengths") int n, @ForAll @IntRange(max = 7) int off,
                                                      @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float[] acc = (float[]) randomArray(Elem.FLOAT, rng, n);
        float[] row = (float[]) randomArray(Elem.FLOAT, rng, off + n);
        float[] fresh = new float[n];
        AddKernel.scalar(acc, 0, row, off, fresh, 0, n);

        AddKernel.run(acc, 0, row, off, acc, 0, n); // the NDArray layer's row-sum accumulate

        assertTrue(sameBits(fresh, acc), () -> "n=" + n + " off=" + off);
    }

    // ---- known answers, long enough (37) that the SIMD body and the tail both run ----

    private static float[] repeat(int n, float... pattern) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = pattern[i % pattern.length];
        }
        return x;
    }

    @Example
    void maximumAndMinimumPropagateNaNAndOrderSignedZeros() {
        float nan = Float.NaN;
        float[] a = repeat(37, 1f, nan, -0f, 0f, -3f, Float.NEGATIVE_INFINITY);
        float[] b = repeat(37, 2f, 5f, 0f, -0f, nan, -7f);
        float[] max = new float[37];
        float[] min = new float[37];

        MaximumKernel.run(a, 0, b, 0, max, 0, 37);
        MinimumKernel.run(a, 0, b, 0, min, 0, 37);

        assertArrayEquals(repeat(37, 2f, nan, 0f, 0f, nan, -7f), max);
        assertArrayEquals(repeat(37, 1f, nan, -0f, -0f, nan, Float.NEGATIVE_INFINITY), min);
    }

    @Example
    void divisionFollowsIeeeForZerosAndInfinities() {
        float[] a = repeat(37, 1f, -1f, 0f, 1f, Float.POSITIVE_INFINITY, 6f);
        float[] b = repeat(37, 0f, 0f, 0f, -0f, Float.POSITIVE_INFINITY, 4f);
        float[] out = new float[37];

        DivKernel.run(a, 0, b, 0, out, 0, 37);

        assertArrayEquals(repeat(37, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
                Float.NEGATIVE_INFINITY, Float.NaN, 1.5f), out);
    }

    @Example
    void integerAddAndMulWrapLikeJava() {
        int[] a = new int[37];
        int[] out = new int[37];
        Arrays.fill(a, Integer.MAX_VALUE);

        AddKernel.runBroadcastRight(a, 0, 1, out, 0, 37);
        assertEquals(Integer.MIN_VALUE, out[0]);
        assertEquals(Integer.MIN_VALUE, out[36]);

        MulKernel.runBroadcastRight(a, 0, 2, out, 0, 37);
        assertEquals(-2, out[36]);
    }

    @Example
    void floatPowKnownValuesIncludingJavaSpecialCases() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        // Java's pow, unlike C's, gives NaN for 1^NaN and (-1)^±Inf; x^0 is 1 even for NaN.
        float[] a = repeat(37, 2f, -8f, nan, 1f, -1f, 0f, -0f, 9f);
        float[] b = repeat(37, 10f, 1f / 3, 0f, nan, inf, -1f, -1f, 0.5f);
        float[] out = new float[37];

        PowKernel.run(a, 0, b, 0, out, 0, 37);

        assertArrayEquals(repeat(37, 1024f, nan, 1f, nan, nan, inf, Float.NEGATIVE_INFINITY, 3f), out);
    }

    @Property(tries = 50)
    void powToTheSecondIsBitExactWithTheTwinBecauseItIsAMultiply(@ForAll("lengths") int n,
                                                                  @ForAll @IntRange(max = 7) int aOff,
                                                                  @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        float[] a = (float[]) randomArray(Elem.FLOAT, rng, aOff + n);
        double[] ad = (double[]) randomArray(Elem.DOUBLE, rng, aOff + n);
        for (int i = 0; i < a.length; i++) {
            a[i] *= (float) Math.scalb(1.0, rng.nextInt(-80, 80)); // reach float overflow and subnormal squares
        }
        float[] expected = new float[n];
        float[] actual = new float[n];
        double[] expectedD = new double[n];
        double[] actualD = new double[n];

        PowKernel.scalarBroadcastRight(a, aOff, 2f, expected, 0, n);
        PowKernel.simdBroadcastRight(a, aOff, 2f, actual, 0, n);
        PowKernel.scalarBroadcastRight(ad, aOff, 2.0, expectedD, 0, n);
        PowKernel.simdBroadcastRight(ad, aOff, 2.0, actualD, 0, n);

        assertTrue(sameBits(expected, actual), () -> "float n=" + n + ": " + show(actual) + " vs " + show(expected));
        assertTrue(sameBits(expectedD, actualD), () -> "double n=" + n);
    }

    @Property(tries = 50)
    void integerPowIsTheExactPowerModuloTheWordSize(@ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int[] base = new int[n];
        int[] exp = new int[n];
        long[] lbase = new long[n];
        long[] lexp = new long[n];
        for (int i = 0; i < n; i++) {
            base[i] = rng.nextInt(-20, 20);
            exp[i] = rng.nextInt(80);
            lbase[i] = base[i];
            lexp[i] = exp[i];
        }
        int[] out = new int[n];
        long[] lout = new long[n];

        PowKernel.simd(base, 0, exp, 0, out, 0, n);
        PowKernel.simd(lbase, 0, lexp, 0, lout, 0, n);

        for (int i = 0; i < n; i++) {
            BigInteger exact = BigInteger.valueOf(base[i]).pow(exp[i]);
            assertEquals(exact.intValue(), out[i], "int " + base[i] + "^" + exp[i]);
            assertEquals(exact.longValue(), lout[i], "long " + base[i] + "^" + exp[i]);
        }
    }

    @Example
    void integerPowKnownValues() {
        int[] base = {3, 2, 0, -2, 7, 3, 5, -1, 10, 2, 3};
        int[] exp = {4, 31, 0, 3, 1, 40, 0, 7, 9, 32, 2};
        int[] out = new int[base.length];

        PowKernel.run(base, 0, exp, 0, out, 0, base.length);

        // 3^20 = 3486784401; squaring it in wrapping long arithmetic keeps the low 32 bits of 3^40 intact
        int threeTo40 = (int) (3486784401L * 3486784401L);
        assertArrayEquals(new int[] {81, Integer.MIN_VALUE, 1, -8, 7, threeTo40, 1, -1, 1_000_000_000, 0, 9}, out);
    }
}
