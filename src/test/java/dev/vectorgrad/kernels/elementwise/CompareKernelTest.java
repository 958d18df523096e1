package dev.vectorgrad.kernels.elementwise;

import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.call;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomArray;
import static dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.randomScalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vectorgrad.kernels.elementwise.BinaryKernelsTestSupport.Elem;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** CompareKernel: SIMD against the scalar twin for every comparison, type and operand shape, plus IEEE known answers. */
class CompareKernelTest {

    @Provide
    Arbitrary<Integer> lengths() {
        return BinaryKernelsTestSupport.lengths();
    }

    @Property(tries = 60)
    void simdAndRunMatchTheScalarTwinForEveryComparisonTypeAndShape(
            @ForAll("lengths") int n, @ForAll @IntRange(max = 7) int aOff, @ForAll @IntRange(max = 7) int bOff,
            @ForAll @IntRange(max = 7) int outOff, @ForAll long seed) {
        var rng = new SplittableRandom(seed);
        for (Elem e : Elem.values()) {
            Object a = randomArray(e, rng, aOff + n);
            Object b = randomArray(e, rng, bOff + n);
            Object aScalar = randomScalar(e, rng);
            Object bScalar = randomScalar(e, rng);
            Class<?>[] both = {Comparison.class, e.arrayType, int.class, e.arrayType, int.class, boolean[].class, int.class, int.class};
            Class<?>[] right = {Comparison.class, e.arrayType, int.class, e.type, boolean[].class, int.class, int.class};
            Class<?>[] left = {Comparison.class, e.type, e.arrayType, int.class, boolean[].class, int.class, int.class};
            for (Comparison c : Comparison.values()) {
                String where = e + " " + c + " n=" + n + " offsets=" + aOff + "," + bOff + "," + outOff;
                check(where, outOff + n, (role, out) -> call(CompareKernel.class, role, both, c, a, aOff, b, bOff, out, outOff, n));
                check(where + " broadcast right", outOff + n,
                        (role, out) -> call(CompareKernel.class, role + "BroadcastRight", right, c, a, aOff, bScalar, out, outOff, n));
                check(where + " broadcast left", outOff + n,
                        (role, out) -> call(CompareKernel.class, role + "BroadcastLeft", left, c, aScalar, b, bOff, out, outOff, n));
            }
        }
    }

    private interface Invocation {
        void into(String role, boolean[] out);
    }

    /** Runs scalar, simd and run into arrays pre-filled with a pattern (which the untouched ends must keep). */
    private static void check(String where, int length, Invocation invocation) {
        boolean[] expected = pattern(length + 2);
        boolean[] simd = pattern(length + 2);
        boolean[] run = pattern(length + 2);
        invocation.into("scalar", expected);
        invocation.into("simd", simd);
        invocation.into("run", run);
        assertArrayEquals(expected, simd, () -> where + " simd");
        assertArrayEquals(expected, run, () -> where + " run");
    }

    private static boolean[] pattern(int length) {
        boolean[] x = new boolean[length];
        for (int i = 0; i < length; i += 3) {
            x[i] = true;
        }
        return x;
    }

    @Example
    void nanIsUnorderedAndSignedZerosAreEqual() {
        // pairs (a, b): (NaN, 1), (1, NaN), (NaN, NaN), (-0, +0), (1, 2), (2, 1), (2, 2); repeated to 35 so SIMD runs
        float nan = Float.NaN;
        float[] pa = {nan, 1f, nan, -0f, 1f, 2f, 2f};
        float[] pb = {1f, nan, nan, 0f, 2f, 1f, 2f};
        float[] a = new float[35];
        float[] b = new float[35];
        for (int i = 0; i < 35; i++) {
            a[i] = pa[i % 7];
            b[i] = pb[i % 7];
        }
        boolean[][] expected = {
            /* EQ */ {false, false, false, true, false, false, true},
            /* NE */ {true, true, true, false, true, true, false},
            /* LT */ {false, false, false, false, true, false, false},
            /* LE */ {false, false, false, true, true, false, true},
            /* GT */ {false, false, false, false, false, true, false},
            /* GE */ {false, false, false, true, false, true, true},
        };
        for (Comparison c : Comparison.values()) {
            boolean[] out = new boolean[35];
            CompareKernel.run(c, a, 0, b, 0, out, 0, 35);
            for (int i = 0; i < 35; i += 7) {
                assertArrayEquals(expected[c.ordinal()], Arrays.copyOfRange(out, i, i + 7), c.toString());
            }
        }
    }

    @Example
    void broadcastIntegerComparisonAgainstAThreshold() {
        int[] a = new int[20];
        for (int i = 0; i < 20; i++) {
            a[i] = i - 10;
        }
        boolean[] out = new boolean[20];

        CompareKernel.runBroadcastRight(Comparison.GE, a, 0, 0, out, 0, 20);

        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 10, out[i], "index " + i);
        }
    }
}
