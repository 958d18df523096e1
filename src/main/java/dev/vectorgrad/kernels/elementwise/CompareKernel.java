package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise comparison {@code out[i] = a[i] c b[i]} into a {@code boolean[]}, for float, double, int and long
 * operands; either operand may instead be a broadcast scalar.
 *
 * <p>Java (IEEE 754) semantics in every lane, so SIMD and scalar twin are identical: a comparison with NaN is false
 * for {@link Comparison#EQ}, {@code LT}, {@code LE}, {@code GT}, {@code GE} and true for {@link Comparison#NE};
 * {@code -0.0 == +0.0}.
 *
 * <p>Each SIMD method switches on the comparison once, before a loop per operator. A single loop taking a
 * {@code VectorOperators.Comparison} parameter measured about 10x slower at 10M elements in JMH: compiled on its
 * own, its operator is not a constant, and the Vector API falls back to Java code.
 */
public final class CompareKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;
    private static final VectorSpecies<Integer> I32 = Simd.I32;
    private static final VectorSpecies<Long> I64 = Simd.I64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();
    private static final int MIN_SIMD_LENGTH_I32 = I32.length();
    private static final int MIN_SIMD_LENGTH_I64 = I64.length();

    // ---- float ----

    /** {@code out[outOff+i] = a[aOff+i] c b[bOff+i]} for {@code i < n}. */
    public static void run(Comparison c, float[] a, int aOff, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(c, a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(c, a, aOff, b, bOff, out, outOff, n);
        }
    }

    public static void scalar(Comparison c, float[] a, int aOff, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b[bOff + i]);
        }
    }

    public static void simd(Comparison c, float[] a, int aOff, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        int upper = F32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalar(c, a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a[aOff+i] c b}, the right operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastRight(Comparison c, float[] a, int aOff, float b,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simdBroadcastRight(c, a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(c, a, aOff, b, out, outOff, n);
        }
    }

    public static void scalarBroadcastRight(Comparison c, float[] a, int aOff, float b,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b);
        }
    }

    public static void simdBroadcastRight(Comparison c, float[] a, int aOff, float b,
            boolean[] out, int outOff, int n) {
        FloatVector vb = FloatVector.broadcast(F32, b);
        int upper = F32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastRight(c, a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a c b[bOff+i]}, the left operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastLeft(Comparison c, float a, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simdBroadcastLeft(c, a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(c, a, b, bOff, out, outOff, n);
        }
    }

    public static void scalarBroadcastLeft(Comparison c, float a, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a, b[bOff + i]);
        }
    }

    public static void simdBroadcastLeft(Comparison c, float a, float[] b, int bOff,
            boolean[] out, int outOff, int n) {
        FloatVector va = FloatVector.broadcast(F32, a);
        int upper = F32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F32.length()) {
                    FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastLeft(c, a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    // ---- double ----

    /** {@code out[outOff+i] = a[aOff+i] c b[bOff+i]} for {@code i < n}. */
    public static void run(Comparison c, double[] a, int aOff, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(c, a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(c, a, aOff, b, bOff, out, outOff, n);
        }
    }

    public static void scalar(Comparison c, double[] a, int aOff, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b[bOff + i]);
        }
    }

    public static void simd(Comparison c, double[] a, int aOff, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        int upper = F64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalar(c, a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a[aOff+i] c b}, the right operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastRight(Comparison c, double[] a, int aOff, double b,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simdBroadcastRight(c, a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(c, a, aOff, b, out, outOff, n);
        }
    }

    public static void scalarBroadcastRight(Comparison c, double[] a, int aOff, double b,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b);
        }
    }

    public static void simdBroadcastRight(Comparison c, double[] a, int aOff, double b,
            boolean[] out, int outOff, int n) {
        DoubleVector vb = DoubleVector.broadcast(F64, b);
        int upper = F64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastRight(c, a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a c b[bOff+i]}, the left operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastLeft(Comparison c, double a, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simdBroadcastLeft(c, a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(c, a, b, bOff, out, outOff, n);
        }
    }

    public static void scalarBroadcastLeft(Comparison c, double a, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a, b[bOff + i]);
        }
    }

    public static void simdBroadcastLeft(Comparison c, double a, double[] b, int bOff,
            boolean[] out, int outOff, int n) {
        DoubleVector va = DoubleVector.broadcast(F64, a);
        int upper = F64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += F64.length()) {
                    DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastLeft(c, a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    // ---- int ----

    /** {@code out[outOff+i] = a[aOff+i] c b[bOff+i]} for {@code i < n}. */
    public static void run(Comparison c, int[] a, int aOff, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simd(c, a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(c, a, aOff, b, bOff, out, outOff, n);
        }
    }

    public static void scalar(Comparison c, int[] a, int aOff, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b[bOff + i]);
        }
    }

    public static void simd(Comparison c, int[] a, int aOff, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        int upper = I32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalar(c, a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a[aOff+i] c b}, the right operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastRight(Comparison c, int[] a, int aOff, int b,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simdBroadcastRight(c, a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(c, a, aOff, b, out, outOff, n);
        }
    }

    public static void scalarBroadcastRight(Comparison c, int[] a, int aOff, int b,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b);
        }
    }

    public static void simdBroadcastRight(Comparison c, int[] a, int aOff, int b,
            boolean[] out, int outOff, int n) {
        IntVector vb = IntVector.broadcast(I32, b);
        int upper = I32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector va = IntVector.fromArray(I32, a, aOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastRight(c, a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a c b[bOff+i]}, the left operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastLeft(Comparison c, int a, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simdBroadcastLeft(c, a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(c, a, b, bOff, out, outOff, n);
        }
    }

    public static void scalarBroadcastLeft(Comparison c, int a, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a, b[bOff + i]);
        }
    }

    public static void simdBroadcastLeft(Comparison c, int a, int[] b, int bOff,
            boolean[] out, int outOff, int n) {
        IntVector va = IntVector.broadcast(I32, a);
        int upper = I32.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I32.length()) {
                    IntVector vb = IntVector.fromArray(I32, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastLeft(c, a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    // ---- long ----

    /** {@code out[outOff+i] = a[aOff+i] c b[bOff+i]} for {@code i < n}. */
    public static void run(Comparison c, long[] a, int aOff, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simd(c, a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(c, a, aOff, b, bOff, out, outOff, n);
        }
    }

    public static void scalar(Comparison c, long[] a, int aOff, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b[bOff + i]);
        }
    }

    public static void simd(Comparison c, long[] a, int aOff, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        int upper = I64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalar(c, a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a[aOff+i] c b}, the right operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastRight(Comparison c, long[] a, int aOff, long b,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simdBroadcastRight(c, a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(c, a, aOff, b, out, outOff, n);
        }
    }

    public static void scalarBroadcastRight(Comparison c, long[] a, int aOff, long b,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a[aOff + i], b);
        }
    }

    public static void simdBroadcastRight(Comparison c, long[] a, int aOff, long b,
            boolean[] out, int outOff, int n) {
        LongVector vb = LongVector.broadcast(I64, b);
        int upper = I64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector va = LongVector.fromArray(I64, a, aOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastRight(c, a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = a c b[bOff+i]}, the left operand broadcast (stride 0) for {@code i < n}. */
    public static void runBroadcastLeft(Comparison c, long a, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simdBroadcastLeft(c, a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(c, a, b, bOff, out, outOff, n);
        }
    }

    public static void scalarBroadcastLeft(Comparison c, long a, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = test(c, a, b[bOff + i]);
        }
    }

    public static void simdBroadcastLeft(Comparison c, long a, long[] b, int bOff,
            boolean[] out, int outOff, int n) {
        LongVector va = LongVector.broadcast(I64, a);
        int upper = I64.loopBound(n);
        // One loop per operator: compare() is intrinsified only when its operator is a JIT-time constant.
        switch (c) {
            case EQ -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.EQ, vb).intoArray(out, outOff + i);
                }
            }
            case NE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.NE, vb).intoArray(out, outOff + i);
                }
            }
            case LT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.LT, vb).intoArray(out, outOff + i);
                }
            }
            case LE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.LE, vb).intoArray(out, outOff + i);
                }
            }
            case GT -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.GT, vb).intoArray(out, outOff + i);
                }
            }
            case GE -> {
                for (int i = 0; i < upper; i += I64.length()) {
                    LongVector vb = LongVector.fromArray(I64, b, bOff + i);
                    va.compare(VectorOperators.GE, vb).intoArray(out, outOff + i);
                }
            }
        }
        scalarBroadcastLeft(c, a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    // ---- the scalar meaning of each comparison, shared by every twin ----

    private static boolean test(Comparison c, float x, float y) {
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    private static boolean test(Comparison c, double x, double y) {
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    private static boolean test(Comparison c, int x, int y) {
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    private static boolean test(Comparison c, long x, long y) {
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    private CompareKernel() {}
}
