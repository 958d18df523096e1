package dev.vectorgrad.bench;

import java.util.SplittableRandom;

/**
 * Binds a typed kernel row to untyped operands, so one benchmark class covers every {@code op/dtype} row. Each fork
 * runs one row, so every call site here is monomorphic and C2 inlines through it to the kernel.
 */
final class Operands {

    /** The six entry points of a binary kernel row; broadcast variants read their scalar at index {@code bo}/{@code ao}. */
    interface Binary {
        void scalar(Object a, int ao, Object b, int bo, Object out, int oo, int n);

        void simd(Object a, int ao, Object b, int bo, Object out, int oo, int n);

        void scalarRight(Object a, int ao, Object b, int bo, Object out, int oo, int n);

        void simdRight(Object a, int ao, Object b, int bo, Object out, int oo, int n);

        void scalarLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n);

        void simdLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n);
    }

    /** The two entry points of a unary kernel row. */
    interface Unary {
        void scalar(Object x, int xo, Object out, int oo, int n);

        void simd(Object x, int xo, Object out, int oo, int n);
    }

    interface F32Arrays { void run(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n); }
    interface F32Right { void run(float[] a, int ao, float b, float[] out, int oo, int n); }
    interface F32Left { void run(float a, float[] b, int bo, float[] out, int oo, int n); }
    interface F64Arrays { void run(double[] a, int ao, double[] b, int bo, double[] out, int oo, int n); }
    interface F64Right { void run(double[] a, int ao, double b, double[] out, int oo, int n); }
    interface F64Left { void run(double a, double[] b, int bo, double[] out, int oo, int n); }
    interface I32Arrays { void run(int[] a, int ao, int[] b, int bo, int[] out, int oo, int n); }
    interface I32Right { void run(int[] a, int ao, int b, int[] out, int oo, int n); }
    interface I32Left { void run(int a, int[] b, int bo, int[] out, int oo, int n); }
    interface I64Arrays { void run(long[] a, int ao, long[] b, int bo, long[] out, int oo, int n); }
    interface I64Right { void run(long[] a, int ao, long b, long[] out, int oo, int n); }
    interface I64Left { void run(long a, long[] b, int bo, long[] out, int oo, int n); }

    interface F32Unary { void run(float[] x, int xo, float[] out, int oo, int n); }
    interface F64Unary { void run(double[] x, int xo, double[] out, int oo, int n); }
    interface I32Unary { void run(int[] x, int xo, int[] out, int oo, int n); }
    interface I64Unary { void run(long[] x, int xo, long[] out, int oo, int n); }

    static Binary f32(F32Arrays scalar, F32Arrays simd, F32Right scalarRight, F32Right simdRight,
            F32Left scalarLeft, F32Left simdLeft) {
        return new Binary() {
            public void scalar(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalar.run((float[]) a, ao, (float[]) b, bo, (float[]) out, oo, n);
            }
            public void simd(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simd.run((float[]) a, ao, (float[]) b, bo, (float[]) out, oo, n);
            }
            public void scalarRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarRight.run((float[]) a, ao, ((float[]) b)[bo], (float[]) out, oo, n);
            }
            public void simdRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdRight.run((float[]) a, ao, ((float[]) b)[bo], (float[]) out, oo, n);
            }
            public void scalarLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarLeft.run(((float[]) a)[ao], (float[]) b, bo, (float[]) out, oo, n);
            }
            public void simdLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdLeft.run(((float[]) a)[ao], (float[]) b, bo, (float[]) out, oo, n);
            }
        };
    }

    static Binary f64(F64Arrays scalar, F64Arrays simd, F64Right scalarRight, F64Right simdRight,
            F64Left scalarLeft, F64Left simdLeft) {
        return new Binary() {
            public void scalar(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalar.run((double[]) a, ao, (double[]) b, bo, (double[]) out, oo, n);
            }
            public void simd(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simd.run((double[]) a, ao, (double[]) b, bo, (double[]) out, oo, n);
            }
            public void scalarRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarRight.run((double[]) a, ao, ((double[]) b)[bo], (double[]) out, oo, n);
            }
            public void simdRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdRight.run((double[]) a, ao, ((double[]) b)[bo], (double[]) out, oo, n);
            }
            public void scalarLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarLeft.run(((double[]) a)[ao], (double[]) b, bo, (double[]) out, oo, n);
            }
            public void simdLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdLeft.run(((double[]) a)[ao], (double[]) b, bo, (double[]) out, oo, n);
            }
        };
    }

    static Binary i32(I32Arrays scalar, I32Arrays simd, I32Right scalarRight, I32Right simdRight,
            I32Left scalarLeft, I32Left simdLeft) {
        return new Binary() {
            public void scalar(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalar.run((int[]) a, ao, (int[]) b, bo, (int[]) out, oo, n);
            }
            public void simd(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simd.run((int[]) a, ao, (int[]) b, bo, (int[]) out, oo, n);
            }
            public void scalarRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarRight.run((int[]) a, ao, ((int[]) b)[bo], (int[]) out, oo, n);
            }
            public void simdRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdRight.run((int[]) a, ao, ((int[]) b)[bo], (int[]) out, oo, n);
            }
            public void scalarLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarLeft.run(((int[]) a)[ao], (int[]) b, bo, (int[]) out, oo, n);
            }
            public void simdLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdLeft.run(((int[]) a)[ao], (int[]) b, bo, (int[]) out, oo, n);
            }
        };
    }

    static Binary i64(I64Arrays scalar, I64Arrays simd, I64Right scalarRight, I64Right simdRight,
            I64Left scalarLeft, I64Left simdLeft) {
        return new Binary() {
            public void scalar(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalar.run((long[]) a, ao, (long[]) b, bo, (long[]) out, oo, n);
            }
            public void simd(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simd.run((long[]) a, ao, (long[]) b, bo, (long[]) out, oo, n);
            }
            public void scalarRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarRight.run((long[]) a, ao, ((long[]) b)[bo], (long[]) out, oo, n);
            }
            public void simdRight(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdRight.run((long[]) a, ao, ((long[]) b)[bo], (long[]) out, oo, n);
            }
            public void scalarLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                scalarLeft.run(((long[]) a)[ao], (long[]) b, bo, (long[]) out, oo, n);
            }
            public void simdLeft(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                simdLeft.run(((long[]) a)[ao], (long[]) b, bo, (long[]) out, oo, n);
            }
        };
    }

    static Unary f32(F32Unary scalar, F32Unary simd) {
        return new Unary() {
            public void scalar(Object x, int xo, Object out, int oo, int n) {
                scalar.run((float[]) x, xo, (float[]) out, oo, n);
            }
            public void simd(Object x, int xo, Object out, int oo, int n) {
                simd.run((float[]) x, xo, (float[]) out, oo, n);
            }
        };
    }

    static Unary f64(F64Unary scalar, F64Unary simd) {
        return new Unary() {
            public void scalar(Object x, int xo, Object out, int oo, int n) {
                scalar.run((double[]) x, xo, (double[]) out, oo, n);
            }
            public void simd(Object x, int xo, Object out, int oo, int n) {
                simd.run((double[]) x, xo, (double[]) out, oo, n);
            }
        };
    }

    static Unary i32(I32Unary scalar, I32Unary simd) {
        return new Unary() {
            public void scalar(Object x, int xo, Object out, int oo, int n) {
                scalar.run((int[]) x, xo, (int[]) out, oo, n);
            }
            public void simd(Object x, int xo, Object out, int oo, int n) {
                simd.run((int[]) x, xo, (int[]) out, oo, n);
            }
        };
    }

    static Unary i64(I64Unary scalar, I64Unary simd) {
        return new Unary() {
            public void scalar(Object x, int xo, Object out, int oo, int n) {
                scalar.run((long[]) x, xo, (long[]) out, oo, n);
            }
            public void simd(Object x, int xo, Object out, int oo, int n) {
                simd.run((long[]) x, xo, (long[]) out, oo, n);
            }
        };
    }

    /**
     * A filled array of {@code dtype} ({@code float32}, {@code float64}, {@code int32}, {@code int64} or
     * {@code bool}): values in [-2, 2) for floats, [-50, 50) for integers, so comparisons go both ways and no
     * integer product overflows into a pattern the JIT could exploit.
     */
    static Object array(String dtype, int n, long seed) {
        var rng = new SplittableRandom(seed);
        return switch (dtype) {
            case "float32" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) (rng.nextDouble() * 4 - 2);
                yield v;
            }
            case "float64" -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = rng.nextDouble() * 4 - 2;
                yield v;
            }
            case "int32" -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = rng.nextInt(-50, 50);
                yield v;
            }
            case "int64" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = rng.nextInt(-50, 50);
                yield v;
            }
            case "bool" -> new boolean[n];
            default -> throw new IllegalArgumentException("no dtype " + dtype);
        };
    }

    private Operands() {}
}
