package dev.vectorgrad.nn;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The factories {@link Model#load} may use to rebuild layers, by class name: the built-in layers below, and whatever
 * {@link Layer#register} adds. Loading only ever calls these factories, never a class named by the file.
 *
 * <p>A layer takes part in whole-model saving by providing {@link Layer#getConfig()} (its constructor arguments, as
 * JSON-able values) and a factory here that rebuilds it from that map: one {@code builtIn} line per built-in layer.
 * Numbers come back as {@code Long} or {@code Double}; {@link #intOf}, {@link #doubleOf} read them.
 */
final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        builtIn("Dense", c -> new Dense(intOf(c, "units"), activationOf(c, "activation")));
        builtIn("Sequential", Sequential::fromConfig);
        builtIn("Functional", Functional::fromConfig);
        builtIn("Concatenate", c -> new Concatenate(intOf(c, "axis")));
        builtIn("Add", c -> new Add());
        builtIn("Multiply", c -> new Multiply());
        builtIn("Average", c -> new Average());
        // ---- more built-in layers: one line each ----
        // ---- image layers ----
        builtIn("Conv1D", c -> new Conv1D(intOf(c, "filters"), intsOf(c, "kernel_size", 1)[0], intsOf(c, "strides", 1)[0],
                paddingOf(c), activationOf(c, "activation"), intsOf(c, "dilation_rate", 1)[0], boolOf(c, "use_bias")));
        builtIn("Conv2D", c -> Conv2D.builder(intOf(c, "filters"), 1).kernelSize(intsOf(c, "kernel_size", 2)[0],
                        intsOf(c, "kernel_size", 2)[1]).strides(intsOf(c, "strides", 2)[0], intsOf(c, "strides", 2)[1])
                .padding(paddingOf(c)).dilationRate(intsOf(c, "dilation_rate", 2)[0], intsOf(c, "dilation_rate", 2)[1])
                .activation(activationOf(c, "activation")).useBias(boolOf(c, "use_bias")).build());
        builtIn("Conv2DTranspose", c -> new Conv2DTranspose(intOf(c, "filters"), squareOf(c, "kernel_size"),
                squareOf(c, "strides"), paddingOf(c), activationOf(c, "activation"), boolOf(c, "use_bias")));
        builtIn("DepthwiseConv2D", c -> new DepthwiseConv2D(squareOf(c, "kernel_size"), squareOf(c, "strides"), paddingOf(c),
                intOf(c, "depth_multiplier"), activationOf(c, "activation"), boolOf(c, "use_bias")));
        builtIn("MaxPooling1D", c -> new MaxPooling1D(intsOf(c, "pool_size", 1)[0], intsOf(c, "strides", 1)[0], paddingOf(c)));
        builtIn("MaxPooling2D", c -> new MaxPooling2D(squareOf(c, "pool_size"), squareOf(c, "strides"), paddingOf(c)));
        builtIn("AveragePooling1D", c -> new AveragePooling1D(intsOf(c, "pool_size", 1)[0], intsOf(c, "strides", 1)[0],
                paddingOf(c)));
        builtIn("AveragePooling2D", c -> new AveragePooling2D(squareOf(c, "pool_size"), squareOf(c, "strides"), paddingOf(c)));
        builtIn("GlobalMaxPooling1D", c -> new GlobalMaxPooling1D(boolOf(c, "keepdims")));
        builtIn("GlobalMaxPooling2D", c -> new GlobalMaxPooling2D(boolOf(c, "keepdims")));
        builtIn("GlobalAveragePooling1D", c -> new GlobalAveragePooling1D(boolOf(c, "keepdims")));
        builtIn("GlobalAveragePooling2D", c -> new GlobalAveragePooling2D(boolOf(c, "keepdims")));
        builtIn("UpSampling2D", c -> new UpSampling2D(squareOf(c, "size")));
        builtIn("Flatten", c -> new Flatten());
        builtIn("Reshape", c -> new Reshape(intsOf(c, "target_shape", -1)));
        builtIn("Permute", c -> new Permute(intsOf(c, "dims", -1)));
        builtIn("Dropout", c -> new Dropout(doubleOf(c, "rate"), seedOf(c)));
        builtIn("BatchNormalization", c -> new BatchNormalization(doubleOf(c, "momentum"), doubleOf(c, "epsilon"),
                boolOf(c, "center"), boolOf(c, "scale")));
        builtIn("LayerNormalization", c -> new LayerNormalization(doubleOf(c, "epsilon"), boolOf(c, "center"),
                boolOf(c, "scale")));
        // ---- sequence and text layers ----
        builtIn("Embedding", c -> new Embedding(intOf(c, "input_dim"), intOf(c, "output_dim"), boolOf(c, "mask_zero")));
        builtIn("SimpleRNN", c -> new SimpleRNN(intOf(c, "units"), boolOf(c, "return_sequences")));
        builtIn("LSTM", c -> new LSTM(intOf(c, "units"), boolOf(c, "return_sequences")));
        builtIn("GRU", c -> new GRU(intOf(c, "units"), boolOf(c, "return_sequences")));
        builtIn("MultiHeadAttention", c -> new MultiHeadAttention(intOf(c, "num_heads"), intOf(c, "key_dim"),
                c.get("dropout") == null ? 0.0 : doubleOf(c, "dropout")));
        builtIn("Normalization", c -> new Normalization());
        builtIn("TextVectorization", c -> {
            TextVectorization t = new TextVectorization(intOf(c, "max_tokens"), intOf(c, "output_sequence_length"));
            t.setVocabulary(stringsOf(c, "vocabulary"));
            return t;
        });
    }

    private static void builtIn(String name, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(name, factory);
    }

    static void register(String name, Function<Map<String, Object>, Layer> factory) {
        if (name == null || name.isEmpty() || factory == null) {
            throw new IllegalArgumentException("Layer.register: name and factory must be given");
        }
        FACTORIES.put(name, factory);
    }

    /** The layer a saved {@code {"class_name": ..., "config": ..., "build_input_shape": ...}} entry describes. */
    @SuppressWarnings("unchecked")
    static Layer fromEntry(Object entry) throws IOException {
        if (!(entry instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String className)
                || !(m.get("config") instanceof Map<?, ?> config)) {
            throw new IOException("config.json: a layer entry needs \"class_name\" and \"config\", got " + entry);
        }
        Function<Map<String, Object>, Layer> factory = FACTORIES.get(className);
        if (factory == null) {
            throw new IOException("config.json: unknown layer class '" + className + "'; register it with Layer.register(\""
                    + className + "\", config -> ...) before loading (known: " + FACTORIES.keySet() + ")");
        }
        Layer layer;
        try {
            layer = factory.apply((Map<String, Object>) config);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw new IOException("config.json: cannot rebuild layer '" + className + "' from " + config + ": " + e.getMessage(), e);
        }
        if (m.get("build_input_shape") instanceof List<?> shape) {
            int[] s = new int[shape.size()];
            for (int i = 0; i < s.length; i++) {
                if (!(shape.get(i) instanceof Number n)) {
                    throw new IOException("config.json: bad build_input_shape " + shape);
                }
                s[i] = n.intValue();
            }
            layer.maybeBuild(s);
        }
        return layer;
    }

    /** The entry {@link #fromEntry} reads back: class name, {@link Layer#getConfig()} and the build shape. */
    static Map<String, Object> entryOf(Layer layer) {
        Map<String, Object> config = layer.getConfig();
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("class_name", layer.getClass().getSimpleName());
        entry.put("config", config);
        if (layer.buildInputShape() != null) {
            entry.put("build_input_shape", layer.buildInputShape());
        }
        return entry;
    }

    static int intOf(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("config needs a number '" + key + "', got " + c.get(key));
        }
        return Math.toIntExact(n.longValue());
    }

    static double doubleOf(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("config needs a number '" + key + "', got " + c.get(key));
        }
        return n.doubleValue();
    }

    /** A config that starts with the layer's name, as every Keras config does; the layer adds its arguments. */
    static Map<String, Object> configOf(Layer layer) {
        Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", layer.name());
        return c;
    }

    /**
     * The integers under {@code key}: a list of {@code n} numbers (Keras's tuples), or one number meaning {@code n} equal
     * ones, as Keras accepts {@code kernel_size=3}; {@code n = -1} takes a list of any length.
     */
    static int[] intsOf(Map<String, Object> c, String key, int n) {
        Object v = c.get(key);
        if (v instanceof Number x && n > 0) {
            int[] out = new int[n];
            java.util.Arrays.fill(out, Math.toIntExact(x.longValue()));
            return out;
        }
        if (v instanceof List<?> l && (n < 0 || l.size() == n)) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number x)) {
                    throw new IllegalArgumentException("config needs integers in '" + key + "', got " + v);
                }
                out[i] = Math.toIntExact(x.longValue());
            }
            return out;
        }
        throw new IllegalArgumentException("config needs '" + key + "' as " + (n < 0 ? "a list of integers" : n
                + " integer(s)") + ", got " + v);
    }

    /** One integer for both axes under {@code key}; the layer supports square windows only. */
    static int squareOf(Map<String, Object> c, String key) {
        int[] v = intsOf(c, key, 2);
        if (v[0] != v[1]) {
            throw new IllegalArgumentException("config '" + key + "' must be equal on both axes for this layer, got "
                    + java.util.Arrays.toString(v));
        }
        return v[0];
    }

    /** Dropout's optional seed: null, or any 64-bit number. */
    static Long seedOf(Map<String, Object> c) {
        Object v = c.get("seed");
        if (v == null) {
            return null;
        }
        if (!(v instanceof Long n)) {
            throw new IllegalArgumentException("config needs an integer or null 'seed', got " + v);
        }
        return n;
    }

    /** The strings under {@code key} (TextVectorization's vocabulary); null or absent means none. */
    static List<String> stringsOf(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("config needs a list of strings '" + key + "', got " + v);
        }
        List<String> out = new java.util.ArrayList<>(l.size());
        for (Object x : l) {
            if (!(x instanceof String str)) {
                throw new IllegalArgumentException("config needs strings in '" + key + "', got " + x);
            }
            out.add(str);
        }
        return out;
    }

    static boolean boolOf(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException("config needs a boolean '" + key + "', got " + c.get(key));
        }
        return b;
    }

    static Padding paddingOf(Map<String, Object> c) {
        Object p = c.get("padding");
        try {
            return Padding.valueOf(String.valueOf(p).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown padding '" + p + "' (valid or same)", e);
        }
    }

    static Activation activationOf(Map<String, Object> c, String key) {
        Object a = c.get(key);
        if (a == null) {
            return Activation.LINEAR;
        }
        try {
            return Activation.valueOf(String.valueOf(a).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown activation '" + a + "'", e);
        }
    }

    private LayerRegistry() {}
}
