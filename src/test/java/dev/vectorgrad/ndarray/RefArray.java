package dev.vectorgrad.ndarray;

import dev.vectorgrad.NDArray;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * The test oracle: a row-major double array with a shape, whose views and ops are computed by
 * walking every multi-index explicitly — no strides, no kernels — so it shares no code with the
 * engine it checks.
 */
record RefArray(double[] values, int[] shape) {

    static RefArray of(NDArray a) {
        return new RefArray(rawWalk(a), a.shape());
    }

    /** Reads every element through the offset formula {@code offset + Σ strides[k]·i_k} on the raw buffer. */
    static double[] rawWalk(NDArray a) {
        Strided s = NDArrayAccess.view(a);
        int n = Shapes.size(s.shape());
        double[] out = new double[n];
        int[] idx = new int[s.shape().length];
        for (int flat = 0; flat < n; flat++) {
            int at = s.offset();
            for (int k = 0; k < idx.length; k++) at += s.strides()[k] * idx[k];
            out[flat] = switch (s.data()) {
                case float[] f -> f[at];
                case double[] d -> d[at];
                case int[] i -> i[at];
                case long[] l -> l[at];
                case boolean[] b -> b[at] ? 1 : 0;
                default -> throw new IllegalStateException();
            };
            increment(idx, s.shape());
        }
        return out;
    }

    static void increment(int[] idx, int[] shape) {
        for (int k = idx.length - 1; k >= 0; k--) {
            if (++idx[k] < shape[k]) return;
            idx[k] = 0;
        }
    }

    int size() {
        return values.length;
    }

    double at(int[] idx) {
        int flat = 0;
        for (int k = 0; k < shape.length; k++) flat = flat * shape[k] + idx[k];
        return values[flat];
    }

    RefArray map(ToDoubleFunction<int[]> f, int[] newShape) {
        int n = Shapes.size(newShape);
        double[] out = new double[n];
        int[] idx = new int[newShape.length];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(idx);
            increment(idx, newShape);
        }
        return new RefArray(out, newShape);
    }

    RefArray transpose(int[] perm) {
        int[] ns = new int[perm.length];
        for (int i = 0; i < perm.length; i++) ns[i] = shape[perm[i]];
        return map(idx -> {
            int[] src = new int[perm.length];
            for (int i = 0; i < perm.length; i++) src[perm[i]] = idx[i];
            return at(src);
        }, ns);
    }

    RefArray slice(int axis, int start, int count, int step) {
        int[] ns = shape.clone();
        ns[axis] = count;
        return map(idx -> {
            int[] src = idx.clone();
            src[axis] = start + idx[axis] * step;
            return at(src);
        }, ns);
    }

    RefArray broadcastTo(int[] target) {
        int lead = target.length - shape.length;
        return map(idx -> {
            int[] src = new int[shape.length];
            for (int k = 0; k < shape.length; k++) src[k] = shape[k] == 1 ? 0 : idx[k + lead];
            return at(src);
        }, target);
    }

    RefArray reshape(int[] ns) {
        return new RefArray(values.clone(), ns);
    }

    static RefArray binary(RefArray a, RefArray b, DoubleBinaryOperator f) {
        int[] s = Shapes.broadcast("ref", a.shape, b.shape);
        RefArray x = a.broadcastTo(s), y = b.broadcastTo(s);
        double[] out = new double[x.values.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(x.values[i], y.values[i]);
        return new RefArray(out, s);
    }

    RefArray sum(int[] axes, boolean keepDims) {
        return reduce(axes, keepDims, 0, Double::sum);
    }

    RefArray reduce(int[] axes, boolean keepDims, double identity, DoubleBinaryOperator f) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) red[a] = true;
        int[] keep = Shapes.reducedShape(shape, axes, true);
        double[] acc = new double[Shapes.size(keep)];
        java.util.Arrays.fill(acc, identity);
        int[] idx = new int[shape.length];
        for (int i = 0; i < values.length; i++) {
            int flat = 0;
            for (int k = 0; k < shape.length; k++) flat = flat * keep[k] + (red[k] ? 0 : idx[k]);
            acc[flat] = f.applyAsDouble(acc[flat], values[i]);
            increment(idx, shape);
        }
        return new RefArray(acc, keepDims ? keep : Shapes.reducedShape(shape, axes, false));
    }
}
