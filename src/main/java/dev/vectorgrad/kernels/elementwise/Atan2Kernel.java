package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = atan2(a[aOff+i], b[bOff+i])}, the angle of the point {@code (b, a)} in {@code [-π, π]}.
 * SIMD accuracy (re-checked by the tests at every width): within {@value #ULPS} ulp of the twin, {@link Math#atan2}
 * (rounded to float for float lanes); signed zeros and infinities as {@link Math#atan2} specifies.
 * {@code out} may alias an operand at the same offset.
 *
 * <p>The lanes use {@code VectorOperators.ATAN2} (an SVML intrinsic on x86).
 */
public final class Atan2Kernel {
    /** The promised distance of the lanes from the twin, in ulps. */
    public static final int ULPS = 1;

    /** The reference: (float) {@link Math#atan2}. */
    public static void scalar(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.atan2(a[aOff + i], b[bOff + i]);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, a, aOff + i);
            FloatVector vb = FloatVector.fromArray(Simd.F32, b, bOff + i);
            va.lanewise(VectorOperators.ATAN2, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F32.length()) simd(a, aOff, b, bOff, out, outOff, n); else scalar(a, aOff, b, bOff, out, outOff, n);
    }

    /** {@code b} broadcast along the run. */
    public static void scalarBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.atan2(a[aOff + i], b);
    }

    /** {@code b} broadcast along the run, in lanes. */
    public static void simdBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        FloatVector vb = FloatVector.broadcast(Simd.F32, b);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector.fromArray(Simd.F32, a, aOff + i).lanewise(VectorOperators.ATAN2, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@link #simdBroadcastRight} or its twin. */
    public static void runBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F32.length()) simdBroadcastRight(a, aOff, b, out, outOff, n); else scalarBroadcastRight(a, aOff, b, out, outOff, n);
    }

    /** {@code a} broadcast along the run. */
    public static void scalarBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.atan2(a, b[bOff + i]);
    }

    /** {@code a} broadcast along the run, in lanes. */
    public static void simdBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        FloatVector va = FloatVector.broadcast(Simd.F32, a);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            va.lanewise(VectorOperators.ATAN2, FloatVector.fromArray(Simd.F32, b, bOff + i)).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simdBroadcastLeft} or its twin. */
    public static void runBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F32.length()) simdBroadcastLeft(a, b, bOff, out, outOff, n); else scalarBroadcastLeft(a, b, bOff, out, outOff, n);
    }

    /** The reference: {@link Math#atan2}. */
    public static void scalar(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.atan2(a[aOff + i], b[bOff + i]);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, a, aOff + i);
            DoubleVector vb = DoubleVector.fromArray(Simd.F64, b, bOff + i);
            va.lanewise(VectorOperators.ATAN2, vb).intoArray(out, outOff + i);
        }
        scalar(a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F64.length()) simd(a, aOff, b, bOff, out, outOff, n); else scalar(a, aOff, b, bOff, out, outOff, n);
    }

    /** {@code b} broadcast along the run. */
    public static void scalarBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.atan2(a[aOff + i], b);
    }

    /** {@code b} broadcast along the run, in lanes. */
    public static void simdBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        DoubleVector vb = DoubleVector.broadcast(Simd.F64, b);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector.fromArray(Simd.F64, a, aOff + i).lanewise(VectorOperators.ATAN2, vb).intoArray(out, outOff + i);
        }
        scalarBroadcastRight(a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    /** {@link #simdBroadcastRight} or its twin. */
    public static void runBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F64.length()) simdBroadcastRight(a, aOff, b, out, outOff, n); else scalarBroadcastRight(a, aOff, b, out, outOff, n);
    }

    /** {@code a} broadcast along the run. */
    public static void scalarBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.atan2(a, b[bOff + i]);
    }

    /** {@code a} broadcast along the run, in lanes. */
    public static void simdBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        DoubleVector va = DoubleVector.broadcast(Simd.F64, a);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            va.lanewise(VectorOperators.ATAN2, DoubleVector.fromArray(Simd.F64, b, bOff + i)).intoArray(out, outOff + i);
        }
        scalarBroadcastLeft(a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simdBroadcastLeft} or its twin. */
    public static void runBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F64.length()) simdBroadcastLeft(a, b, bOff, out, outOff, n); else scalarBroadcastLeft(a, b, bOff, out, outOff, n);
    }

    private Atan2Kernel() {}
}
