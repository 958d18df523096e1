package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KerasForResearchersTest {

    @Test
    void printsTheTutorialsTensorsAndPassesItsAssignmentChecks() throws Exception {
        String out = Console.capture(() -> KerasForResearchers.main(new String[0]));

        assertThat(out).startsWith("""
                NDArray(
                [[5 2]
                 [1 3]], shape=(2, 2), dtype=int32)
                [5, 2, 1, 3]
                dtype: int32
                shape: [2, 2]
                NDArray(
                [[1.]
                 [1.]], shape=(2, 1), dtype=float32)
                NDArray(
                [[0.]
                 [0.]], shape=(2, 1), dtype=float32)
                """);
        assertThat(out).contains("assign and assignAdd: all element checks passed");
    }

    @Test
    void explainsTheUnwatchedNestedTapeInsteadOfTensorFlowsTypeError() throws Exception {
        String out = Console.capture(() -> KerasForResearchers.main(new String[0]));

        assertThat(out).contains("dc/dp = null");
        assertThat(out).containsPattern("IllegalArgumentException: gradient: target is null.*did not watch it");
    }

    @Test
    void theWatchedSecondDerivativeEqualsQSquaredOverCCubed() throws Exception {
        String out = Console.capture(() -> KerasForResearchers.main(new String[0]));

        Matcher m = Pattern.compile("largest difference from q\\^2 / c\\^3: (\\S+)").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-5);
    }

    @Test
    void theLinearLayerMapsTwoByTwoOnesToTwoByFourAndTracksWAndB() throws Exception {
        String out = Console.capture(() -> KerasForResearchers.main(new String[0]));

        assertThat(out).contains("shape=(2, 4), dtype=float32)");
        assertThat(out).containsPattern("\\[linear(_\\d+)?/w:0, linear(_\\d+)?/b:0\\]");
    }
}
