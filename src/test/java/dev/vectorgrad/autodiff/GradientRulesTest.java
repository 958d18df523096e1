package dev.vectorgrad.autodiff;

import static dev.vectorgrad.autodiff.Checks.awayFromZero;
import static dev.vectorgrad.autodiff.Checks.broadcastable;
import static dev.vectorgrad.autodiff.Checks.firstAndSecondOrder;
import static dev.vectorgrad.autodiff.Checks.shape;
import static dev.vectorgrad.autodiff.Checks.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link GradientRules} against central differences in float64 (PyTorch's tolerances),
 * first and second order, at random shapes (broadcast shapes for binary ops).
 */
class GradientRulesTest {

    @Test
    void everyOpHasARuleOrAnExplicitNotDifferentiableEntry() {
        for (Op op : Op.values()) {
            assertThat(GradientRules.rule(op)).as("rule for %s", op).isNotNull();
        }
    }

    @Test
    void opsWithBooleanOrIntegerResultsAreDeclaredNotDifferentiable() {
        for (Op op : List.of(Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.ARG_MAX, Op.ARG_MIN)) {
            assertThat(GradientRules.rule(op)).as("%s", op).isSameAs(GradientRules.NOT_DIFFERENTIABLE);
        }
    }

    // ---- unary ----

    private static final List<Object[]> SMOOTH_UNARY = List.of(
            new Object[] {"neg", (UnaryOperator<NDArray>) NDArray::neg},
            new Object[] {"square", (UnaryOperator<NDArray>) NDArray::square},
            new Object[] {"exp", (UnaryOperator<NDArray>) NDArray::exp},
            new Object[] {"sin", (UnaryOperator<NDArray>) NDArray::sin},
            new Object[] {"cos", (UnaryOperator<NDArray>) NDArray::cos},
            new Object[] {"tanh", (UnaryOperator<NDArray>) NDArray::tanh},
            new Object[] {"sigmoid", (UnaryOperator<NDArray>) NDArray::sigmoid});

    @Property(tries = 15)
    @SuppressWarnings("unchecked")
    void smoothUnaryRulesMatchFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        for (Object[] c : SMOOTH_UNARY) {
            UnaryOperator<NDArray> f = (UnaryOperator<NDArray>) c[1];
            NDArray x = uniform(rng, -2, 2, shape(rng, 3, 3));
            firstAndSecondOrder((String) c[0], xs -> f.apply(xs.get(0)), List.of(x), rng);
        }
    }

    @Property(tries = 15)
    void positiveDomainUnaryRulesMatchFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, 0.3, 3, shape(rng, 3, 3));
        firstAndSecondOrder("log", xs -> xs.get(0).log(), List.of(x), rng);
        firstAndSecondOrder("sqrt", xs -> xs.get(0).sqrt(), List.of(x), rng);
    }

    @Property(tries = 15)
    void kinkedUnaryRulesMatchFiniteDifferencesAwayFromTheKink(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = awayFromZero(rng, 0.05, 2, shape(rng, 3, 3));
        firstAndSecondOrder("abs", xs -> xs.get(0).abs(), List.of(x), rng);
        firstAndSecondOrder("relu", xs -> xs.get(0).relu(), List.of(x), rng);
        firstAndSecondOrder("sign", xs -> xs.get(0).sign().mul(xs.get(0)), List.of(x), rng);
    }

    // ---- binary, with broadcasting ----

    private static final List<Object[]> BINARY = List.of(
            new Object[] {"add", (BinaryOperator<NDArray>) NDArray::add},
            new Object[] {"sub", (BinaryOperator<NDArray>) NDArray::sub},
            new Object[] {"mul", (BinaryOperator<NDArray>) NDArray::mul},
            new Object[] {"maximum", (BinaryOperator<NDArray>) NDArray::maximum},
            new Object[] {"minimum", (BinaryOperator<NDArray>) NDArray::minimum});

    @Property(tries = 15)
    @SuppressWarnings("unchecked")
    void binaryRulesMatchFiniteDifferencesAtBroadcastShapes(@ForAll long seed) {
        Random rng = new Random(seed);
        for (Object[] c : BINARY) {
            BinaryOperator<NDArray> f = (BinaryOperator<NDArray>) c[1];
            int[] s = shape(rng, 3, 3);
            int[] t = broadcastable(rng, s);
            List<NDArray> in = rng.nextBoolean() ? List.of(uniform(rng, -2, 2, s), uniform(rng, -2, 2, t))
                    : List.of(uniform(rng, -2, 2, t), uniform(rng, -2, 2, s));
            firstAndSecondOrder((String) c[0], xs -> f.apply(xs.get(0), xs.get(1)), in, rng);
        }
    }

    @Property(tries = 15)
    void divAndPowRulesMatchFiniteDifferencesAtBroadcastShapes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 3, 3);
        int[] t = broadcastable(rng, s);
        List<NDArray> in = List.of(uniform(rng, -2, 2, s), awayFromZero(rng, 0.5, 2, t));
        firstAndSecondOrder("div", xs -> xs.get(0).div(xs.get(1)), in, rng);
        List<NDArray> pos = List.of(uniform(rng, 0.5, 2, t), uniform(rng, -2, 2, s));
        firstAndSecondOrder("pow", xs -> xs.get(0).pow(xs.get(1)), pos, rng);
    }

    @Property(tries = 15)
    void whereRoutesGradientsByTheMaskAtBroadcastShapes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 3, 3);
        NDArray cond = uniform(rng, -1, 1, broadcastable(rng, s)).gt(0.0);
        List<NDArray> in = List.of(uniform(rng, -2, 2, s), uniform(rng, -2, 2, broadcastable(rng, s)));
        firstAndSecondOrder("where", xs -> NDArray.where(cond, xs.get(0).square(), xs.get(1).exp()), in, rng);
    }

    // ---- reductions ----

    @Property(tries = 20)
    void reductionRulesMatchFiniteDifferencesOverRandomAxes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 3, 4);
        int[] axes = randomAxes(rng, s.length);
        boolean keep = rng.nextBoolean();
        NDArray x = uniform(rng, -2, 2, s);
        String at = " axes=" + Arrays.toString(axes) + " keepDims=" + keep;
        firstAndSecondOrder("sum" + at, xs -> xs.get(0).square().sum(keep, axes), List.of(x), rng);
        firstAndSecondOrder("mean" + at, xs -> xs.get(0).square().mean(keep, axes), List.of(x), rng);
        firstAndSecondOrder("max" + at, xs -> xs.get(0).max(keep, axes).square(), List.of(x), rng);
        firstAndSecondOrder("min" + at, xs -> xs.get(0).min(keep, axes).square(), List.of(x), rng);
        firstAndSecondOrder("prod" + at, xs -> xs.get(0).prod(keep, axes), List.of(x), rng);
        if (s.length > 0) {
            int axis = rng.nextInt(s.length) - (rng.nextBoolean() ? s.length : 0);
            firstAndSecondOrder("logSumExp axis=" + axis, xs -> xs.get(0).logSumExp(axis, keep), List.of(x), rng);
            firstAndSecondOrder("softmax axis=" + axis, xs -> xs.get(0).softmax(axis), List.of(x), rng);
            firstAndSecondOrder("logSoftmax axis=" + axis, xs -> xs.get(0).logSoftmax(axis), List.of(x), rng);
        }
    }

    private static int[] randomAxes(Random rng, int rank) {
        return java.util.stream.IntStream.range(0, rank).filter(i -> rng.nextBoolean()).toArray();
    }

    // ---- views ----

    @Property(tries = 20)
    void viewRulesMatchFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng, 3, 4);
        NDArray x = uniform(rng, -2, 2, s);
        firstAndSecondOrder("reshape", xs -> xs.get(0).reshape(-1).square(), List.of(x), rng);
        int[] perm = permutation(rng, s.length);
        firstAndSecondOrder("transpose " + Arrays.toString(perm), xs -> xs.get(0).transpose(perm).square(),
                List.of(x), rng);
        firstAndSecondOrder("transpose + contiguous copy",
                xs -> xs.get(0).transpose().contiguous().square(), List.of(x), rng);
        int[] big = new int[s.length + 1];
        big[0] = 2;
        System.arraycopy(s, 0, big, 1, s.length);
        firstAndSecondOrder("broadcastTo", xs -> xs.get(0).broadcastTo(big).square(), List.of(x), rng);
        firstAndSecondOrder("expandDims/squeeze", xs -> xs.get(0).expandDims(0).square().squeeze(0), List.of(x), rng);
        if (s.length > 0) {
            int axis = rng.nextInt(s.length);
            int n = s[axis];
            int step = (1 + rng.nextInt(2)) * (rng.nextBoolean() ? 1 : -1);
            int start = rng.nextInt(n);
            int stop = step > 0 ? start + 1 + rng.nextInt(n - start) : Integer.MIN_VALUE;
            firstAndSecondOrder("slice " + axis + ":" + start + ":" + stop + ":" + step,
                    xs -> xs.get(0).slice(axis, start, stop, step).square(), List.of(x), rng);
            firstAndSecondOrder("get", xs -> xs.get(0).get(s[0] - 1).square(), List.of(x), rng);
            NDArray src = uniform(rng, -2, 2, xsSliceShape(s, axis, start, stop, step));
            firstAndSecondOrder("sliceScatter", xs -> NDArray.sliceScatter(xs.get(0).square(), xs.get(1).exp(), axis,
                    start, stop, step), List.of(x, src), rng);
            firstAndSecondOrder("sliceScatter of a broadcast source", xs -> NDArray.sliceScatter(xs.get(0),
                    xs.get(1).square(), axis, start, stop, step), List.of(x, uniform(rng, -2, 2)), rng);
        }
    }

    private static int[] xsSliceShape(int[] s, int axis, int start, int stop, int step) {
        return NDArray.zeros(DType.FLOAT64, s).slice(axis, start, stop, step).shape();
    }

    private static int[] permutation(Random rng, int n) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    // ---- linear algebra ----

    @Property(tries = 20)
    void matmulRuleMatchesFiniteDifferencesForVectorsMatricesAndBroadcastBatches(@ForAll long seed) {
        Random rng = new Random(seed);
        int n = 1 + rng.nextInt(3);
        int k = 1 + rng.nextInt(3);
        int m = 1 + rng.nextInt(3);
        int kind = rng.nextInt(6);
        int[] a;
        int[] b;
        switch (kind) {
            case 0 -> { a = new int[] {k}; b = new int[] {k}; }
            case 1 -> { a = new int[] {k}; b = new int[] {2, k, m}; }
            case 2 -> { a = new int[] {2, n, k}; b = new int[] {k}; }
            case 3 -> { a = new int[] {n, k}; b = new int[] {k, m}; }
            case 4 -> { a = new int[] {2, 1, n, k}; b = new int[] {3, k, m}; }
            default -> { a = new int[] {n, k}; b = new int[] {2, k, m}; }
        }
        List<NDArray> in = List.of(uniform(rng, -2, 2, a), uniform(rng, -2, 2, b));
        firstAndSecondOrder("matmul " + Arrays.toString(a) + " @ " + Arrays.toString(b),
                xs -> xs.get(0).matmul(xs.get(1)), in, rng);
        firstAndSecondOrder("matmul of a transposed view", xs -> xs.get(0).matmul(xs.get(0).transpose()).tanh(),
                List.of(uniform(rng, -2, 2, n, k)), rng);
    }

    // ---- conversion ----

    @Test
    void castPassesGradientsBetweenFloatTypesInTheSourceDtype() {
        NDArray x = NDArray.of(new float[] {1.5f, -2f});
        NDArray g;
        NDArray gg;
        try (var outer = new GradientTape()) {
            outer.watch(x);
            try (var inner = new GradientTape()) {
                inner.watch(x);
                NDArray y = x.cast(DType.FLOAT64).pow(3.0);
                g = inner.gradient(y, x);
            }
            gg = outer.gradient(g, x);
        }
        assertThat(g.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(g).isEqualTo(NDArray.of(new float[] {6.75f, 12f}));
        assertThat(gg).isEqualTo(NDArray.of(new float[] {9f, -12f}));
    }

    @Test
    void castToAnIntegerTypeCutsTheGradient() {
        NDArray x = NDArray.of(new float[] {1.5f, -2f});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.cast(DType.INT32).cast(DType.FLOAT32).mul(x);
            assertThat(tape.gradient(y, x)).isEqualTo(NDArray.of(new float[] {1f, -2f}));
        }
    }

    @Test
    void comparisonsAndArgMaxCarryNoGradient() {
        NDArray x = NDArray.of(new double[] {1, 3, 2});
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            NDArray viaMask = x.gt(1.5).cast(DType.FLOAT64);
            NDArray viaArg = x.argMax(0).cast(DType.FLOAT64);
            assertThat(tape.gradient(viaMask, x)).isNull();
            assertThat(tape.gradient(viaArg, x)).isNull();
            assertThat(tape.gradient(viaMask, x, UnconnectedGradients.ZERO)).isEqualTo(NDArray.zeros(DType.FLOAT64, 3));
        }
    }
}
