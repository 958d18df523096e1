package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.Arrays;

/**
 * MatMul's gradient for NumPy's matmul rules: {@code dA = G·Bᵀ}, {@code dB = Aᵀ·G} on the matrix
 * axes, summed over broadcast batch axes. A vector operand is first read as a matrix (a row for the
 * left operand, a column for the right), as matmul itself reads it, and its gradient reshaped back.
 */
final class MatmulGrad {

    static NDArray[] backward(NDArray g, NDArray a, NDArray b, boolean needA, boolean needB) {
        int[] as = a.shape();
        int[] bs = b.shape();
        NDArray a2 = as.length == 1 ? a.reshape(1, as[0]) : a;
        NDArray b2 = bs.length == 1 ? b.reshape(bs[0], 1) : b;
        int[] a2s = a2.shape();
        int[] b2s = b2.shape();
        NDArray g2 = g;
        if (as.length == 1 || bs.length == 1) {
            int[] batch = Shapes.broadcast("matmul", Arrays.copyOf(a2s, a2s.length - 2),
                    Arrays.copyOf(b2s, b2s.length - 2));
            int[] gs = Arrays.copyOf(batch, batch.length + 2);
            gs[batch.length] = a2s[a2s.length - 2];
            gs[batch.length + 1] = b2s[b2s.length - 1];
            g2 = g.reshape(gs);
        }
        NDArray da = null;
        NDArray db = null;
        if (needA) {
            da = Unbroadcast.sumTo(g2.matmul(swapLast(b2)), a2s); // Gemm absorbs the transposed view
            if (as.length == 1) {
                da = da.reshape(as);
            }
        }
        if (needB && b2s.length == 2 && a2s.length > 2) {
            // x·W for a stack x: Σ_batch x_iᵀ·G_i is one GEMM over the stacked rows, not a stack of
            // [k, n] products summed afterwards (16 of them for a [16, t, f] input)
            int k = a2s[a2s.length - 1];
            int n = b2s[1];
            db = a2.reshape(-1, k).transpose().matmul(g2.reshape(-1, n));
            if (bs.length == 1) {
                db = db.reshape(bs);
            }
        } else if (needB) {
            db = Unbroadcast.sumTo(swapLast(a2).matmul(g2), b2s);
            if (bs.length == 1) {
                db = db.reshape(bs);
            }
        }
        return new NDArray[] {da, db};
    }

    /** The matrix transpose of the last two axes (a view: matmul reads transposed views without copying). */
    private static NDArray swapLast(NDArray x) {
        int r = x.rank();
        if (r == 2) {
            return x.transpose();
        }
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 2] = r - 1;
        perm[r - 1] = r - 2;
        return x.transpose(perm);
    }

    private MatmulGrad() {}
}
