package dev.vectorgrad.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code Model.fit} returns: one value per epoch for every logged quantity, keyed as Keras keys them
 * ({@code loss}, {@code accuracy}, {@code val_loss}, ...), in the order they were first logged.
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private String stopReason;

    /** Appends one epoch's logs. */
    void append(Map<String, Double> logs) {
        logs.forEach((k, v) -> values.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    void setStopReason(String reason) {
        this.stopReason = reason;
    }

    /** Why training ended before its last epoch ({@code Epoch 7: early stopping ...}), or null if it ran to the end. */
    public String stopReason() {
        return stopReason;
    }

    /** Every series, read-only, like Keras's {@code history.history}. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The values of {@code key} per epoch. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("History: no values for '" + key + "'; logged keys are " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The number of epochs recorded. */
    public int epochs() {
        return values.values().stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * Writes an SVG line chart of every series against the epoch, one panel per quantity ({@code loss} with
     * {@code val_loss}, {@code accuracy} with {@code val_accuracy}, ...), with no library beyond the JDK.
     */
    public void plot(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("History.plot: file is null");
        }
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    /** The chart {@link #plot} writes, as SVG text. */
    public String toSvg() {
        Map<String, List<String>> panels = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            String base = key.startsWith("val_") ? key.substring(4) : key;
            panels.computeIfAbsent(base, k -> new ArrayList<>()).add(key);
        }
        int panelW = 420, panelH = 280, left = 60, right = 20, top = 36, bottom = 44;
        int width = Math.max(1, panels.size()) * panelW;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", width, panelH, width, panelH));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, panelH));
        String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};
        int p = 0;
        for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
            double x0 = p * panelW + left, x1 = (p + 1) * panelW - right, y0 = top, y1 = panelH - bottom;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            int n = 0;
            for (String key : panel.getValue()) {
                for (double v : values.get(key)) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                n = Math.max(n, values.get(key).size());
            }
            if (!(min <= max)) {
                min = 0;
                max = 1;
            }
            if (max - min < 1e-12) {
                max = min + 1;
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n",
                    (x0 + x1) / 2, escape(panel.getKey())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                    + "stroke=\"#888\"/>%n", x0, y0, x1 - x0, y1 - y0));
            for (int t = 0; t <= 4; t++) {
                double v = min + (max - min) * t / 4;
                double y = y1 - (y1 - y0) * t / 4;
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                        x0 - 4, y + 4, format(v)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">epoch (1..%d)</text>%n",
                    (x0 + x1) / 2, (double) panelH - 12, n));
            int c = 0;
            for (String key : panel.getValue()) {
                List<Double> series = values.get(key);
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < series.size(); i++) {
                    double v = series.get(i);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double x = n <= 1 ? (x0 + x1) / 2 : x0 + (x1 - x0) * i / (n - 1);
                    double y = y1 - (y1 - y0) * (v - min) / (max - min);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
                String colour = colours[c % colours.length];
                svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                        colour, points.toString().strip()));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                        x0 + 8, y0 + 16 + 14 * c, colour, escape(key)));
                c++;
            }
            p++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String format(double v) {
        return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v != 0) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "History" + values;
    }
}
