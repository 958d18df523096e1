package dev.vectorgrad.kernels.reduce;

import dev.vectorgrad.kernels.Simd;
import dev.vectorgrad.kernels.Warmup;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Sum {@code Σ x[xOff+i]} for {@code 0 <= i < n}; 0 when {@code n == 0}. Integer sums wrap (two's
 * complement) and keep their dtype, as TensorFlow's {@code reduce_sum} does.
 *
 * <p><b>Algorithm (floating point): blocked two-level summation.</b> The SIMD body keeps
 * {@code 4·L} float partial sums (4 vector accumulators of L lanes) for one block of
 * {@link #BLOCK} elements, then folds them into double-precision vector totals and starts the next
 * block from zero. So no float partial ever adds more than {@code BLOCK/(4L)} terms, whatever n is:
 * a float32 sum of 10 million elements is as accurate as one of a thousand.
 *
 * <p><b>Accuracy</b>, with {@code u = 2^-24} for float and {@code 2^-53} for double, {@code S = Σ|x|}:
 * <ul>
 *   <li>float {@code scalar}: a double accumulator, left to right, rounded once:
 *       {@code |scalar - Σx| <= u·|Σx| + n·2^-53·S} (the near-exact reference);</li>
 *   <li>float {@code simd}: {@code |simd - Σx| <= (BLOCK/(4L) + 4)·u·S}, independent of n
 *       (for n below 2^29); at 256-bit vectors (L = 8) that is {@code 36·2^-24·S};</li>
 *   <li>double {@code scalar}: plain left-to-right sum, {@code |scalar - Σx| <= n·u·S};</li>
 *   <li>double {@code simd}: {@code |simd - Σx| <= (BLOCK/(4L) + n/BLOCK + L + 4)·u·S};</li>
 *   <li>int and long: exact modulo 2^32 / 2^64, so {@code simd} is bit-identical to {@code scalar}.</li>
 * </ul>
 * <b>Reproducibility:</b> for a given vector width the result is the same bits on every run: the
 * partial vectors are combined in a fixed order and the lanes are summed in index order
 * ({@link FixedOrder}), never by {@code reduceLanes(ADD)}, whose order is unspecified. Different
 * widths (or {@code -Dvectorgrad.simd=false}) may differ in the last bits, within the bounds above; so may,
 * with {@code -Dvectorgrad.warmup=all}, {@code run}'s first calls in a JVM, which then take the scalar twin until
 * the SIMD body is compiled ({@link dev.vectorgrad.kernels.Warmup}; integer sums are gated by default, being exact).
 */
public final class SumKernel {
    /** Elements per block of float (or double) partial sums; a multiple of every {@code 4·L}. */
    public static final int BLOCK = 1024;

    // Below this the vector setup and the final lane sums cost more than the scalar loop.
    private static final int MIN_SIMD_LENGTH = 2 * Simd.F32.length();

    // Cold start: run() takes the scalar twin until the warm-up thread has seen the SIMD body compiled (Warmup).
    private static final Warmup.Body BODIES = new Bodies();
    private static final Warmup.Gate WARM_F32 = Warmup.inexactGate("SumKernel float", BODIES, "F32");
    private static final Warmup.Gate WARM_F64 = Warmup.inexactGate("SumKernel double", BODIES, "F64");
    private static final Warmup.Gate WARM_I32 = Warmup.gate("SumKernel int", BODIES, "I32");
    private static final Warmup.Gate WARM_I64 = Warmup.gate("SumKernel long", BODIES, "I64");

    /** The reference: a double accumulator (float to double is exact), left to right, rounded once. */
    public static float scalar(float[] x, int xOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return (float) s;
    }

    /** The reference: left to right. */
    public static double scalar(double[] x, int xOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    /** Left to right, wrapping on overflow. */
    public static int scalar(int[] x, int xOff, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    /** Left to right, wrapping on overflow. */
    public static long scalar(long[] x, int xOff, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static float simd(float[] x, int xOff, int n) {
        final int lanes = Simd.F32.length();
        final int step = 4 * lanes;
        int upper = n - n % step;
        DoubleVector tot0 = DoubleVector.zero(Simd.F64);
        DoubleVector tot1 = DoubleVector.zero(Simd.F64);
        int i = 0;
        while (i < upper) {
            int blockEnd = Math.min(upper, i + BLOCK);
            // four independent accumulators: an add's latency (3-4 cycles) hides behind the other three,
            // so the loop runs at load throughput instead of waiting on one dependency chain
            FloatVector acc0 = FloatVector.zero(Simd.F32);
            FloatVector acc1 = FloatVector.zero(Simd.F32);
            FloatVector acc2 = FloatVector.zero(Simd.F32);
            FloatVector acc3 = FloatVector.zero(Simd.F32);
            for (; i < blockEnd; i += step) {
                acc0 = acc0.add(FloatVector.fromArray(Simd.F32, x, xOff + i));
                acc1 = acc1.add(FloatVector.fromArray(Simd.F32, x, xOff + i + lanes));
                acc2 = acc2.add(FloatVector.fromArray(Simd.F32, x, xOff + i + 2 * lanes));
                acc3 = acc3.add(FloatVector.fromArray(Simd.F32, x, xOff + i + 3 * lanes));
            }
            // the block's partials go to double before they can grow long enough to lose bits
            FloatVector block = acc0.add(acc1).add(acc2.add(acc3));
            tot0 = tot0.add(FixedOrder.widen(block, 0));
            tot1 = tot1.add(FixedOrder.widen(block, 1));
        }
        return (float) (FixedOrder.sum(tot0.add(tot1)) + scalar(x, xOff + upper, n - upper));
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static double simd(double[] x, int xOff, int n) {
        final int lanes = Simd.F64.length();
        final int step = 4 * lanes;
        int upper = n - n % step;
        DoubleVector tot = DoubleVector.zero(Simd.F64);
        int i = 0;
        while (i < upper) {
            int blockEnd = Math.min(upper, i + BLOCK);
            // four independent accumulators hide the add latency; blocks bound each partial's length
            DoubleVector acc0 = DoubleVector.zero(Simd.F64);
            DoubleVector acc1 = DoubleVector.zero(Simd.F64);
            DoubleVector acc2 = DoubleVector.zero(Simd.F64);
            DoubleVector acc3 = DoubleVector.zero(Simd.F64);
            for (; i < blockEnd; i += step) {
                acc0 = acc0.add(DoubleVector.fromArray(Simd.F64, x, xOff + i));
                acc1 = acc1.add(DoubleVector.fromArray(Simd.F64, x, xOff + i + lanes));
                acc2 = acc2.add(DoubleVector.fromArray(Simd.F64, x, xOff + i + 2 * lanes));
                acc3 = acc3.add(DoubleVector.fromArray(Simd.F64, x, xOff + i + 3 * lanes));
            }
            tot = tot.add(acc0.add(acc1).add(acc2.add(acc3)));
        }
        return FixedOrder.sum(tot) + scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static int simd(int[] x, int xOff, int n) {
        final int lanes = Simd.I32.length();
        int upper = n - n % (2 * lanes);
        // two accumulators are enough: an integer add has one cycle of latency
        IntVector acc0 = IntVector.zero(Simd.I32);
        IntVector acc1 = IntVector.zero(Simd.I32);
        for (int i = 0; i < upper; i += 2 * lanes) {
            acc0 = acc0.add(IntVector.fromArray(Simd.I32, x, xOff + i));
            acc1 = acc1.add(IntVector.fromArray(Simd.I32, x, xOff + i + lanes));
        }
        // wrapping addition is associative, so reduceLanes' unspecified order cannot change the bits
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) + scalar(x, xOff + upper, n - upper);
    }

    /** The SIMD body, for any {@code n}: whole vector steps, then the scalar twin for the tail. */
    public static long simd(long[] x, int xOff, int n) {
        final int lanes = Simd.I64.length();
        int upper = n - n % (2 * lanes);
        LongVector acc0 = LongVector.zero(Simd.I64);
        LongVector acc1 = LongVector.zero(Simd.I64);
        for (int i = 0; i < upper; i += 2 * lanes) {
            acc0 = acc0.add(LongVector.fromArray(Simd.I64, x, xOff + i));
            acc1 = acc1.add(LongVector.fromArray(Simd.I64, x, xOff + i + lanes));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) + scalar(x, xOff + upper, n - upper);
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static float run(float[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH && (WARM_F32.ready() || n > Warmup.SCALAR_MAX)
                ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static double run(double[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH && (WARM_F64.ready() || n > Warmup.SCALAR_MAX)
                ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static int run(int[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH && (WARM_I32.ready() || n > Warmup.SCALAR_MAX)
                ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /**
     * Chooses the SIMD body, or the scalar twin below {@code MIN_SIMD_LENGTH} elements, with SIMD off or before the
     * body is compiled ({@link Warmup}).
     */
    public static long run(long[] x, int xOff, int n) {
        return Simd.ENABLED && n >= MIN_SIMD_LENGTH && (WARM_I64.ready() || n > Warmup.SCALAR_MAX)
                ? simd(x, xOff, n) : scalar(x, xOff, n);
    }

    /** The bodies the warm-up thread times, on its own arrays; the sums go to a field so that none is dead code. */
    private static final class Bodies implements Warmup.Body {
        private double sink;

        @Override
        public void run(String entry, boolean simd, Warmup.Scratch s) {
            sink += switch (entry) {
                case "F32" -> simd ? simd(s.float0, 0, Warmup.N) : scalar(s.float0, 0, Warmup.N);
                case "F64" -> simd ? simd(s.double0, 0, Warmup.N) : scalar(s.double0, 0, Warmup.N);
                case "I32" -> simd ? simd(s.int0, 0, Warmup.N) : scalar(s.int0, 0, Warmup.N);
                case "I64" -> simd ? simd(s.long0, 0, Warmup.N) : scalar(s.long0, 0, Warmup.N);
                default -> throw new IllegalArgumentException("no warm-up entry " + entry);
            };
        }
    }

    private SumKernel() {}
}
