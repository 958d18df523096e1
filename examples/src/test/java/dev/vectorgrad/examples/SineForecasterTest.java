package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SineForecasterTest {

    @Test
    void theLstmForecastsWithinOnePointTwoTimesTheNoiseFloor() throws Exception {
        double[][] result = new double[1][];
        String out = Console.capture(() -> result[0] = SineForecaster.run(SineForecaster.EPOCHS));

        // 1.13x with the committed seeds
        assertThat(result[0][1]).isCloseTo(0.01, within(1e-15));
        assertThat(result[0][0]).isLessThan(1.2 * result[0][1]);
        assertThat(out).contains("Test MSE", "noise floor 0.01000");
    }
}
