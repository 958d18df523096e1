package dev.vectorgrad.examples;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.History;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Model;
import dev.vectorgrad.nn.Sequential;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TensorFlow's "Save and load models" tutorial, Keras 3 style: train a small classifier on the Iris flowers, save the
 * whole model to one file with {@link Model#save} (architecture, weights and optimizer state in a zip archive), load
 * it in a <em>fresh JVM</em> started as a child process, and resume training there. The child's resumed training is
 * compared with this process continuing the same training uninterrupted: the losses agree to the last bit, because
 * the file holds the optimizer's moments and step count, and the shuffling continues where it stopped.
 *
 * <p>Run it from the repository root once the library is installed:
 * <pre>
 * ./mvnw -q -f examples compile exec:exec -Dexample=SaveAndRestore
 * </pre>
 */
public final class SaveAndRestore {
    static final int FIRST_EPOCHS = 150;
    static final int MORE_EPOCHS = 5;
    static final int BATCH_SIZE = 32;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("resume")) {
            resume(Path.of(args[1]));
            return;
        }
        Path dir = Files.createTempDirectory("vectorgrad-save");
        try {
            run(dir.resolve("iris.keras"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Trains, saves to {@code file}, resumes in a child JVM and here, and prints whether the two agree. */
    static boolean run(Path file) throws Exception {
        NDArray[] data = IrisClassifier.loadIris();
        Sequential model = createModel();
        model.setVerbose(0);
        model.fit(data[0], data[1], FIRST_EPOCHS, BATCH_SIZE);
        System.out.print(model.summary());
        System.out.printf(Locale.ROOT, "Trained %d epochs: %s%n", FIRST_EPOCHS, format(model.evaluate(data[0], data[1])));

        model.save(file);
        System.out.printf(Locale.ROOT, "Saved to %s (%d bytes): config.json, model.weights.npz, optimizer.npz%n",
                file.getFileName(), Files.size(file));

        // a fresh JVM: nothing of this process's state (layer counters, the optimizer object) survives but the file
        List<String> child = runChild(file);
        child.forEach(line -> System.out.println("  [fresh JVM] " + line));

        // the same training, uninterrupted, in this process
        History more = model.fit(data[0], data[1], MORE_EPOCHS, BATCH_SIZE);
        List<String> here = lossLines(more);
        boolean same = child.containsAll(here);
        System.out.println("Resumed training in a fresh JVM matches uninterrupted training: " + same);
        return same;
    }

    /** The model, as the tutorial's {@code create_model()}: built at once from the input size. */
    static Sequential createModel() {
        Sequential model = new Sequential(
                new Dense(16, Activation.RELU, 4),
                new Dense(3, Activation.SOFTMAX));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** What the child JVM does: load, check the restored model, train {@link #MORE_EPOCHS} more epochs. */
    static void resume(Path file) throws IOException {
        NDArray[] data = IrisClassifier.loadIris();
        Model restored = Model.load(file);
        restored.setVerbose(0);
        System.out.printf(Locale.ROOT, "Loaded %s, optimizer at step %d: %s%n", restored.name(),
                restored.optimizer().iterations(), format(restored.evaluate(data[0], data[1])));
        History more = restored.fit(data[0], data[1], MORE_EPOCHS, BATCH_SIZE);
        lossLines(more).forEach(System.out::println);
    }

    static List<String> lossLines(History h) {
        List<String> out = new ArrayList<>();
        List<Double> loss = h.get("loss");
        for (int i = 0; i < loss.size(); i++) {
            out.add(String.format(Locale.ROOT, "resumed epoch %d: loss %.17g", i + 1, loss.get(i)));
        }
        return out;
    }

    private static List<String> runChild(Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            cmd.addAll(List.of("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH"));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SaveAndRestore.class.getName(), "resume", file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("WARNING: Using incubator modules")) {
                    lines.add(line);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("the child JVM failed with exit code " + code + ":\n" + String.join("\n", lines));
        }
        return lines;
    }

    private static String format(Map<String, Double> scores) {
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.3f", scores.get("loss"), scores.get("accuracy"));
    }

    private SaveAndRestore() {}
}
