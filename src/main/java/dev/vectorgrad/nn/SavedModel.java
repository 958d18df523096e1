package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.losses.CategoricalCrossentropy;
import dev.vectorgrad.nn.losses.CosineSimilarity;
import dev.vectorgrad.nn.losses.Huber;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.AUC;
import dev.vectorgrad.nn.metrics.Accuracy;
import dev.vectorgrad.nn.metrics.BinaryAccuracy;
import dev.vectorgrad.nn.metrics.CategoricalAccuracy;
import dev.vectorgrad.nn.metrics.Mean;
import dev.vectorgrad.nn.metrics.MeanAbsoluteError;
import dev.vectorgrad.nn.metrics.MeanSquaredError;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.metrics.Precision;
import dev.vectorgrad.nn.metrics.Recall;
import dev.vectorgrad.nn.metrics.RootMeanSquaredError;
import dev.vectorgrad.nn.metrics.SparseCategoricalAccuracy;
import dev.vectorgrad.nn.metrics.SparseTopKCategoricalAccuracy;
import dev.vectorgrad.nn.metrics.TopKCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.Adagrad;
import dev.vectorgrad.nn.optimizers.Adam;
import dev.vectorgrad.nn.optimizers.AdamW;
import dev.vectorgrad.nn.optimizers.Adamax;
import dev.vectorgrad.nn.optimizers.Nadam;
import dev.vectorgrad.nn.optimizers.Optimizer;
import dev.vectorgrad.nn.optimizers.RMSprop;
import dev.vectorgrad.nn.optimizers.SGD;
import dev.vectorgrad.nn.optimizers.schedules.CosineDecay;
import dev.vectorgrad.nn.optimizers.schedules.ExponentialDecay;
import dev.vectorgrad.nn.optimizers.schedules.InverseTimeDecay;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import dev.vectorgrad.nn.optimizers.schedules.PiecewiseConstantDecay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The file {@link Model#save} writes and {@link Model#load} reads: a zip archive (as Keras 3's {@code .keras}) holding
 * <ul>
 *   <li>{@code config.json}: {@code format} ("vectorgrad.model"), {@code format_version} (1), the model as
 *       {@code {"class_name", "config", "build_input_shape"}} with every layer nested the same way, the training state
 *       ({@code seed_name}, {@code fit_calls}: so that shuffling after a reload continues as it would have), and
 *       {@code compile} (optimizer class and config, loss, metrics), absent for a model not compiled with built-in
 *       objects;</li>
 *   <li>{@code model.weights.npz}: every variable keyed by {@link Model#weightPaths()} ({@code numpy.load} opens it);</li>
 *   <li>{@code optimizer.npz}: the optimizer's iterations and slots (see {@link Optimizer#state}), when compiled.</li>
 * </ul>
 * Loading refuses another format version or an unknown layer class with an IOException naming it, and never
 * instantiates anything but the registered layer factories and the built-in optimizers, losses and metrics.
 */
final class SavedModel {
    static final String FORMAT = "vectorgrad.model";
    static final int VERSION = 1;
    private static final int MAX_CONFIG_BYTES = 16 << 20;

    static void save(Model model, Path file) throws IOException {
        if (model.variables().isEmpty()) {
            throw new IllegalStateException("save: model \"" + model.name() + "\" has no variables yet; call it once or give "
                    + "its first layer an input size");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.put("model", LayerRegistry.entryOf(model));
        root.put("seed_name", model.seedName());
        root.put("fit_calls", model.fitCalls());
        Map<String, Object> compile = compileConfig(model);
        if (compile != null) {
            root.put("compile", compile);
        }
        Map<String, NDArray> weights = new LinkedHashMap<>();
        model.weightPaths().forEach((k, v) -> weights.put(k, v.readValue()));
        Path tmp = Files.createTempFile("vectorgrad-save", ".npz");
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(Json.write(root).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            Npz.write(tmp, weights);
            zip.putNextEntry(new ZipEntry("model.weights.npz"));
            Files.copy(tmp, zip);
            zip.closeEntry();
            if (compile != null) {
                Npz.write(tmp, model.optimizer().state(model.trainableVariables()));
                zip.putNextEntry(new ZipEntry("optimizer.npz"));
                Files.copy(tmp, zip);
                zip.closeEntry();
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Model load(Path file) throws IOException {
        Entries entries = readZip(file);
        if (entries.config == null) {
            throw new IOException(file + " is not a saved vectorgrad model: it has no config.json");
        }
        if (!(Json.parse(entries.config) instanceof Map<?, ?> root)) {
            throw new IOException(file + ": config.json is not a JSON object");
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new IOException(file + ": config.json has format " + root.get("format") + ", expected \"" + FORMAT + "\"");
        }
        if (!(root.get("format_version") instanceof Number v) || v.longValue() != VERSION) {
            throw new IOException(file + " was saved in format version " + root.get("format_version")
                    + "; this vectorgrad reads version " + VERSION);
        }
        Layer layer = LayerRegistry.fromEntry(root.get("model"));
        if (!(layer instanceof Model model)) {
            throw new IOException(file + ": the saved object is a " + layer.getClass().getSimpleName() + ", not a Model");
        }
        if (entries.weights == null) {
            throw new IOException(file + " has no model.weights.npz");
        }
        try {
            model.assignWeights(entries.weights, file + "!model.weights.npz", "load");
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (root.get("seed_name") instanceof String seedName && root.get("fit_calls") instanceof Number calls) {
            model.restoreFitState(seedName, calls.intValue());
        }
        if (root.get("compile") instanceof Map<?, ?> compile) {
            try {
                compile(model, compile);
            } catch (RuntimeException e) {
                throw new IOException(file + ": cannot restore the compile settings " + compile + ": " + e.getMessage(), e);
            }
            if (entries.optimizer != null) {
                try {
                    model.optimizer().loadState(entries.optimizer, model.trainableVariables());
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + "!optimizer.npz: " + e.getMessage(), e);
                }
            }
        }
        return model;
    }

    /** What a saved model's archive holds; the npz entries are parsed as they stream by (Npz bounds every array). */
    private static final class Entries {
        String config;
        Map<String, NDArray> weights;
        Map<String, NDArray> optimizer;
    }

    private static Entries readZip(Path file) throws IOException {
        Entries out = new Entries();
        boolean any = false;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                any = true;
                switch (e.getName()) {
                    case "config.json" -> {
                        byte[] data = zip.readNBytes(MAX_CONFIG_BYTES + 1);
                        if (data.length > MAX_CONFIG_BYTES) {
                            throw new IOException(file + ": config.json is larger than " + MAX_CONFIG_BYTES + " bytes");
                        }
                        out.config = new String(data, StandardCharsets.UTF_8);
                    }
                    case "model.weights.npz" -> out.weights = Npz.read(zip);
                    case "optimizer.npz" -> out.optimizer = Npz.read(zip);
                    default -> { } // entries of later versions or other tools are ignored
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": corrupt zip data: " + e.getMessage(), e);
        }
        if (!any) {
            throw new IOException(file + " is not a zip archive (a saved vectorgrad model is one)");
        }
        return out;
    }

    // ---- compile settings ----

    private static Map<String, Object> compileConfig(Model model) {
        if (model.optimizer() == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("class_name", model.optimizer().getClass().getSimpleName());
        Map<String, Object> optConfig;
        try {
            optConfig = model.optimizer().getConfig();
        } catch (UnsupportedOperationException e) {
            return null; // a schedule without a config: the model is saved uncompiled
        }
        opt.put("config", optConfig);
        c.put("optimizer", opt);
        Map<String, Object> loss = lossConfig(model.loss());
        if (loss == null || !isBuiltIn(model.optimizer())) {
            return null;
        }
        c.put("loss", loss);
        List<Object> metrics = new ArrayList<>();
        for (Metric m : model.metrics()) {
            Map<String, Object> mc = metricConfig(m);
            if (mc == null) {
                return null;
            }
            metrics.add(mc);
        }
        c.put("metrics", metrics);
        return c;
    }

    private static boolean isBuiltIn(Optimizer o) {
        return o.getClass().getPackage() == Optimizer.class.getPackage();
    }

    private static Map<String, Object> lossConfig(Loss loss) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", loss.getClass().getSimpleName());
        switch (loss) {
            case BinaryCrossentropy b -> {
                c.put("from_logits", b.fromLogits());
                c.put("label_smoothing", b.labelSmoothing());
            }
            case CategoricalCrossentropy b -> {
                c.put("from_logits", b.fromLogits());
                c.put("label_smoothing", b.labelSmoothing());
            }
            case SparseCategoricalCrossentropy b -> c.put("from_logits", b.fromLogits());
            case Huber h -> c.put("delta", h.delta());
            case CosineSimilarity s -> c.put("axis", s.axis());
            default -> {
                if (loss.getClass().getPackage() != Loss.class.getPackage()) {
                    return null;
                }
            }
        }
        return c;
    }

    private static Map<String, Object> metricConfig(Metric m) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", m.getClass().getSimpleName());
        c.put("name", m.name());
        switch (m) {
            case BinaryAccuracy b -> c.put("threshold", b.threshold());
            case Precision p -> c.put("threshold", p.threshold());
            case Recall r -> c.put("threshold", r.threshold());
            case TopKCategoricalAccuracy t -> c.put("k", t.k());
            case SparseTopKCategoricalAccuracy t -> c.put("k", t.k());
            default -> {
                if (m.getClass().getEnclosingClass() == KerasNames.class) {
                    c.put("class_name", "accuracy");
                } else if (m.getClass().getPackage() != Metric.class.getPackage()) {
                    return null;
                }
            }
        }
        return c;
    }

    private static void compile(Model model, Map<?, ?> c) {
        Loss loss = loss(map(c.get("loss")));
        List<Metric> metrics = new ArrayList<>();
        if (c.get("metrics") instanceof List<?> ms) {
            for (Object o : ms) {
                metrics.add(metric(map(o), loss));
            }
        }
        model.compile(optimizer(map(c.get("optimizer"))), loss, metrics.toArray(new Metric[0]));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected an object, got " + o);
        }
        return (Map<String, Object>) m;
    }

    private static double num(Map<String, Object> c, String key) {
        return LayerRegistry.doubleOf(c, key);
    }

    private static boolean bool(Map<String, Object> c, String key) {
        return Boolean.TRUE.equals(c.get(key));
    }

    static Optimizer optimizer(Map<String, Object> o) {
        String cls = String.valueOf(o.get("class_name"));
        Map<String, Object> c = map(o.get("config"));
        Object lrValue = c.get("learning_rate");
        LearningRateSchedule s = lrValue instanceof Map<?, ?> sm ? schedule(map(sm)) : null;
        double lr = s == null ? num(c, "learning_rate") : 0;
        Optimizer opt = switch (cls) {
            case "SGD" -> s != null ? new SGD(s, num(c, "momentum"), bool(c, "nesterov"))
                    : new SGD(lr, num(c, "momentum"), bool(c, "nesterov"));
            case "Adam" -> s != null ? new Adam(s, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"))
                    : new Adam(lr, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"));
            case "AdamW" -> s != null ? new AdamW(s, num(c, "weight_decay"), num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"))
                    : new AdamW(lr, num(c, "weight_decay"), num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"));
            case "Nadam" -> s != null ? new Nadam(s, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"))
                    : new Nadam(lr, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"));
            case "Adamax" -> s != null ? new Adamax(s, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"))
                    : new Adamax(lr, num(c, "beta_1"), num(c, "beta_2"), num(c, "epsilon"));
            case "RMSprop" -> s != null
                    ? new RMSprop(s, num(c, "rho"), num(c, "momentum"), num(c, "epsilon"), bool(c, "centered"))
                    : new RMSprop(lr, num(c, "rho"), num(c, "momentum"), num(c, "epsilon"), bool(c, "centered"));
            case "Adagrad" -> s != null ? new Adagrad(s, num(c, "initial_accumulator_value"), num(c, "epsilon"))
                    : new Adagrad(lr, num(c, "initial_accumulator_value"), num(c, "epsilon"));
            default -> throw new IllegalArgumentException("unknown optimizer class '" + cls + "'");
        };
        if (num(c, "clipnorm") > 0) opt.clipNorm(num(c, "clipnorm"));
        if (num(c, "clipvalue") > 0) opt.clipValue(num(c, "clipvalue"));
        if (num(c, "global_clipnorm") > 0) opt.globalClipNorm(num(c, "global_clipnorm"));
        opt.weightDecay(num(c, "weight_decay"));
        return opt;
    }

    static LearningRateSchedule schedule(Map<String, Object> c) {
        String cls = String.valueOf(c.get("class_name"));
        return switch (cls) {
            case "ExponentialDecay" -> new ExponentialDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"),
                    num(c, "decay_rate"), bool(c, "staircase"));
            case "InverseTimeDecay" -> new InverseTimeDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"),
                    num(c, "decay_rate"), bool(c, "staircase"));
            case "CosineDecay" -> new CosineDecay(num(c, "initial_learning_rate"), (long) num(c, "decay_steps"), num(c, "alpha"));
            case "PiecewiseConstantDecay" -> {
                if (!(c.get("boundaries") instanceof List<?> b) || !(c.get("values") instanceof List<?> v)) {
                    throw new IllegalArgumentException("PiecewiseConstantDecay config needs boundaries and values");
                }
                yield new PiecewiseConstantDecay(b.stream().mapToLong(x -> ((Number) x).longValue()).toArray(),
                        v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray());
            }
            default -> throw new IllegalArgumentException("unknown learning-rate schedule '" + cls + "'");
        };
    }

    private static Loss loss(Map<String, Object> c) {
        String cls = String.valueOf(c.get("class_name"));
        return switch (cls) {
            case "BinaryCrossentropy" -> new BinaryCrossentropy(bool(c, "from_logits"), num(c, "label_smoothing"));
            case "CategoricalCrossentropy" -> new CategoricalCrossentropy(bool(c, "from_logits"), num(c, "label_smoothing"));
            case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(bool(c, "from_logits"));
            case "Huber" -> new Huber(num(c, "delta"));
            case "CosineSimilarity" -> new CosineSimilarity((int) num(c, "axis"));
            case "MeanSquaredError" -> new dev.vectorgrad.nn.losses.MeanSquaredError();
            case "MeanAbsoluteError" -> new dev.vectorgrad.nn.losses.MeanAbsoluteError();
            case "LogCosh" -> new dev.vectorgrad.nn.losses.LogCosh();
            case "KLDivergence" -> new dev.vectorgrad.nn.losses.KLDivergence();
            case "Hinge" -> new dev.vectorgrad.nn.losses.Hinge();
            case "Poisson" -> new dev.vectorgrad.nn.losses.Poisson();
            default -> throw new IllegalArgumentException("unknown loss class '" + cls + "'");
        };
    }

    private static Metric metric(Map<String, Object> c, Loss loss) {
        String cls = String.valueOf(c.get("class_name"));
        String name = String.valueOf(c.get("name"));
        return switch (cls) {
            case "accuracy" -> KerasNames.metric(name, null);
            case "BinaryAccuracy" -> new BinaryAccuracy(name, num(c, "threshold"));
            case "Accuracy" -> new Accuracy(name);
            case "CategoricalAccuracy" -> new CategoricalAccuracy(name);
            case "SparseCategoricalAccuracy" -> new SparseCategoricalAccuracy(name);
            case "TopKCategoricalAccuracy" -> new TopKCategoricalAccuracy((int) num(c, "k"));
            case "SparseTopKCategoricalAccuracy" -> new SparseTopKCategoricalAccuracy((int) num(c, "k"));
            case "Precision" -> new Precision(num(c, "threshold"));
            case "Recall" -> new Recall(num(c, "threshold"));
            case "AUC" -> new AUC();
            case "MeanSquaredError" -> new MeanSquaredError(name);
            case "MeanAbsoluteError" -> new MeanAbsoluteError(name);
            case "RootMeanSquaredError" -> new RootMeanSquaredError();
            case "Mean" -> new Mean(name);
            default -> throw new IllegalArgumentException("unknown metric class '" + cls + "'");
        };
    }

    private SavedModel() {}
}
