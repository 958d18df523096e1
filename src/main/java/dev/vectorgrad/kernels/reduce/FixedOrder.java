package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Lane reductions in a fixed order (lane 0, 1, 2, ...), for the floating-point reductions that
 * promise run-to-run reproducibility.
 *
 * <p>{@code reduceLanes(ADD)} and {@code reduceLanes(MUL)} leave their order unspecified ("may even
 * vary over time"), so a float sum could change bits between two runs of the same program. These
 * helpers cost one lane extraction per lane, once per call, which is noise next to the vector loop.
 * Integer sums and products, and max/min, are exact in any order and use {@code reduceLanes} directly.
 */
final class FixedOrder {
    /** {@code ((v[0] + v[1]) + v[2]) + ...}, left to right. */
    static double sum(DoubleVector v) {
        double s = v.lane(0);
        for (int k = 1; k < v.length(); k++) {
            s += v.lane(k);
        }
        return s;
    }

    /** The float lanes widened to double (exactly) and summed left to right. */
    static double sum(FloatVector v) {
        double s = v.lane(0);
        for (int k = 1; k < v.length(); k++) {
            s += v.lane(k);
        }
        return s;
    }

    /** {@code ((v[0] * v[1]) * v[2]) * ...}, left to right. */
    static double product(DoubleVector v) {
        double p = v.lane(0);
        for (int k = 1; k < v.length(); k++) {
            p *= v.lane(k);
        }
        return p;
    }

    /** {@code ((v[0] * v[1]) * v[2]) * ...}, left to right, in float arithmetic. */
    static float product(FloatVector v) {
        float p = v.lane(0);
        for (int k = 1; k < v.length(); k++) {
            p *= v.lane(k);
        }
        return p;
    }

    /**
     * Lanes {@code part·L/2 .. part·L/2 + L/2 - 1} of a float vector of L lanes, widened exactly to
     * double ({@code part} is 0 or 1: {@link Simd#F64} has half as many lanes as {@link Simd#F32}).
     */
    static DoubleVector widen(FloatVector v, int part) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, Simd.F64, part);
    }

    private FixedOrder() {}
}
