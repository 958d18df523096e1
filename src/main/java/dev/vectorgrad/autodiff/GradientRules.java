package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.PadMode;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.PadAttrs;
import dev.vectorgrad.ndarray.ReduceAttrs;
import dev.vectorgrad.ndarray.Shapes;

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

    /** The bound rules, [op ordinal]: each row is built by {@link #bind} on first use (rules are stateless). */
    private static final Rule[] RULES = new Rule[Op.values().length];

    /**
     * The table: the rule of {@code op}, or null when it has none. Rows are bound lazily, so a program that
     * differentiates a few ops links only their lambdas (a fresh JVM spun all of them before the first step).
     */
    private static Rule bind(Op op) {
        return switch (op) {
            // ---- elementwise binary (results in the broadcast shape; the tape sums them down) ----
            case ADD -> binary((g, a, b, y, na, nb) -> grads(g, g));                         // d(a+b) = (1, 1)
            case SUB -> binary((g, a, b, y, na, nb) -> grads(g, nb ? g.neg() : null));      // d(a-b) = (1, -1)
            // conj() is the identity on real arrays; on complex ones it gives TensorFlow's convention
            case MUL -> binary((g, a, b, y, na, nb) ->                                       // d(ab) = (b, a)
                    grads(na ? g.mul(b.conj()) : null, nb ? g.mul(a.conj()) : null));
            case DIV -> binary((g, a, b, y, na, nb) ->                                       // d(a/b) = (1/b, -a/b²)
                    grads(na ? g.div(b.conj()) : null, nb ? g.mul(y.conj()).div(b.conj()).neg() : null));
            case POW -> binary(GradientRules::pow);                                          // (b·a^(b-1), a^b·ln a)
            case MAXIMUM -> binary((g, a, b, y, na, nb) -> select(a.ge(b), g, na, nb));      // ties: all to a
            case MINIMUM -> binary((g, a, b, y, na, nb) -> select(a.le(b), g, na, nb));      // ties: all to a

            // ---- elementwise unary: dx = g · f'(x); y is the forward output ----
            case NEG -> unary((g, x, y) -> g.neg());                                         // -1
            case ABS -> unary((g, x, y) -> x.dtype().isComplex() ? complexAbs(g, x, y)       // sign(x); 0 at 0
                    : g.mul(x.sign()));
            case SQUARE -> unary((g, x, y) -> g.mul(x.conj().mul(2.0)));                      // 2x
            case SQRT -> unary((g, x, y) -> g.div(y.conj().mul(2.0)));                        // 1/(2√x); +inf at 0
            case EXP -> unary((g, x, y) -> g.mul(y.conj()));                                 // e^x
            case LOG -> unary((g, x, y) -> g.div(x.conj()));                                 // 1/x
            case SIN -> unary((g, x, y) -> g.mul(x.cos()));                                  // cos x
            case COS -> unary((g, x, y) -> g.mul(x.sin()).neg());                            // -sin x
            case TANH -> unary((g, x, y) -> g.mul(one(y).sub(y.square())));                  // 1 - tanh²
            case SIGMOID -> unary((g, x, y) -> g.mul(y.mul(one(y).sub(y))));                 // σ(1 - σ)
            // 1 where x > 0, else 0 (0 at 0, as TF); via the output, so the next order is zeros, not null
            case RELU -> unary((g, x, y) -> g.mul(y.sign()));
            case SIGN -> unary((g, x, y) -> NDArray.zeros(x.dtype(), x.shape()));           // 0 (zeros, not null)

            // ---- comparisons: boolean results carry no gradient ----
            case EQ, NE, LT, LE, GT, GE -> NOT_DIFFERENTIABLE;

            // ---- selection and conversion ----
            case WHERE -> (g, x, y, attrs, need) -> {                                        // cond: none
                NDArray[] ab = select(x[0], g, need[1], need[2]);
                return new NDArray[] {null, ab[0], ab[1]};
            };
            case CAST -> (g, x, y, attrs, need) ->                                           // floats and complex only
                    new NDArray[] {GradientTape.differentiable((DType) attrs) ? g.cast((DType) attrs) : null};

            // ---- reductions (attrs: the reduced axes and keepDims) ----
            case SUM -> (g, x, y, attrs, need) ->                                            // broadcast g back
                    new NDArray[] {keptDims(g, x[0], attrs).broadcastTo(x[0].shape())};
            case MEAN -> (g, x, y, attrs, need) ->                                           // sum-grad / count
                    new NDArray[] {keptDims(g, x[0], attrs).div(count(x[0], attrs)).broadcastTo(x[0].shape())};
            case MAX -> GradientRules::minOrMax;                                             // ties share equally
            case MIN -> GradientRules::minOrMax;
            case PROD -> GradientRules::prod;                                                // ∏ of the others
            case ARG_MAX -> NOT_DIFFERENTIABLE;
            case ARG_MIN -> NOT_DIFFERENTIABLE;

            // ---- views and copies ----
            case RESHAPE -> (g, x, y, attrs, need) -> new NDArray[] {g.reshape(x[0].shape())};
            case TRANSPOSE -> (g, x, y, attrs, need) -> new NDArray[] {g.transpose(inverse((int[]) attrs))};
            case BROADCAST_TO -> (g, x, y, attrs, need) -> new NDArray[] {g};                // summed down by the tape
            case SLICE -> GradientRules::slice;                                              // scatter into zeros
            case SLICE_SCATTER -> GradientRules::sliceScatter;                               // (g outside, g[slice])
            case COPY -> (g, x, y, attrs, need) -> new NDArray[] {g};                        // identity

            // ---- linear algebra and nn helpers ----
            case MATMUL -> (g, x, y, attrs, need) ->                                         // G·B^H, A^H·G
                    MatmulGrad.backward(g, x[0].conj(), x[1].conj(), need[0], need[1]);
            case SOFTMAX -> (g, x, y, attrs, need) -> {                                      // y ⊙ (g - Σ g·y)
                int axis = (Integer) attrs;
                return new NDArray[] {y.mul(g.sub(g.mul(y).sum(true, axis)))};
            };
            case LOG_SOFTMAX -> (g, x, y, attrs, need) -> {                                  // g - e^y · Σ g
                int axis = (Integer) attrs;
                return new NDArray[] {g.sub(y.exp().mul(g.sum(true, axis)))};
            };
            // softmax(x) · g, with softmax's own max-shifted form: exp(x - lse) loses the low bits of a large lse
            // (logSumExp([1e4, 1e4]) in float32 gave 0.49989, not 0.5)
            case LOG_SUM_EXP -> (g, x, y, attrs, need) -> new NDArray[] {
                x[0].softmax(((ReduceAttrs) attrs).axes()[0]).mul(keptDims(g, x[0], attrs))};

            // ---- math (issue 9): statistics, scans, sorting, clipping, logic ----
            case VARIANCE -> MathGrad::variance;                                             // 2(x - mean)/N
            case STD -> MathGrad::std;                                                       // (x - mean)/(N·std)
            case NORM -> MathGrad::norm;                                                     // x/‖x‖; 0 at 0
            case CUMSUM -> MathGrad::cumsum;                                                 // cumsum, reversed
            case CUMPROD -> MathGrad::cumprod;                                               // cumsum(y·g, rev)/x
            case TAKE_LANES -> MathGrad::takeLanes;                                          // sort, topK: put back
            case PUT_LANES -> MathGrad::putLanes;                                            // take again
            case CLIP -> MathGrad::clip;                                                     // g inside [min, max]
            case ARGSORT, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, LOGICAL_NOT, ANY, ALL ->
                    NOT_DIFFERENTIABLE;                                                      // integer or bool results

            // ---- math (issue 9): unary functions and activations; dx = g · f'(x) ----
            case ERF -> unary((g, x, y) -> g.mul(x.square().neg().exp().mul(2 / Math.sqrt(Math.PI))));  // 2/√π e^(-x²)
            case LOG1P -> unary((g, x, y) -> g.div(x.add(1.0)));                                       // 1/(1 + x)
            case EXPM1 -> unary((g, x, y) -> g.mul(y.add(1.0)));                             // e^x
            case LOG2 -> unary((g, x, y) -> g.div(x.mul(Math.log(2))));                                // 1/(x ln 2)
            case LOG10 -> unary((g, x, y) -> g.div(x.mul(Math.log(10))));                              // 1/(x ln 10)
            case TAN -> unary((g, x, y) -> g.mul(y.square().add(1.0)));                                // 1 + tan²
            case ASIN -> unary((g, x, y) -> g.div(x.square().neg().add(1.0).sqrt()));                  // 1/√(1 - x²)
            case ACOS -> unary((g, x, y) -> g.div(x.square().neg().add(1.0).sqrt()).neg());            // -1/√(1 - x²)
            case ATAN -> unary((g, x, y) -> g.div(x.square().add(1.0)));                               // 1/(1 + x²)
            case SINH -> unary((g, x, y) -> g.mul(x.cosh()));                                          // cosh
            case COSH -> unary((g, x, y) -> g.mul(x.sinh()));                                          // sinh
            case SOFTPLUS -> unary((g, x, y) -> g.mul(x.sigmoid()));                                   // σ(x)
            case GELU -> unary(MathGrad::gelu);                                                        // Φ + x·φ
            case GELU_TANH -> unary(MathGrad::geluTanh);
            case SILU -> unary((g, x, y) -> {                                                          // σ(1 + x(1 - σ))
                NDArray s = x.sigmoid();
                return g.mul(s.mul(x.mul(one(s).sub(s)).add(1.0)));
            });
            case ELU -> unary((g, x, y) -> NDArray.where(x.gt(0.0), g, g.mul(y.add(1.0))));             // 1, or e^x
            case SELU -> unary(MathGrad::selu);                                                        // λ, or y + λα
            case LEAKY_RELU -> (g, x, y, attrs, need) ->                                               // 1, or alpha
                    new NDArray[] {NDArray.where(x[0].gt(0.0), g, g.mul((Double) attrs))};
            case SOFTSIGN -> unary((g, x, y) -> g.div(x.abs().add(1.0).square()));                     // 1/(1 + |x|)²
            case HARD_SIGMOID -> unary((g, x, y) ->                                                    // 1/6 on (-3, 3)
                    NDArray.where(x.gt(-3.0).logicalAnd(x.lt(3.0)), g.mul(1.0 / 6), zero(g)));

            // ---- indexing and manipulation ----
            case CONCAT -> GradientRules::concat;                                            // a slice per part
            case PAD -> GradientRules::pad;                                                  // the interior slice
            case GATHER -> GradientRules::gather;                                            // segment sum (scatter-add)
            case SEGMENT_SUM -> (g, x, y, attrs, need) ->                                    // gather of g at the ids
                    new NDArray[] {g.gather(x[1], 0), null};
            case ONE_HOT -> NOT_DIFFERENTIABLE;
            case ARG_WHERE -> NOT_DIFFERENTIABLE;
            case CUSTOM -> (g, x, y, attrs, need) -> CustomGradient.backward(attrs, g, x, y);  // the user's rule

            // ---- more dtypes: complex parts. TensorFlow's convention: for a real loss L of z = a + bi the
            // gradient is ∂L/∂a + i·∂L/∂b, so a holomorphic f passes g·conj(f'(z)) back ----
            case REAL -> unary((g, x, y) -> NDArray.complex(g, zero(g)));                    // 1
            case IMAG -> unary((g, x, y) -> NDArray.complex(zero(g), g));                    // i
            case CONJ -> unary((g, x, y) -> g.conj());                                       // conj(g)
            case COMPLEX -> binary((g, a, b, y, na, nb) ->                                   // (Re g, Im g)
                    grads(na ? g.real() : null, nb ? g.imag() : null));
            case ANGLE -> unary(GradientRules::angle);                                       // (−b + ai)/|z|²


            // ---- math (issue 9): rounding, Python's // and %, atan2 ----
            case FLOOR, CEIL, ROUND, FLOOR_DIV -> NOT_DIFFERENTIABLE;                        // piecewise constant
            case FLOOR_MOD -> binary((g, a, b, y, na, nb) ->                                 // (1, -floor(a/b)), TF's
                    grads(na ? g : null, nb ? g.mul(a.floorDiv(b)).neg() : null));
            case ATAN2 -> binary((g, a, b, y, na, nb) -> {                                   // (b, -a) / (a² + b²)
                NDArray r2 = a.square().add(b.square());
                return grads(na ? g.mul(b).div(r2) : null, nb ? g.mul(a).div(r2).neg() : null);
            });

            // ---- recurrent cells: the fused backward when nothing records, NDArray ops when something does ----
            case LSTM_CELL -> GradientRules::lstmCell;
            case GRU_CELL -> GradientRules::gruCell;

            // ---- recurrent sequences: fused backpropagation through time, NDArray ops when something records ----
            case LSTM_SEQUENCE -> (g, x, y, attrs, need) -> dev.vectorgrad.ndarray.LstmSequence.grad(g, x, attrs, need);

            // ---- convolution and pooling (attrs: the geometry): each family is closed under differentiation;
            // ConvGrad.rule gives null for an op that has no rule anywhere ----
            default -> ConvGrad.rule(op);
        };
    }

    /** The rule of {@code op}, or null if none is registered. */
    static Rule rule(Op op) {
        Rule rule = RULES[op.ordinal()];
        if (rule == null) {
            rule = bind(op);
            RULES[op.ordinal()] = rule; // a race binds an equal stateless rule twice, which is harmless
        }
        return rule;
    }

    /** Applies {@code op}'s rule. */
    static NDArray[] backward(Op op, NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        Rule rule = rule(op);
        if (rule == null) {
            throw new UnsupportedOperationException("No gradient defined for operation " + op);
        }
        return rule.backward(g, x, y, attrs, need);
    }

    // ------------------------------------------------------------------------------------------
    // Registration helpers
    // ------------------------------------------------------------------------------------------

    private static Rule unary(Unary f) {
        return (g, x, y, attrs, need) -> new NDArray[] {f.dx(g, x[0], y)};
    }

    private static Rule binary(Binary f) {
        return (g, x, y, attrs, need) -> f.dxy(g, x[0], x[1], y, need[0], need[1]);
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

    /** The fused LSTM step's rule: one {@code [b, 5u]} vector-Jacobian product, split into dz and dc. */
    private static NDArray[] lstmCell(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int u = x[1].shape()[1];
        NDArray both = dev.vectorgrad.ndarray.RnnOps.lstmCellGrad(x[0], x[1], g);
        return grads(need[0] ? both.slice(1, 0, 4 * u, 1) : null, need[1] ? both.slice(1, 4 * u, 5 * u, 1) : null);
    }

    /** The fused GRU step's rule: one {@code [b, 7u]} vector-Jacobian product, split into dxs, dhs and dh. */
    private static NDArray[] gruCell(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int u = x[2].shape()[1];
        NDArray all = dev.vectorgrad.ndarray.RnnOps.gruCellGrad(x[0], x[1], x[2], g);
        return new NDArray[] {need[0] ? all.slice(1, 0, 3 * u, 1) : null, need[1] ? all.slice(1, 3 * u, 6 * u, 1) : null,
            need[2] ? all.slice(1, 6 * u, 7 * u, 1) : null};
    }

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

    /**
     * TF's {@code _ComplexAbsGrad}: {@code g·z/|z|}, 0 where {@code z = 0}; written with div (not the
     * complex sign, whose own rule is zeros as in TF) so that the second derivative is right.
     */
    private static NDArray complexAbs(NDArray g, NDArray x, NDArray y) {
        NDArray isZero = y.eq(0.0);
        NDArray safe = NDArray.where(isZero, one(y), y);
        return NDArray.where(isZero, zero(x), g.mul(x).div(safe));
    }

    /** TF's {@code _AngleGrad}: ∂atan2(b, a) is {@code (−b, a)/|z|²}, returned as {@code g·(−b + ai)/|z|²}. */
    private static NDArray angle(NDArray g, NDArray x, NDArray y) {
        NDArray scaled = g.div(x.abs().square());
        return NDArray.complex(x.imag().neg().mul(scaled), x.real().mul(scaled));
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

    // ---- indexing and manipulation ----

    /** Each part gets the slice of {@code g} it was copied to. */
    private static NDArray[] concat(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int[] a = (int[]) attrs;
        NDArray[] dx = new NDArray[x.length];
        int at = 0;
        for (int k = 0; k < x.length; k++) {
            if (need[k]) {
                dx[k] = g.slice(a[0], at, at + a[k + 1], 1);
            }
            at += a[k + 1];
        }
        return dx;
    }

    /**
     * The interior of {@code g}; for a constant pad the border carries no gradient, for a mirror pad
     * each border is added back, reversed, onto the elements it copied (TF's {@code MirrorPadGrad}).
     * Axes fold in reverse order, the adjoint of padding them one after another.
     */
    private static NDArray[] pad(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        PadAttrs pa = (PadAttrs) attrs;
        int[][] p = pa.paddings();
        int[] shape = x[0].shape();
        int edge = pa.mode() == PadMode.REFLECT ? 1 : 0;
        NDArray dx = g;
        for (int d = p.length - 1; d >= 0; d--) {
            int p0 = p[d][0];
            int p1 = p[d][1];
            int n = shape[d];
            if (p0 == 0 && p1 == 0) {
                continue;
            }
            NDArray inner = dx.slice(d, p0, p0 + n, 1);
            if (pa.mode() != PadMode.CONSTANT) {
                if (p0 > 0) {
                    inner = inner.add(NDArray.sliceScatter(NDArray.zerosLike(inner), dx.slice(d, 0, p0, 1), d,
                            p0 - 1 + edge, down(p0 - 1 + edge, p0), -1));
                }
                if (p1 > 0) {
                    inner = inner.add(NDArray.sliceScatter(NDArray.zerosLike(inner), dx.slice(d, p0 + n, p0 + n + p1, 1),
                            d, n - 1 - edge, down(n - 1 - edge, p1), -1));
                }
            }
            dx = inner;
        }
        return new NDArray[] {dx};
    }

    /** The Python stop bound of {@code count} elements taken downwards from {@code from}. */
    private static int down(int from, int count) {
        return from - count < 0 ? Integer.MIN_VALUE : from - count;
    }

    /**
     * TF's {@code _GatherV2Grad}: the index axes of {@code g} moved to the front, summed into their
     * rows with an unsorted segment sum (whose own rule is a gather, so this differentiates again),
     * and the row axis moved back into place.
     */
    private static NDArray[] gather(NDArray g, NDArray[] x, NDArray y, Object attrs, boolean[] need) {
        int axis = (Integer) attrs;
        NDArray idx = x[1];
        int[] shape = x[0].shape();
        int n = shape[axis];
        NDArray wrapped = NDArray.where(idx.lt(NDArray.zeros(idx.dtype())), idx.add((long) n), idx);
        int r = idx.rank();
        int[] front = new int[g.rank()];
        int j = 0;
        for (int i = axis; i < axis + r; i++) front[j++] = i;
        for (int i = 0; i < axis; i++) front[j++] = i;
        for (int i = axis + r; i < g.rank(); i++) front[j++] = i;
        NDArray rows = NDArray.unsortedSegmentSum(g.transpose(front), wrapped, n);
        int[] back = new int[shape.length];
        j = 0;
        for (int i = 1; i <= axis; i++) back[j++] = i;
        back[j++] = 0;
        for (int i = axis + 1; i < shape.length; i++) back[j++] = i;
        return new NDArray[] {axis == 0 ? rows : rows.transpose(back), null};
    }

    private GradientRules() {}
}
