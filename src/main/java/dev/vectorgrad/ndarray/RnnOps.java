package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.rnn.GruCellKernel;
import dev.vectorgrad.kernels.rnn.LstmCellKernel;
import java.util.List;

/**
 * Recurrent cells on NDArrays: the elementwise half of one step as one fused kernel call
 * ({@link LstmCellKernel}, {@link GruCellKernel}) instead of a dozen small recorded ops; {@code gruCell} and
 * {@code gruCellGrad} follow the same pattern as the LSTM pair described here.
 *
 * <p>{@code lstmCell(z, c)} is the recorded op {@link Op#LSTM_CELL}. Its gradient rule calls
 * {@link #lstmCellGrad}, which runs the fused backward kernel when nothing records on the thread (the usual
 * first-order case: a non-persistent tape stops recording while it differentiates) and otherwise composes
 * the same formula from differentiable NDArray ops, so that an outer tape can differentiate it again.
 * Inputs are float32 or float64 (anything else computes in float32); mixed widths compute in float64.
 */
public final class RnnOps {

    /**
     * One LSTM step: {@code z [batch, 4·units]} (pre-activations in Keras's gate order i, f, c, o) and
     * {@code c [batch, units]} give {@code [batch, 2·units]}: the new hidden state, then the new cell state.
     */
    public static NDArray lstmCell(NDArray z, NDArray c) {
        int[] bu = check("lstmCell", z, c);
        int b = bu[0], u = bu[1];
        DType t = floatType(z, c);
        int[] shape = {b, 2 * u};
        Object out = Convert.allocate(t, b * 2 * u);
        Object zd = dense(z, t), cd = dense(c, t);
        if (t == DType.FLOAT64) {
            LstmCellKernel.forward((double[]) zd, 0, (double[]) cd, 0, (double[]) out, 0, b, u);
        } else {
            LstmCellKernel.forward((float[]) zd, 0, (float[]) cd, 0, (float[]) out, 0, b, u);
        }
        NDArray y = NDArrayAccess.wrap(t, out, shape);
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.LSTM_CELL, y, new NDArray[] {z, c}, null);
        }
        return y;
    }

    /**
     * The vector-Jacobian product of {@link #lstmCell}: for the upstream gradient {@code d [batch, 2·units]}
     * returns {@code [batch, 5·units]}, the gradient w.r.t. {@code z} then w.r.t. {@code c}.
     */
    public static NDArray lstmCellGrad(NDArray z, NDArray c, NDArray d) {
        int[] bu = check("lstmCellGrad", z, c);
        int b = bu[0], u = bu[1];
        if (d.rank() != 2 || d.shape()[0] != b || d.shape()[1] != 2 * u) {
            throw new IllegalArgumentException("lstmCellGrad: upstream gradient shape " + Shapes.format(d.shape())
                    + " does not match the cell's output (" + b + ", " + 2 * u + ")");
        }
        if (OpHook.current() != null) {
            return composedGrad(z, c, d, u);
        }
        DType t = DType.promote(floatType(z, c), floatType(d, d));
        Object out = Convert.allocate(t, b * 5 * u);
        Object zd = dense(z, t), cd = dense(c, t), dd = dense(d, t);
        if (t == DType.FLOAT64) {
            LstmCellKernel.backward((double[]) zd, 0, (double[]) cd, 0, (double[]) dd, 0, (double[]) out, 0, b, u);
        } else {
            LstmCellKernel.backward((float[]) zd, 0, (float[]) cd, 0, (float[]) dd, 0, (float[]) out, 0, b, u);
        }
        return NDArrayAccess.wrap(t, out, b, 5 * u);
    }

    /** The kernel's backward formula in recorded NDArray ops (see {@link LstmCellKernel}). */
    private static NDArray composedGrad(NDArray z, NDArray c, NDArray d, int u) {
        NDArray i = z.slice(1, 0, u, 1).sigmoid();
        NDArray f = z.slice(1, u, 2 * u, 1).sigmoid();
        NDArray g = z.slice(1, 2 * u, 3 * u, 1).tanh();
        NDArray o = z.slice(1, 3 * u, 4 * u, 1).sigmoid();
        NDArray t = f.mul(c).add(i.mul(g)).tanh();
        NDArray dh = d.slice(1, 0, u, 1);
        NDArray dc = d.slice(1, u, 2 * u, 1).add(dh.mul(o).mul(t.square().neg().add(1.0)));
        NDArray dzi = dc.mul(g).mul(i).mul(i.neg().add(1.0));
        NDArray dzf = dc.mul(c).mul(f).mul(f.neg().add(1.0));
        NDArray dzc = dc.mul(i).mul(g.square().neg().add(1.0));
        NDArray dzo = dh.mul(t).mul(o).mul(o.neg().add(1.0));
        return NDArray.concat(List.of(dzi, dzf, dzc, dzo, dc.mul(f)), 1);
    }

    /**
     * One GRU step ({@code reset_after}): {@code xs [batch, 3·units]} ({@code x·W + b_in}), {@code hs [batch,
     * 3·units]} ({@code h·U + b_rec}) and {@code h [batch, units]} give the new state {@code [batch, units]}
     * (see {@link GruCellKernel}).
     */
    public static NDArray gruCell(NDArray xs, NDArray hs, NDArray h) {
        int[] bu = checkGru("gruCell", xs, hs, h);
        int b = bu[0], u = bu[1];
        DType t = DType.promote(floatType(xs, hs), floatType(h, h));
        Object out = Convert.allocate(t, b * u);
        Object xd = dense(xs, t), sd = dense(hs, t), hd = dense(h, t);
        if (t == DType.FLOAT64) {
            GruCellKernel.forward((double[]) xd, 0, (double[]) sd, 0, (double[]) hd, 0, (double[]) out, 0, b, u);
        } else {
            GruCellKernel.forward((float[]) xd, 0, (float[]) sd, 0, (float[]) hd, 0, (float[]) out, 0, b, u);
        }
        NDArray y = NDArrayAccess.wrap(t, out, b, u);
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.GRU_CELL, y, new NDArray[] {xs, hs, h}, null);
        }
        return y;
    }

    /**
     * The vector-Jacobian product of {@link #gruCell} for the upstream gradient {@code d [batch, units]}:
     * {@code [batch, 7·units]}, the gradients w.r.t. {@code xs}, {@code hs} and {@code h} side by side. Fused
     * when nothing records, composed from recorded NDArray ops otherwise (as {@link #lstmCellGrad}).
     */
    public static NDArray gruCellGrad(NDArray xs, NDArray hs, NDArray h, NDArray d) {
        int[] bu = checkGru("gruCellGrad", xs, hs, h);
        int b = bu[0], u = bu[1];
        if (d.rank() != 2 || d.shape()[0] != b || d.shape()[1] != u) {
            throw new IllegalArgumentException("gruCellGrad: upstream gradient shape " + Shapes.format(d.shape())
                    + " does not match the cell's output (" + b + ", " + u + ")");
        }
        if (OpHook.current() != null) {
            return composedGruGrad(xs, hs, h, d, u);
        }
        DType t = DType.promote(DType.promote(floatType(xs, hs), floatType(h, h)), floatType(d, d));
        Object out = Convert.allocate(t, b * 7 * u);
        Object xd = dense(xs, t), sd = dense(hs, t), hd = dense(h, t), dd = dense(d, t);
        if (t == DType.FLOAT64) {
            GruCellKernel.backward((double[]) xd, 0, (double[]) sd, 0, (double[]) hd, 0, (double[]) dd, 0,
                    (double[]) out, 0, b, u);
        } else {
            GruCellKernel.backward((float[]) xd, 0, (float[]) sd, 0, (float[]) hd, 0, (float[]) dd, 0,
                    (float[]) out, 0, b, u);
        }
        return NDArrayAccess.wrap(t, out, b, 7 * u);
    }

    /** The GRU kernel's backward formula in recorded NDArray ops (see {@link GruCellKernel}). */
    private static NDArray composedGruGrad(NDArray xs, NDArray hs, NDArray h, NDArray d, int u) {
        NDArray z = xs.slice(1, 0, u, 1).add(hs.slice(1, 0, u, 1)).sigmoid();
        NDArray r = xs.slice(1, u, 2 * u, 1).add(hs.slice(1, u, 2 * u, 1)).sigmoid();
        NDArray hn = hs.slice(1, 2 * u, 3 * u, 1);
        NDArray n = xs.slice(1, 2 * u, 3 * u, 1).add(r.mul(hn)).tanh();
        NDArray dz = d.mul(h.sub(n)).mul(z).mul(z.neg().add(1.0));
        NDArray dn = d.mul(z.neg().add(1.0)).mul(n.square().neg().add(1.0));
        NDArray dr = dn.mul(hn).mul(r).mul(r.neg().add(1.0));
        return NDArray.concat(List.of(dz, dr, dn, dz, dr, dn.mul(r), d.mul(z)), 1);
    }

    private static int[] checkGru(String op, NDArray xs, NDArray hs, NDArray h) {
        if (xs.rank() != 2 || hs.rank() != 2 || h.rank() != 2 || !java.util.Arrays.equals(xs.shape(), hs.shape())
                || xs.shape()[0] != h.shape()[0] || xs.shape()[1] != 3 * h.shape()[1]) {
            throw new IllegalArgumentException(op + ": expected xs and hs (batch, 3·units) and h (batch, units), got "
                    + Shapes.format(xs.shape()) + ", " + Shapes.format(hs.shape()) + " and " + Shapes.format(h.shape()));
        }
        return new int[] {h.shape()[0], h.shape()[1]};
    }

    private static int[] check(String op, NDArray z, NDArray c) {
        if (z.rank() != 2 || c.rank() != 2 || z.shape()[0] != c.shape()[0] || z.shape()[1] != 4 * c.shape()[1]) {
            throw new IllegalArgumentException(op + ": expected z (batch, 4·units) and c (batch, units), got "
                    + Shapes.format(z.shape()) + " and " + Shapes.format(c.shape()));
        }
        return new int[] {c.shape()[0], c.shape()[1]};
    }

    private static Object dense(NDArray a, DType t) {
        Strided v = NDArrayAccess.view(a);
        if (v.dtype() == t && v.isContiguous() && v.offset() == 0) {
            return v.data();
        }
        return Convert.contiguous(v, t);
    }

    private static DType floatType(NDArray a, NDArray b) {
        return a.dtype() == DType.FLOAT64 || b.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    private RnnOps() {}
}
