package dev.vectorgrad.autodiff;

import static dev.vectorgrad.autodiff.Checks.firstAndSecondOrder;
import static dev.vectorgrad.autodiff.Checks.uniform;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.PadMode;
import dev.vectorgrad.ndarray.Op;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The gradients of the indexing and manipulation ops against central differences, first and second
 * order. The linear ops are squared first ({@code op(x)²}), so the second order has to differentiate
 * through their rules rather than see a constant.
 */
class ManipulationGradientsTest {

    private static void check(String name, UnaryOperator<NDArray> op, NDArray x, Random rng) {
        firstAndSecondOrder(name, xs -> op.apply(xs.get(0)).square(), List.of(x), rng);
    }

    @Test
    void newOpsAreInTheRuleTableAndTheIntegerOnesAreNotDifferentiable() {
        for (Op op : List.of(Op.CONCAT, Op.PAD, Op.GATHER, Op.SEGMENT_SUM, Op.CUSTOM)) {
            assertThat(GradientRules.rule(op)).as("%s", op).isNotNull().isNotSameAs(GradientRules.NOT_DIFFERENTIABLE);
        }
        assertThat(GradientRules.rule(Op.ONE_HOT)).isSameAs(GradientRules.NOT_DIFFERENTIABLE);
        assertThat(GradientRules.rule(Op.ARG_WHERE)).isSameAs(GradientRules.NOT_DIFFERENTIABLE);
    }

    @Property(tries = 5)
    void concatStackUnstackSplit(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray a = uniform(rng, -2, 2, 2, 3);
        NDArray b = uniform(rng, -2, 2, 2, 1);
        NDArray c = uniform(rng, -2, 2, 2, 2);
        firstAndSecondOrder("concat", xs -> NDArray.concat(xs, -1).square(), List.of(a, b, c), rng);
        NDArray d = uniform(rng, -2, 2, 2, 3);
        firstAndSecondOrder("stack", xs -> NDArray.stack(xs, 1).square(), List.of(a, d), rng);
        NDArray x = uniform(rng, -2, 2, 3, 4);
        check("unstack", t -> t.unstack(1).get(2), x, rng);
        check("split", t -> t.split(new int[] {1, -1}, 0).get(1), x, rng);
        check("split equal", t -> t.split(2, -1).get(0), x, rng);
    }

    @Property(tries = 5)
    void tileRepeatAndPad(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, -2, 2, 2, 3);
        check("tile", t -> t.tile(2, 1, 3), x, rng);
        check("repeat", t -> t.repeat(3, 1), x, rng);
        int[][] p = {{1, 1}, {2, 0}};
        check("pad constant", t -> t.pad(p, PadMode.CONSTANT, 5), x, rng);
        check("pad reflect", t -> t.pad(new int[][] {{1, 0}, {2, 2}}, PadMode.REFLECT, 0), x, rng);
        check("pad symmetric", t -> t.pad(new int[][] {{2, 1}, {3, 1}}, PadMode.SYMMETRIC, 0), x, rng);
        check("pad of a view", t -> t.transpose().pad(p), x, rng);
    }

    @Property(tries = 5)
    void gatherFamilyWithDuplicatesAndNegativeIndices(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, -2, 2, 4, 3);
        check("gather axis 0", t -> t.gather(NDArray.of(new int[] {3, 0, 3, -1}), 0), x, rng);
        check("gather axis 1, 2-D indices", t -> t.gather(NDArray.of(new long[] {2, 2, 0, 1}, 2, 2), 1), x, rng);
        check("gather scalar index", t -> t.gather(NDArray.of(1), -1), x, rng);
        check("gatherNd", t -> t.gatherNd(NDArray.of(new int[][] {{0, 1}, {3, 2}, {0, 1}})), x, rng);
        check("takeAlongAxis", t -> t.takeAlongAxis(NDArray.of(new int[][] {{2, 0}, {1, 1}, {0, 0}, {2, 2}}), 1), x, rng);
        check("booleanMask", t -> t.booleanMask(NDArray.of(new boolean[] {true, false, true, true})), x, rng);
        check("scatterNd", t -> NDArray.scatterNd(NDArray.of(new int[][] {{1}, {0}, {1}, {3}}), t, 5, 3), x, rng);
        check("unsortedSegmentSum", t -> NDArray.unsortedSegmentSum(t, NDArray.of(new int[] {2, 0, 2, 1}), 3), x, rng);
        NDArray cube = uniform(rng, -2, 2, 2, 3, 2);
        check("gather middle axis of rank 3", t -> t.gather(NDArray.of(new int[][] {{2, 1}, {2, 0}}), 1), cube, rng);
    }

    @Property(tries = 5)
    void triangles(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, -2, 2, 2, 3, 3);
        check("tril", t -> t.tril(0), x, rng);
        check("triu", t -> t.triu(1), x, rng);
    }

    @Property(tries = 5)
    void einsumContractionsDiagonalsAndEllipses(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray a = uniform(rng, -2, 2, 2, 3);
        NDArray b = uniform(rng, -2, 2, 3, 4);
        NDArray c = uniform(rng, -2, 2, 4, 2);
        firstAndSecondOrder("einsum matmul", xs -> NDArray.einsum("ij,jk->ik", xs.get(0), xs.get(1)), List.of(a, b), rng);
        firstAndSecondOrder("einsum three", xs -> NDArray.einsum("ab,bc,cd", xs.get(0), xs.get(1), xs.get(2)),
                List.of(a, b, c), rng);
        NDArray sq = uniform(rng, -2, 2, 3, 3);
        check("einsum trace", t -> NDArray.einsum("ii", t), sq, rng);
        check("einsum diag", t -> NDArray.einsum("ii->i", t), sq, rng);
        NDArray e1 = uniform(rng, -2, 2, 2, 1, 2, 3);
        NDArray e2 = uniform(rng, -2, 2, 3, 3, 2);
        firstAndSecondOrder("einsum ellipsis", xs -> NDArray.einsum("...ij,...jk->...ik", xs.get(0), xs.get(1)),
                List.of(e1, e2), rng);
        firstAndSecondOrder("einsum hadamard", xs -> NDArray.einsum("ij,ij->ji", xs.get(0), xs.get(1)),
                List.of(a, uniform(rng, -2, 2, 2, 3)), rng);
    }

    @Property(tries = 5)
    void customGradientIsUsedAndDifferentiatedAgain(@ForAll long seed) {
        Random rng = new Random(seed);
        NDArray x = uniform(rng, -3, 3, 2, 3);
        // softplus with its derivative written as a sigmoid: consistent, so finite differences agree
        check("custom softplus", t -> CustomGradient.apply(
                xs -> xs[0].exp().add(1.0).log(),
                (g, xs, out) -> new NDArray[] {g.mul(xs[0].sigmoid())},
                t), x, rng);
        NDArray y = uniform(rng, -3, 3, 3);
        firstAndSecondOrder("custom product", xs -> CustomGradient.apply(
                in -> in[0].mul(in[1]),
                (g, in, out) -> new NDArray[] {g.mul(in[1]), g.mul(in[0])},
                xs.get(0), xs.get(1)).square(), List.of(x, y), rng);
    }
}
