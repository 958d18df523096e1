package dev.vectorgrad.data;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.ndarray.Shapes;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples along axis 0 of a feature array {@code x} and a label array {@code y}, shuffled, batched and repeated
 * as a {@code tf.data} pipeline would be: {@code Dataset.of(x, y).shuffle(seed).batch(32)}.
 *
 * <p>A Dataset is immutable: {@link #shuffle}, {@link #batch} and {@link #repeat} return new datasets over the
 * same arrays. Iterating gives {@link Batch} records; each {@code for} loop over the dataset is one pass.
 * <ul>
 *   <li>{@link #shuffle(long)} draws a new order for every pass, like {@code tf.data}'s
 *       {@code reshuffle_each_iteration=True}; pass {@code k}'s order depends only on the seed and {@code k}, so a
 *       program that makes the same passes sees the same batches on every run and every machine. Passes are
 *       counted per shuffled dataset object (and shared by datasets derived from it by {@code batch}/{@code repeat}).</li>
 *   <li>{@link #batch(int)} groups consecutive samples; the last, partial batch is kept
 *       ({@code drop_remainder=False}). Without {@code batch}, each element is one sample with axis 0 dropped.</li>
 *   <li>{@link #repeat()} and {@link #repeat(int)} chain passes (each reshuffled) into one iteration.</li>
 * </ul>
 * Deliberate difference from {@code tf.data}: the order of the calls does not matter; samples are always
 * shuffled before they are batched ({@code tf.data}'s {@code batch().shuffle()} would shuffle whole batches).
 * Unshuffled batches are views of {@code x} and {@code y} (no copy); shuffled ones are gathered into new arrays.
 */
public final class Dataset implements Iterable<Dataset.Batch> {

    /** One batch (or one sample, before {@link #batch}): features and labels ({@code y} is null without labels). */
    public record Batch(NDArray x, NDArray y) {}

    private final NDArray x;
    private final NDArray y;
    private final int n;
    private final Long seed;
    private final AtomicLong passes;
    private final int batchSize; // 0: unbatched
    private final int repeats; // -1: forever

    private Dataset(NDArray x, NDArray y, Long seed, AtomicLong passes, int batchSize, int repeats) {
        this.x = x;
        this.y = y;
        this.n = x.shape()[0];
        this.seed = seed;
        this.passes = passes;
        this.batchSize = batchSize;
        this.repeats = repeats;
    }

    /**
     * Samples {@code x[i]} with labels {@code y[i]}; both need the same size along axis 0.
     *
     * @throws IllegalArgumentException if either is null or scalar, or their first axes differ
     */
    public static Dataset of(NDArray x, NDArray y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Dataset.of: " + (x == null ? "x" : "y") + " is null");
        }
        if (x.rank() == 0 || y.rank() == 0) {
            throw new IllegalArgumentException("Dataset.of: x and y need a sample axis, got shapes "
                    + Shapes.format(x.shape()) + " and " + Shapes.format(y.shape()));
        }
        if (x.shape()[0] != y.shape()[0]) {
            throw new IllegalArgumentException("Dataset.of: x and y must have the same number of samples, got shapes "
                    + Shapes.format(x.shape()) + " and " + Shapes.format(y.shape()));
        }
        return new Dataset(x.contiguous(), y.contiguous(), null, new AtomicLong(), 0, 1);
    }

    /** Samples {@code x[i]} without labels ({@link Batch#y()} is null). */
    public static Dataset of(NDArray x) {
        if (x == null || x.rank() == 0) {
            throw new IllegalArgumentException("Dataset.of: x needs a sample axis, got "
                    + (x == null ? "null" : "shape " + Shapes.format(x.shape())));
        }
        return new Dataset(x.contiguous(), null, null, new AtomicLong(), 0, 1);
    }

    /**
     * Reads a numeric CSV file whose first row is a header (skipped), taking column {@code labelColumn}
     * (negative counts from the end: -1 is the last column) as the label and the others as float32 features.
     * Labels are int32 when every label is a whole number (class ids), float32 otherwise. Blank lines are skipped.
     *
     * @throws IOException if the file cannot be read, is empty, has rows of different lengths or a non-numeric cell
     *     (the message gives the line number)
     */
    public static Dataset fromCsv(Path path, int labelColumn) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("Dataset.fromCsv: path is null");
        }
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(path + ": empty file, expected a header row and data rows");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (columns < 0) {
                    columns = cells.length;
                } else if (cells.length != columns) {
                    throw new IOException(path + ":" + lineNo + ": expected " + columns + " columns, got " + cells.length);
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    try {
                        row[c] = Double.parseDouble(cells[c].strip());
                    } catch (NumberFormatException e) {
                        throw new IOException(path + ":" + lineNo + ": column " + c + " is not a number: '" + cells[c] + "'");
                    }
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(path + ": no data rows after the header");
        }
        int label = labelColumn < 0 ? labelColumn + columns : labelColumn;
        if (label < 0 || label >= columns || columns < 2) {
            throw new IllegalArgumentException("Dataset.fromCsv: label column " + labelColumn + " is out of range for "
                    + columns + " columns");
        }
        int m = rows.size();
        int features = columns - 1;
        float[] xs = new float[m * features];
        boolean whole = true;
        for (int i = 0; i < m; i++) {
            double[] row = rows.get(i);
            for (int c = 0, k = 0; c < columns; c++) {
                if (c != label) {
                    xs[i * features + k++] = (float) row[c];
                }
            }
            whole &= row[label] == Math.rint(row[label]) && Math.abs(row[label]) < Integer.MAX_VALUE;
        }
        NDArray labels;
        if (whole) {
            int[] ys = new int[m];
            for (int i = 0; i < m; i++) ys[i] = (int) rows.get(i)[label];
            labels = NDArray.of(ys);
        } else {
            float[] ys = new float[m];
            for (int i = 0; i < m; i++) ys[i] = (float) rows.get(i)[label];
            labels = NDArray.of(ys);
        }
        return of(NDArray.of(xs, m, features), labels);
    }

    /** A dataset that visits the samples in a new seeded order on each pass. */
    public Dataset shuffle(long seed) {
        return new Dataset(x, y, seed, new AtomicLong(), batchSize, repeats);
    }

    /** A dataset of batches of {@code batchSize} consecutive samples; the last batch may be smaller. */
    public Dataset batch(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Dataset.batch: batch size must be positive, got " + batchSize);
        }
        return new Dataset(x, y, seed, passes, batchSize, repeats);
    }

    /** A dataset that repeats its passes forever (iterate with a {@code break}, or give {@code fit} a step count). */
    public Dataset repeat() {
        return new Dataset(x, y, seed, passes, batchSize, -1);
    }

    /** A dataset that makes {@code count} passes in one iteration. */
    public Dataset repeat(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Dataset.repeat: count must be >= 0, got " + count);
        }
        return new Dataset(x, y, seed, passes, batchSize, count);
    }

    /** The features of every sample, in the original order. */
    public NDArray x() {
        return x;
    }

    /** The labels of every sample, in the original order (null without labels). */
    public NDArray y() {
        return y;
    }

    /** The batch size, or 0 when the dataset is not batched. */
    public int batchSize() {
        return batchSize;
    }

    /** Number of samples in one pass. */
    public int size() {
        return n;
    }

    /** Elements (batches, or samples when unbatched) in one iteration; -1 when repeated forever. */
    public long cardinality() {
        if (repeats < 0) {
            return -1;
        }
        long perPass = batchSize == 0 ? n : (n + batchSize - 1) / batchSize;
        return perPass * repeats;
    }

    @Override
    public Iterator<Batch> iterator() {
        return new Iterator<>() {
            private int pass = 0;
            private int[] order = startPass();
            private int next = 0;

            private int[] startPass() {
                if (seed == null) {
                    return null;
                }
                long k = passes.getAndIncrement();
                // SplitMix-style mixing, so passes 0, 1, 2... of one seed give unrelated permutations
                return Rng.seeded(seed * 0x9E3779B97F4A7C15L + k * 0xD1B54A32D192ED03L + 1).permutation(n);
            }

            @Override
            public boolean hasNext() {
                if (repeats == 0 || n == 0) {
                    return false;
                }
                if (next < n) {
                    return true;
                }
                return repeats < 0 || pass + 1 < repeats;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (next >= n) {
                    pass++;
                    next = 0;
                    order = startPass();
                }
                int count = batchSize == 0 ? 1 : Math.min(batchSize, n - next);
                Batch b = take(order, next, count);
                next += count;
                return b;
            }
        };
    }

    private Batch take(int[] order, int start, int count) {
        NDArray bx = rows(x, order, start, count);
        NDArray by = y == null ? null : rows(y, order, start, count);
        if (batchSize == 0) {
            bx = bx.get(0);
            by = by == null ? null : by.get(0);
        }
        return new Batch(bx, by);
    }

    /** Samples {@code order[start..start+count)} of {@code a}: a view when unshuffled, else one gather. */
    private static NDArray rows(NDArray a, int[] order, int start, int count) {
        if (order == null) {
            return a.slice(0, start, start + count, 1);
        }
        return a.gather(NDArray.of(Arrays.copyOfRange(order, start, start + count)), 0);
    }

    @Override
    public String toString() {
        return "Dataset(samples=" + n + ", x=" + Shapes.format(x.shape()) + (y == null ? "" : ", y=" + Shapes.format(y.shape()))
                + (seed == null ? "" : ", shuffle(" + seed + ")") + (batchSize == 0 ? "" : ", batch(" + batchSize + ")")
                + (repeats == 1 ? "" : repeats < 0 ? ", repeat()" : ", repeat(" + repeats + ")") + ")";
    }
}
