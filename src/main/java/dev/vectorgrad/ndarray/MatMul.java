package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.matmul.Gemm;

/**
 * NumPy {@code matmul}: rank-1 operands are promoted to a row (left) or a column (right) and the
 * added axis is dropped from the result; rank ≥ 3 operands are stacks of matrices whose batch axes
 * broadcast. Each matrix product goes to {@link Gemm} with the operands' own row and column
 * strides, so transposed and sliced views are absorbed by GEMM's packing instead of being copied.
 */
public final class MatMul {

    public static Strided matmul(Strided a, Strided b, DType t) {
        if (a.shape().length == 0 || b.shape().length == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got shapes "
                    + Shapes.format(a.shape()) + " and " + Shapes.format(b.shape()));
        }
        if (!t.isFloating() && !t.isInteger()) {
            throw new IllegalArgumentException("matmul: not supported for dtype " + t);
        }
        if (a.dtype() != t) {
            a = new Strided(t, Convert.contiguous(a, t), 0, a.shape(), Shapes.rowMajorStrides(a.shape()));
        }
        if (b.dtype() != t) {
            b = new Strided(t, Convert.contiguous(b, t), 0, b.shape(), Shapes.rowMajorStrides(b.shape()));
        }
        if (a.shape().length == 2 && b.shape().length == 2) {
            return matrixTimesMatrix(a, b, t);
        }
        boolean aVec = a.shape().length == 1;
        boolean bVec = b.shape().length == 1;
        int[] as = aVec ? new int[] {1, a.shape()[0]} : a.shape();
        int[] ast = aVec ? new int[] {0, a.strides()[0]} : a.strides();
        int[] bs = bVec ? new int[] {b.shape()[0], 1} : b.shape();
        int[] bst = bVec ? new int[] {b.strides()[0], 0} : b.strides();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int kb = bs[bs.length - 2];
        int n = bs[bs.length - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(a.shape()) + " and "
                    + Shapes.format(b.shape()) + " are incompatible: inner dimensions " + k + " and " + kb + " differ");
        }
        int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2);
        int[] bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast("matmul", aBatch, bBatch);
        int[] full = new int[batch.length + 2];
        System.arraycopy(batch, 0, full, 0, batch.length);
        full[batch.length] = m;
        full[batch.length + 1] = n;
        int[] outShape = dropVectorAxes(full, aVec, bVec);
        int total = Shapes.size(full);
        Object out = Convert.allocateForOverwrite(t, total); // C = A·B (beta = 0) writes every element, k = 0 too
        Strided result = new Strided(t, out, 0, outShape, Shapes.rowMajorStrides(outShape));
        if (total == 0) {
            return result;
        }
        int[] aBs = Shapes.broadcastStrides(aBatch, java.util.Arrays.copyOf(ast, ast.length - 2), batch);
        int[] bBs = Shapes.broadcastStrides(bBatch, java.util.Arrays.copyOf(bst, bst.length - 2), batch);
        int aRow = ast[ast.length - 2], aCol = ast[ast.length - 1];
        int bRow = bst[bst.length - 2], bCol = bst[bst.length - 1];
        int batches = Shapes.size(batch);
        if (batches > 1 && foldsIntoRows(batch, aBs, bBs, m, aRow)) {
            // a stack times one shared matrix (x·W for x [b, t, f]): one GEMM of batches·m rows packs B once
            // instead of once per matrix, and a tall A is what GEMM's blocking is tuned for
            product(t, batches * m, n, k, a.data(), a.offset(), aRow, aCol, b.data(), b.offset(), bRow, bCol, out, 0);
            return result;
        }
        int[] idx = new int[batch.length];
        Strided fa = a;
        Strided fb = b;
        for (int q = 0; q < batches; q++) {
            int ao = a.offset();
            int bo = b.offset();
            for (int d = 0; d < batch.length; d++) {
                ao += idx[d] * aBs[d];
                bo += idx[d] * bBs[d];
            }
            int co = q * m * n;
            product(t, m, n, k, fa.data(), ao, aRow, aCol, fb.data(), bo, bRow, bCol, out, co);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return result;
    }

    /**
     * The plain 2-D product, the one a Dense layer and its gradients make every step: no batch axes to broadcast,
     * so none of the general path's shape and stride arrays (a small MLP's step is dominated by such per-op costs).
     */
    private static Strided matrixTimesMatrix(Strided a, Strided b, DType t) {
        int m = a.shape()[0];
        int k = a.shape()[1];
        int kb = b.shape()[0];
        int n = b.shape()[1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.format(a.shape()) + " and "
                    + Shapes.format(b.shape()) + " are incompatible: inner dimensions " + k + " and " + kb + " differ");
        }
        int[] outShape = {m, n};
        int total = Shapes.size(outShape);
        Object out = Convert.allocateForOverwrite(t, total); // C = A·B (beta = 0) writes every element, k = 0 too
        Strided result = new Strided(t, out, 0, outShape, new int[] {Math.max(n, 1), 1}); // as rowMajorStrides
        if (total > 0) {
            int[] ast = a.strides();
            int[] bst = b.strides();
            product(t, m, n, k, a.data(), a.offset(), ast[0], ast[1], b.data(), b.offset(), bst[0], bst[1], out, 0);
        }
        return result;
    }

    /**
     * Whether B is the same matrix for every batch (all its batch strides 0) and A's batch axes continue its
     * rows with the row stride, so the stack is one {@code (batches·m) × k} matrix.
     */
    private static boolean foldsIntoRows(int[] batch, int[] aBs, int[] bBs, int m, int aRow) {
        long step = (long) m * aRow;
        for (int d = batch.length - 1; d >= 0; d--) {
            if (bBs[d] != 0 || (batch[d] > 1 && aBs[d] != step)) {
                return false;
            }
            step *= batch[d];
        }
        return true;
    }

    private static void product(DType t, int m, int n, int k, Object a, int ao, int aRow, int aCol,
                                Object b, int bo, int bRow, int bCol, Object c, int co) {
        switch (t) {
            case FLOAT32 -> Gemm.run(m, n, k, (float[]) a, ao, aRow, aCol, (float[]) b, bo, bRow, bCol, (float[]) c, co, n);
            case FLOAT64 -> Gemm.run(m, n, k, (double[]) a, ao, aRow, aCol, (double[]) b, bo, bRow, bCol, (double[]) c, co, n);
            case INT32 -> {
                int[] x = (int[]) a, y = (int[]) b, z = (int[]) c;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int s = 0;
                        for (int p = 0; p < k; p++) s += x[ao + i * aRow + p * aCol] * y[bo + p * bRow + j * bCol];
                        z[co + i * n + j] = s;
                    }
                }
            }
            case INT64 -> {
                long[] x = (long[]) a, y = (long[]) b, z = (long[]) c;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        long s = 0;
                        for (int p = 0; p < k; p++) s += x[ao + i * aRow + p * aCol] * y[bo + p * bRow + j * bCol];
                        z[co + i * n + j] = s;
                    }
                }
            }
            case BOOL -> throw new IllegalArgumentException("matmul: not supported for dtype bool");
        }
    }

    private static int[] dropVectorAxes(int[] full, boolean aVec, boolean bVec) {
        int r = full.length;
        if (aVec && bVec) {
            return java.util.Arrays.copyOf(full, r - 2);
        }
        if (aVec) {
            int[] s = java.util.Arrays.copyOf(full, r - 1);
            s[r - 2] = full[r - 1];
            return s;
        }
        if (bVec) {
            return java.util.Arrays.copyOf(full, r - 1);
        }
        return full;
    }

    private MatMul() {}
}
