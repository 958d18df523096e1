package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.ndarray.Op;
import org.junit.jupiter.api.Test;

/** {@link GradientRules} binds each row on first use: the bound rule is kept, and ConvGrad's rows are reached. */
class GradientRulesBindingTest {

    @Test
    void aBoundRuleIsKeptAndReturnedAgain() {
        for (Op op : new Op[] {Op.ADD, Op.MATMUL, Op.RELU, Op.LOG_SOFTMAX, Op.CONV2D, Op.AVG_POOL2D_GRAD}) {
            GradientRules.Rule first = GradientRules.rule(op);
            assertThat(first).as("rule of %s", op).isNotNull();
            assertThat(GradientRules.rule(op)).as("second lookup of %s", op).isSameAs(first);
        }
    }

    @Test
    void convolutionRowsComeFromConvGradAndOthersDoNot() {
        assertThat(ConvGrad.rule(Op.CONV2D)).as("ConvGrad's CONV2D row").isNotNull();
        assertThat(ConvGrad.rule(Op.MAX_POOL2D_SELECT)).as("ConvGrad's MAX_POOL2D_SELECT row").isNotNull();
        assertThat(ConvGrad.rule(Op.ADD)).as("ConvGrad has no ADD row").isNull();
    }
}
