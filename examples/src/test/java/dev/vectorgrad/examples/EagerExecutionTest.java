package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import org.junit.jupiter.api.Test;

class EagerExecutionTest {

    @Test
    void fizzbuzzPrintsWordsAndTensorsAndReturnsTheCounterTensor() throws Exception {
        NDArray[] counter = new NDArray[1];
        String out = Console.capture(() -> counter[0] = EagerExecution.fizzbuzz(15));

        assertThat(out.lines()).containsExactly(
                "FizzBuzz",
                "NDArray(1, shape=(), dtype=int32)",
                "NDArray(2, shape=(), dtype=int32)",
                "Fizz",
                "NDArray(4, shape=(), dtype=int32)",
                "Buzz",
                "Fizz",
                "NDArray(7, shape=(), dtype=int32)",
                "NDArray(8, shape=(), dtype=int32)",
                "Fizz",
                "Buzz",
                "NDArray(11, shape=(), dtype=int32)",
                "Fizz",
                "NDArray(13, shape=(), dtype=int32)",
                "NDArray(14, shape=(), dtype=int32)");
        assertThat(counter[0]).hasToString("NDArray(15, shape=(), dtype=int32)");
    }

    @Test
    void printsTheEagerValuesAndTheGradientOfWTimesW() throws Exception {
        String out = Console.capture(() -> {
            EagerExecution.tensorsAndBroadcasting();
            EagerExecution.gradientOfWTimesW();
        });

        assertThat(out).contains("[[2 3]\n [4 5]], shape=(2, 2), dtype=int32)",
                "[[ 2  6]\n [12 20]], shape=(2, 2), dtype=int32)",
                "[NDArray([[2.]], shape=(1, 1), dtype=float32)]");
    }

    @Test
    void theRegressionByHandEndsNearWThreeBTwo() throws Exception {
        Variable[] wb = new Variable[2];
        String out = Console.capture(() -> {
            Variable[] r = EagerExecution.regressionByHand(1000, 200, 4);
            wb[0] = r[0];
            wb[1] = r[1];
        });

        assertThat(out).containsPattern("Initial loss: \\d+\\.\\d{3}\nLoss at step 000: ");
        assertThat(out).contains("Loss at step 180: ");
        assertThat(wb[0].getFloat()).isCloseTo(3.0f, within(0.2f));
        assertThat(wb[1].getFloat()).isCloseTo(2.0f, within(0.25f));
        assertThat(out).contains("W = " + wb[0].getFloat() + ", B = " + wb[1].getFloat());
    }

    @Test
    void theModelWithAnOptimizerEndsNearWThreeBTwo() throws Exception {
        EagerExecution.LinearModel[] model = new EagerExecution.LinearModel[1];
        String out = Console.capture(() -> model[0] = EagerExecution.regressionWithModel(2000, 300, 5));

        assertThat(model[0].w.getFloat()).isCloseTo(3.0f, within(0.1f));
        assertThat(model[0].b.getFloat()).isCloseTo(2.0f, within(0.1f));
        assertThat(model[0].trainableVariables()).containsExactly(model[0].w, model[0].b);
        assertThat(out).contains("Loss at step 280: ", "W = " + model[0].w.getFloat());
    }
}
