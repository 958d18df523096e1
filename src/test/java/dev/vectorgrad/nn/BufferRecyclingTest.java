package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.Optimizer;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's in-place weight update inside training steps (ndarray.Leases): it must reuse the weight
 * buffers in steady state, give the same numbers as fresh buffers, never change an array a user holds, and make
 * a stale array from inside a step throw rather than show the new weights.
 */
class BufferRecyclingTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    private static Sequential model(Optimizer opt) {
        Sequential m = new Sequential(new Dense(16, Activation.TANH, 8), new Dense(4));
        m.setVerbose(0);
        m.compile(opt, new MeanSquaredError());
        return m;
    }

    private static Object buffer(Variable v) {
        return NDArrayAccess.view(v).data();
    }

    private static NDArray x() {
        return Rng.seeded(1).normal(DType.FLOAT32, 0, 1, 32, 8);
    }

    private static NDArray y() {
        return Rng.seeded(2).normal(DType.FLOAT32, 0, 1, 32, 4);
    }

    @Test
    void trainOnBatchReusesEachWeightBufferFromTheSecondStep() {
        Sequential m = model(new SGD(0.05));
        m.trainOnBatch(x(), y());
        m.trainOnBatch(x(), y());
        List<Object> before = new ArrayList<>();
        for (Variable v : m.trainableVariables()) before.add(buffer(v));
        for (int i = 0; i < 5; i++) m.trainOnBatch(x(), y());
        for (int i = 0; i < before.size(); i++) {
            assertThat(buffer(m.trainableVariables().get(i))).isSameAs(before.get(i));
        }
    }

    /** The same training as a custom loop, which never recycles (its tape's arrays live outside any step). */
    @Test
    void recyclingGivesExactlyTheWeightsOfFreshBuffers() {
        for (boolean adam : new boolean[] {false, true}) {
            Layer.resetNames();
            Layer.setSeed(0);
            Sequential a = model(adam ? new Adam(0.01) : new SGD(0.05));
            Layer.resetNames();
            Layer.setSeed(0);
            Sequential b = model(adam ? new Adam(0.01) : new SGD(0.05));
            Object firstBuffer = null;
            for (int i = 0; i < 6; i++) {
                a.trainOnBatch(x(), y());
                GradientTape tape = new GradientTape();
                NDArray loss;
                try (tape) {
                    loss = b.loss().call(y(), b.call(x(), true));
                }
                List<Variable> vars = b.trainableVariables();
                b.optimizer().applyGradients(tape.gradient(loss, vars), vars);
                if (i == 1) firstBuffer = buffer(b.trainableVariables().get(0));
                if (i > 1) assertThat(buffer(b.trainableVariables().get(0))).isNotSameAs(firstBuffer);
            }
            for (int i = 0; i < a.trainableVariables().size(); i++) {
                assertThat(a.trainableVariables().get(i).readValue())
                        .isEqualTo(b.trainableVariables().get(i).readValue());
            }
        }
    }

    @Test
    void aReadValueOrViewHeldOutsideAStepKeepsItsValues() {
        Sequential m = model(new SGD(0.05));
        m.trainOnBatch(x(), y());
        Variable kernel = m.trainableVariables().get(0);
        NDArray snap = kernel.readValue();
        NDArray view = kernel.transpose();
        NDArray copy = NDArray.of(snap.toFloatArray(), snap.shape());
        Object held = buffer(kernel);
        for (int i = 0; i < 3; i++) m.trainOnBatch(x(), y());
        assertThat(snap).isEqualTo(copy);
        assertThat(view).isEqualTo(copy.transpose());
        assertThat(buffer(kernel)).isNotSameAs(held);
        assertThat(kernel.readValue()).isNotEqualTo(copy);
    }

    /** A layer that keeps a view of its kernel made during a step: reading it after the update must throw. */
    @Test
    void anArrayMadeInsideAStepIsRevokedWhenItsBufferIsReused() {
        List<NDArray> kept = new ArrayList<>();
        Dense first = new Dense(16, Activation.TANH, 8) {
            @Override
            public NDArray call(NDArray in, boolean training) {
                kept.add(kernel().reshape(-1));
                return super.call(in, training);
            }
        };
        Sequential m = new Sequential(first, new Dense(4));
        m.setVerbose(0);
        m.compile(new SGD(0.05), new MeanSquaredError());
        NDArray initial = first.kernel().readValue();
        NDArray initialValues = NDArray.of(initial.toFloatArray(), initial.shape());
        m.trainOnBatch(x(), y()); // the initializer's buffer is replaced by a fresh one: nothing is revoked
        NDArray fromFirstStep = kept.get(0);
        m.trainOnBatch(x(), y()); // this step's update reuses the buffer its own forward pass viewed
        NDArray stale = kept.get(1);
        assertThatThrownBy(stale::sum).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("optimizer has since reused");
        assertThatThrownBy(() -> stale.add(1f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(stale::toString).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> stale.reshape(8, 16)).isInstanceOf(IllegalStateException.class);
        assertThat(fromFirstStep).isEqualTo(initialValues.reshape(-1));
        assertThat(initial).isEqualTo(initialValues);
        assertThat(first.kernel().readValue().sum().item()).isFinite();
    }

    @Test
    void aVariableAdoptingAnotherVariablesBufferPinsIt() {
        Sequential m = model(new SGD(0.05));
        m.trainOnBatch(x(), y());
        Variable kernel = m.trainableVariables().get(0);
        Variable copyOf = new Variable(NDArray.zeros(kernel.dtype(), kernel.shape()), "other", false);
        copyOf.assign(kernel);
        NDArray expected = NDArray.of(copyOf.readValue().toFloatArray(), copyOf.shape());
        for (int i = 0; i < 3; i++) m.trainOnBatch(x(), y());
        assertThat(copyOf.readValue()).isEqualTo(expected);
    }
}
