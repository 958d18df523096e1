package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * The raw view behind an NDArray, as the op engine sees it: a buffer
 * ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}, {@code String[]}
 * for STRING, or a {@link ComplexBuffer} of two parallel part arrays for COMPLEX64/COMPLEX128), an offset,
 * a shape and element strides. Element {@code (i0, i1, ...)} lives at {@code offset + Σ strides[k]·ik}
 * (NumPy's formula, in elements rather than bytes).
 */
public record Strided(DType dtype, Object data, int offset, int[] shape, int[] strides) {

    /** Element count. */
    public int size() {
        return Shapes.size(shape);
    }

    /** True when the elements are laid out row-major without gaps (size-1 axes may have any stride). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 0) {
                return true;
            }
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** This view's strides as seen from the broadcast shape {@code target}. */
    public int[] stridesFor(int[] target) {
        return Shapes.broadcastStrides(shape, strides, target);
    }

    public float[] f32() {
        return (float[]) data;
    }

    public double[] f64() {
        return (double[]) data;
    }

    public int[] i32() {
        return (int[]) data;
    }

    public long[] i64() {
        return (long[]) data;
    }

    public boolean[] bool() {
        return (boolean[]) data;
    }
}
