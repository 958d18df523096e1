package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TensorsRevisitedTest {

    @Test
    void printsTheSlidesTensorsAndOperations() throws Exception {
        String out = Console.capture(() -> {
            TensorsRevisited.constantsAndVariables();
            TensorsRevisited.operations();
        });

        assertThat(out).contains(
                "<Variable 'Variable:0' shape=(2,) dtype=int32, numpy=[1 2]>",
                "<Variable 'Variable:0' shape=(2,) dtype=float32, numpy=[1. 2.]>",
                "<Variable 'Variable:0' shape=() dtype=string, numpy=b'Hello'>",
                "<Variable 'Variable:0' shape=() dtype=string, numpy=b'Elephant'>",
                "<Variable 'Variable:0' shape=() dtype=complex64, numpy=(4+3j)>",
                "NDArray(True, shape=(), dtype=bool)",
                "NDArray(5.0, shape=(), dtype=float32)",
                "NDArray((25+0j), shape=(), dtype=complex64)",
                "IllegalArgumentException: of: 4 values cannot fill shape (3, 3)",
                "NDArray([4 6], shape=(2,), dtype=int32)",
                "NDArray(25, shape=(), dtype=int32)",
                "NDArray(6, shape=(), dtype=int32)",
                "NDArray(13, shape=(), dtype=int32)",
                "hello, 4",
                "NDArray(\n[[2 3]\n [4 5]], shape=(2, 2), dtype=int32)",
                "NDArray(\n[[ 1  4]\n [ 9 16]], shape=(2, 2), dtype=int32)",
                "\n15\n",
                "[3. 3. 3.]], shape=(3, 3), dtype=float64)",
                "<Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>",
                "float32");
    }

    @Test
    void myLayerListsItsVariablesHundredZeroOneAndDenseHasAKernelAndABias() throws Exception {
        String out = Console.capture(TensorsRevisited::layerVariables);

        assertThat(out).contains("\n[100, 0, 1]\n");
        assertThat(out).containsPattern("\\[<Variable 'dense/kernel:0' shape=\\(1, 1\\) dtype=float32, numpy=\\[\\[-?\\d\\.\\d+\\]\\]>, "
                + "<Variable 'dense/bias:0' shape=\\(1,\\) dtype=float32, numpy=\\[0\\.\\]>\\]");
    }

    @Test
    void printsTheGradientsTwoEightsOneHundredEightSixAndThreeSix() throws Exception {
        String out = Console.capture(TensorsRevisited::gradients);

        assertThat(out).isEqualTo("""
                --- Gradients
                NDArray([[2.]], shape=(1, 1), dtype=float32)
                NDArray(
                [[8. 8.]
                 [8. 8.]], shape=(2, 2), dtype=float32)
                NDArray(108.0, shape=(), dtype=float32)
                NDArray(6.0, shape=(), dtype=float32)
                dy/dx = 3.0, d2y/dx2 = 6.0
                """);
    }

    @Test
    void fitDataConvergesTowardTwoXMinusOne() throws Exception {
        String out = Console.capture(() -> TensorsRevisited.fitLine(500, 7));

        Matcher m = Pattern.compile("y ≈ (\\S+)x \\+ (\\S+)").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(2.0, within(0.05));
        assertThat(Double.parseDouble(m.group(2))).isCloseTo(-1.0, within(0.05));
    }
}
