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
