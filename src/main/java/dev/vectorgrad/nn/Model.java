package dev.vectorgrad.nn;

import dev.vectorgrad.ArrayScope;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.nn.callbacks.Callback;
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
 * <p>A masked output (an {@code Embedding(maskZero)} before a returnSequences LSTM, say) weights the loss and the
 * metrics as in Keras 3: masked entries count for nothing, the loss is {@code Σ unmasked losses / unmasked count}
 * (Keras's {@code sum_over_batch_size} with the mask turned into weights {@code mask · size / Σ mask}, 0 when
 * nothing is unmasked) and each metric is the mean over the unmasked entries. Deliberate difference: Keras 3 skips
 * the masked entries only in its mean metrics (accuracies, errors) and still counts them in {@code Precision},
 * {@code Recall}, {@code AUC} and {@code RootMeanSquaredError}; here every built-in metric skips them, because
 * padding is not data.
 *
 * <p>{@link #saveWeights}/{@link #loadWeights} store every variable in a NumPy {@code .npz} archive keyed by its
 * place in the model's structure ({@code layers/dense/vars/0}, ..., see {@link #weightPaths()}), which
 * {@code numpy.load} opens; loading checks that the file has exactly this model's keys with the same shapes and fails
 * naming the first difference.
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
    private String stopReason;
    private String seedName;
    private java.util.function.Consumer<String> notes;

    /** A model named after its class. */
    protected Model() {}

    /**
     * A functional model from symbolic inputs to outputs (Keras's {@code keras.Model(inputs, outputs)}):
     * {@code var in = Input.of(4); var out = new Dense(2).apply(new Dense(8, RELU).apply(in)); Model.of(in, out)}.
     *
     * @throws IllegalArgumentException if an output depends on an input not listed
     */
    public static Model of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        checkTensors("inputs", inputs);
        checkTensors("outputs", outputs);
        return new Functional(inputs, outputs);
    }

    /** Raw or unchecked lists may hold anything: say which element is not a KerasTensor rather than fail on a cast. */
    private static void checkTensors(String arg, List<?> tensors) {
        dev.vectorgrad.ndarray.Args.nonNull(tensors, arg);
        for (int i = 0; i < tensors.size(); i++) {
            if (!(tensors.get(i) instanceof KerasTensor)) {
                throw new IllegalArgumentException("Model.of: " + arg + "[" + i + "] must be a KerasTensor (from Input.of or "
                        + "Layer.apply), got " + (tensors.get(i) == null ? "null" : tensors.get(i).getClass().getSimpleName()));
            }
        }
    }

    /** A functional model of one input and one output. */
    public static Model of(KerasTensor input, KerasTensor output) {
        dev.vectorgrad.ndarray.Args.nonNull(input, "input");
        dev.vectorgrad.ndarray.Args.nonNull(output, "output");
        return new Functional(List.of(input), List.of(output));
    }

    /** A model with this exact name. */
    protected Model(String name) {
        super(name);
    }

    /** Chooses how {@link #fit} trains and what it and {@link #evaluate} report. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile: " + (optimizer == null ? "optimizer" : "loss") + " is null");
        }
        if (metrics == null) {
            throw new IllegalArgumentException("compile: metrics is null (pass no metrics, not a null array)");
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

    /**
     * {@link #compile(Optimizer, Loss, Metric...)} by Keras's names: optimizers {@code "adam"}, {@code "sgd"},
     * {@code "rmsprop"}, {@code "adagrad"}, {@code "adamw"}, {@code "nadam"}, {@code "adamax"} (Keras's defaults);
     * losses {@code "mse"}, {@code "mae"}, {@code "binary_crossentropy"}, {@code "categorical_crossentropy"},
     * {@code "sparse_categorical_crossentropy"}, {@code "huber"}, {@code "log_cosh"}, {@code "kl_divergence"},
     * {@code "cosine_similarity"}, {@code "hinge"}, {@code "poisson"}; metrics {@code "accuracy"} (resolved from the loss
     * as Keras does: binary, categorical or sparse categorical accuracy, by the shapes when the loss does not say),
     * {@code "mse"}, {@code "mae"}, {@code "precision"}, {@code "recall"}, {@code "auc"} and the metric classes' own
     * names. Metrics are logged under the names written.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public void compile(String optimizer, String loss, String... metrics) {
        Optimizer o = KerasNames.optimizer(optimizer);
        Loss l = KerasNames.loss(loss);
        Metric[] ms = new Metric[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            ms[i] = KerasNames.metric(metrics[i], l);
        }
        compile(o, l, ms);
    }

    /** The optimizer given to {@code compile}, or null before. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss given to {@code compile}, or null before. */
    public Loss loss() {
        return loss;
    }

    /** The metrics given to {@code compile}, in order (read-only). */
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
        return fit(shuffled(x, y, batchSize), epochs, Dataset.of(xVal, yVal).batch(batchSize));
    }

    /**
     * Keras's {@code fit(x, y, epochs, batch_size, validation_split, callbacks)}: the last {@code validationSplit} of the
     * samples (taken before shuffling, {@code floor(n · (1 − split))} samples kept for training, as Keras splits) are
     * held out and evaluated after each epoch as {@code val_} entries; the rest is trained on in shuffled batches.
     *
     * @throws IllegalArgumentException if {@code validationSplit} is outside [0, 1) or leaves no sample on either side
     */
    public History fit(NDArray x, NDArray y, int epochs, int batchSize, double validationSplit, Callback... callbacks) {
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("fit: validationSplit must be in [0, 1), got " + validationSplit);
        }
        if (x == null || y == null) {
            throw new IllegalArgumentException("fit: " + (x == null ? "x" : "y") + " is null");
        }
        if (validationSplit == 0) {
            return fit(shuffled(x, y, batchSize), epochs, null, callbacks);
        }
        if (x.rank() == 0) {
            throw new IllegalArgumentException("fit: validationSplit needs x with a batch axis, got a scalar");
        }
        int n = x.shape()[0];
        int splitAt = (int) Math.floor(n * (1.0 - validationSplit));
        if (splitAt <= 0 || splitAt >= n) {
            throw new IllegalArgumentException("fit: validationSplit " + validationSplit + " of " + n + " samples leaves "
                    + splitAt + " for training and " + (n - splitAt) + " for validation; both need at least one");
        }
        NDArray xTrain = x.slice(0, 0, splitAt, 1);
        NDArray yTrain = y.slice(0, 0, splitAt, 1);
        Dataset validation = Dataset.of(x.slice(0, splitAt, n, 1), y.slice(0, splitAt, n, 1)).batch(batchSize);
        return fit(shuffled(xTrain, yTrain, batchSize), epochs, validation, callbacks);
    }

    /** Trains for {@code epochs} passes over a batched dataset (shuffle it yourself, as with {@code tf.data}). */
    public History fit(Dataset data, int epochs) {
        return fit(data, epochs, null);
    }

    /**
     * Trains for {@code epochs} passes over a batched dataset, evaluating on {@code validation} (null for none) after
     * each epoch, calling {@code callbacks} as Keras calls them. A callback may stop training
     * ({@link #stopTraining(String)}): the current epoch then finishes and is recorded, and training ends.
     */
    public History fit(Dataset data, int epochs, Dataset validation, Callback... callbacks) {
        requireCompiled("fit");
        checkDataset("fit", data);
        if (validation != null) {
            checkDataset("fit (validation data)", validation);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
        }
        List<Callback> cbs = new ArrayList<>();
        for (Callback c : callbacks == null ? new Callback[0] : callbacks) { // null: none, as Keras's callbacks=None
            if (c == null) {
                throw new IllegalArgumentException("fit: a callback is null");
            }
            c.setModel(this);
            cbs.add(c);
        }
        stopReason = null;
        History history = new History();
        ProgressBar bar = new ProgressBar(System.out, verbose, epochs);
        notes = bar::note;
        try {
            Map<String, Double> trainLogs = new LinkedHashMap<>();
            for (Callback c : cbs) c.onTrainBegin(trainLogs);
            double lastRate = optimizer.learningRate();
            for (int epoch = 0; epoch < epochs && stopReason == null; epoch++) {
                Map<String, Double> logs = new LinkedHashMap<>();
                for (Callback c : cbs) c.onEpochBegin(epoch, logs);
                for (Metric m : metrics) m.reset();
                double lossSum = 0;
                long seen = 0;
                long step = 0;
                bar.startEpoch(epoch + 1, data.cardinality());
                for (Dataset.Batch b : data) {
                    if (b.y() == null) {
                        throw new IllegalArgumentException("fit: the dataset has no labels");
                    }
                    int n = b.x().shape()[0];
                    lossSum += trainStep(b.x(), b.y()) * n;
                    seen += n;
                    logs = logs(lossSum / seen, "");
                    for (Callback c : cbs) c.onTrainBatchEnd((int) step, logs);
                    step++;
                    bar.step(step, logs);
                    if (stopReason != null) {
                        break;
                    }
                }
                if (validation != null) {
                    logs.putAll(prefixed(evaluateQuietly(validation), "val_"));
                }
                double rate = optimizer.learningRate();
                for (Callback c : cbs) c.onEpochEnd(epoch, logs);
                if (rate != lastRate && !logs.containsKey("learning_rate")) {
                    logs.put("learning_rate", rate); // a schedule or a callback changed it: show the rate this epoch used
                }
                lastRate = rate;
                history.append(logs);
                bar.endEpoch(step, logs);
                trainLogs = logs;
            }
            if (stopReason != null) {
                bar.note(stopReason);
            }
            for (Callback c : cbs) c.onTrainEnd(trainLogs);
        } finally {
            notes = null;
        }
        history.setStopReason(stopReason);
        return history;
    }

    /**
     * Asks {@code fit} to stop after the current batch's epoch (Keras's {@code model.stop_training = True});
     * {@code reason} is printed and kept in {@link History#stopReason()}.
     */
    public void stopTraining(String reason) {
        this.stopReason = reason == null ? "training stopped" : reason;
    }

    /** Whether a callback asked the running {@code fit} to stop. */
    public boolean stopTrainingRequested() {
        return stopReason != null;
    }

    /** Prints a callback's message on its own line of the training display (nothing when verbose is 0). */
    public void note(String message) {
        if (notes != null) {
            notes.accept(message);
        } else if (verbose > 0) {
            System.out.println(message);
        }
    }

    /** Copies of every variable's value, in {@link #variables()} order (Keras's {@code get_weights}). */
    public List<NDArray> getWeights() {
        List<NDArray> out = new ArrayList<>();
        for (Variable v : variables()) {
            out.add(v.readValue());
        }
        return out;
    }

    /**
     * Assigns {@code weights} to the variables in {@link #variables()} order (Keras's {@code set_weights}).
     *
     * @throws IllegalArgumentException if the count or a shape differs
     */
    public void setWeights(List<NDArray> weights) {
        List<Variable> vars = variables();
        if (weights == null || weights.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights: model \"" + name() + "\" has " + vars.size() + " variables, got "
                    + (weights == null ? "null" : weights.size() + " arrays"));
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!Arrays.equals(weights.get(i).shape(), vars.get(i).shape())) {
                throw new IllegalArgumentException("setWeights: variable '" + vars.get(i).name() + "' has shape "
                        + Shapes.format(vars.get(i).shape()) + ", got " + Shapes.format(weights.get(i).shape()));
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(weights.get(i).cast(vars.get(i).dtype()));
        }
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
        // A step scope: the step's arrays on the weights die with it, so the optimizer may reuse weight buffers;
        // and an array scope: every array the step makes dies with it too (only the loss leaves, as a double), so the
        // next step's activations and gradients reuse this step's warm buffers.
        try (Leases.Scope scope = Leases.open(); ArrayScope arrays = NDArray.scope()) {
            return trainStepInScope(x, y);
        }
    }

    private double trainStepInScope(NDArray x, NDArray y) {
        GradientTape tape = new GradientTape();
        NDArray pred;
        NDArray predMask;
        NDArray lossValue;
        try (tape) {
            Masks.Masked out = applyMasked(x, true, null);
            pred = out.output();
            predMask = out.mask();
            lossValue = loss.call(y, pred, Masks.lossWeights(predMask, pred.dtype()));
        }
        List<Variable> vars = trainableVariables();
        if (vars.isEmpty()) {
            throw new IllegalStateException("fit: model \"" + name() + "\" has no trainable variables");
        }
        List<NDArray> grads = tape.gradient(lossValue, vars);
        optimizer.applyGradients(grads, vars);
        for (Metric m : metrics) {
            m.updateState(y, pred, predMask);
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
            // one array scope per batch: predictions and losses leave it only as doubles (item(), metric totals)
            try (ArrayScope arrays = NDArray.scope()) {
                Masks.Masked out = applyMasked(b.x(), false, null);
                NDArray pred = out.output();
                int n = b.x().shape()[0];
                lossSum += loss.call(b.y(), pred, Masks.lossWeights(out.mask(), pred.dtype())).item() * n;
                seen += n;
                for (Metric m : metrics) m.updateState(b.y(), pred, out.mask());
            }
        }
        Map<String, Double> out = logs(seen == 0 ? 0 : lossSum / seen, "");
        for (Metric m : metrics) m.reset();
        return out;
    }

    // ---- masking: the output's mask reaches the loss and the metrics ----

    /**
     * The output for {@code x} and the mask it carries, for the loss and the metrics and for a model nested in
     * another. A subclassed model's is its {@link #computeMask}; {@link Sequential} and functional models give
     * the mask their last layer produced.
     */
    Masks.Masked applyMasked(NDArray x, boolean training, NDArray mask) {
        NDArray out = apply(x, training, mask);
        return new Masks.Masked(out, computeMask(x, mask));
    }

    /** The model's output for {@code x} with {@code training = false}. */
    public NDArray predict(NDArray x) {
        return apply(x, false);
    }

    // ------------------------------------------------------------------------------------------
    // Weights on disk
    // ------------------------------------------------------------------------------------------

    /**
     * The layers this model is made of, in order (Keras's {@code model.layers}); a subclassed model that does not
     * override this has none listed, and its weights are then addressed by their position in {@link #variables()}.
     */
    public List<Layer> layers() {
        return List.of();
    }

    /**
     * Every variable keyed by its place in the model's structure, as Keras 3 keys a {@code .weights.h5} file:
     * {@code layers/<layer>/vars/<i>}, where {@code <layer>} is the snake-cased class name made unique by position
     * within the model ({@code dense}, {@code dense_1}, ... however the layers themselves are named) and {@code i}
     * counts the layer's variables; a model without {@link #layers()} uses {@code vars/<i>}. Two models built by the
     * same code have the same keys, so weights saved from one load into the other, in the same JVM or not.
     */
    public Map<String, Variable> weightPaths() {
        Map<String, Variable> out = new LinkedHashMap<>();
        List<Layer> ls = layers();
        if (ls.isEmpty()) {
            List<Variable> vars = variables();
            for (int i = 0; i < vars.size(); i++) {
                out.put("vars/" + i, vars.get(i));
            }
            return out;
        }
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Layer l : ls) {
            String base = snakeCase(l.getClass().getSimpleName().isEmpty() ? "Layer" : l.getClass().getSimpleName());
            int k = used.merge(base, 1, Integer::sum) - 1;
            String key = "layers/" + (k == 0 ? base : base + "_" + k) + "/vars/";
            List<Variable> vars = l.variables();
            for (int i = 0; i < vars.size(); i++) {
                out.putIfAbsent(key + i, vars.get(i));
            }
        }
        return out;
    }

    /**
     * Writes every variable to {@code file} as a NumPy {@code .npz} archive keyed by its place in the model's
     * structure (see {@link #weightPaths()}), which {@code numpy.load} opens.
     *
     * @throws IllegalStateException if the model has no variables yet (not built)
     */
    public void saveWeights(Path file) throws IOException {
        Map<String, Variable> paths = weightPaths();
        if (paths.isEmpty()) {
            throw new IllegalStateException("saveWeights: model \"" + name() + "\" has no variables yet; call it once "
                    + "or give its first layer an input size");
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        paths.forEach((k, v) -> arrays.put(k, v.readValue()));
        Npz.write(file, arrays);
    }

    /**
     * Reads weights written by {@link #saveWeights} into this model's variables, matching them by the model's
     * structure (layer order), not by the layers' global names; files keyed by variable name (written by earlier
     * versions) are read by name.
     *
     * @throws IOException if the file cannot be read or is not an {@code .npz} archive
     * @throws IllegalArgumentException if its keys or shapes differ from this model's (nothing is assigned then)
     */
    public void loadWeights(Path file) throws IOException {
        Map<String, Variable> paths = weightPaths();
        if (paths.isEmpty()) {
            throw new IllegalStateException("loadWeights: model \"" + name() + "\" has no variables yet; call it once "
                    + "or give its first layer an input size, then load");
        }
        assignWeights(Npz.read(file), file.toString(), "loadWeights");
    }

    /** Assigns {@code arrays} (keyed as {@link #weightPaths()}) after checking every key and shape. */
    void assignWeights(Map<String, NDArray> arrays, String source, String what) {
        Map<String, Variable> paths = weightPaths();
        if (!arrays.keySet().containsAll(paths.keySet())) {
            Map<String, Variable> byName = new LinkedHashMap<>();
            for (Variable v : paths.values()) {
                byName.put(v.name(), v);
            }
            if (arrays.keySet().equals(byName.keySet())) {
                paths = byName; // a file keyed by variable names, as saveWeights wrote before structural keys
            }
        }
        for (Map.Entry<String, Variable> e : paths.entrySet()) {
            NDArray a = arrays.get(e.getKey());
            Variable v = e.getValue();
            if (a == null) {
                throw new IllegalArgumentException(what + ": " + source + " has no array for '" + e.getKey() + "' (variable '"
                        + v.name() + "'); the file holds " + arrays.keySet() + ", the model needs " + paths.keySet());
            }
            if (!Arrays.equals(a.shape(), v.shape())) {
                throw new IllegalArgumentException(what + ": " + source + ": '" + e.getKey() + "' (variable '" + v.name()
                        + "') has shape " + Shapes.format(v.shape()) + " but the file holds shape " + Shapes.format(a.shape()));
            }
        }
        for (String key : arrays.keySet()) {
            if (!paths.containsKey(key)) {
                throw new IllegalArgumentException(what + ": " + source + " holds '" + key + "', which this model does "
                        + "not have; the model's weights are " + paths.keySet());
            }
        }
        paths.forEach((k, v) -> v.assign(arrays.get(k).cast(v.dtype())));
    }

    // ------------------------------------------------------------------------------------------
    // Whole model on disk
    // ------------------------------------------------------------------------------------------

    /**
     * Writes the whole model to one file: architecture (every layer's {@link Layer#getConfig()}), weights, and the
     * compile settings with the optimizer's state, so that {@link #load} gives a model that predicts identically and
     * whose training continues exactly as this one's would. The file is a zip archive holding {@code config.json}
     * (format {@code vectorgrad.model}, version 1), {@code model.weights.npz} (keyed as {@link #weightPaths()}; numpy
     * reads it) and {@code optimizer.npz}. A model compiled with a custom loss, metric or optimizer is saved without
     * its compile settings (load it, then compile again).
     *
     * @throws IllegalStateException if the model is not built yet
     * @throws UnsupportedOperationException if a layer has no {@link Layer#getConfig()}
     */
    public void save(Path file) throws IOException {
        dev.vectorgrad.ndarray.Args.nonNull(file, "file");
        SavedModel.save(this, file);
    }

    /**
     * Reads a model written by {@link #save}. Layers are rebuilt only through the built-in factories and those given to
     * {@link Layer#register}; nothing else named by the file is ever instantiated.
     *
     * @throws IOException if the file is unreadable, not a saved model, from another format version, or names a layer
     *     class that is not registered (each says which)
     */
    public static Model load(Path file) throws IOException {
        dev.vectorgrad.ndarray.Args.nonNull(file, "file");
        return SavedModel.load(file);
    }

    /**
     * Keras 3's {@code model.summary()} table, returned rather than printed: each layer's name and type, output shape
     * ({@code None} for the batch axis, {@code ?} before it is built) and parameter count, then total, trainable and
     * non-trainable parameters with their size in bytes.
     */
    public String summary() {
        return Summary.of(this);
    }

    /** The name the fit shuffle seeds derive from: the model's name, kept across save and load. */
    String seedName() {
        return seedName != null ? seedName : name();
    }

    int fitCalls() {
        return fitCalls;
    }

    void restoreFitState(String seedName, int fitCalls) {
        this.seedName = seedName;
        this.fitCalls = fitCalls;
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
        return Dataset.of(x, y).shuffle(seedFor(seedName() + "/fit/" + fitCalls++)).batch(batchSize);
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
