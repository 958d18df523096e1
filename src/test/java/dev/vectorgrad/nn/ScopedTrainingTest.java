package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.ArrayScope;
import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.metrics.MeanAbsoluteError;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.Optimizer;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code fit}, {@code trainOnBatch} and {@code evaluate} run each step in an {@code NDArray.scope()}, so from the
 * second step on the activations and gradients (64 x 48 and larger here, above the pooled size) reuse the previous
 * step's buffers (poisoned on release under assertions, as in this suite). The weights must come out bit for bit as a
 * custom loop without scopes makes them, and a user's own scope around training must not change anything either.
 */
class ScopedTrainingTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    private static Sequential model(Optimizer opt) {
        Layer.resetNames();
        Layer.setSeed(0);
        Sequential m = new Sequential(new Dense(48, Activation.TANH, 40), new Dense(32, Activation.RELU), new Dense(24));
        m.setVerbose(0);
        m.compile(opt, new MeanSquaredError(), new MeanAbsoluteError());
        return m;
    }

    private static NDArray x(int seed) {
        return Rng.seeded(seed).normal(DType.FLOAT32, 0, 1, 64, 40);
    }

    private static NDArray y(int seed) {
        return Rng.seeded(seed + 100).normal(DType.FLOAT32, 0, 1, 64, 24);
    }

    private static double customStep(Sequential b, NDArray x, NDArray y) {
        GradientTape tape = new GradientTape();
        NDArray loss;
        try (tape) {
            loss = b.loss().call(y, b.call(x, true));
        }
        List<Variable> vars = b.trainableVariables();
        b.optimizer().applyGradients(tape.gradient(loss, vars), vars);
        return loss.item();
    }

    private static void assertSameWeights(Sequential a, Sequential b) {
        for (int i = 0; i < a.variables().size(); i++) {
            assertThat(a.variables().get(i).toFloatArray()).as(a.variables().get(i).name())
                    .isEqualTo(b.variables().get(i).toFloatArray());
        }
    }

    @Test
    void trainOnBatchInScopesGivesExactlyTheWeightsOfAnUnscopedLoop() {
        for (boolean adam : new boolean[] {false, true}) {
            Sequential a = model(adam ? new Adam(0.01) : new SGD(0.05, 0.9, false));
            Sequential b = model(adam ? new Adam(0.01) : new SGD(0.05, 0.9, false));
            for (int i = 0; i < 8; i++) {
                double loss = a.trainOnBatch(x(i % 3), y(i % 3)); // a plain double: it leaves the step's scope
                assertThat(loss).as("step " + i).isEqualTo(customStep(b, x(i % 3), y(i % 3)));
            }
            assertSameWeights(a, b);
        }
    }

    @Test
    void fitAndEvaluateInScopesMatchTheUnscopedComputation() {
        NDArray x = NDArray.concat(List.of(x(1), x(2), x(3)), 0);
        NDArray y = NDArray.concat(List.of(y(1), y(2), y(3)), 0);
        Sequential a = model(new Adam(0.01));
        Sequential b = model(new Adam(0.01));
        a.fit(Dataset.of(x, y).batch(64), 2); // unshuffled, so that the custom loop can take the same batches
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int s = 0; s < 3; s++) {
                customStep(b, x.slice(0, 64 * s, 64 * (s + 1), 1), y.slice(0, 64 * s, 64 * (s + 1), 1));
            }
        }
        assertSameWeights(a, b);
        Map<String, Double> got = a.evaluate(x, y);
        NDArray pred = b.predict(x);
        double loss = b.loss().call(y, pred).item();
        assertThat(got.get("loss")).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(a.evaluate(x, y)).isEqualTo(got);
    }

    @Test
    void trainingInsideAUsersScopeChangesNothingAndTheWeightsStayReadable() {
        Sequential a = model(new SGD(0.05));
        Sequential b = model(new SGD(0.05));
        try (ArrayScope s = NDArray.scope()) {
            for (int i = 0; i < 4; i++) {
                a.trainOnBatch(x(i), y(i));
            }
        }
        for (int i = 0; i < 4; i++) {
            customStep(b, x(i), y(i));
        }
        try (ArrayScope s = NDArray.scope()) {
            for (int i = 0; i < 3; i++) x(9).exp().matmul(NDArray.ones(DType.FLOAT32, 40, 48)).tanh();
        }
        assertSameWeights(a, b);
        assertThat(a.getWeights().get(0).sum().item()).isFinite();
    }
}
