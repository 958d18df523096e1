package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

/** {@code tf.custom_gradient}'s contract: the given backward replaces the ops' own, and it is differentiable again. */
class CustomGradientTest {

    @Test
    void theTapeUsesTheGivenBackwardNotTheForwardsOps() {
        NDArray x = NDArray.of(new float[] {1, 2, 3});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = CustomGradient.apply(xs -> xs[0].square(), (g, xs, out) -> new NDArray[] {g.mul(10.0)}, x);
            assertThat(y).isEqualTo(NDArray.of(new float[] {1, 4, 9}));
            assertThat(tape.gradient(y.sum(), x)).isEqualTo(NDArray.of(new float[] {10, 10, 10}));
        }
    }

    @Test
    void theForwardIsNotRecordedSoAVariableItCapturesGetsNoGradient() {
        Variable v = new Variable(NDArray.of(2f));
        NDArray x = NDArray.of(3f);
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = CustomGradient.apply(xs -> xs[0].mul(v), (g, xs, out) -> new NDArray[] {g.mul(v)}, x);
            var grads = tape.gradient(y, java.util.List.of(x, v));
            assertThat(grads.get(0).item()).isEqualTo(2.0);
            assertThat(grads.get(1)).isNull();
        }
    }

    @Test
    void anOuterTapeDifferentiatesTheBackwardAgain() {
        NDArray x = NDArray.of(new double[] {0.5, -2});
        try (var outer = new GradientTape()) {
            outer.watch(x);
            NDArray dy;
            try (var inner = new GradientTape()) {
                inner.watch(x);
                NDArray y = CustomGradient.apply(xs -> xs[0].pow(3.0),
                        (g, xs, out) -> new NDArray[] {g.mul(xs[0].square().mul(3.0))}, x);
                dy = inner.gradient(y.sum(), x);
            }
            assertThat(dy).isEqualTo(NDArray.of(new double[] {0.75, 12}));
            assertThat(outer.gradient(dy.sum(), x)).isEqualTo(NDArray.of(new double[] {3, -12})); // 6x
        }
    }

    @Test
    void anIdentityForwardStillGetsItsOwnNode() {
        NDArray x = NDArray.of(new float[] {1, 2});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = CustomGradient.apply(xs -> xs[0], (g, xs, out) -> new NDArray[] {g.mul(2.0)}, x);
            assertThat(y).isNotSameAs(x).isEqualTo(x);
            assertThat(tape.gradient(y.sum(), x)).isEqualTo(NDArray.of(new float[] {2, 2}));
        }
    }

    @Test
    void withoutATapeItIsJustTheForward() {
        NDArray y = CustomGradient.apply(xs -> xs[0].add(xs[1]), (g, xs, out) -> new NDArray[] {g, g},
                NDArray.of(1f), NDArray.of(2f));
        assertThat(y.item()).isEqualTo(3.0);
    }

    @Test
    void aBackwardAnsweringForTheWrongNumberOfInputsIsAnError() {
        NDArray x = NDArray.of(1f);
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = CustomGradient.apply(xs -> xs[0].mul(xs[1]), (g, xs, out) -> new NDArray[] {g}, x, x);
            assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CustomGradient: backward returned 1 gradients for 2 inputs");
        }
        assertThatThrownBy(() -> CustomGradient.apply(null, (g, xs, out) -> null, x))
                .hasMessage("CustomGradient.apply: forward is null");
    }
}
