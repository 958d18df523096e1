package dev.vectorgrad.nn;

import dev.vectorgrad.autodiff.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras 3's {@code model.summary()} table: one row per layer with its name and type, output shape ({@code None} for
 * the batch axis, {@code ?} before the layer is built) and parameter count, then the totals with their size in bytes.
 */
final class Summary {
    private static final int[] WIDTHS = {31, 22, 13};

    static String of(Model model) {
        StringBuilder b = new StringBuilder();
        b.append("Model: \"").append(model.name()).append("\"\n");
        b.append(line('┏', '━', '┳', '┓'));
        b.append(row('┃', new String[] {"Layer (type)", "Output Shape", "Param #"}));
        b.append(line('┡', '━', '╇', '┩'));
        List<Layer> layers = model.layers();
        List<String[]> rows = new ArrayList<>();
        int[] shape = null;
        boolean shapesKnown = !layers.isEmpty() && layers.get(0).buildInputShape() != null;
        if (shapesKnown) {
            shape = layers.get(0).buildInputShape();
        }
        for (Layer l : layers) {
            String out = "?";
            if (model instanceof Functional f && f.outputShapeOf(l) != null) {
                out = format(f.outputShapeOf(l));
            } else if (shapesKnown && l.built()) {
                try {
                    shape = l.computeOutputShape(shape);
                    out = format(shape);
                } catch (RuntimeException e) {
                    shapesKnown = false;
                }
            } else {
                shapesKnown = false;
            }
            long params = 0;
            for (Variable v : l.variables()) {
                params += v.size();
            }
            rows.add(new String[] {l.name() + " (" + l.getClass().getSimpleName() + ")", out,
                    l.built() ? String.format(Locale.ROOT, "%,d", params) : "0 (unbuilt)"});
        }
        for (int i = 0; i < rows.size(); i++) {
            b.append(row('│', rows.get(i)));
            b.append(i < rows.size() - 1 ? line('├', '─', '┼', '┤') : line('└', '─', '┴', '┘'));
        }
        if (rows.isEmpty()) {
            b.append(line('└', '─', '┴', '┘'));
        }
        long trainable = 0;
        long trainableBytes = 0;
        long frozen = 0;
        long frozenBytes = 0;
        for (Variable v : model.variables()) {
            long bytes = v.size() * v.dtype().byteSize();
            if (v.trainable()) {
                trainable += v.size();
                trainableBytes += bytes;
            } else {
                frozen += v.size();
                frozenBytes += bytes;
            }
        }
        b.append(totals("Total params", trainable + frozen, trainableBytes + frozenBytes));
        b.append(totals("Trainable params", trainable, trainableBytes));
        b.append(totals("Non-trainable params", frozen, frozenBytes));
        return b.toString();
    }

    private static String totals(String what, long count, long bytes) {
        return String.format(Locale.ROOT, " %s: %,d (%s)\n", what, count, readableSize(bytes));
    }

    /** Keras's {@code readable_memory_size}: two decimals and the largest unit below 1024. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        for (String unit : units) {
            if (bytes / 1024 < 1) {
                return String.format(Locale.ROOT, "%.2f %s", bytes, unit);
            }
            bytes /= 1024;
        }
        return String.format(Locale.ROOT, "%.2f %s", bytes, "PB");
    }

    private static String format(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : String.valueOf(shape[i]));
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String line(char left, char fill, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < WIDTHS.length; i++) {
            b.append(String.valueOf(fill).repeat(WIDTHS[i] + 2)).append(i < WIDTHS.length - 1 ? mid : right);
        }
        return b.append('\n').toString();
    }

    private static String row(char edge, String[] cells) {
        StringBuilder b = new StringBuilder().append(edge);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > WIDTHS[i] ? cells[i].substring(0, WIDTHS[i] - 1) + "…" : cells[i];
            String padded = i == cells.length - 1 ? " ".repeat(WIDTHS[i] - c.length()) + c : c + " ".repeat(WIDTHS[i] - c.length());
            b.append(' ').append(padded).append(' ').append(edge);
        }
        return b.append('\n').toString();
    }

    private Summary() {}
}
