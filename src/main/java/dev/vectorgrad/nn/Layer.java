package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Keras-style layer: a callable with weights that are found automatically.
 *
 * <p><b>Calling.</b> Subclasses implement {@link #call(NDArray, boolean)}; {@link #call(NDArray)} means
 * {@code call(x, false)}. An optional {@link #build(int[])} runs once, with the first input's shape, before the
 * first call that goes through {@link #call(NDArray)}, {@link #apply(NDArray, boolean)} or a containing
 * {@link Sequential} (which is how Keras's {@code __call__} builds lazily). A subclass that calls its own
 * {@code call(x, training)} directly, bypassing those, builds nothing: use {@code apply} there.
 *
 * <p><b>Variable tracking.</b> {@link #variables()} finds, by reflection over the instance fields of the class and
 * its superclasses (superclass fields first, each class's in declaration order, which is creation order for field
 * initialisers and for weights assigned in {@code build}), every {@link Variable} held directly, in a
 * {@link Collection}, {@link Map} (values) or array, and recursively the variables of every {@code Layer} held the
 * same way. A variable reached twice is listed once. Keras tracks attributes as they are assigned; Java cannot, so
 * a layer that assigns fields out of declaration order lists them in declaration order. Fields of classes outside
 * this module must be readable by it: classes on the class path always are; a named module must {@code open} its
 * package to {@code dev.vectorgrad}.
 *
 * <p><b>Names.</b> A layer gets a name from its class name in snake case ({@code Dense} → {@code dense},
 * {@code MyLayer} → {@code my_layer}) made unique by a per-name, zero-based counter: {@code dense},
 * {@code dense_1}, ... (tf.keras's numbering). {@link #resetNames()} restarts the counters, as
 * {@code keras.backend.clear_session()} does. Weights made by {@link #addWeight} are named
 * {@code <layer>/<weight>:0}. The counters are thread-safe.
 *
 * <p><b>Seeds.</b> Initial weights are random but reproducible: the weight {@code <layer>/<weight>} of a program is
 * drawn from {@code Rng.seeded(f(globalSeed, "<layer>/<weight>"))}. The global seed is 0 until
 * {@link #setSeed(long)} changes it (Keras's {@code keras.utils.set_random_seed}). So the same program builds the
 * same model on every run and every machine, and after {@link #resetNames()} it builds the same weights again.
 */
public abstract class Layer {
    private static final Map<String, AtomicInteger> NAME_COUNTS = new ConcurrentHashMap<>();
    private static volatile long globalSeed = 0;

    private static final ClassValue<List<Field>> TRACKED_FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            if (type.getSuperclass() != null && type != Layer.class) {
                out.addAll(get(type.getSuperclass()));
            }
            if (type == Layer.class || type == Object.class) {
                return Collections.unmodifiableList(out);
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !mayHoldVariables(f.getType())) {
                    continue;
                }
                if (!f.trySetAccessible()) {
                    throw new IllegalStateException("Layer: cannot read field '" + f.getName() + "' of " + type.getName()
                            + " to track its variables; open package " + type.getPackageName()
                            + " to module dev.vectorgrad (opens ... to dev.vectorgrad)");
                }
                out.add(f);
            }
            return Collections.unmodifiableList(out);
        }
    };

    private final String name;
    private boolean built;
    private int[] buildShape;

    /** A layer named after its class, numbered by the shared counter. */
    protected Layer() {
        this.name = uniqueName(snakeCase(getClass().getSimpleName().isEmpty() ? "Layer" : getClass().getSimpleName()));
    }

    /** A layer with this exact name (Keras's {@code name=}); the counter is not consulted. */
    protected Layer(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Layer: name must not be empty");
        }
        this.name = name;
    }

    // ------------------------------------------------------------------------------------------
    // Calling and building
    // ------------------------------------------------------------------------------------------

    /** The layer's computation; {@code training} tells layers that behave differently in training. */
    public abstract NDArray call(NDArray x, boolean training);

    /** {@code call(x, false)}, after building the layer if this is its first input. */
    public final NDArray call(NDArray x) {
        return apply(x, false);
    }

    /** {@code call(x, training)}, after building the layer if this is its first input (Keras's {@code __call__}). */
    public final NDArray apply(NDArray x, boolean training) {
        if (x == null) {
            throw new IllegalArgumentException("Layer \"" + name + "\": input is null");
        }
        maybeBuild(x.shape());
        return call(x, training);
    }

    /**
     * Applies this layer symbolically, as in a Keras functional model ({@code x = new Dense(8).apply(inputs)}): the
     * layer is built from the inputs' shapes and the result is a {@link KerasTensor} of its output's shape. Merge layers
     * take several inputs, other layers one. {@link Model#of} turns the graph into a model.
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        return KerasTensor.apply(this, inputs);
    }

    /** Creates the weights once the input shape is known; the default does nothing. */
    protected void build(int[] inputShape) {}

    /** Runs {@link #build} with {@code inputShape} unless it already ran. */
    protected final void maybeBuild(int[] inputShape) {
        if (!built) {
            build(inputShape.clone());
            buildShape = inputShape.clone();
            built = true;
        }
    }

    /**
     * The input shape the layer was built with ({@code -1} for the batch axis when it was built from an input size
     * rather than an input), or null before it is built.
     */
    public final int[] buildInputShape() {
        return buildShape == null ? null : buildShape.clone();
    }

    /**
     * The output shape for an input of {@code inputShape} ({@code -1} for an unknown batch size), as Keras's
     * {@code compute_output_shape}; {@link Sequential} uses it to build every layer from the first one's input size.
     * The default runs the layer once, not training, on zeros with a batch of 1, which is right for any layer whose
     * output shape does not depend on the input's values; layers that take non-float inputs, or are expensive to run,
     * override it.
     */
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        int[] probe = inputShape.clone();
        boolean unknownBatch = probe.length > 0 && probe[0] < 0;
        for (int i = 0; i < probe.length; i++) {
            if (probe[i] < 0) {
                probe[i] = 1;
            }
        }
        int[] out = apply(NDArray.zeros(dev.vectorgrad.DType.FLOAT32, probe), false).shape();
        if (unknownBatch && out.length > 0) {
            out[0] = -1;
        }
        return out;
    }

    /** Whether {@link #build} has run. */
    public final boolean built() {
        return built;
    }

    // ------------------------------------------------------------------------------------------
    // ---- masking (Keras's compute_mask and call(..., mask)) ----
    // ------------------------------------------------------------------------------------------

    /**
     * {@code call(x, training)} told which positions of {@code x} hold data ({@code mask}, e.g. the
     * {@code [batch, time]} bools {@link Embedding} makes with {@code maskZero}), Keras's {@code call(inputs,
     * mask=...)}. {@link Sequential} and functional models pass each layer the mask its input carries. The
     * default ignores the mask; layers that use it (the recurrent layers, {@link GlobalAveragePooling1D},
     * {@link MultiHeadAttention}) override this.
     *
     * @param mask true (or non-zero) where the input holds data; null for no mask
     */
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        return call(x, training);
    }

    /** {@code call(x, training, mask)} after building the layer if this is its first input (Keras's {@code __call__}). */
    public final NDArray apply(NDArray x, boolean training, NDArray mask) {
        if (x == null) {
            throw new IllegalArgumentException("Layer \"" + name + "\": input is null");
        }
        maybeBuild(x.shape());
        return mask == null ? call(x, training) : call(x, training, mask);
    }

    /**
     * Whether a mask reaching this layer goes on unchanged to the next one (Keras's {@code supports_masking}).
     * False by default: as in Keras 3, a layer that does not support masking ends the mask there (Flatten,
     * convolutions, ...); elementwise layers such as {@link Dense} and {@link Dropout} say true.
     */
    public boolean supportsMasking() {
        return false;
    }

    /**
     * The mask of this layer's output for input {@code x} carrying {@code previousMask} (Keras's
     * {@code compute_mask}): by default {@code previousMask} when {@link #supportsMasking()}, else null.
     * {@link Embedding} makes a mask, the recurrent layers keep it only with {@code returnSequences}, global
     * pooling consumes it.
     */
    public NDArray computeMask(NDArray x, NDArray previousMask) {
        return supportsMasking() ? previousMask : null;
    }

    // ------------------------------------------------------------------------------------------
    // Weights
    // ------------------------------------------------------------------------------------------

    /** A new variable named {@code <layer>/<weightName>:0} holding {@code initial}'s values. */
    protected final Variable addWeight(String weightName, NDArray initial, boolean trainable) {
        return new Variable(initial, name + "/" + weightName + ":0", trainable);
    }

    /** The seeded generator for this layer's weight {@code weightName} (see "Seeds" above). */
    protected final Rng weightRng(String weightName) {
        return Rng.seeded(seedFor(name + "/" + weightName));
    }

    /** Every variable of this layer and the layers it holds, in creation order (before a lazy build: none). */
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        collect(this, Collections.newSetFromMap(new IdentityHashMap<>()), out);
        return out;
    }

    /** The trainable ones among {@link #variables()}, in the same order. */
    public List<Variable> trainableVariables() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables()) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** The non-trainable ones among {@link #variables()}, in the same order. */
    public List<Variable> nonTrainableVariables() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : variables()) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    private static void collect(Layer layer, Set<Object> seen, List<Variable> out) {
        if (!seen.add(layer)) {
            return;
        }
        for (Field f : TRACKED_FIELDS.get(layer.getClass())) {
            try {
                visit(f.get(layer), seen, out);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Layer: cannot read field " + f, e);
            }
        }
    }

    private static void visit(Object value, Set<Object> seen, List<Variable> out) {
        switch (value) {
            case null -> { }
            case Variable v -> {
                if (seen.add(v)) {
                    out.add(v);
                }
            }
            case Layer l -> collect(l, seen, out);
            case Collection<?> c -> {
                if (seen.add(c)) {
                    for (Object o : c) visit(o, seen, out);
                }
            }
            case Map<?, ?> m -> {
                if (seen.add(m)) {
                    for (Object o : m.values()) visit(o, seen, out);
                }
            }
            case Object[] a -> {
                if (seen.add(a)) {
                    for (Object o : a) visit(o, seen, out);
                }
            }
            default -> { }
        }
    }

    private static boolean mayHoldVariables(Class<?> t) {
        if (t.isPrimitive() || t == String.class || t.isEnum() || Number.class.isAssignableFrom(t)) {
            return false;
        }
        if (t.isArray()) {
            return !t.getComponentType().isPrimitive();
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Names and seeds
    // ------------------------------------------------------------------------------------------

    /** This layer's name, e.g. {@code dense_1}. */
    public String name() {
        return name;
    }

    /** Restarts the per-name layer counters, as Keras's {@code clear_session()}: the next Dense is {@code dense}. */
    public static void resetNames() {
        NAME_COUNTS.clear();
    }

    /** Sets the global seed that every weight initialiser draws from (default 0). */
    public static void setSeed(long seed) {
        globalSeed = seed;
    }

    /** The global seed (see {@link #setSeed}). */
    public static long seed() {
        return globalSeed;
    }

    /** A 64-bit seed for {@code key} under the global seed: FNV-1a of the key, then a SplitMix finaliser. */
    static long seedFor(String key) {
        long h = 0xcbf29ce484222325L ^ globalSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static String uniqueName(String base) {
        int n = NAME_COUNTS.computeIfAbsent(base, k -> new AtomicInteger()).getAndIncrement();
        return n == 0 ? base : base + "_" + n;
    }

    /** Keras's {@code to_snake_case}: {@code MyLayer} → {@code my_layer}, {@code Dense} → {@code dense}. */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("_") ? "private" + s : s;
    }

    // ------------------------------------------------------------------------------------------
    // Saving (Model.save / Model.load)
    // ------------------------------------------------------------------------------------------

    /**
     * The arguments that rebuild this layer, as JSON-able values (strings, numbers, booleans, lists, maps), as Keras's
     * {@code get_config}; {@code Model.save} stores it and {@code Model.load} hands it to the factory registered under
     * the class's simple name. The default throws: a layer that is to be saved in a whole model overrides this and is
     * registered with {@link #register}.
     *
     * @throws UnsupportedOperationException when the layer does not provide a config
     */
    public Map<String, Object> getConfig() {
        throw new UnsupportedOperationException("Layer " + getClass().getName() + " (\"" + name + "\") has no getConfig(); "
                + "override it and call Layer.register(\"" + getClass().getSimpleName() + "\", config -> ...) to save it "
                + "with Model.save (saveWeights needs neither)");
    }

    /**
     * Registers how {@code Model.load} rebuilds a custom layer saved under {@code name} (the layer class's simple
     * name) from its {@link #getConfig()}. Loading calls only registered factories, never a class named by the file.
     */
    public static void register(String name, java.util.function.Function<Map<String, Object>, Layer> factory) {
        LayerRegistry.register(name, factory);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ")";
    }
}
