package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Index of the maximum, {@code argmax_i x[xOff+i]} for {@code 0 <= i < n}, relative to {@code xOff};
 * {@code n >= 1}. As in NumPy: the first occurrence wins on ties ({@code -0.0} and {@code 0.0} tie),
 * and a NaN counts as the extreme, so the index of the first NaN is returned when there is one.
 *
 * <p><b>Algorithm (SIMD):</b> two passes. {@link MaxKernel#simd} finds the maximum value m (NaN if any
 * lane is NaN); then a vector compare finds the first lane equal to m (or the first NaN), stopping
 * there. If no full vector holds it, it is in the tail, whose own argmax (the scalar twin) is then the
 * answer. Keeping index vectors in one pass would need a blend per lane and a NaN rule per compare;
 * two plain passes are simpler and the second usually stops early. Exact: {@code simd == scalar}.
 *
 * @throws IllegalArgumentException {@code "argmax: empty input"} when {@code n < 1}
 */
public final class ArgMaxKernel {
    // Below this one vector's setup costs more than the scalar loop.
    private static final int MIN_SIMD_LENGTH = 2 * Simd.F32.length();

    /** The reference: one pass; a strict compare keeps the first of equal values; the first NaN returns. */
    public static int scalar(float[] x, int xOff, int n) {
        requireNonEmpty(n);
        int best = 0;
        float m = x[xOff];
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            if (v != v) {
                return i;
            }
            if (v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static int scalar(double[] x, int xOff, int n) {
        requireNonEmpty(n);
        int best = 0;
        double m = x[xOff];
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            if (v != v) {
                return i;
            }
            if (v > m) {
                m = v;
                best = i;
            }
        }
        return best;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static int scalar(int[] x, int xOff, int n) {
        requireNonEmpty(n);
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[xOff + i] > x[xOff + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The scalar twin: the reference the SIMD body is tested against, and its tail. */
    public static int scalar(long[] x, int xOff, int n) {
        requireNonEmpty(n);
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[xOff + i] > x[xOff + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(float[] x, int xOff, int n) {
        requireNonEmpty(n);
        float m = MaxKernel.simd(x, xOff, n);
        boolean nan = Float.isNaN(m);
        int upper = Simd.F32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F32.length()) {
            FloatVector va = FloatVector.fromArray(Simd.F32, x, xOff + i);
            // EQ never matches NaN, so a NaN maximum is searched for by its own test
            VectorMask<Float> hit = nan ? va.test(VectorOperators.IS_NAN) : va.eq(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return upper + scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(double[] x, int xOff, int n) {
        requireNonEmpty(n);
        double m = MaxKernel.simd(x, xOff, n);
        boolean nan = Double.isNaN(m);
        int upper = Simd.F64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.F64.length()) {
            DoubleVector va = DoubleVector.fromArray(Simd.F64, x, xOff + i);
            VectorMask<Double> hit = nan ? va.test(VectorOperators.IS_NAN) : va.eq(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return upper + scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(int[] x, int xOff, int n) {
        requireNonEmpty(n);
        int m = MaxKernel.simd(x, xOff, n);
        int upper = Simd.I32.loopBound(n);
        for (int i = 0; i < upper; i += Simd.I32.length()) {
            VectorMask<Integer> hit = IntVector.fromArray(Simd.I32, x, xOff + i).eq(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return upper + scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(long[] x, int xOff, int n) {
        requireNonEmpty(n);
        long m = MaxKernel.simd(x, xOff, n);
        int upper = Simd.I64.loopBound(n);
        for (int i = 0; i < upper; i += Simd.I64.length()) {
            VectorMask<Long> hit = LongVector.fromArray(Simd.I64, x, xOff + i).eq(m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return upper + scalar(x, xOff + upper, n - upper);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static int run(float[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static int run(double[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static int run(int[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static int run(long[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    private static void requireNonEmpty(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("argmax: empty input");
        }
    }

    private ArgMaxKernel() {}
}
