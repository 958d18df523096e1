package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise {@code out = pow(a, b)} over float, double, int and long arrays;
 * either operand may instead be a broadcast scalar.
 *
 * <p>Float and double: the scalar twin is {@code (float) Math.pow(a, b)} / {@code Math.pow(a, b)}; the SIMD body uses
 * {@link VectorOperators#POW}, which the JDK computes with its own vector math library, so SIMD results are within
 * 2 ulp of the twin (not bit-identical), and the special cases ({@code NaN}, {@code ±0}, {@code ±Inf}, {@code b = 0})
 * follow {@link Math#pow}.
 * Int and long: the exponent must be {@code >= 0} (the caller checks; NDArray rejects negatives); the result is
 * the exact power in wrap-around arithmetic, bit-identical in SIMD and twin.
 *
 * <p>{@code out} may be the same array as an input at the same offset (in-place accumulate): each element is read
 * before it is written. Other overlaps are not supported.
 */
public final class PowKernel {
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

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(a[aOff + i], b[bOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
            FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /**
     * {@code out[outOff+i] = pow(a[aOff+i], b[bOff+i])} for {@code i < n};
     * {@code out} may be {@code a} or {@code b} at the same offset.
     */
    public static void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The right operand is broadcast (stride 0).
     */
    public static void scalarBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(a[aOff + i], b);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The right operand is broadcast (stride 0).
     */
    public static void simdBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        // Squaring is the common power (losses, variances), and a multiply is far cheaper than POW's
        // library call. (float) Math.pow(x, 2) rounds the exact double x*x once, as float x * x does,
        // so the twin's bits are kept (tested).
        if (b == 2) {
            MulKernel.simd(a, aOff, a, aOff, out, outOff, n);
            return;
        }
        FloatVector vb = FloatVector.broadcast(F32, b);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector va = FloatVector.fromArray(F32, a, aOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a[aOff+i], b)} for {@code i < n}: {@code b} is broadcast (stride 0). */
    public static void runBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simdBroadcastRight(a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(a, aOff, b, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The left operand is broadcast (stride 0).
     */
    public static void scalarBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) Math.pow(a, b[bOff + i]);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The left operand is broadcast (stride 0).
     */
    public static void simdBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        FloatVector va = FloatVector.broadcast(F32, a);
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector vb = FloatVector.fromArray(F32, b, bOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a, b[bOff+i])} for {@code i < n}: {@code a} is broadcast (stride 0). */
    public static void runBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simdBroadcastLeft(a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(a, b, bOff, out, outOff, n);
        }
    }

    // ---- double ----

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.pow(a[aOff + i], b[bOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
            DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /**
     * {@code out[outOff+i] = pow(a[aOff+i], b[bOff+i])} for {@code i < n};
     * {@code out} may be {@code a} or {@code b} at the same offset.
     */
    public static void run(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The right operand is broadcast (stride 0).
     */
    public static void scalarBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.pow(a[aOff + i], b);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The right operand is broadcast (stride 0).
     */
    public static void simdBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        // Squaring is the common power (losses, variances), and a multiply is far cheaper than POW's
        // library call. HotSpot computes Math.pow(x, 2.0) as x * x on every path (JDK-8063086),
        // so the twin's bits are kept (tested).
        if (b == 2) {
            MulKernel.simd(a, aOff, a, aOff, out, outOff, n);
            return;
        }
        DoubleVector vb = DoubleVector.broadcast(F64, b);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector va = DoubleVector.fromArray(F64, a, aOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a[aOff+i], b)} for {@code i < n}: {@code b} is broadcast (stride 0). */
    public static void runBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simdBroadcastRight(a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(a, aOff, b, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The left operand is broadcast (stride 0).
     */
    public static void scalarBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.pow(a, b[bOff + i]);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The left operand is broadcast (stride 0).
     */
    public static void simdBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        DoubleVector va = DoubleVector.broadcast(F64, a);
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector vb = DoubleVector.fromArray(F64, b, bOff + i);
            va.lanewise(VectorOperators.POW, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a, b[bOff+i])} for {@code i < n}: {@code a} is broadcast (stride 0). */
    public static void runBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simdBroadcastLeft(a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(a, b, bOff, out, outOff, n);
        }
    }

    // ---- int ----

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a[aOff + i], b[bOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n) {
        int upper = I32.loopBound(n);
        for (int i = 0; i < upper; i += I32.length()) {
            IntVector va = IntVector.fromArray(I32, a, aOff + i);
            IntVector vb = IntVector.fromArray(I32, b, bOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /**
     * {@code out[outOff+i] = pow(a[aOff+i], b[bOff+i])} for {@code i < n};
     * {@code out} may be {@code a} or {@code b} at the same offset.
     */
    public static void run(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simd(a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The right operand is broadcast (stride 0).
     */
    public static void scalarBroadcastRight(int[] a, int aOff, int b, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a[aOff + i], b);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The right operand is broadcast (stride 0).
     */
    public static void simdBroadcastRight(int[] a, int aOff, int b, int[] out, int outOff, int n) {
        IntVector vb = IntVector.broadcast(I32, b);
        int upper = I32.loopBound(n);
        for (int i = 0; i < upper; i += I32.length()) {
            IntVector va = IntVector.fromArray(I32, a, aOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a[aOff+i], b)} for {@code i < n}: {@code b} is broadcast (stride 0). */
    public static void runBroadcastRight(int[] a, int aOff, int b, int[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simdBroadcastRight(a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(a, aOff, b, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The left operand is broadcast (stride 0).
     */
    public static void scalarBroadcastLeft(int a, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a, b[bOff + i]);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The left operand is broadcast (stride 0).
     */
    public static void simdBroadcastLeft(int a, int[] b, int bOff, int[] out, int outOff, int n) {
        IntVector va = IntVector.broadcast(I32, a);
        int upper = I32.loopBound(n);
        for (int i = 0; i < upper; i += I32.length()) {
            IntVector vb = IntVector.fromArray(I32, b, bOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a, b[bOff+i])} for {@code i < n}: {@code a} is broadcast (stride 0). */
    public static void runBroadcastLeft(int a, int[] b, int bOff, int[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I32) {
            simdBroadcastLeft(a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(a, b, bOff, out, outOff, n);
        }
    }

    // ---- long ----

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static void scalar(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a[aOff + i], b[bOff + i]);
        }
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static void simd(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n) {
        int upper = I64.loopBound(n);
        for (int i = 0; i < upper; i += I64.length()) {
            LongVector va = LongVector.fromArray(I64, a, aOff + i);
            LongVector vb = LongVector.fromArray(I64, b, bOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /**
     * {@code out[outOff+i] = pow(a[aOff+i], b[bOff+i])} for {@code i < n};
     * {@code out} may be {@code a} or {@code b} at the same offset.
     */
    public static void run(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simd(a, aOff, b, bOff, out, outOff, n);
        } else {
            scalar(a, aOff, b, bOff, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The right operand is broadcast (stride 0).
     */
    public static void scalarBroadcastRight(long[] a, int aOff, long b, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a[aOff + i], b);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The right operand is broadcast (stride 0).
     */
    public static void simdBroadcastRight(long[] a, int aOff, long b, long[] out, int outOff, int n) {
        LongVector vb = LongVector.broadcast(I64, b);
        int upper = I64.loopBound(n);
        for (int i = 0; i < upper; i += I64.length()) {
            LongVector va = LongVector.fromArray(I64, a, aOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a[aOff+i], b)} for {@code i < n}: {@code b} is broadcast (stride 0). */
    public static void runBroadcastRight(long[] a, int aOff, long b, long[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simdBroadcastRight(a, aOff, b, out, outOff, n);
        } else {
            scalarBroadcastRight(a, aOff, b, out, outOff, n);
        }
    }

    /**
     * The scalar twin: the reference the SIMD body is tested against, and its tail. The left operand is broadcast (stride 0).
     */
    public static void scalarBroadcastLeft(long a, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pow(a, b[bOff + i]);
        }
    }

    /**
     * The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. The left operand is broadcast (stride 0).
     */
    public static void simdBroadcastLeft(long a, long[] b, int bOff, long[] out, int outOff, int n) {
        LongVector va = LongVector.broadcast(I64, a);
        int upper = I64.loopBound(n);
        for (int i = 0; i < upper; i += I64.length()) {
            LongVector vb = LongVector.fromArray(I64, b, bOff + i);
            pow(va, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@code out[outOff+i] = pow(a, b[bOff+i])} for {@code i < n}: {@code a} is broadcast (stride 0). */
    public static void runBroadcastLeft(long a, long[] b, int bOff, long[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_I64) {
            simdBroadcastLeft(a, b, bOff, out, outOff, n);
        } else {
            scalarBroadcastLeft(a, b, bOff, out, outOff, n);
        }
    }

    // ---- integer powers ----

    // Square-and-multiply: exact in wrap-around arithmetic, so any multiplication order gives these bits.
    private static int pow(int base, int e) {
        int result = 1;
        for (; e != 0; e >>>= 1, base *= base) {
            if ((e & 1) != 0) {
                result *= base;
            }
        }
        return result;
    }

    // The same square-and-multiply on every lane; it runs until the largest exponent in the vector is used up.
    private static IntVector pow(IntVector base, IntVector e) {
        IntVector result = IntVector.broadcast(I32, 1);
        while (true) {
            VectorMask<Integer> odd = e.and(1).compare(VectorOperators.NE, 0);
            result = result.blend(result.mul(base), odd);
            e = e.lanewise(VectorOperators.LSHR, 1);
            if (e.compare(VectorOperators.EQ, 0).allTrue()) {
                return result;
            }
            base = base.mul(base);
        }
    }

    // Square-and-multiply: exact in wrap-around arithmetic, so any multiplication order gives these bits.
    private static long pow(long base, long e) {
        long result = 1;
        for (; e != 0; e >>>= 1, base *= base) {
            if ((e & 1) != 0) {
                result *= base;
            }
        }
        return result;
    }

    // The same square-and-multiply on every lane; it runs until the largest exponent in the vector is used up.
    private static LongVector pow(LongVector base, LongVector e) {
        LongVector result = LongVector.broadcast(I64, 1);
        while (true) {
            VectorMask<Long> odd = e.and(1L).compare(VectorOperators.NE, 0);
            result = result.blend(result.mul(base), odd);
            e = e.lanewise(VectorOperators.LSHR, 1);
            if (e.compare(VectorOperators.EQ, 0).allTrue()) {
                return result;
            }
            base = base.mul(base);
        }
    }

    private PowKernel() {}
}
