package dev.vectorgrad.kernels.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The vector exponential the softmax family relies on, against a double-precision (or Math.exp) reference. */
class VectorExpTest {

    /** Softmax arguments x - max: mostly where exp is normal, some where it is subnormal or zero. */
    private static float argument(SplittableRandom rng) {
        return switch (rng.nextInt(10)) {
            case 0 -> (float) -rng.nextDouble(87, 110);     // subnormal results and underflow to 0
            case 1 -> (float) -rng.nextDouble(110, 2e4);    // exactly 0
            case 2 -> -0x1p-20f * rng.nextInt(100);          // near 1
            default -> (float) -rng.nextDouble(0, 87);
        };
    }

    @Property(tries = 100)
    void floatExpIsWithinTwoUlpsOfTheExactValue(@ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int lanes = Simd.F32.length();
        float[] d = new float[lanes];
        float[] e = new float[lanes];
        for (int i = 0; i < lanes; i++) {
            d[i] = argument(rng);
        }
        VectorExp.exp(FloatVector.fromArray(Simd.F32, d, 0)).intoArray(e, 0);
        for (int i = 0; i < lanes; i++) {
            double exact = Math.exp(d[i]);      // within 1 ulp of double: exact for a float comparison
            double err = Math.abs(e[i] - exact);
            // two float ulps where the result is normal, 2^-148 where it is subnormal (VectorExp's promise)
            double bound = exact >= Float.MIN_NORMAL ? 2 * Math.ulp((float) exact) : 0x1p-148;
            int k = i;
            assertTrue(err <= bound, () -> "exp(" + d[k] + ") = " + e[k] + ", exact " + exact);
            assertTrue(e[i] >= 0 && e[i] <= 1, "exp of a non-positive argument lies in [0, 1]");
        }
    }

    @Property(tries = 100)
    void doubleExpIsWithinTwoUlpsOfMathExp(@ForAll long seed) {
        var rng = new SplittableRandom(seed);
        int lanes = Simd.F64.length();
        double[] d = new double[lanes];
        double[] e = new double[lanes];
        for (int i = 0; i < lanes; i++) {
            d[i] = rng.nextInt(10) == 0 ? -rng.nextDouble(700, 760) : -rng.nextDouble(0, 700);
        }
        VectorExp.exp(DoubleVector.fromArray(Simd.F64, d, 0)).intoArray(e, 0);
        for (int i = 0; i < lanes; i++) {
            double ref = Math.exp(d[i]);        // itself within 1 ulp of exact, hence 2 between the two
            // 2 ulp where normal; results below Double.MIN_NORMAL flush to 0, as documented
            double bound = ref >= Double.MIN_NORMAL ? 2 * Math.ulp(ref) : Double.MIN_NORMAL;
            assertEquals(ref, e[i], bound, "exp(" + d[i] + ")");
        }
    }

    @Test
    void doubleExpJustAboveTheNormalBoundaryIsNotFlushed() {
        // once flushed: the threshold was -708.39 while e^x stays normal down to ln(MIN_NORMAL) = -708.3964...
        double[] d = new double[Simd.F64.length()];
        double[] e = new double[d.length];
        java.util.Arrays.fill(d, -708.3936673802142);
        VectorExp.exp(DoubleVector.fromArray(Simd.F64, d, 0)).intoArray(e, 0);
        double ref = Math.exp(d[0]);
        assertEquals(ref, e[0], 2 * Math.ulp(ref));
    }

    @Property(tries = 5)
    void specialArgumentsGiveTheirLimits(@ForAll long seed) {
        float[] d = new float[Simd.F32.length()];
        float[] e = new float[d.length];
        float[] specials = {0f, -0f, Float.NEGATIVE_INFINITY, -1e30f, Float.NaN};
        for (int i = 0; i < d.length; i++) {
            d[i] = specials[(int) Math.floorMod(seed + i, (long) specials.length)];
        }
        VectorExp.exp(FloatVector.fromArray(Simd.F32, d, 0)).intoArray(e, 0);
        for (int i = 0; i < d.length; i++) {
            float expected = Float.isNaN(d[i]) ? Float.NaN : d[i] == 0 ? 1f : 0f;
            assertEquals(expected, e[i], "exp(" + d[i] + ")");
        }
    }
}
