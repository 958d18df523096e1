package dev.vectorgrad.kernels.elementwise;

/**
 * {@code out[outOff+i] = floor(a[aOff+i] / b[bOff+i])}, Python's {@code //}: integers by {@link Math#floorDiv} (an
 * {@code ArithmeticException} on a zero divisor, which NDArray reports naming the op; {@code MIN_VALUE // -1} wraps
 * as NumPy's does), floats by NumPy's {@code npy_divmod} steps ({@code x // 0.0} is ±Inf or NaN).
 *
 * <p>Scalar loops only, on purpose: the Vector API has no remainder lane op, and x86 has no integer
 * division instruction for vectors, so there is no SIMD body to be bit-identical with; these loops are the
 * specification and the implementation at once. {@code out} may alias an operand at the same offset.
 */
public final class FloorDivKernel {

    /** Both operands as runs. */
    public static void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(float[] a, int aOff, float b, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(float a, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(double[] a, int aOff, double b, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(double a, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = floorDiv(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(int[] a, int aOff, int b, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(int a, int[] b, int bOff, int[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a, b[bOff + i]);
    }

    /** Both operands as runs. */
    public static void run(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a[aOff + i], b[bOff + i]);
    }

    /** {@code b} broadcast along the run. */
    public static void runBroadcastRight(long[] a, int aOff, long b, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a[aOff + i], b);
    }

    /** {@code a} broadcast along the run. */
    public static void runBroadcastLeft(long a, long[] b, int bOff, long[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = Math.floorDiv(a, b[bOff + i]);
    }

    /**
     * NumPy's {@code npy_divmod} for floats: {@code mod = fmod(a, b)} (Java's {@code %}), moved into the divisor's
     * sign; {@code div = (a - mod) / b} rounded to the nearest integer it must be, so that
     * {@code a == div·b + mod} as closely as floating point allows ({@code 1.0 // 0.1 == 9}, not 10).
     */
    static double floorDiv(double a, double b) {
        double mod = a % b;
        if (b == 0) {
            return a / b;   // ±Inf or NaN, as NumPy
        }
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0, a / b);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }

    /** The same steps in float arithmetic, as NumPy runs them for float32. */
    static float floorDiv(float a, float b) {
        float mod = a % b;
        if (b == 0) {
            return a / b;
        }
        float div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1;
        }
        if (div == 0) {
            return Math.copySign(0f, a / b);
        }
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1 : floor;
    }

    private FloorDivKernel() {}
}
