package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IrisClassifierTest {

    @Test
    void theHandWrittenLoopReachesNinetyThreePercentAndNamesTheThreeFlowers() throws Exception {
        double[] accuracy = new double[1];
        String out = Console.capture(() -> accuracy[0] = IrisClassifier.run(IrisClassifier.NUM_EPOCHS, 0));

        assertThat(accuracy[0]).isGreaterThanOrEqualTo(0.93);
        assertThat(out).contains("Gradient of x * x at x = 3: NDArray(6.0, shape=(), dtype=float32)");
        assertThat(out).containsPattern("Epoch 000: Loss: \\d\\.\\d{3}, Accuracy: \\d+\\.\\d{3}%");
        assertThat(out).containsPattern("Epoch 200: Loss: \\d\\.\\d{3}, Accuracy: \\d+\\.\\d{3}%");
        Matcher test = Pattern.compile("Test set accuracy: (\\S+)%").matcher(out);
        assertThat(test.find()).isTrue();
        assertThat(Double.parseDouble(test.group(1))).isGreaterThanOrEqualTo(93.0);
        assertThat(out).containsPattern("Example 0 prediction: Iris setosa \\(\\d+\\.\\d%\\)");
        assertThat(out).containsPattern("Example 1 prediction: Iris versicolor \\(\\d+\\.\\d%\\)");
        assertThat(out).containsPattern("Example 2 prediction: Iris virginica \\(\\d+\\.\\d%\\)");
    }

    @Test
    void modelFitByKerasNamesWithAValidationSplitStopsEarlyAndReportsItsTestAccuracy() throws Exception {
        String out = Console.capture(() -> IrisClassifier.run(0, IrisClassifier.FIT_EPOCHS));

        assertThat(out).contains("Epoch 1/" + IrisClassifier.FIT_EPOCHS);
        assertThat(out).containsPattern("val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");
        Matcher stop = Pattern.compile("Epoch (\\d+): early stopping").matcher(out);
        assertThat(stop.find()).isTrue();
        assertThat(Integer.parseInt(stop.group(1))).isLessThan(IrisClassifier.FIT_EPOCHS);
        assertThat(out).contains("Restoring model weights from the end of the best epoch: ");
        assertThat(out.indexOf("early stopping")).isLessThan(out.indexOf("Restoring model weights"));
        Matcher test = Pattern.compile("Model.fit trained (\\d+) epochs; test set accuracy: (\\S+)%").matcher(out);
        assertThat(test.find()).isTrue();
        assertThat(test.group(1)).isEqualTo(stop.group(1));
        assertThat(Double.parseDouble(test.group(2))).isGreaterThanOrEqualTo(90.0);
    }
}
