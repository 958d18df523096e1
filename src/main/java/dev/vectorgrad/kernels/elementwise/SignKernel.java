package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = signum(x[xOff+i])} for {@code i < n}: {@link Math#signum} for floats
 * ({@code NaN -> NaN}, {@code ±0 -> ±0}, otherwise {@code ±1}) and {@link Integer#signum} / {@link Long#signum}
 * for integers. Bit-identical to {@link #scalar}. {@code out} may alias {@code x} at the same offset.
 */
public final class SignKernel {
    // below one vector the SIMD loop has no full iteration: go straight to the twin
    private static final int MIN_F32 = Simd.F32.length();
    private static final int MIN_F64 = Simd.F64.length();
    private static final int MIN_I32 = Simd.I32.length();
    private static final int MIN_I64 = Simd.I64.length();

    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.signum(x[xOff + i]);
    }

    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.signum(x[xOff + i]);
    }

    public static void scalar(int[] x, int xOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Integer.signum(x[xOff + i]);
    }

    public static void scalar(long[] x, int xOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Long.signum(x[xOff + i]);
    }

    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            // ±0 and NaN compare neither greater nor less than 0, so they pass through unchanged, as in Math.signum
            va.blend(1f, va.compare(VectorOperators.GT, 0f)).blend(-1f, va.compare(VectorOperators.LT, 0f))
                    .intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            va.blend(1d, va.compare(VectorOperators.GT, 0d)).blend(-1d, va.compare(VectorOperators.LT, 0d))
                    .intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    public static void simd(int[] x, int xOff, int[] out, int outOff, int n) {
        int upper = Simd.I32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.I32.length()) {
            IntVector va = IntVector.fromArray(Simd.I32, x, xOff + i);
            // Integer.signum's branch-free form: (x >> 31) | (-x >>> 31)
            va.lanewise(VectorOperators.ASHR, 31).or(va.neg().lanewise(VectorOperators.LSHR, 31))
                    .intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    public static void simd(long[] x, int xOff, long[] out, int outOff, int n) {
        int upper = Simd.I64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.I64.length()) {
            LongVector va = LongVector.fromArray(Simd.I64, x, xOff + i);
            va.lanewise(VectorOperators.ASHR, 63).or(va.neg().lanewise(VectorOperators.LSHR, 63))
                    .intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_F64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    public static void run(int[] x, int xOff, int[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_I32) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    public static void run(long[] x, int xOff, long[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_I64) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private SignKernel() {}
}
