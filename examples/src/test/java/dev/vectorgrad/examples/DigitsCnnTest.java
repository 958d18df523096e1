package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigitsCnnTest {

    @Test
    void theConvnetReachesNinetySevenPercentOnTheHeldOutDigits() throws Exception {
        double[] accuracy = new double[1];
        String out = Console.capture(() -> accuracy[0] = DigitsCnn.run(DigitsCnn.EPOCHS));

        // 98.3% with the committed seeds; 97% leaves room for a different vector width's rounding
        assertThat(accuracy[0]).isGreaterThanOrEqualTo(0.97);
        assertThat(out).contains("1437 training and 360 test images", "Epoch 1/12", "Epoch 12/12");
        Matcher m = Pattern.compile("test accuracy: (\\S+)%").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(97.0);
    }

    @Test
    void theDataIsScikitLearnsDigits() {
        var data = DigitsCnn.loadDigits();
        assertThat(data[0].shape()).containsExactly(1797, 64);
        assertThat(data[1].shape()).containsExactly(1797);
        assertThat(data[0].max().item()).isEqualTo(16.0);
        assertThat(data[1].getInt(0)).isZero();       // the first row is a 0,
        assertThat(data[0].getFloat(0, 2)).isEqualTo(5f); // whose third pixel is 5
    }
}
