package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;

/** Keras's weight initialisers, drawing from a given {@link Rng} so that they are reproducible. */
public final class Initializers {

    /**
     * Keras's {@code glorot_uniform} for a kernel {@code [fanIn, fanOut]}: {@code U[-limit, limit)} with
     * {@code limit = sqrt(6 / (fanIn + fanOut))}, so the variance is {@code 2 / (fanIn + fanOut)}.
     */
    public static NDArray glorotUniform(Rng rng, DType dtype, int fanIn, int fanOut) {
        if (rng == null || dtype == null) {
            throw new IllegalArgumentException("glorotUniform: " + (rng == null ? "rng" : "dtype") + " is null");
        }
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("glorotUniform: fans must be positive, got " + fanIn + " and " + fanOut);
        }
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return rng.uniform(dtype, -limit, limit, fanIn, fanOut);
    }

    // ---- recurrent and embedding initialisers (issue 10) ----

    /**
     * Keras's {@code orthogonal} (gain 1) for a {@code [rows, cols]} matrix: the Q of a QR factorisation of a
     * standard-normal matrix, with columns signed so R's diagonal is positive (Keras multiplies by
     * {@code sign(diag(R))}); when {@code rows < cols} the factorised matrix is {@code [cols, rows]} and Q is
     * transposed, so rows are orthonormal instead of columns. The QR is modified Gram-Schmidt in double.
     */
    public static NDArray orthogonal(Rng rng, DType dtype, int rows, int cols) {
        dev.vectorgrad.ndarray.Args.nonNull(rng, "rng");
        dev.vectorgrad.ndarray.Args.nonNull(dtype, "dtype");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("orthogonal: shape must be positive, got " + rows + " and " + cols);
        }
        int n = Math.max(rows, cols), m = Math.min(rows, cols);
        double[] a = rng.normal(DType.FLOAT64, 0.0, 1.0, n, m).toDoubleArray();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += a[i * m + j] * a[i * m + k];
                for (int i = 0; i < n; i++) a[i * m + j] -= dot * a[i * m + k];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += a[i * m + j] * a[i * m + j];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) a[i * m + j] /= norm;
        }
        NDArray q = NDArray.of(a).reshape(n, m);
        return (rows < cols ? q.transpose() : q).cast(dtype);
    }

    private Initializers() {}
}
