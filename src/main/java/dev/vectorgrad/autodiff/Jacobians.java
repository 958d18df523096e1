package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link GradientTape#jacobian} and {@link GradientTape#batchJacobian}: one reverse walk per output element (TF's
 * {@code experimental_use_pfor=False} path), each seeded with a one-hot upstream gradient, the rows stacked. While
 * an outer tape records, the stacking is itself made of recorded ops, so a Jacobian can be differentiated again.
 */
final class Jacobians {

    /** The full Jacobian, shape {@code target.shape ++ source.shape}; one use of a non-persistent tape. */
    static NDArray full(GradientTape tape, NDArray target, NDArray source, UnconnectedGradients mode) {
        if (source == null) {
            throw new IllegalArgumentException("jacobian: source is null");
        }
        tape.checkArguments("jacobian", Arrays.asList(target), null, List.of(source), mode);
        int[] ts = target.shape();
        int[] ss = source.shape();
        int[] shape = concat(ts, ss);
        int rows = Shapes.size(ts);
        tape.beginUse();
        try {
            List<NDArray> results = new ArrayList<>(rows);
            boolean connected = false;
            for (int i = 0; i < rows; i++) {
                NDArray seed = oneHot(target.dtype(), rows, i).reshape(ts);
                NDArray row = tape.backward(List.of(target), List.of(seed), List.of(source), UnconnectedGradients.NONE,
                        i == rows - 1).get(0);
                connected |= row != null;
                results.add(row);
            }
            if (!connected && rows > 0) {
                return mode == UnconnectedGradients.ZERO ? NDArray.zeros(source.dtype(), shape) : null;
            }
            return stack(results, rows, ss, source.dtype(), 0).reshape(shape);
        } finally {
            tape.endUse();
        }
    }

    /** Row {@code i} is {@code jacobian(target[i], source[i])}: shape {@code [batch] ++ target.shape[1:] ++ source.shape[1:]}. */
    static NDArray batch(GradientTape tape, NDArray target, NDArray source, UnconnectedGradients mode) {
        if (source == null) {
            throw new IllegalArgumentException("batchJacobian: source is null");
        }
        tape.checkArguments("batchJacobian", Arrays.asList(target), null, List.of(source), mode);
        int[] ts = target.shape();
        int[] ss = source.shape();
        if (ts.length < 2) {
            throw new IllegalArgumentException("batchJacobian: target must have rank at least 2, got shape "
                    + Shapes.format(ts));
        }
        if (ss.length < 2) {
            throw new IllegalArgumentException("batchJacobian: source must have rank at least 2, got shape "
                    + Shapes.format(ss));
        }
        if (ts[0] != ss[0]) {
            throw new IllegalArgumentException("Need first dimension of target shape " + Shapes.format(ts)
                    + " and source shape " + Shapes.format(ss) + " to match.");
        }
        int batch = ts[0];
        int ty = Shapes.size(ts) / Math.max(batch, 1);
        int sx = Shapes.size(ss) / Math.max(batch, 1);
        if (batch == 0) {
            ty = Shapes.size(Arrays.copyOfRange(ts, 1, ts.length));
            sx = Shapes.size(Arrays.copyOfRange(ss, 1, ss.length));
        }
        int[] shape = concat(ts, Arrays.copyOfRange(ss, 1, ss.length));
        tape.beginUse();
        try {
            List<NDArray> columns = new ArrayList<>(ty);
            boolean connected = false;
            for (int j = 0; j < ty; j++) {
                NDArray seed = oneHot(target.dtype(), ty, j).reshape(1, ty).broadcastTo(batch, ty).reshape(ts);
                NDArray g = tape.backward(List.of(target), List.of(seed), List.of(source), UnconnectedGradients.NONE,
                        j == ty - 1).get(0);
                connected |= g != null;
                columns.add(g == null ? null : g.reshape(batch, 1, sx));
            }
            if (!connected && ty > 0) {
                return mode == UnconnectedGradients.ZERO ? NDArray.zeros(source.dtype(), shape) : null;
            }
            return stack(columns, ty, new int[] {batch, sx}, source.dtype(), 1).reshape(shape);
        } finally {
            tape.endUse();
        }
    }

    /**
     * Stacks {@code parts} (each {@code partShape}, null meaning zeros) along a new axis {@code axis}
     * (0, or 1 for batch-first parts already shaped {@code [b, 1, x]}). While some tape records on this
     * thread the stack is built from recorded sliceScatter ops, so a Jacobian can be differentiated again.
     */
    private static NDArray stack(List<NDArray> parts, int n, int[] partShape, DType dtype, int axis) {
        int[] shape = axis == 0 ? concat(new int[] {n}, partShape) : new int[] {partShape[0], n, partShape[1]};
        NDArray out = NDArray.zeros(dtype, shape);
        if (OpHook.current() == null) {
            double[] flat = new double[Shapes.size(shape)];
            for (int p = 0; p < n; p++) {
                NDArray part = parts.get(p);
                if (part == null) {
                    continue;
                }
                double[] v = part.toDoubleArray();
                if (axis == 0) {
                    System.arraycopy(v, 0, flat, p * v.length, v.length);
                } else {
                    int b = partShape[0];
                    int x = partShape[1];
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(v, i * x, flat, (i * n + p) * x, x);
                    }
                }
            }
            return NDArray.of(flat, shape).cast(dtype);
        }
        for (int p = 0; p < n; p++) {
            NDArray part = parts.get(p);
            if (part != null) {
                out = NDArray.sliceScatter(out, part.cast(dtype), axis, p, p + 1, 1);
            }
        }
        return out;
    }

    private static NDArray oneHot(DType dtype, int n, int hot) {
        double[] v = new double[n];
        v[hot] = 1;
        return NDArray.of(v, n).cast(dtype);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Jacobians() {}
}
