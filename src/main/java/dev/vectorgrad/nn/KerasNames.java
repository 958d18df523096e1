package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.nn.losses.BinaryCrossentropy;
import dev.vectorgrad.nn.losses.CategoricalCrossentropy;
import dev.vectorgrad.nn.losses.CosineSimilarity;
import dev.vectorgrad.nn.losses.Hinge;
import dev.vectorgrad.nn.losses.Huber;
import dev.vectorgrad.nn.losses.KLDivergence;
import dev.vectorgrad.nn.losses.LogCosh;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.MeanAbsoluteError;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.losses.Poisson;
import dev.vectorgrad.nn.losses.SparseCategoricalCrossentropy;
import dev.vectorgrad.nn.metrics.AUC;
import dev.vectorgrad.nn.metrics.BinaryAccuracy;
import dev.vectorgrad.nn.metrics.CategoricalAccuracy;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keras's string identifiers for {@code compile("adam", "sparse_categorical_crossentropy", "accuracy")}: each name
 * gives a fresh object with Keras's defaults. An unknown name fails listing the known ones.
 */
final class KerasNames {

    private static final Map<String, Supplier<Optimizer>> OPTIMIZERS = new LinkedHashMap<>();
    private static final Map<String, Supplier<Loss>> LOSSES = new LinkedHashMap<>();
    private static final Map<String, Function<String, Metric>> METRICS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("adam", Adam::new);
        OPTIMIZERS.put("sgd", SGD::new);
        OPTIMIZERS.put("rmsprop", RMSprop::new);
        OPTIMIZERS.put("adagrad", Adagrad::new);
        OPTIMIZERS.put("adamw", AdamW::new);
        OPTIMIZERS.put("nadam", Nadam::new);
        OPTIMIZERS.put("adamax", Adamax::new);

        LOSSES.put("mse", MeanSquaredError::new);
        LOSSES.put("mean_squared_error", MeanSquaredError::new);
        LOSSES.put("mae", MeanAbsoluteError::new);
        LOSSES.put("mean_absolute_error", MeanAbsoluteError::new);
        LOSSES.put("binary_crossentropy", BinaryCrossentropy::new);
        LOSSES.put("categorical_crossentropy", CategoricalCrossentropy::new);
        LOSSES.put("sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new);
        LOSSES.put("huber", Huber::new);
        LOSSES.put("log_cosh", LogCosh::new);
        LOSSES.put("kl_divergence", KLDivergence::new);
        LOSSES.put("kld", KLDivergence::new);
        LOSSES.put("cosine_similarity", CosineSimilarity::new);
        LOSSES.put("hinge", Hinge::new);
        LOSSES.put("poisson", Poisson::new);

        METRICS.put("accuracy", null); // resolved from the loss or the shapes, see metric()
        METRICS.put("acc", null);
        METRICS.put("binary_accuracy", n -> new BinaryAccuracy(n, 0.5));
        METRICS.put("categorical_accuracy", CategoricalAccuracy::new);
        METRICS.put("sparse_categorical_accuracy", SparseCategoricalAccuracy::new);
        METRICS.put("top_k_categorical_accuracy", n -> new TopKCategoricalAccuracy(5));
        METRICS.put("sparse_top_k_categorical_accuracy", n -> new SparseTopKCategoricalAccuracy(5));
        METRICS.put("mse", dev.vectorgrad.nn.metrics.MeanSquaredError::new);
        METRICS.put("mean_squared_error", dev.vectorgrad.nn.metrics.MeanSquaredError::new);
        METRICS.put("mae", dev.vectorgrad.nn.metrics.MeanAbsoluteError::new);
        METRICS.put("mean_absolute_error", dev.vectorgrad.nn.metrics.MeanAbsoluteError::new);
        METRICS.put("root_mean_squared_error", n -> new RootMeanSquaredError());
        METRICS.put("precision", n -> new Precision());
        METRICS.put("recall", n -> new Recall());
        METRICS.put("auc", n -> new AUC());
    }

    static Optimizer optimizer(String name) {
        return lookup("optimizer", OPTIMIZERS, name).get();
    }

    static Loss loss(String name) {
        return lookup("loss", LOSSES, name).get();
    }

    /**
     * The metric {@code name} names; {@code "accuracy"} (or {@code "acc"}) is resolved as Keras resolves it: from the
     * loss where the loss says (binary, categorical or sparse categorical cross-entropy), otherwise from the shapes of
     * the first batch (a last axis of 1 in the predictions means binary; labels of lower rank, or a last axis of 1,
     * mean sparse; else categorical), and it is logged under the name written.
     */
    static Metric metric(String name, Loss loss) {
        String key = normalise(name);
        if (!METRICS.containsKey(key)) {
            throw unknown("metric", name, METRICS);
        }
        if (key.equals("accuracy") || key.equals("acc")) {
            if (loss instanceof BinaryCrossentropy) {
                return new BinaryAccuracy(name, 0.5);
            }
            if (loss instanceof CategoricalCrossentropy) {
                return new CategoricalAccuracy(name);
            }
            if (loss instanceof SparseCategoricalCrossentropy) {
                return new SparseCategoricalAccuracy(name);
            }
            return new ShapeResolvedAccuracy(name);
        }
        return METRICS.get(key).apply(name);
    }

    private static <T> T lookup(String kind, Map<String, T> table, String name) {
        T t = table.get(normalise(name));
        if (t == null) {
            throw unknown(kind, name, table);
        }
        return t;
    }

    private static String normalise(String name) {
        if (name == null) {
            throw new IllegalArgumentException("compile: a name is null");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String kind, String name, Map<String, ?> table) {
        return new IllegalArgumentException("Could not interpret " + kind + " identifier: '" + name + "'; known " + kind
                + " names are " + String.join(", ", table.keySet()));
    }

    /** Keras 3's shape rule for {@code "accuracy"} when the loss does not decide, applied at the first update. */
    private static final class ShapeResolvedAccuracy extends Metric {
        private Metric resolved;

        ShapeResolvedAccuracy(String name) {
            super(name);
        }

        @Override
        public void updateState(NDArray yTrue, NDArray yPred) {
            updateState(yTrue, yPred, null);
        }

        @Override
        public void updateState(NDArray yTrue, NDArray yPred, NDArray sampleWeight) {
            if (resolved == null) {
                int[] p = yPred.shape();
                int[] t = yTrue.shape();
                boolean binary = p.length > 0 && p[p.length - 1] == 1;
                boolean sparse = t.length < p.length || (t.length == p.length && t.length > 0 && t[t.length - 1] == 1);
                resolved = binary ? new BinaryAccuracy(name(), 0.5)
                        : sparse ? new SparseCategoricalAccuracy(name()) : new CategoricalAccuracy(name());
            }
            resolved.updateState(yTrue, yPred, sampleWeight);
        }

        @Override
        public double result() {
            return resolved == null ? 0.0 : resolved.result();
        }

        @Override
        public void reset() {
            if (resolved != null) {
                resolved.reset();
            }
        }
    }

    private KerasNames() {}
}
