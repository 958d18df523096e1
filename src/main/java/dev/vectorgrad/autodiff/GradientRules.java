package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.ReduceAttrs;
import dev.vectorgrad.ndarray.Shapes;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The gradient rule of every {@link Op}, in one table. Rules are written only with {@link NDArray}
 * ops, so a gradient computed while an outer tape records is itself recorded: that is how nested
 * tapes give second and higher derivatives. A rule receives the upstream gradient {@code g} (the
 * output's shape), the recorded input values {@code x} and the output {@code y}, and returns one
 * gradient per input, or null where the input needs none; the tape then sums each down to its
 * input's shape ({@link Unbroadcast#sumTo}), so broadcasting rules return the broadcast shape.
 *
 * <p>TensorFlow's conventions at the awkward points: abs'(0) = 0, relu'(0) = 0, sqrt'(0) = +inf,
 * maximum/minimum ties go wholly to the first argument, reduction max/min ties share equally,
 * sign' = 0 (zeros, not null), and relu/abs have zero (not null) second derivatives.
 */
final class GradientRules {

    /** One op's backward function; {@code need[k]} says whether input k's gradient is wanted. */
    @FunctionalInterface
    interface Rule {
        NDArray[] backward(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need);
    }

    @FunctionalInterface
    private interface Unary {
        NDArray dx(NDArray g, NDArray x, NDArray y);
    }

    @FunctionalInterface
    private interface Binary {
        NDArray[] dxy(NDArray g, NDArray a, NDArray b, NDArray y, boolean needA, boolean needB);
    }

    /** The explicit "not differentiable" entry: the op's inputs get no gradient through it. */
    static final Rule NOT_DIFFERENTIABLE = (g, x, y, attrs, need) -> new NDArray[x.length];

    private static final Map<Op, Rule> RULES;

    static {
        Map<Op, Rule> r = new EnumMap<>(Op.class);

        // ---- elementwise binary (results in the broadcast shape; the tape sums them down) ----
        binary(r, Op.ADD, (g, a, b, y, na, nb) -> grads(g, g));                          // d(a+b) = (1, 1)
        binary(r, Op.SUB, (g, a, b, y, na, nb) -> grads(g, nb ? g.neg() : null));       // d(a-b) = (1, -1)
        binary(r, Op.MUL, (g, a, b, y, na, nb) ->                                        // d(ab) = (b, a)
                grads(na ? g.mul(b) : null, nb ? g.mul(a) : null));
        binary(r, Op.DIV, (g, a, b, y, na, nb) ->                                        // d(a/b) = (1/b, -a/b²)
                grads(na ? g.div(b) : null, nb ? g.mul(y).div(b).neg() : null));
        binary(r, Op.POW, GradientRules::pow);                                           // (b·a^(b-1), a^b·ln a)
        binary(r, Op.MAXIMUM, (g, a, b, y, na, nb) -> select(a.ge(b), g, na, nb));       // ties: all to a
        binary(r, Op.MINIMUM, (g, a, b, y, na, nb) -> select(a.le(b), g, na, nb));       // ties: all to a

        // ---- elementwise unary: dx = g · f'(x); y is the forward output ----
        unary(r, Op.NEG, (g, x, y) -> g.neg());                                          // -1
        unary(r, Op.ABS, (g, x, y) -> g.mul(x.sign()));                                  // sign(x); 0 at 0
        unary(r, Op.SQUARE, (g, x, y) -> g.mul(x.mul(2.0)));                              // 2x
        unary(r, Op.SQRT, (g, x, y) -> g.div(y.mul(2.0)));                                // 1/(2√x); +inf at 0
        unary(r, Op.EXP, (g, x, y) -> g.mul(y));                                         // e^x
        unary(r, Op.LOG, (g, x, y) -> g.div(x));                                         // 1/x
        unary(r, Op.SIN, (g, x, y) -> g.mul(x.cos()));                                   // cos x
        unary(r, Op.COS, (g, x, y) -> g.mul(x.sin()).neg());                             // -sin x
        unary(r, Op.TANH, (g, x, y) -> g.mul(one(y).sub(y.square())));                   // 1 - tanh²
        unary(r, Op.SIGMOID, (g, x, y) -> g.mul(y.mul(one(y).sub(y))));                  // σ(1 - σ)
        // 1 where x > 0, else 0 (0 at 0, as TF); via the output, so the next order is zeros, not null
        unary(r, Op.RELU, (g, x, y) -> g.mul(y.sign()));
        unary(r, Op.SIGN, (g, x, y) -> NDArray.zeros(x.dtype(), x.shape()));            // 0 (zeros, not null)

        // ---- comparisons: boolean results carry no gradient ----
        for (Op op : new Op[] {Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE}) {
            r.put(op, NOT_DIFFERENTIABLE);
        }

        // ---- selection and conversion ----
        r.put(Op.WHERE, (g, x, y, attrs, need) -> {                                      // cond: none
            NDArray[] ab = select(x[0], g, need[1], need[2]);
            return new NDArray[] {null, ab[0], ab[1]};
        });
        r.put(Op.CAST, (g, x, y, attrs, need) ->                                         // between floats only
                new NDArray[] {((DType) attrs).isFloating() ? g.cast((DType) attrs) : null});

        // ---- reductions (attrs: the reduced axes and keepDims) ----
        r.put(Op.SUM, (g, x, y, attrs, need) ->                                          // broadcast g back
                new NDArray[] {keptDims(g, x[0], attrs).broadcastTo(x[0].shape())});
        r.put(Op.MEAN, (g, x, y, attrs, need) ->                                         // sum-grad / count
                new NDArray[] {keptDims(g, x[0], attrs).div(count(x[0], attrs)).broadcastTo(x[0].shape())});
        r.put(Op.MAX, GradientRules::minOrMax);                                          // ties share equally
        r.put(Op.MIN, GradientRules::minOrMax);
        r.put(Op.PROD, GradientRules::prod);                                             // ∏ of the others
        r.put(Op.ARG_MAX, NOT_DIFFERENTIABLE);
        r.put(Op.ARG_MIN, NOT_DIFFERENTIABLE);

        // ---- views and copies ----
        r.put(Op.RESHAPE, (g, x, y, attrs, need) -> new NDArray[] {g.reshape(x[0].shape())});
        r.put(Op.TRANSPOSE, (g, x, y, attrs, need) -> new NDArray[] {g.transpose(inverse((int[]) attrs))});
        r.put(Op.BROADCAST_TO, (g, x, y, attrs, need) -> new NDArray[] {g});             // summed down by the tape
        r.put(Op.SLICE, GradientRules::slice);                                           // scatter into zeros
        r.put(Op.SLICE_SCATTER, GradientRules::sliceScatter);                            // (g outside, g[slice])
        r.put(Op.COPY, (g, x, y, attrs, need) -> new NDArray[] {g});                     // identity

        // ---- linear algebra and nn helpers ----
        r.put(Op.MATMUL, (g, x, y, attrs, need) -> MatmulGrad.backward(g, x[0], x[1], need[0], need[1]));
        r.put(Op.SOFTMAX, (g, x, y, attrs, need) -> {                                    // y ⊙ (g - Σ g·y)
            int axis = (Integer) attrs;
            return new NDArray[] {y.mul(g.sub(g.mul(y).sum(true, axis)))};
        });
        r.put(Op.LOG_SOFTMAX, (g, x, y, attrs, need) -> {                                // g - e^y · Σ g
            int axis = (Integer) attrs;
            return new NDArray[] {g.sub(y.exp().mul(g.sum(true, axis)))};
        });
        // softmax(x) · g, with softmax's own max-shifted form: exp(x - lse) loses the low bits of a large lse
        // (logSumExp([1e4, 1e4]) in float32 gave 0.49989, not 0.5)
        r.put(Op.LOG_SUM_EXP, (g, x, y, attrs, need) -> new NDArray[] {
            x[0].softmax(((ReduceAttrs) attrs).axes()[0]).mul(keptDims(g, x[0], attrs))});

        RULES = Collections.unmodifiableMap(r);
    }

    /** The rule of {@code op}, or null if none is registered. */
    static Rule rule(Op op) {
        return RULES.get(op);
    }

    /** Applies {@code op}'s rule. */
    static NDArray[] backward(Op op, NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        Rule rule = RULES.get(op);
        if (rule == null) {
            throw new UnsupportedOperationException("No gradient defined for operation " + op);
        }
        return rule.backward(g, x, y, attrs, need);
    }

    // ------------------------------------------------------------------------------------------
    // Registration helpers
    // ------------------------------------------------------------------------------------------

    private static void unary(Map<Op, Rule> r, Op op, Unary f) {
        r.put(op, (g, x, y, attrs, need) -> new NDArray[] {f.dx(g, x[0], y)});
    }

    private static void binary(Map<Op, Rule> r, Op op, Binary f) {
        r.put(op, (g, x, y, attrs, need) -> f.dxy(g, x[0], x[1], y, need[0], need[1]));
    }

    private static NDArray[] grads(NDArray a, NDArray b) {
        return new NDArray[] {a, b};
    }

    /** A rank-0 one of {@code like}'s dtype, so constants never change a float32 rule's type. */
    private static NDArray one(NDArray like) {
        return NDArray.ones(like.dtype());
    }

    private static NDArray zero(NDArray like) {
        return NDArray.zeros(like.dtype());
    }

    // ------------------------------------------------------------------------------------------
    // Named rules too big for one line
    // ------------------------------------------------------------------------------------------

    /** {@code g} where {@code mask} to the first input, elsewhere to the second (TF's select gradient). */
    private static NDArray[] select(NDArray mask, NDArray g, boolean na, boolean nb) {
        NDArray z = zero(g);
        return grads(na ? NDArray.where(mask, g, z) : null, nb ? NDArray.where(mask, z, g) : null);
    }

    /**
     * TF's {@code _PowGrad}: {@code da = g·b·a^(b-1)}; {@code db = g·a^b·ln a}, with {@code ln a} taken
     * as 0 where {@code a <= 0} (computed on a safe copy, so no NaN leaks into the masked lanes).
     */
    private static NDArray[] pow(NDArray g, NDArray a, NDArray b, NDArray y, boolean na, boolean nb) {
        NDArray da = na ? g.mul(b).mul(a.pow(b.sub(1.0))) : null;
        NDArray db = null;
        if (nb) {
            NDArray positive = a.gt(0.0);
            NDArray safe = NDArray.where(positive, a, one(a));
            db = g.mul(y).mul(NDArray.where(positive, safe.log(), zero(a)));
        }
        return grads(da, db);
    }

    /** TF's {@code _MinOrMaxGrad}: the elements equal to the result share {@code g} equally. */
    private static NDArray[] minOrMax(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        NDArray hit = x[0].eq(keptDims(y, x[0], attrs)).cast(g.dtype());
        NDArray selected = hit.sum(true, ra.axes());
        return new NDArray[] {hit.div(selected).mul(keptDims(g, x[0], attrs))};
    }

    /**
     * The product of the other elements: {@code y / x} where the reduced lane has no zero; where it
     * has exactly one, the zero element gets the product of the rest and the others 0; with two or
     * more zeros every element gets 0. (At lanes with a zero the second derivative misses the
     * cross terms of the zero element; TF's cumprod form has them. Random inputs never hit this.)
     */
    private static NDArray[] prod(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        NDArray v = x[0];
        NDArray isZero = v.eq(0.0);
        NDArray safe = NDArray.where(isZero, one(v), v);
        NDArray zeros = isZero.cast(DType.INT32).sum(true, ra.axes());
        NDArray rest = safe.prod(true, ra.axes());
        NDArray noZero = keptDims(y, v, attrs).div(safe);
        NDArray oneZero = NDArray.where(isZero, rest, zero(v));
        NDArray local = NDArray.where(zeros.eq(0.0), noZero, NDArray.where(zeros.eq(1.0), oneZero, zero(v)));
        return new NDArray[] {local.mul(keptDims(g, v, attrs))};
    }

    /** Scatters {@code g} into zeros of the input's shape at the sliced positions. */
    private static NDArray[] slice(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int[] s = (int[]) attrs;
        NDArray base = NDArray.zeros(g.dtype(), x[0].shape());
        return new NDArray[] {NDArray.sliceScatter(base, g, s[0], s[1], stop(s), s[3])};
    }

    /** base gets {@code g} with the slice zeroed; src gets {@code g}'s slice (summed down if it was broadcast). */
    private static NDArray[] sliceScatter(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int[] s = (int[]) attrs;
        int stop = stop(s);
        return new NDArray[] {
            need[0] ? NDArray.sliceScatter(g, zero(g), s[0], s[1], stop, s[3]) : null,
            need[1] ? g.slice(s[0], s[1], stop, s[3]) : null};
    }

    /** A Python stop bound that selects exactly {@code count} elements from the normalised {@code {axis, start, count, step}}. */
    private static int stop(int[] s) {
        int start = s[1];
        int count = s[2];
        int step = s[3];
        if (count == 0) {
            return start;
        }
        long last = start + (long) (count - 1) * step;
        if (step > 0) {
            return (int) (last + 1);
        }
        return last - 1 < 0 ? Integer.MIN_VALUE : (int) (last - 1); // MIN_VALUE: Python's omitted stop
    }

    /** {@code g} (or {@code y}) with the reduced axes restored as 1s, ready to broadcast against {@code x}. */
    private static NDArray keptDims(NDArray g, NDArray x, Object attrs) {
        ReduceAttrs ra = (ReduceAttrs) attrs;
        if (ra.keepDims() || g.rank() == 0) {
            return g; // a rank-0 g broadcasts against x as it is
        }
        return g.reshape(Shapes.reducedShape(x.shape(), ra.axes(), true));
    }

    private static double count(NDArray x, Object attrs) {
        int[] shape = x.shape();
        double n = 1;
        for (int a : ((ReduceAttrs) attrs).axes()) {
            n *= shape[a];
        }
        return n;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    private GradientRules() {}
}
