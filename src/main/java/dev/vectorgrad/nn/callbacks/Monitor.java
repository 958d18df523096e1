package dev.vectorgrad.nn.callbacks;

import java.util.Locale;

/**
 * Keras's {@code mode="auto"}: which direction of a logged quantity is better, from its name. Losses and errors should
 * fall; accuracies, AUC, precision and recall should rise.
 */
final class Monitor {

    static boolean higherIsBetter(String monitor) {
        String m = monitor.toLowerCase(Locale.ROOT);
        if (m.endsWith("loss") || m.contains("error")) {
            return false;
        }
        return m.contains("acc") || m.contains("auc") || m.contains("precision") || m.contains("recall");
    }

    static String missing(String who, String monitor, java.util.Map<String, Double> logs) {
        return who + " conditioned on metric `" + monitor + "` which is not available. Available metrics are: "
                + String.join(",", logs.keySet());
    }

    private Monitor() {}
}
