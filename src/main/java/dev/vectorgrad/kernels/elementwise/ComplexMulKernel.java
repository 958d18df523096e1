package dev.vectorgrad.kernels.elementwise;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise complex multiply on split (structure-of-arrays) operands:
 * {@code (ar + ai·i)(br + bi·i) = (ar·br − ai·bi) + (ar·bi + ai·br)·i}.
 *
 * <p>Because real and imaginary parts sit in separate arrays, every lane does the same four IEEE
 * multiplies and two adds as the scalar twin, with no shuffles (an interleaved {@code re, im} layout
 * would need a lane swap per product), so SIMD and scalar are bit-identical. No fused multiply-add:
 * the twin's {@code a*b - c*d} rounds each product, and so do the lanes. The arithmetic is done in the
 * arrays' own precision (float for complex64), as NumPy does.
 *
 * <p>The outputs may be the inputs at the same offset; every element is read before it is written.
 */
public final class ComplexMulKernel {
    private static final VectorSpecies<Float> F32 = Simd.F32;
    private static final VectorSpecies<Double> F64 = Simd.F64;

    // Below one full vector the SIMD body never runs; the scalar twin alone saves a call.
    private static final int MIN_SIMD_LENGTH_F32 = F32.length();
    private static final int MIN_SIMD_LENGTH_F64 = F64.length();

    // ---- float (complex64) ----

    /** {@code out[outOff+i] = a[aOff+i] · b[bOff+i]} for {@code i < n}, each operand given as its two parts. */
    public static void run(float[] ar, float[] ai, int aOff, float[] br, float[] bi, int bOff,
                           float[] outRe, float[] outIm, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F32) {
            simd(ar, ai, aOff, br, bi, bOff, outRe, outIm, outOff, n);
        } else {
            scalar(ar, ai, aOff, br, bi, bOff, outRe, outIm, outOff, n);
        }
    }

    /** The reference twin, and the SIMD body's tail. */
    public static void scalar(float[] ar, float[] ai, int aOff, float[] br, float[] bi, int bOff,
                              float[] outRe, float[] outIm, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            float a = ar[aOff + i], b = ai[aOff + i], c = br[bOff + i], d = bi[bOff + i];
            outRe[outOff + i] = a * c - b * d;
            outIm[outOff + i] = a * d + b * c;
        }
    }

    /** The vector body to {@code loopBound(n)}, then the scalar twin for the tail. */
    public static void simd(float[] ar, float[] ai, int aOff, float[] br, float[] bi, int bOff,
                            float[] outRe, float[] outIm, int outOff, int n) {
        int upper = F32.loopBound(n);
        for (int i = 0; i < upper; i += F32.length()) {
            FloatVector va = FloatVector.fromArray(F32, ar, aOff + i);
            FloatVector vb = FloatVector.fromArray(F32, ai, aOff + i);
            FloatVector vc = FloatVector.fromArray(F32, br, bOff + i);
            FloatVector vd = FloatVector.fromArray(F32, bi, bOff + i);
            va.mul(vc).sub(vb.mul(vd)).intoArray(outRe, outOff + i);
            va.mul(vd).add(vb.mul(vc)).intoArray(outIm, outOff + i);
        }
        scalar(ar, ai, aOff + upper, br, bi, bOff + upper, outRe, outIm, outOff + upper, n - upper);
    }

    // ---- double (complex128) ----

    /** {@code out[outOff+i] = a[aOff+i] · b[bOff+i]} for {@code i < n}, each operand given as its two parts. */
    public static void run(double[] ar, double[] ai, int aOff, double[] br, double[] bi, int bOff,
                           double[] outRe, double[] outIm, int outOff, int n) {
        if (Simd.ENABLED && n >= MIN_SIMD_LENGTH_F64) {
            simd(ar, ai, aOff, br, bi, bOff, outRe, outIm, outOff, n);
        } else {
            scalar(ar, ai, aOff, br, bi, bOff, outRe, outIm, outOff, n);
        }
    }

    /** The reference twin, and the SIMD body's tail. */
    public static void scalar(double[] ar, double[] ai, int aOff, double[] br, double[] bi, int bOff,
                              double[] outRe, double[] outIm, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = ar[aOff + i], b = ai[aOff + i], c = br[bOff + i], d = bi[bOff + i];
            outRe[outOff + i] = a * c - b * d;
            outIm[outOff + i] = a * d + b * c;
        }
    }

    /** The vector body to {@code loopBound(n)}, then the scalar twin for the tail. */
    public static void simd(double[] ar, double[] ai, int aOff, double[] br, double[] bi, int bOff,
                            double[] outRe, double[] outIm, int outOff, int n) {
        int upper = F64.loopBound(n);
        for (int i = 0; i < upper; i += F64.length()) {
            DoubleVector va = DoubleVector.fromArray(F64, ar, aOff + i);
            DoubleVector vb = DoubleVector.fromArray(F64, ai, aOff + i);
            DoubleVector vc = DoubleVector.fromArray(F64, br, bOff + i);
            DoubleVector vd = DoubleVector.fromArray(F64, bi, bOff + i);
            va.mul(vc).sub(vb.mul(vd)).intoArray(outRe, outOff + i);
            va.mul(vd).add(vb.mul(vc)).intoArray(outIm, outOff + i);
        }
        scalar(ar, ai, aOff + upper, br, bi, bOff + upper, outRe, outIm, outOff + upper, n - upper);
    }

    private ComplexMulKernel() {}
}
