package dev.vectorgrad.kernels.copy;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.FloatVector;

/**
 * An embedding lookup's copy: float rows of {@code width} elements picked from a table of {@code n} rows by index,
 * {@code out[outOff + j·width + t] = table[tableOff + w(rows[rowsOff + j])·width + t]} for {@code j < m},
 * {@code t < width}, where {@code w(i) = i + n} for a negative {@code i} (NumPy's and TensorFlow's count from the end).
 * Every index must already lie in {@code [-n, n)}: the caller checks.
 *
 * <p>Why a kernel: a {@code System.arraycopy} per 16-float row costs a stub call per row (about 10 ns here, NumPy's
 * {@code take} about 4), and with the copy inlined as vector loads and stores the CPU overlaps the cache misses of
 * many rows of a table larger than L2. A row is copied by whole vectors, then a scalar tail; rows shorter than one
 * vector take the scalar twin, which is also the {@code -Dvectorgrad.simd=false} path. A copy is exact, so twin and
 * SIMD body give the same bits.
 */
public final class GatherRowsKernel {
    // a row shorter than one vector has no full vector to copy: the twin's element loop is cheaper
    private static final int MIN_SIMD_WIDTH = Simd.F32.length();

    /** The scalar twin: an element loop per row. */
    public static void scalar(float[] table, int tableOff, int n, int width, int[] rows, int rowsOff, int m, float[] out,
            int outOff) {
        for (int j = 0; j < m; j++) {
            int i = rows[rowsOff + j];
            // i >> 31 & n is n for a negative i and 0 otherwise: the wrap without a branch on data
            int from = tableOff + (i + (i >> 31 & n)) * width;
            int to = outOff + j * width;
            for (int t = 0; t < width; t++) {
                out[to + t] = table[from + t];
            }
        }
    }

    /** The SIMD body: each row by whole vectors, then its tail element by element; any width. */
    public static void simd(float[] table, int tableOff, int n, int width, int[] rows, int rowsOff, int m, float[] out,
            int outOff) {
        int upper = Simd.F32.loopBound(width);
        for (int j = 0; j < m; j++) {
            int i = rows[rowsOff + j];
            int from = tableOff + (i + (i >> 31 & n)) * width;
            int to = outOff + j * width;
            int t = 0;
            for (; t < upper; t += Simd.F32.length()) {
                FloatVector.fromArray(Simd.F32, table, from + t).intoArray(out, to + t);
            }
            for (; t < width; t++) {
                out[to + t] = table[from + t];
            }
        }
    }

    /** Chooses the SIMD body, or the scalar twin for rows shorter than a vector or with SIMD off. */
    public static void run(float[] table, int tableOff, int n, int width, int[] rows, int rowsOff, int m, float[] out,
            int outOff) {
        if (Simd.ENABLED && width >= MIN_SIMD_WIDTH) {
            simd(table, tableOff, n, width, rows, rowsOff, m, out, outOff);
        } else {
            scalar(table, tableOff, n, width, rows, rowsOff, m, out, outOff);
        }
    }

    private GatherRowsKernel() {}
}
