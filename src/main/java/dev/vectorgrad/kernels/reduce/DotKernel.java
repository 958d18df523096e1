package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Dot product {@code Σ x[xOff+i]·y[yOff+i]} for {@code 0 <= i < n}; 0 when {@code n == 0}.
 *
 * <p><b>Algorithm:</b> fused multiply-adds into four vector accumulators, blocked as in
 * {@link SumKernel}: after every {@link SumKernel#BLOCK} elements the partials are folded into a
 * total (double for float input) and restart from zero, so no partial chains more than
 * {@code BLOCK/(4L)} roundings whatever n is.
 *
 * <p><b>Accuracy</b>, {@code P = Σ|x·y|}, {@code u = 2^-24} (float) or {@code 2^-53} (double):
 * <ul>
 *   <li>float {@code scalar}: exact products (float·float fits a double) summed in double, rounded once:
 *       {@code |scalar - x·y| <= u·|x·y| + n·2^-53·P};</li>
 *   <li>float {@code simd}: {@code |simd - x·y| <= (BLOCK/(4L) + 4)·u·P}, independent of n;</li>
 *   <li>double {@code scalar}: {@code Math.fma} left to right, {@code |scalar - x·y| <= n·u·P};</li>
 *   <li>double {@code simd}: {@code |simd - x·y| <= (BLOCK/(4L) + n/BLOCK + L + 4)·u·P}.</li>
 * </ul>
 * <b>Reproducibility:</b> the same bits on every run for a given vector width (fixed combination order,
 * lanes summed in index order by {@link FixedOrder}); widths may differ within the bounds above.
 */
public final class DotKernel {
    // Below this the vector setup and the final lane sums cost more than the scalar loop.
    private static final int MIN_SIMD_LENGTH = 2 * Simd.F32.length();

    /** The reference: exact double products, summed left to right in double, rounded once. */
    public static float scalar(float[] x, int xOff, float[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[xOff + i] * y[yOff + i];
        }
        return (float) s;
    }

    /** The reference: one fused multiply-add per element, left to right. */
    public static double scalar(double[] x, int xOff, double[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static float simd(float[] x, int xOff, float[] y, int yOff, int n) {
        final int lanes = Simd.F32.length();
        final int step = 4 * lanes;
        int upper = n - n % step;
        DoubleVector tot0 = DoubleVector.zero(Simd.F64);
        DoubleVector tot1 = DoubleVector.zero(Simd.F64);
        int i = 0;
        while (i < upper) {
            int blockEnd = Math.min(upper, i + SumKernel.BLOCK);
            // four independent accumulators: one fma's latency hides behind the other three
            FloatVector acc0 = FloatVector.zero(Simd.F32);
            FloatVector acc1 = FloatVector.zero(Simd.F32);
            FloatVector acc2 = FloatVector.zero(Simd.F32);
            FloatVector acc3 = FloatVector.zero(Simd.F32);
            for (; i < blockEnd; i += step) {
                acc0 = FloatVector.fromArray(Simd.F32, x, xOff + i)
                        .fma(FloatVector.fromArray(Simd.F32, y, yOff + i), acc0);
                acc1 = FloatVector.fromArray(Simd.F32, x, xOff + i + lanes)
                        .fma(FloatVector.fromArray(Simd.F32, y, yOff + i + lanes), acc1);
                acc2 = FloatVector.fromArray(Simd.F32, x, xOff + i + 2 * lanes)
                        .fma(FloatVector.fromArray(Simd.F32, y, yOff + i + 2 * lanes), acc2);
                acc3 = FloatVector.fromArray(Simd.F32, x, xOff + i + 3 * lanes)
                        .fma(FloatVector.fromArray(Simd.F32, y, yOff + i + 3 * lanes), acc3);
            }
            // the block's partials go to double before they can grow long enough to lose bits
            FloatVector block = acc0.add(acc1).add(acc2.add(acc3));
            tot0 = tot0.add(FixedOrder.widen(block, 0));
            tot1 = tot1.add(FixedOrder.widen(block, 1));
        }
        return (float) (FixedOrder.sum(tot0.add(tot1)) + scalar(x, xOff + upper, y, yOff + upper, n - upper));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static double simd(double[] x, int xOff, double[] y, int yOff, int n) {
        final int lanes = Simd.F64.length();
        final int step = 4 * lanes;
        int upper = n - n % step;
        DoubleVector tot = DoubleVector.zero(Simd.F64);
        int i = 0;
        while (i < upper) {
            int blockEnd = Math.min(upper, i + SumKernel.BLOCK);
            DoubleVector acc0 = DoubleVector.zero(Simd.F64);
            DoubleVector acc1 = DoubleVector.zero(Simd.F64);
            DoubleVector acc2 = DoubleVector.zero(Simd.F64);
            DoubleVector acc3 = DoubleVector.zero(Simd.F64);
            for (; i < blockEnd; i += step) {
                acc0 = DoubleVector.fromArray(Simd.F64, x, xOff + i)
                        .fma(DoubleVector.fromArray(Simd.F64, y, yOff + i), acc0);
                acc1 = DoubleVector.fromArray(Simd.F64, x, xOff + i + lanes)
                        .fma(DoubleVector.fromArray(Simd.F64, y, yOff + i + lanes), acc1);
                acc2 = DoubleVector.fromArray(Simd.F64, x, xOff + i + 2 * lanes)
                        .fma(DoubleVector.fromArray(Simd.F64, y, yOff + i + 2 * lanes), acc2);
                acc3 = DoubleVector.fromArray(Simd.F64, x, xOff + i + 3 * lanes)
                        .fma(DoubleVector.fromArray(Simd.F64, y, yOff + i + 3 * lanes), acc3);
            }
            tot = tot.add(acc0.add(acc1).add(acc2.add(acc3)));
        }
        return FixedOrder.sum(tot) + scalar(x, xOff + upper, y, yOff + upper, n - upper);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static float run(float[] x, int xOff, float[] y, int yOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, y, yOff, n) : scalar(x, xOff, y, yOff, n);
    }

    /** Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements or with SIMD off. */
    public static double run(double[] x, int xOff, double[] y, int yOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH ? simd(x, xOff, y, yOff, n) : scalar(x, xOff, y, yOff, n);
    }

    private DotKernel() {}
}
