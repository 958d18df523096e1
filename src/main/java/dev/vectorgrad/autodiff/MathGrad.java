package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.MathOps;
import dev.vectorgrad.ndarray.ReduceAttrs;
import dev.vectorgrad.ndarray.Shapes;

/**
 * Gradient rules of the issue-9 statistics, scans, lane copies and clipping, referenced from the one
 * table in {@link GradientRules}. Each is written in NDArray ops, so an outer tape differentiates it again.
 */
final class MathGrad {

    /** {@code d var = g · 2 (x - mean) / N}. */
    static NDArray[] variance(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        NDArray v = x[0];
        NDArray centred = v.sub(v.mean(true, ra.axes()));
        return new NDArray[] {kept(g, v, ra).mul(centred).mul(2.0 / count(v, ra))};
    }

    /** {@code d std = g · (x - mean) / (N · std)}: NaN where the lane is constant, as TensorFlow's. */
    static NDArray[] std(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        NDArray v = x[0];
        NDArray centred = v.sub(v.mean(true, ra.axes()));
        return new NDArray[] {kept(g, v, ra).mul(centred).div(kept(y, v, ra).mul(count(v, ra)))};
    }

    /** {@code d‖x‖ = g · x / ‖x‖}, and 0 at a zero lane (the denominator is made 1 there, where x is 0 anyway). */
    static NDArray[] norm(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        NDArray v = x[0];
        NDArray n = kept(y, v, ra);
        NDArray safe = NDArray.where(n.eq(0.0), NDArray.ones(n.dtype()), n);
        return new NDArray[] {kept(g, v, ra).mul(v).div(safe)};
    }

    /** The adjoint of a cumulative sum is the cumulative sum running the other way. */
    static NDArray[] cumsum(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int[] a = (int[]) attrs;
        return new NDArray[] {g.cumsum(a[0], a[1] == 1, a[2] != 1)};
    }

    /** TensorFlow's {@code _CumprodGrad}: {@code cumsum(y·g, reversed) / x} (not finite at x = 0, as in TF). */
    static NDArray[] cumprod(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int[] a = (int[]) attrs;
        return new NDArray[] {y.mul(g).cumsum(a[0], a[1] == 1, a[2] != 1).div(x[0])};
    }

    /** Each upstream value goes back to the position it was taken from (summed where taken twice). */
    static NDArray[] takeLanes(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int axis = (Integer) attrs;
        return new NDArray[] {MathOps.putLanes(g, x[1], axis, x[0].shape()[axis]), null};
    }

    /** The adjoint of a scatter-add is the gather at the same indices. */
    static NDArray[] putLanes(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int axis = ((int[]) attrs)[0];
        return new NDArray[] {MathOps.takeLanes(g, x[1], axis), null};
    }

    /** TensorFlow's clip_by_value gradient: {@code g} except where {@code x < min} or {@code x > max}. */
    static NDArray[] clip(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        double[] b = (double[]) attrs;
        NDArray v = x[0];
        NDArray outside = v.lt(b[0]).logicalOr(v.gt(b[1]));
        return new NDArray[] {NDArray.where(outside, NDArray.zeros(g.dtype()), g)};
    }

    /** {@code d gelu = Φ(x) + x·φ(x)}, with {@code Φ} through erf and {@code φ} the normal density. */
    static NDArray gelu(NDArray g, NDArray x, NDArray y) {
        NDArray cdf = x.mul(Math.sqrt(0.5)).erf().add(1.0).mul(0.5);
        NDArray pdf = x.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
        return g.mul(cdf.add(x.mul(pdf)));
    }

    /** {@code d/dx 0.5x(1 + tanh u) = 0.5(1 + t) + 0.5x(1 - t²)·u'}, {@code u' = √(2/π)(1 + 3·0.044715x²)}. */
    static NDArray geluTanh(NDArray g, NDArray x, NDArray y) {
        double c = Math.sqrt(2 / Math.PI);
        NDArray x2 = x.square();
        NDArray t = x.add(x2.mul(x).mul(0.044715)).mul(c).tanh();
        NDArray du = x2.mul(3 * 0.044715).add(1.0).mul(c);
        NDArray d = t.add(1.0).mul(0.5).add(x.mul(0.5).mul(t.square().neg().add(1.0)).mul(du));
        return g.mul(d);
    }

    /** {@code λ} for {@code x > 0}, else {@code λα·e^x = y + λα}. */
    static NDArray selu(NDArray g, NDArray x, NDArray y) {
        double scale = dev.vectorgrad.kernels.elementwise.SeluKernel.SCALE;
        double alpha = dev.vectorgrad.kernels.elementwise.SeluKernel.ALPHA;
        return NDArray.where(x.gt(0.0), g.mul(scale), g.mul(y.add(scale * alpha)));
    }

    private static NDArray kept(NDArray g, NDArray x, ReduceAttrs ra) {
        if (ra.keepDims() || g.rank() == 0) {
            return g;
        }
        return g.reshape(Shapes.reducedShape(x.shape(), ra.axes(), true));
    }

    private static double count(NDArray x, ReduceAttrs ra) {
        int[] shape = x.shape();
        double n = 1;
        for (int a : ra.axes()) n *= shape[a];
        return n;
    }

    private MathGrad() {}
}
