package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code out[outOff+i] = ⌈x[xOff+i]⌉}, the smallest integer not below x.
 * Bit-identical to {@link #scalar} ({@link Math#ceil}), signed zeros included; {@code ±Inf} and NaN pass through.
 * {@code out} may alias {@code x} at the same offset.
 *
 * <p>The Vector API has no rounding lane op, so the lanes round {@code |x|} by adding and subtracting
 * {@code 2^23} (float) or {@code 2^52} (double), which leaves exactly the integer nearest to {@code |x|},
 * ties to even; the sign is put back from {@code x}.
 */
public final class CeilKernel {

    /** The reference: (float) {@link Math#ceil}. */
    public static void scalar(float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (float) Math.ceil(x[xOff + i]);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(float[] x, int xOff, float[] out, int outOff, int n) {
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector v = FloatVector.fromArray(Simd.F32, x, xOff + i);
            FloatVector a = v.abs();
            // adding and subtracting 2^p rounds |x| < 2^p to an integer, ties to even (the default rounding mode)
            FloatVector r = a.add(0x1p23f).sub(0x1p23f);
            // r = rint|x|; ceil x = r + 1 where x >= 0 and r < |x|, r - 1 where x < 0 and r > |x|
            var neg = v.compare(VectorOperators.LT, 0f);
            r = r.add(1f, r.compare(VectorOperators.LT, a).andNot(neg)).sub(1f, r.compare(VectorOperators.GT, a).and(neg));
            // |x| >= 2^p (and ±Inf) is already an integer; NaN stays NaN through the arithmetic
            r = r.blend(a, a.compare(VectorOperators.GE, 0x1p23f));
            // the result never changes sign, and a zero result keeps x's sign, as Math.ceil's does
            r.reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000))
                    .reinterpretAsFloats().intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(float[] x, int xOff, float[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F32.length()) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    /** The reference: {@link Math#ceil}. */
    public static void scalar(double[] x, int xOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.ceil(x[xOff + i]);
    }

    /** The SIMD body to the loop bound; the tail is {@link #scalar}. */
    public static void simd(double[] x, int xOff, double[] out, int outOff, int n) {
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector v = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            DoubleVector a = v.abs();
            // adding and subtracting 2^p rounds |x| < 2^p to an integer, ties to even (the default rounding mode)
            DoubleVector r = a.add(0x1p52).sub(0x1p52);
            var neg = v.compare(VectorOperators.LT, 0d);
            r = r.add(1d, r.compare(VectorOperators.LT, a).andNot(neg)).sub(1d, r.compare(VectorOperators.GT, a).and(neg));
            // |x| >= 2^p (and ±Inf) is already an integer; NaN stays NaN through the arithmetic
            r = r.blend(a, a.compare(VectorOperators.GE, 0x1p52));
            // the result never changes sign, and a zero result keeps x's sign, as Math.ceil's does
            r.reinterpretAsLongs().or(v.reinterpretAsLongs().and(0x8000000000000000L))
                    .reinterpretAsDoubles().intoArray(out, outOff + i);
        }
        scalar(x, xOff + upper, out, outOff + upper, n - upper);
    }

    /** {@link #simd} when SIMD is on and {@code n} fills a vector, else {@link #scalar}. */
    public static void run(double[] x, int xOff, double[] out, int outOff, int n) {
        if (Simd.ENABLED && n >= Simd.F64.length()) simd(x, xOff, out, outOff, n); else scalar(x, xOff, out, outOff, n);
    }

    private CeilKernel() {}
}
