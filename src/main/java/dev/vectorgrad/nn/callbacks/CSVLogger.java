package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code CSVLogger}: writes one row per epoch to a CSV file, {@code epoch} (0-based) then every logged value
 * in alphabetical order of its key, under a header written at the first epoch's end; the file is replaced at the
 * start of training and flushed after every row, so it can be read while training runs.
 */
public class CSVLogger extends Callback {
    private final Path file;
    private Writer writer;
    private List<String> keys;

    /** Logs to {@code file}. */
    public CSVLogger(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("CSVLogger: file is null");
        }
        this.file = file;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        try {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
        }
        keys = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        if (writer == null) { // called by hand outside fit: there is no open file to append to
            throw new IllegalStateException("CSVLogger.onEpochEnd: " + file + " is not open; onTrainBegin opens it");
        }
        try {
            if (keys == null) {
                keys = new ArrayList<>(logs.keySet());
                Collections.sort(keys);
                writer.write("epoch," + String.join(",", keys) + "\n");
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(',').append(v == null ? "NA" : String.valueOf(v.doubleValue()));
            }
            writer.write(row.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + file, e);
        } finally {
            writer = null;
        }
    }
}
