package dev.vectorgrad.kernels.elementwise;

/**
 * {@code out[outOff+i] = a - floor(a / b)·b}, Python's {@code %}: the result takes the divisor's sign. Integers by
 * {@link Math#floorMod} (an {@code ArithmeticException} on a zero divisor, reported by NDArray naming the op),
 * floats as NumPy's {@code np.remainder} ({@code x % 0.0} is NaN).
 *
 * <p>Scalar loops only, on purpose: the Vector API has no remainder lane op, and x86 has no integer
 * division instruction for vectors, so there is no SIMD body to be bit-identical with; these loops are the
 * specification and the implementation at once. {@code out} may alias an operand at the same offset.
 */
public final class FloorModKernel {

    /** Both operands as runs. */
    public static void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorMod(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(int[] a, int aOff, int b, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(int a, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(long[] a, int aOff, long b, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(long a, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorMod(a, b[bOff + i]);
    }

    /** NumPy's float remainder: {@code fmod(a, b)} (Java's {@code %}) moved into the divisor's sign; a zero takes its sign too. */
    static double floorMod(double a, double b) {
        double mod = a % b;
        if (b == 0) {
            return mod;   // NaN, as NumPy
        }
        if (mod != 0) {
            return (b < 0) != (mod < 0) ? mod + b : mod;
        }
        return Math.copySign(0, b);
    }

    /** The same steps in float arithmetic. */
    static float floorMod(float a, float b) {
        float mod = a % b;
        if (b == 0) {
            return mod;
        }
        if (mod != 0) {
            return (b < 0) != (mod < 0) ? mod + b : mod;
        }
        return Math.copySign(0f, b);
    }

    private FloorModKernel() {}
}
