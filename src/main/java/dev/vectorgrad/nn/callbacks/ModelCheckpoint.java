package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras's {@code ModelCheckpoint}: saves the model at the end of every epoch, or with {@code saveBestOnly} only when
 * {@code monitor} improved on its best so far. A file name ending in {@code .npz} gets the weights
 * ({@code Model.saveWeights}); any other gets the whole model ({@code Model.save}: architecture, weights and optimizer
 * state). As in Keras the name may hold fields filled in per epoch: {@code {epoch}} (1-based) and any logged value,
 * with an optional Python format spec: {@code ckpt-{epoch:02d}-{val_loss:.2f}.npz}.
 */
public class ModelCheckpoint extends Callback {
    private static final System.Logger LOG = System.getLogger(ModelCheckpoint.class.getName());
    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final String file;
    private final String monitor;
    private final boolean saveBestOnly;
    private final boolean higherIsBetter;
    private double best;

    /** Saves after every epoch, monitoring {@code val_loss} only for its messages. */
    public ModelCheckpoint(Path file) {
        this(file, "val_loss", false);
    }

    /** Saves after every epoch, or only on improvement of {@code monitor} when {@code saveBestOnly}. */
    public ModelCheckpoint(Path file, String monitor, boolean saveBestOnly) {
        if (file == null || monitor == null) {
            throw new IllegalArgumentException("ModelCheckpoint: file and monitor must not be null");
        }
        this.file = file.toString();
        this.monitor = monitor;
        this.saveBestOnly = saveBestOnly;
        this.higherIsBetter = Monitor.higherIsBetter(monitor);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        Path path = Path.of(format(file, epoch, logs));
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                LOG.log(System.Logger.Level.WARNING, "Can save best model only with " + monitor + " available. "
                        + Monitor.missing("ModelCheckpoint", monitor, logs));
                return;
            }
            if (!(higherIsBetter ? current > best : current < best)) {
                return;
            }
            attachedModel().note(String.format(Locale.ROOT, "Epoch %d: %s improved from %.5f to %.5f, saving model to %s", epoch + 1,
                    monitor, best, current, path));
            best = current;
        }
        try {
            if (path.getFileName().toString().endsWith(".npz")) {
                attachedModel().saveWeights(path);
            } else {
                attachedModel().save(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot save " + path, e);
        }
    }

    /** Python's {@code str.format(epoch=epoch + 1, **logs)} for the fields Keras users write. */
    static String format(String template, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String spec = m.group(2);
            String value;
            if (name.equals("epoch")) {
                value = spec == null ? String.valueOf(epoch + 1) : String.format(Locale.ROOT, "%" + spec, epoch + 1);
            } else if (logs.containsKey(name)) {
                double v = logs.get(name);
                value = spec == null ? String.valueOf(v) : String.format(Locale.ROOT, "%" + spec, v);
            } else {
                throw new IllegalArgumentException("ModelCheckpoint: the file name asks for {" + name + "}, which is not logged;"
                        + " logged values are " + logs.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
