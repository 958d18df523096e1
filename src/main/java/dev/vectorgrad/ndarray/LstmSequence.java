package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.rnn.LstmSequenceKernel;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole LSTM sequence as one recorded op, {@link Op#LSTM_SEQUENCE}: the recurrent kernel is packed once for
 * all steps, and the gradient is backpropagation through time in one pass ({@link LstmSequenceKernel}) with the
 * weight gradients as single GEMMs, instead of a dozen recorded ops per step and a packed U per product.
 *
 * <p>Higher order: the rule takes the fused path only when nothing records on the thread (a non-persistent
 * tape stops recording while it differentiates). When an enclosing tape records the backward pass, the rule
 * recomputes the steps and runs the same backpropagation in recorded NDArray ops ({@link RnnOps#lstmCell},
 * {@link RnnOps#lstmCellGrad}, matmul), so that tape can differentiate it again; those ops are the per-step
 * formulation's, so both orders agree with it.
 *
 * <p>The fused path is float32; other dtypes run the per-step ops from the start (same values, recorded op by
 * op), because the layers that call this are float32 and a float64 driver would only serve gradient checks.
 */
public final class LstmSequence {

    /** What the forward keeps for the backward: the kernel's trace, and which output was returned. */
    record Trace(float[] xh, float[] z, float[] cs, boolean sequences) {}

    /**
     * The hidden states of an LSTM over {@code x [batch, time, features]} with {@code kernel [features, 4·units]},
     * {@code recurrent [units, 4·units]} and {@code bias [4·units]} (Keras's layout and gate order, zero initial
     * state): every step's {@code [batch, time, units]} when {@code sequences}, else the last {@code [batch, units]}.
     */
    public static NDArray run(NDArray x, NDArray kernel, NDArray recurrent, NDArray bias, boolean sequences) {
        int[] d = check(x, kernel, recurrent, bias);
        int batch = d[0], time = d[1], features = d[2], units = d[3];
        if (!allFloat32(x, kernel, recurrent, bias)) {
            return composed(x, kernel, recurrent, bias, sequences);
        }
        int rows = time * batch;
        float[] xh = new float[rows * LstmSequenceKernel.xhWidth(features, units)];
        float[] z = new float[rows * 4 * units];
        float[] cs = new float[(time + 1) * batch * units];
        int[] shape = sequences ? new int[] {batch, time, units} : new int[] {batch, units};
        float[] out = new float[Shapes.size(shape)];
        LstmSequenceKernel.forward(dense(x), 0, dense(kernel), dense(recurrent), dense(bias), batch, time, features,
                units, xh, z, cs, out, sequences);
        NDArray y = NDArrayAccess.wrap(DType.FLOAT32, out, shape);
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.LSTM_SEQUENCE, y, new NDArray[] {x, kernel, recurrent, bias},
                    new Trace(xh, z, cs, sequences));
        }
        return y;
    }

    /**
     * The vector-Jacobian product of {@link #run} for the upstream gradient {@code g}: the gradients w.r.t.
     * {@code x, kernel, recurrent, bias}, null where {@code need} is false; {@code trace} is the recorded attrs.
     */
    public static NDArray[] grad(NDArray g, NDArray[] inputs, Object trace, boolean[] need) {
        Trace tr = (Trace) trace;
        NDArray x = inputs[0], kernel = inputs[1], recurrent = inputs[2], bias = inputs[3];
        if (OpHook.current() != null) {
            return composedGrad(g, x, kernel, recurrent, bias, tr.sequences(), need);
        }
        int[] d = check(x, kernel, recurrent, bias);
        int batch = d[0], time = d[1], features = d[2], units = d[3];
        float[] dx = need[0] ? new float[batch * time * features] : null;
        float[] dw = need[1] ? new float[features * 4 * units] : null;
        float[] du = need[2] ? new float[units * 4 * units] : null;
        float[] db = need[3] ? new float[4 * units] : null;
        LstmSequenceKernel.backward(denseAs32(g), tr.sequences(), dense(kernel), dense(recurrent), batch, time,
                features, units, tr.xh(), tr.z(), tr.cs(), dx, dw, du, db);
        return new NDArray[] {
            dx == null ? null : NDArrayAccess.wrap(DType.FLOAT32, dx, batch, time, features),
            dw == null ? null : NDArrayAccess.wrap(DType.FLOAT32, dw, features, 4 * units),
            du == null ? null : NDArrayAccess.wrap(DType.FLOAT32, du, units, 4 * units),
            db == null ? null : NDArrayAccess.wrap(DType.FLOAT32, db, 4 * units)
        };
    }

    // ---- the per-step formulation in recorded ops: other dtypes, and the backward under an enclosing tape ----

    /** The steps as the layers composed them before this op: {@code z = x_t·W + b + h·U}, then the fused cell. */
    private static NDArray composed(NDArray x, NDArray kernel, NDArray recurrent, NDArray bias, boolean sequences) {
        Steps s = new Steps(x, kernel, recurrent, bias);
        return sequences ? NDArray.stack(s.h, 1) : s.h.get(s.h.size() - 1);
    }

    /** One forward pass in recorded ops, keeping each step's z and the state it started from. */
    private static final class Steps {
        final List<NDArray> xs;
        final List<NDArray> z = new ArrayList<>();
        final List<NDArray> h = new ArrayList<>();
        final List<NDArray> hPrev = new ArrayList<>();
        final List<NDArray> cPrev = new ArrayList<>();

        Steps(NDArray x, NDArray kernel, NDArray recurrent, NDArray bias) {
            int units = recurrent.shape()[0];
            xs = x.transpose(1, 0, 2).unstack(0);
            NDArray hh = NDArray.zeros(DType.promote(x.dtype(), recurrent.dtype()), x.shape()[0], units);
            NDArray c = hh;
            for (NDArray xt : xs) {
                NDArray zt = xt.matmul(kernel).add(bias).add(hh.matmul(recurrent));
                hPrev.add(hh);
                cPrev.add(c);
                z.add(zt);
                NDArray hc = RnnOps.lstmCell(zt, c);
                hh = hc.slice(1, 0, units, 1);
                c = hc.slice(1, units, 2 * units, 1);
                h.add(hh);
            }
        }
    }

    /** Backpropagation through time in recorded ops (see the class comment). */
    private static NDArray[] composedGrad(NDArray g, NDArray x, NDArray kernel, NDArray recurrent, NDArray bias,
                                          boolean sequences, boolean[] need) {
        Steps s = new Steps(x, kernel, recurrent, bias);
        int time = s.xs.size(), batch = x.shape()[0], units = recurrent.shape()[0];
        NDArray uT = recurrent.transpose(), wT = kernel.transpose();
        NDArray dh = null, dc = null, dw = null, du = null, db = null;
        List<NDArray> dxs = new ArrayList<>();
        for (int t = time - 1; t >= 0; t--) {
            NDArray up = sequences ? g.slice(1, t, t + 1, 1).reshape(batch, units) : (t == time - 1 ? g : null);
            NDArray dht = up == null ? dh : dh == null ? up : up.add(dh);
            NDArray zeros = NDArray.zeros(s.z.get(t).dtype(), batch, units);
            NDArray both = RnnOps.lstmCellGrad(s.z.get(t), s.cPrev.get(t), NDArray.concat(
                    List.of(dht == null ? zeros : dht, dc == null ? zeros : dc), 1));
            NDArray dz = both.slice(1, 0, 4 * units, 1);
            dc = both.slice(1, 4 * units, 5 * units, 1);
            dh = dz.matmul(uT);
            du = need[2] ? plus(du, s.hPrev.get(t).transpose().matmul(dz)) : null;
            dw = need[1] ? plus(dw, s.xs.get(t).transpose().matmul(dz)) : null;
            db = need[3] ? plus(db, dz.sum(false, 0)) : null;
            if (need[0]) {
                dxs.add(0, dz.matmul(wT));
            }
        }
        return new NDArray[] {need[0] ? NDArray.stack(dxs, 1) : null, dw, du, db};
    }

    private static NDArray plus(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }

    // ---- checks and buffers ----

    private static int[] check(NDArray x, NDArray kernel, NDArray recurrent, NDArray bias) {
        Args.nonNull(x, "x");
        Args.nonNull(kernel, "kernel");
        Args.nonNull(recurrent, "recurrent");
        Args.nonNull(bias, "bias");
        int[] xs = x.shape(), k = kernel.shape(), u = recurrent.shape(), b = bias.shape();
        boolean ok = xs.length == 3 && k.length == 2 && u.length == 2 && b.length == 1
                && k[0] == xs[2] && u[1] == 4 * u[0] && k[1] == u[1] && b[0] == u[1];
        if (!ok) {
            throw new IllegalArgumentException("lstmSequence: expected x (batch, time, features), kernel (features, "
                    + "4·units), recurrent (units, 4·units) and bias (4·units), got " + Shapes.format(xs) + ", "
                    + Shapes.format(k) + ", " + Shapes.format(u) + " and " + Shapes.format(b));
        }
        if (xs[1] == 0) {
            throw new IllegalArgumentException("lstmSequence: x " + Shapes.format(xs) + " has no time steps");
        }
        return new int[] {xs[0], xs[1], xs[2], u[0]};
    }

    private static boolean allFloat32(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a.dtype() != DType.FLOAT32) {
                return false;
            }
        }
        return true;
    }

    /** {@code a}'s float32 elements row-major from index 0: its own buffer when it already is that. */
    private static float[] dense(NDArray a) {
        Strided v = NDArrayAccess.view(a);
        if (v.isContiguous() && v.offset() == 0) {
            return (float[]) v.data();
        }
        return (float[]) Convert.contiguous(v, DType.FLOAT32);
    }

    private static float[] denseAs32(NDArray a) {
        Strided v = NDArrayAccess.view(a);
        if (v.dtype() == DType.FLOAT32 && v.isContiguous() && v.offset() == 0) {
            return (float[]) v.data();
        }
        return (float[]) Convert.contiguous(v, DType.FLOAT32);
    }

    private LstmSequence() {}
}
