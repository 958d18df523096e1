package dev.vectorgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveAndRestoreTest {

    @Test
    void aModelSavedHereResumesInAFreshJvmExactlyAsUninterruptedTraining(@TempDir Path dir) throws Exception {
        boolean[] same = new boolean[1];
        String out = Console.capture(() -> same[0] = SaveAndRestore.run(dir.resolve("iris.keras")));

        assertThat(out).contains("│ dense (Dense)", "(None, 16)", "Total params: 131 (524.00 B)");
        assertThat(out).contains("config.json, model.weights.npz, optimizer.npz");
        // the child JVM loaded the model at the step where this one saved it, with the same scores
        Matcher trained = Pattern.compile("Trained \\d+ epochs: (loss \\S+, accuracy \\S+)").matcher(out);
        assertThat(trained.find()).isTrue();
        assertThat(out).contains("[fresh JVM] Loaded sequential, optimizer at step " + SaveAndRestore.FIRST_EPOCHS * 5
                + ": " + trained.group(1));
        for (int e = 1; e <= SaveAndRestore.MORE_EPOCHS; e++) {
            assertThat(out).containsPattern("\\[fresh JVM\\] resumed epoch " + e + ": loss \\d\\.\\d+");
        }
        assertThat(out).contains("Resumed training in a fresh JVM matches uninterrupted training: true");
        assertThat(same[0]).isTrue();
    }
}
