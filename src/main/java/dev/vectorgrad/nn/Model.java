package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.ndarray.Shapes;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.optimizers.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layer that can be trained: Keras's {@code Model}. Subclass it and implement {@code call}, or use
 * {@link Sequential}.
 *
 * <p>{@link #compile} chooses the optimizer, loss and metrics; {@link #fit} runs epochs of training steps, each
 * {@code forward (training = true) → loss → tape gradient → optimizer.applyGradients}, and returns a
 * {@link History}. Logged values follow Keras 3: {@code loss} is the mean of the batch losses weighted by batch
 * size over the epoch so far, metrics accumulate over the epoch from each batch's forward pass (before that
 * batch's update), and validation values get a {@code val_} prefix. Progress goes to {@code System.out}: a live bar
 * on a terminal, one line per epoch otherwise (see {@link #setVerbose}).
 *
 * <p>{@link #saveWeights}/{@link #loadWeights} store every variable in a NumPy {@code .npz} archive keyed by the
 * variable's name ({@code dense/kernel:0}, ...), which {@code numpy.load} opens; loading checks that the file has
 * exactly this model's names with the same shapes and fails naming the first difference.
 *
 * <p>Deliberate differences from Keras: {@code fit(x, y, ...)} shuffles with a seed derived from
 * {@link Layer#setSeed the global seed}, the model's name and the number of earlier {@code fit} calls, so training
 * is reproducible by default; {@link #predict} runs the whole input as one batch (Keras splits it into batches of
 * 32; the results are the same).
 */
public abstract class Model extends Layer {
    private static final int EVALUATE_BATCH_SIZE = 32; // Keras's default batch size for evaluate

    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();
    private int verbose = 1;
    private int fitCalls;

    protected Model() {}

    protected Model(String name) {
        super(name);
    }

    /** Chooses how {@link #fit} trains and what it and {@link #evaluate} report. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile: " + (optimizer == null ? "optimizer" : "loss") + " is null");
        }
        List<Metric> ms = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>(Set.of("loss"));
        for (Metric m : metrics) {
            if (m == null) {
                throw new IllegalArgumentException("compile: a metric is null");
            }
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("compile: two metrics are named '" + m.name() + "'");
            }
            ms.add(m);
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = Collections.unmodifiableList(ms);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** 0: print nothing; 1 (default): a live progress bar on a terminal, else one line per epoch; 2: one line per epoch. */
    public void setVerbose(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("setVerbose: level must be 0, 1 or 2, got " + level);
        }
        this.verbose = level;
    }

    // ------------------------------------------------------------------------------------------
    // Training
    // ------------------------------------------------------------------------------------------

    /** Trains for {@code epochs} passes over {@code (x, y)} in shuffled batches of {@code batchSize}. */
    public History fit(NDArray x, NDArray y, int epochs, int batchSize) {
        return fit(shuffled(x, y, batchSize), epochs, null);
    }

    /** As {@link #fit(NDArray, NDArray, int, int)}, evaluating on {@code (xVal, yVal)} after each epoch. */
    public History fit(NDArray x, NDArray y, int epochs, int batchSize, NDArray xVal, NDArray yVal) {
        return fit(shuffled(x, y, batchSize), epochs, Dataset.of(xVal, yVal).batch(EVALUATE_BATCH_SIZE));
    }

    /** Trains for {@code epochs} passes over a batched dataset (shuffle it yourself, as with {@code tf.data}). */
    public History fit(Dataset data, int epochs) {
        return fit(data, epochs, null);
    }

    /** As {@link #fit(Dataset, int)}, evaluating on {@code validation} (null for none) after each epoch. */
    public History fit(Dataset data, int epochs, Dataset validation) {
        requireCompiled("fit");
        checkDataset("fit", data);
        if (validation != null) {
            checkDataset("fit (validation data)", validation);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
        }
        History history = new History();
        ProgressBar bar = new ProgressBar(System.out, verbose, epochs);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (Metric m : metrics) m.reset();
            double lossSum = 0;
            long seen = 0;
            long step = 0;
            bar.startEpoch(epoch, data.cardinality());
            Map<String, Double> logs = new LinkedHashMap<>();
            for (Dataset.Batch b : data) {
                if (b.y() == null) {
                    throw new IllegalArgumentException("fit: the dataset has no labels");
                }
                int n = b.x().shape()[0];
                lossSum += trainStep(b.x(), b.y()) * n;
                seen += n;
                step++;
                logs = logs(lossSum / seen, "");
                bar.step(step, logs);
            }
            if (validation != null) {
                logs.putAll(prefixed(evaluateQuietly(validation), "val_"));
            }
            history.append(logs);
            bar.endEpoch(step, logs);
        }
        return history;
    }

    /**
     * One training step on one batch, as {@code fit} takes it (Keras's {@code train_on_batch}); the compiled metrics
     * are updated with this batch's predictions. Returns the batch's loss.
     */
    public double trainOnBatch(NDArray x, NDArray y) {
        requireCompiled("trainOnBatch");
        return trainStep(x, y);
    }

    private double trainStep(NDArray x, NDArray y) {
        // A step scope: the step's arrays on the weights die with it, so the optimizer may reuse weight buffers.
        try (Leases.Scope scope = Leases.open()) {
            return trainStepInScope(x, y);
        }
    }

    private double trainStepInScope(NDArray x, NDArray y) {
        GradientTape tape = new GradientTape();
        NDArray pred;
        NDArray lossValue;
        try (tape) {
            pred = apply(x, true);
            lossValue = loss.call(y, pred);
        }
        List<Variable> vars = trainableVariables();
        if (vars.isEmpty()) {
            throw new IllegalStateException("fit: model \"" + name() + "\" has no trainable variables");
        }
        List<NDArray> grads = tape.gradient(lossValue, vars);
        optimizer.applyGradients(grads, vars);
        for (Metric m : metrics) {
            m.updateState(y, pred);
        }
        return lossValue.item();
    }

    // ------------------------------------------------------------------------------------------
    // Inference
    // ------------------------------------------------------------------------------------------

    /** The loss and every compiled metric over {@code (x, y)}, in batches of 32, keyed {@code loss}, {@code accuracy}, ... */
    public Map<String, Double> evaluate(NDArray x, NDArray y) {
        return evaluate(Dataset.of(x, y).batch(EVALUATE_BATCH_SIZE));
    }

    /** The loss and every compiled metric over a batched dataset. */
    public Map<String, Double> evaluate(Dataset data) {
        requireCompiled("evaluate");
        checkDataset("evaluate", data);
        Map<String, Double> out = evaluateQuietly(data);
        if (verbose > 0) {
            StringBuilder b = new StringBuilder("evaluate");
            out.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " - %s: %.4f", k, v)));
            System.out.println(b);
        }
        return out;
    }

    private Map<String, Double> evaluateQuietly(Dataset data) {
        for (Metric m : metrics) m.reset();
        double lossSum = 0;
        long seen = 0;
        for (Dataset.Batch b : data) {
            NDArray pred = apply(b.x(), false);
            int n = b.x().shape()[0];
            lossSum += loss.call(b.y(), pred).item() * n;
            seen += n;
            for (Metric m : metrics) m.updateState(b.y(), pred);
        }
        Map<String, Double> out = logs(seen == 0 ? 0 : lossSum / seen, "");
        for (Metric m : metrics) m.reset();
        return out;
    }

    /** The model's output for {@code x} with {@code training = false}. */
    public NDArray predict(NDArray x) {
        return apply(x, false);
    }

    // ------------------------------------------------------------------------------------------
    // Weights on disk
    // ------------------------------------------------------------------------------------------

    /** Writes every variable to {@code file} as a NumPy {@code .npz} archive keyed by variable name. */
    public void saveWeights(Path file) throws IOException {
        List<Variable> vars = variables();
        if (vars.isEmpty()) {
            throw new IllegalStateException("saveWeights: model \"" + name() + "\" has no variables yet; call it once "
                    + "or give its first layer an input size");
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Variable v : vars) {
            if (arrays.put(v.name(), v.readValue()) != null) {
                throw new IllegalStateException("saveWeights: two variables are named '" + v.name()
                        + "'; names must be unique to be saved");
            }
        }
        Npz.write(file, arrays);
    }

    /**
     * Reads weights written by {@link #saveWeights} into this model's variables.
     *
     * @throws IOException if the file cannot be read or is not an {@code .npz} archive
     * @throws IllegalArgumentException if its names or shapes differ from this model's (nothing is assigned then)
     */
    public void loadWeights(Path file) throws IOException {
        List<Variable> vars = variables();
        if (vars.isEmpty()) {
            throw new IllegalStateException("loadWeights: model \"" + name() + "\" has no variables yet; call it once "
                    + "or give its first layer an input size, then load");
        }
        Map<String, NDArray> arrays = Npz.read(file);
        List<String> expected = vars.stream().map(Variable::name).toList();
        for (Variable v : vars) {
            NDArray a = arrays.get(v.name());
            if (a == null) {
                throw new IllegalArgumentException("loadWeights: " + file + " has no array for variable '" + v.name()
                        + "'; the file holds " + arrays.keySet() + ", the model needs " + expected);
            }
            if (!Arrays.equals(a.shape(), v.shape())) {
                throw new IllegalArgumentException("loadWeights: " + file + ": variable '" + v.name() + "' has shape "
                        + Shapes.format(v.shape()) + " but the file holds shape " + Shapes.format(a.shape()));
            }
        }
        for (String key : arrays.keySet()) {
            if (!expected.contains(key)) {
                throw new IllegalArgumentException("loadWeights: " + file + " holds '" + key + "', which this model does "
                        + "not have; the model's variables are " + expected);
            }
        }
        for (Variable v : vars) {
            v.assign(arrays.get(v.name()).cast(v.dtype()));
        }
    }

    // ------------------------------------------------------------------------------------------

    private Map<String, Double> logs(double meanLoss, String prefix) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put(prefix + "loss", meanLoss);
        for (Metric m : metrics) {
            logs.put(prefix + m.name(), m.result());
        }
        return logs;
    }

    private static Map<String, Double> prefixed(Map<String, Double> logs, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        logs.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private Dataset shuffled(NDArray x, NDArray y, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("fit: batch size must be positive, got " + batchSize);
        }
        return Dataset.of(x, y).shuffle(seedFor(name() + "/fit/" + fitCalls++)).batch(batchSize);
    }

    private void requireCompiled(String what) {
        if (optimizer == null) {
            throw new IllegalStateException(what + ": model \"" + name() + "\" must be compiled first: "
                    + "call compile(optimizer, loss, metrics...)");
        }
    }

    private static void checkDataset(String what, Dataset data) {
        if (data == null) {
            throw new IllegalArgumentException(what + ": dataset is null");
        }
        if (data.batchSize() == 0) {
            throw new IllegalArgumentException(what + ": the dataset is not batched; call .batch(n) on it first");
        }
        if (data.cardinality() < 0) {
            throw new IllegalArgumentException(what + ": the dataset repeats forever, so an epoch would never end");
        }
    }
}
