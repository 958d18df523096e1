package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every GradientTape example of the seed tutorials, with the values they printed. */
class SeedAutodiffExamplesTest {

    @Test
    void derivativeOfXSquaredAtThreeIsSix() {
        NDArray x = NDArray.of(3.0f);
        NDArray dy;
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.mul(x);
            dy = tape.gradient(y, x);
        }
        assertThat(dy.item()).isEqualTo(6.0);
        assertThat(dy.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(dy.shape()).isEmpty();
    }

    @Test
    void nestedTapesGiveFirstAndSecondDerivativeOfXCubed() {
        Variable x = new Variable(NDArray.of(1.0f));
        NDArray dy;
        NDArray d2y;
        try (var tape2 = new GradientTape()) {
            try (var tape1 = new GradientTape()) {
                NDArray y = x.mul(x).mul(x);
                dy = tape1.gradient(y, x);
            }
            d2y = tape2.gradient(dy, x);
        }
        assertThat(dy.item()).isEqualTo(3.0);
        assertThat(d2y.item()).isEqualTo(6.0);
    }

    @Test
    void accelerationOfFallingObjectIsNinePointEight() {
        Variable time = new Variable(NDArray.of(0.0f));
        NDArray acceleration;
        try (var outer = new GradientTape()) {
            NDArray speed;
            try (var inner = new GradientTape()) {
                NDArray position = time.pow(2.0).mul(4.9);
                speed = inner.gradient(position, time);
            }
            acceleration = outer.gradient(speed, time);
        }
        assertThat(acceleration.item()).isCloseTo(9.8, within(1e-6));
    }

    @Test
    void sumOfOnesSquaredHasGradientEightEverywhere() {
        NDArray x = NDArray.ones(DType.FLOAT32, 2, 2);
        NDArray dz;
        try (var t = new GradientTape()) {
            t.watch(x);
            NDArray y = x.sum();
            NDArray z = y.square();
            dz = t.gradient(z, x);
        }
        assertThat(dz).isEqualTo(NDArray.full(DType.FLOAT32, 8, 2, 2));
    }

    @Test
    void persistentTapeGivesBothGradients() {
        NDArray x = NDArray.of(3.0f);
        var t = GradientTape.builder().persistent(true).build();
        NDArray y;
        NDArray z;
        try (t) {
            t.watch(x);
            y = x.mul(x);
            z = y.mul(y);
        }
        assertThat(t.gradient(z, x).item()).isEqualTo(108.0);
        assertThat(t.gradient(y, x).item()).isEqualTo(6.0);
    }

    @Test
    void variableLossGradientIsTwoW() {
        Variable w = new Variable(NDArray.of(new float[][] {{1.0f}}));
        var tape = new GradientTape();
        NDArray loss;
        try (tape) {
            loss = w.mul(w);
        }
        List<NDArray> grad = tape.gradient(loss, List.of(w));
        assertThat(grad.get(0)).isEqualTo(NDArray.of(new float[][] {{2.0f}}));
        assertThat(grad.get(0).toString()).isEqualTo("NDArray([[2.]], shape=(1, 1), dtype=float32)");
    }

    @Test
    void seed003LinearFitWithAbsLossApproachesTwoXMinusOne() {
        NDArray xTrain = NDArray.of(new float[] {-1, 0, 1, 2, 3, 4});
        NDArray yTrain = NDArray.of(new float[] {-3, -1, 1, 3, 5, 7});
        Variable w = new Variable(NDArray.of(0.6f), "Variable:0", true);
        Variable b = new Variable(NDArray.of(0.3f), "Variable:0", true);
        double learningRate = 0.001;
        for (int step = 0; step < 500; step++) {
            var tape = GradientTape.builder().persistent(true).build();
            NDArray loss;
            try (tape) {
                NDArray pred = w.mul(xTrain).add(b);
                loss = yTrain.sub(pred).abs();
            }
            NDArray dw = tape.gradient(loss, w);
            NDArray db = tape.gradient(loss, b);
            w.assignSub(dw.mul(learningRate));
            b.assignSub(db.mul(learningRate));
        }
        assertThat(w.item()).isCloseTo(2.0, within(0.05));
        assertThat(b.item()).isCloseTo(-1.0, within(0.05));
    }

    @Test
    void seed004RegressionByHandConvergesToThreeXPlusTwo() {
        Rng rng = Rng.seeded(42);
        NDArray inputs = rng.normal(DType.FLOAT32, 0, 1, 1000);
        NDArray noise = rng.normal(DType.FLOAT32, 0, 1, 1000);
        NDArray outputs = inputs.mul(3.0).add(2.0).add(noise);
        Variable weight = new Variable(NDArray.of(5.0f));
        Variable bias = new Variable(NDArray.of(10.0f));
        double initialLoss = loss(inputs, outputs, weight, bias).item();
        for (int i = 0; i < 300; i++) {
            List<NDArray> grads;
            try (var tape = new GradientTape()) {
                NDArray lossValue = loss(inputs, outputs, weight, bias);
                grads = tape.gradient(lossValue, List.of(weight, bias));
            }
            weight.assignSub(grads.get(0).mul(0.01));
            bias.assignSub(grads.get(1).mul(0.01));
        }
        double finalLoss = loss(inputs, outputs, weight, bias).item();
        assertThat(finalLoss).isLessThan(initialLoss / 10);
        assertThat(weight.item()).isCloseTo(3.0, within(0.15));
        assertThat(bias.item()).isCloseTo(2.0, within(0.15));
    }

    private static NDArray loss(NDArray x, NDArray y, NDArray w, NDArray b) {
        return x.mul(w).add(b).sub(y).square().mean();
    }

    @Test
    void seed002UnwatchedConstantGivesNullAndANullTargetErrorThatSaysWhy() {
        Rng rng = Rng.seeded(7);
        NDArray a = rng.normal(DType.FLOAT32, 0, 1, 2, 2);
        NDArray b = rng.normal(DType.FLOAT32, 0, 1, 2, 2);
        try (var outer = new GradientTape()) {
            NDArray dcDa;
            try (var tape = new GradientTape()) {
                NDArray c = a.square().add(b.square()).sqrt();
                dcDa = tape.gradient(c, a);
            }
            assertThat(dcDa).isNull();
            NDArray target = dcDa;
            assertThatThrownBy(() -> outer.gradient(target, a))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target is null")
                    .hasMessageContaining("did not watch")
                    .hasMessageContaining("shape (2, 2)")
                    .hasMessageContaining("watch(a)");
        }
    }

    @Test
    void seed002WithAWatchedGivesTheRightValues() {
        Rng rng = Rng.seeded(7);
        NDArray a = rng.normal(DType.FLOAT64, 0, 1, 2, 2);
        NDArray b = rng.normal(DType.FLOAT64, 0, 1, 2, 2);
        NDArray dcDa;
        NDArray d2cDa2;
        try (var outer = new GradientTape()) {
            outer.watch(a);
            try (var tape = new GradientTape()) {
                tape.watch(a);
                NDArray c = a.square().add(b.square()).sqrt();
                dcDa = tape.gradient(c, a);
            }
            d2cDa2 = outer.gradient(dcDa, a);
        }
        NDArray r = a.square().add(b.square()).sqrt();
        assertThat(dcDa.allClose(a.div(r), 1e-12, 1e-12)).isTrue();               // a / r
        assertThat(d2cDa2.allClose(b.square().div(r.pow(3.0)), 1e-10, 1e-12)).isTrue(); // b² / r³
    }
}
