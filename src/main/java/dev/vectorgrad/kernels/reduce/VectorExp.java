package dev.vectorgrad.kernels.reduce;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Lane-wise {@code e^v} for the softmax family (arguments are {@code x - max <= 0}). */
final class VectorExp {
    static FloatVector exp(FloatVector v) {
        return v.lanewise(VectorOperators.EXP);
    }

    static DoubleVector exp(DoubleVector v) {
        return v.lanewise(VectorOperators.EXP);
    }

    private VectorExp() {}
}
