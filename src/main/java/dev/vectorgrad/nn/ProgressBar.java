package dev.vectorgrad.nn;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The training display of {@code Model.fit}: on a terminal, Keras's bar redrawn in place
 * ({@code 3/4 [=====================>........] - 12ms/step - loss: 0.4321 - accuracy: 0.8750}); when output is not
 * a terminal ({@link System#console()} is null or {@link Console#isTerminal()} is false: a pipe, a file, a test), one
 * line per epoch. Redraws are limited to about 20 a second so that printing never slows training.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 50_000_000L;

    private final PrintStream out;
    private final boolean live;
    private final int epochs;
    private int epoch;
    private long steps;
    private long epochStart;
    private long lastDraw;
    private int lastLength;

    /** @param verbose 0 silent, 1 a live bar on a terminal (else one line per epoch), 2 one line per epoch */
    ProgressBar(PrintStream out, int verbose, int epochs) {
        this.out = verbose == 0 ? null : out;
        this.live = verbose == 1 && isTerminal();
        this.epochs = epochs;
    }

    static boolean isTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    void startEpoch(int epoch, long steps) {
        this.epoch = epoch;
        this.steps = steps;
        this.epochStart = System.nanoTime();
        this.lastDraw = 0;
        if (out != null && live) {
            out.println("Epoch " + epoch + "/" + epochs);
        }
    }

    void step(long done, Map<String, Double> logs) {
        if (out == null || !live) {
            return;
        }
        long now = System.nanoTime();
        if (done < steps && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + padded(bar(done) + " - " + perStep(now, done) + logs(logs)));
        out.flush();
    }

    void endEpoch(long done, Map<String, Double> logs) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (live) {
            out.println("\r" + padded(bar(done) + " - " + seconds(now) + " " + perStep(now, done) + logs(logs)));
            lastLength = 0;
        } else {
            out.println("Epoch " + epoch + "/" + epochs + " - " + done + "/" + (steps < 0 ? done : steps) + " - "
                    + seconds(now) + " " + perStep(now, done) + logs(logs));
        }
        out.flush();
    }

    /** A callback's message on its own line (after the current bar, which is left as drawn). */
    void note(String message) {
        if (out == null) {
            return;
        }
        if (live && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
        out.println(message);
        out.flush();
    }

    /** {@code line} padded with spaces to cover the previous, possibly longer, line drawn over. */
    private String padded(String line) {
        String out = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        lastLength = line.length();
        return out;
    }

    private String bar(long done) {
        String count = done + "/" + (steps < 0 ? "?" : String.valueOf(steps));
        if (steps <= 0) {
            return count;
        }
        int filled = (int) (WIDTH * Math.min(done, steps) / steps);
        StringBuilder b = new StringBuilder(count).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled - 1 || (i == filled - 1 && done >= steps) ? '=' : i == filled - 1 ? '>' : '.');
        }
        return b.append(']').toString();
    }

    private String seconds(long now) {
        return String.format(Locale.ROOT, "%.0fs", (now - epochStart) / 1e9);
    }

    private String perStep(long now, long done) {
        double ms = done == 0 ? 0 : (now - epochStart) / 1e6 / done;
        return ms >= 1 ? String.format(Locale.ROOT, "%.0fms/step", ms) : String.format(Locale.ROOT, "%.0fus/step", ms * 1000);
    }

    private static String logs(Map<String, Double> logs) {
        StringBuilder b = new StringBuilder();
        logs.forEach((k, v) -> b.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.4f", v)));
        return b.toString();
    }
}
