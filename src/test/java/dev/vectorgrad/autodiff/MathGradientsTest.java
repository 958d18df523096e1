package dev.vectorgrad.autodiff;

import static dev.vectorgrad.autodiff.Checks.awayFromZero;
import static dev.vectorgrad.autodiff.Checks.firstAndSecondOrder;
import static dev.vectorgrad.autodiff.Checks.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.ndarray.Op;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The issue-9 statistics, scans, sort/topK, clipping: first and second derivatives against central
 * differences in float64 at random shapes and axes, plus the conventions at the awkward points.
 */
class MathGradientsTest {

    private static int[] shape(Random rng) {
        int[] s = new int[1 + rng.nextInt(3)];
        for (int i = 0; i < s.length; i++) s[i] = 1 + rng.nextInt(4);
        return s;
    }

    /** A random subset of axes, some spelled negative. */
    private static int[] axes(Random rng, int rank) {
        return java.util.stream.IntStream.range(0, rank).filter(a -> rng.nextBoolean())
                .map(a -> rng.nextBoolean() ? a - rank : a).toArray();
    }

    @Property(tries = 12)
    void varianceStdAndNormMatchFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng);
        int[] ax = axes(rng, s.length);
        boolean keep = rng.nextBoolean();
        NDArray x = uniform(rng, -2, 2, s);
        firstAndSecondOrder("variance", xs -> xs.get(0).variance(keep, ax), List.of(x), rng);
        firstAndSecondOrder("norm", xs -> xs.get(0).norm(keep, ax), List.of(x), rng);
        // std needs every reduced lane to vary: two or more distinct values per lane
        int[] s2 = s.clone();
        for (int a = 0; a < s.length; a++) {
            final int at = a;
            if (ax.length == 0 || java.util.Arrays.stream(ax).anyMatch(b -> b == at || b + s.length == at)) {
                s2[a] = Math.max(2, s2[a]);
            }
        }
        NDArray x2 = uniform(rng, -2, 2, s2);
        firstAndSecondOrder("std", xs -> xs.get(0).std(keep, ax), List.of(x2), rng);
    }

    @Property(tries = 12)
    void cumulativeSumsAndProductsMatchFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng);
        int axis = rng.nextInt(s.length) - (rng.nextBoolean() ? s.length : 0);
        boolean exclusive = rng.nextBoolean(), reverse = rng.nextBoolean();
        firstAndSecondOrder("cumsum", xs -> xs.get(0).cumsum(axis, exclusive, reverse), List.of(uniform(rng, -2, 2, s)), rng);
        firstAndSecondOrder("cumprod", xs -> xs.get(0).cumprod(axis, exclusive, reverse),
                List.of(awayFromZero(rng, 0.5, 1.5, s)), rng);
    }

    @Property(tries = 12)
    void sortedAndTopKValuesRouteGradientsBackByPosition(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng);
        int axis = rng.nextInt(s.length) - s.length;
        boolean descending = rng.nextBoolean();
        // distinct values: finite differences of a sort are only smooth away from ties
        NDArray x = uniform(rng, -2, 2, s);
        firstAndSecondOrder("sort", xs -> xs.get(0).sort(axis, descending).square(), List.of(x), rng);
        int k = rng.nextInt(s[s.length - 1] + 1);
        firstAndSecondOrder("topK", xs -> xs.get(0).topK(k).values().mul(xs.get(0).topK(k).values()), List.of(x), rng);
    }

    @Property(tries = 12)
    void clippingMatchesFiniteDifferencesAwayFromTheBounds(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng);
        NDArray x = awayFromZero(rng, 0.05, 0.95, s).mul(2.0);   // |x| in (0.1, 1.9), away from ±1
        firstAndSecondOrder("clip", xs -> xs.get(0).clip(-1, 1).square(), List.of(x), rng);
        double c = rng.nextBoolean() ? 0.5 : 100;                  // clipping, and not clipping
        firstAndSecondOrder("clipByNorm", xs -> xs.get(0).clipByNorm(c), List.of(x), rng);
        NDArray y = uniform(rng, -2, 2, shape(rng));
        firstAndSecondOrder("clipByGlobalNorm",
                xs -> Ops.clipByGlobalNorm(List.of(xs.get(0), xs.get(1)), c).get(0)
                        .sum().add(Ops.clipByGlobalNorm(List.of(xs.get(0), xs.get(1)), c).get(1).square().sum()),
                List.of(x, y), rng);
    }

    /** Each unary op with an input range inside its smooth domain (kinked ones kept away from the kink). */
    private static final List<Object[]> UNARY = List.of(
            new Object[] {"erf", -2.0, 2.0, (java.util.function.UnaryOperator<NDArray>) NDArray::erf},
            new Object[] {"log1p", -0.5, 2.0, (java.util.function.UnaryOperator<NDArray>) NDArray::log1p},
            new Object[] {"expm1", -2.0, 2.0, (java.util.function.UnaryOperator<NDArray>) NDArray::expm1},
            new Object[] {"log2", 0.3, 3.0, (java.util.function.UnaryOperator<NDArray>) NDArray::log2},
            new Object[] {"log10", 0.3, 3.0, (java.util.function.UnaryOperator<NDArray>) NDArray::log10},
            new Object[] {"tan", -1.2, 1.2, (java.util.function.UnaryOperator<NDArray>) NDArray::tan},
            new Object[] {"asin", -0.8, 0.8, (java.util.function.UnaryOperator<NDArray>) NDArray::asin},
            new Object[] {"acos", -0.8, 0.8, (java.util.function.UnaryOperator<NDArray>) NDArray::acos},
            new Object[] {"atan", -3.0, 3.0, (java.util.function.UnaryOperator<NDArray>) NDArray::atan},
            new Object[] {"sinh", -2.0, 2.0, (java.util.function.UnaryOperator<NDArray>) NDArray::sinh},
            new Object[] {"cosh", -2.0, 2.0, (java.util.function.UnaryOperator<NDArray>) NDArray::cosh},
            new Object[] {"softplus", -4.0, 4.0, (java.util.function.UnaryOperator<NDArray>) NDArray::softplus},
            new Object[] {"gelu", -4.0, 4.0, (java.util.function.UnaryOperator<NDArray>) NDArray::gelu},
            new Object[] {"geluTanh", -4.0, 4.0, (java.util.function.UnaryOperator<NDArray>) x -> x.gelu(true)},
            new Object[] {"silu", -4.0, 4.0, (java.util.function.UnaryOperator<NDArray>) NDArray::silu},
            new Object[] {"softsign", -4.0, 4.0, (java.util.function.UnaryOperator<NDArray>) x -> x.softsign().mul(x)});

    @Property(tries = 8)
    @SuppressWarnings("unchecked")
    void unaryMathMatchesFiniteDifferences(@ForAll long seed) {
        Random rng = new Random(seed);
        for (Object[] c : UNARY) {
            var f = (java.util.function.UnaryOperator<NDArray>) c[3];
            NDArray x = uniform(rng, (Double) c[1], (Double) c[2], shape(rng));
            firstAndSecondOrder((String) c[0], xs -> f.apply(xs.get(0)), List.of(x), rng);
        }
        // kinked at 0 (elu, selu, leakyRelu) or at ±3 (hardSigmoid): sampled away from the kinks
        NDArray k = awayFromZero(rng, 0.05, 2.5, shape(rng));
        firstAndSecondOrder("elu", xs -> xs.get(0).elu(), List.of(k), rng);
        firstAndSecondOrder("selu", xs -> xs.get(0).selu(), List.of(k), rng);
        firstAndSecondOrder("leakyRelu", xs -> xs.get(0).leakyRelu(0.3).mul(xs.get(0)), List.of(k), rng);
        firstAndSecondOrder("hardSigmoid", xs -> xs.get(0).hardSigmoid().square(), List.of(k), rng);
    }

    @Property(tries = 10)
    void binaryMathMatchesFiniteDifferencesWithBroadcasting(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] s = shape(rng);
        int[] t = Checks.broadcastable(rng, s);
        NDArray a = uniform(rng, -2, 2, s), b = awayFromZero(rng, 0.3, 2, t);
        firstAndSecondOrder("atan2", xs -> xs.get(0).atan2(xs.get(1)), List.of(a, b), rng);
        firstAndSecondOrder("squaredDifference", xs -> xs.get(0).squaredDifference(xs.get(1)), List.of(a, b), rng);
        // floorMod is smooth between the jumps at multiples of b: keep a/b away from integers
        NDArray q = uniform(rng, 0.2, 0.8, s).add(NDArray.of(new double[] {-2, -1, 0, 1, 2}).get(rng.nextInt(5)));
        NDArray bb = NDArray.of(rng.nextBoolean() ? 1.5 : -1.5);
        firstAndSecondOrder("floorMod", xs -> xs.get(0).floorMod(xs.get(1)), List.of(q.mul(bb), bb), rng);
        NDArray p = uniform(rng, 0.3, 3, s);
        firstAndSecondOrder("reciprocal", xs -> xs.get(0).reciprocal(), List.of(p), rng);
        firstAndSecondOrder("rsqrt", xs -> xs.get(0).rsqrt(), List.of(p), rng);
    }

    @Test
    void normHasAZeroGradientAtTheOriginAndClipPassesAtTheBound() {
        NDArray zero = NDArray.zeros(dev.vectorgrad.DType.FLOAT64, 3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(zero);
            NDArray n = zero.norm();
            assertThat(tape.gradient(n, zero).toDoubleArray()).containsExactly(0, 0, 0);
        }
        NDArray x = NDArray.of(new double[] {-2, -1, 0, 1, 2, Double.NaN});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.clip(-1, 1);
            // TF's rule: the gradient is cut only strictly outside [min, max]; NaN passes
            assertThat(tape.gradient(y, x).toDoubleArray()).containsExactly(0, 1, 1, 1, 0, 1);
        }
    }

    @Test
    void indexAndBooleanResultsAreDeclaredNotDifferentiable() {
        for (Op op : List.of(Op.FLOOR, Op.CEIL, Op.ROUND, Op.FLOOR_DIV, Op.ARGSORT, Op.LOGICAL_AND, Op.LOGICAL_OR, Op.LOGICAL_XOR, Op.LOGICAL_NOT, Op.ANY, Op.ALL)) {
            assertThat(GradientRules.rule(op)).as("%s", op).isSameAs(GradientRules.NOT_DIFFERENTIABLE);
        }
    }
}
