package dev.vectorgrad.surface;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.data.Dataset;
import dev.vectorgrad.nn.AveragePooling1D;
import dev.vectorgrad.nn.AveragePooling2D;
import dev.vectorgrad.nn.Conv1D;
import dev.vectorgrad.nn.Conv2D;
import dev.vectorgrad.nn.Conv2DTranspose;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.DepthwiseConv2D;
import dev.vectorgrad.nn.Dropout;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.MaxPooling1D;
import dev.vectorgrad.nn.MaxPooling2D;
import dev.vectorgrad.nn.Model;
import dev.vectorgrad.nn.Padding;
import dev.vectorgrad.nn.Permute;
import dev.vectorgrad.nn.Reshape;
import dev.vectorgrad.nn.Sequential;
import dev.vectorgrad.nn.UpSampling2D;
import dev.vectorgrad.nn.Embedding;
import dev.vectorgrad.nn.GRU;
import dev.vectorgrad.nn.LSTM;
import dev.vectorgrad.nn.MultiHeadAttention;
import dev.vectorgrad.nn.SimpleRNN;
import dev.vectorgrad.nn.TextVectorization;
import dev.vectorgrad.nn.losses.Loss;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.metrics.Mean;
import dev.vectorgrad.nn.metrics.Metric;
import dev.vectorgrad.nn.callbacks.CSVLogger;
import dev.vectorgrad.nn.callbacks.Callback;
import dev.vectorgrad.nn.callbacks.EarlyStopping;
import dev.vectorgrad.nn.callbacks.LearningRateScheduler;
import dev.vectorgrad.nn.callbacks.ModelCheckpoint;
import dev.vectorgrad.nn.optimizers.Optimizer;
import dev.vectorgrad.nn.optimizers.SGD;
import dev.vectorgrad.nn.optimizers.schedules.CosineDecay;
import dev.vectorgrad.nn.optimizers.schedules.ExponentialDecay;
import dev.vectorgrad.nn.optimizers.schedules.InverseTimeDecay;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import dev.vectorgrad.nn.optimizers.schedules.PiecewiseConstantDecay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The hostile values tried for each parameter type: null, empty and scalar arrays, wrong dtypes, negative,
 * overflowing and extreme numbers, shapes whose sizes overflow or exceed a Java array, out-of-range axes. The first
 * value of each list is an ordinary one, used for the other arguments while one argument is made hostile.
 *
 * <p>No value asks for a legal but huge allocation (such as 2^31 - 9 floats): that is an OutOfMemoryError by the
 * JVM's rules, not a bad input. Values are made fresh for each call ({@link Value#make}), because receivers such as
 * tapes, metrics and layers change state and tapes belong to the thread that opens them.
 */
final class HostileValues {

    /** One candidate argument: how the failure report shows it, and how to make it. */
    record Value(String label, Supplier<Object> make) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final Path dir;

    HostileValues(Path scratchDir) {
        this.dir = scratchDir;
    }

    private static Value v(String label, Supplier<Object> make) {
        return new Value(label, make);
    }

    private static final Value NULL = v("null", () -> null);

    static final int[] INTS = {2, 0, 1, -1, 3, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, -3};

    /** Arrays of every dtype and awkward shape; the first is an ordinary float32 matrix. */
    static List<Value> arrays() {
        return List.of(
                v("float32(2, 3)", () -> NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)),
                NULL,
                v("float32(0,)", () -> NDArray.zeros(DType.FLOAT32, 0)),
                v("float32 scalar", () -> NDArray.of(2.5f)),
                v("float64(3,)", () -> NDArray.of(new double[] {-1, 0.5, Double.NaN})),
                v("int32(2, 2) with negatives", () -> NDArray.of(new int[] {-1, 2, Integer.MAX_VALUE, 0}, 2, 2)),
                v("int64(3,)", () -> NDArray.of(new long[] {Long.MIN_VALUE, 0, 7})),
                v("bool(2,)", () -> NDArray.of(new boolean[] {true, false})),
                v("float32(2, 0, 3)", () -> NDArray.zeros(DType.FLOAT32, 2, 0, 3)),
                v("float32(1, 3) transposed view", () -> NDArray.of(new float[] {1, 2, 3}, 3, 1).transpose()),
                v("Variable float32(2, 3)", () -> new Variable(NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3))));
    }

    private static List<Value> shapes() {
        return List.of(
                v("{2, 3}", () -> new int[] {2, 3}),
                NULL,
                v("{}", () -> new int[0]),
                v("{-1}", () -> new int[] {-1}),
                v("{0}", () -> new int[] {0}),
                v("{6}", () -> new int[] {6}),
                v("{-2, 3}", () -> new int[] {-2, 3}),
                v("{MAX_VALUE}", () -> new int[] {Integer.MAX_VALUE}),
                v("{MIN_VALUE}", () -> new int[] {Integer.MIN_VALUE}),
                v("{65536, 65536}", () -> new int[] {65536, 65536}),
                v("{0, 65536, 65536}", () -> new int[] {0, 65536, 65536}),
                v("{65536, 65536, 65536, 65536}", () -> new int[] {65536, 65536, 65536, 65536}),
                v("{1, 5}", () -> new int[] {1, 5}),
                v("{0, 0}", () -> new int[] {0, 0}));
    }

    private static List<Value> ints() {
        List<Value> out = new ArrayList<>();
        for (int i : INTS) {
            out.add(v(i == Integer.MAX_VALUE ? "MAX_VALUE" : i == Integer.MIN_VALUE ? "MIN_VALUE" : String.valueOf(i),
                    () -> i));
        }
        return out;
    }

    private static List<Value> longs() {
        return List.of(v("1L", () -> 1L), v("0L", () -> 0L), v("-1L", () -> -1L), v("Long.MAX_VALUE", () -> Long.MAX_VALUE),
                v("Long.MIN_VALUE", () -> Long.MIN_VALUE), v("1L << 33", () -> 1L << 33));
    }

    private static List<Value> doubles() {
        return List.of(v("0.5", () -> 0.5), v("0.0", () -> 0.0), v("-1.0", () -> -1.0), v("NaN", () -> Double.NaN),
                v("+Inf", () -> Double.POSITIVE_INFINITY), v("-Inf", () -> Double.NEGATIVE_INFINITY),
                v("1e308", () -> 1e308), v("-0.0", () -> -0.0), v("3.0", () -> 3.0));
    }

    private static List<Value> floats() {
        return List.of(v("0.5f", () -> 0.5f), v("NaN f", () -> Float.NaN), v("-Inf f", () -> Float.NEGATIVE_INFINITY),
                v("0f", () -> 0f), v("3e38f", () -> 3e38f));
    }

    private List<Value> paths() {
        return List.of(
                v("missing.npy", () -> dir.resolve("missing.npy")),
                NULL,
                v("a directory", () -> dir),
                v("out.npy (writable)", () -> dir.resolve("out.npy")),
                v("file under a missing folder", () -> dir.resolve("no/such/folder/x.npy")));
    }

    /** Candidates for a parameter of type {@code t}; empty when the test cannot make one (then only null). */
    List<Value> forType(Class<?> t) {
        if (t == NDArray.class) {
            return arrays();
        }
        if (t == int[].class) {
            return shapes();
        }
        if (t == int.class || t == Integer.class) {
            return ints();
        }
        if (t == long.class || t == Long.class) {
            return longs();
        }
        if (t == double.class || t == Double.class) {
            return doubles();
        }
        if (t == float.class || t == Float.class) {
            return floats();
        }
        if (t == boolean.class || t == Boolean.class) {
            return List.of(v("false", () -> false), v("true", () -> true));
        }
        if (t == String.class) {
            return List.of(v("\"x\"", () -> "x"), NULL, v("\"\"", () -> ""), v("\"dense/kernel:0\"", () -> "dense/kernel:0"));
        }
        if (t == Path.class) {
            return paths();
        }
        if (t == InputStream.class) {
            return List.of(v("empty stream", () -> new ByteArrayInputStream(new byte[0])), NULL,
                    v("garbage stream", () -> new ByteArrayInputStream(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9})));
        }
        if (t == OutputStream.class) {
            return List.of(v("byte sink", ByteArrayOutputStream::new), NULL);
        }
        if (t.isEnum()) {
            List<Value> out = new ArrayList<>();
            for (Object c : t.getEnumConstants()) {
                out.add(v(t.getSimpleName() + "." + c, () -> c));
            }
            out.add(1, NULL);
            return out;
        }
        if (t == Function.class) {
            return List.of(v("x -> x.square()", () -> (Function<NDArray, NDArray>) NDArray::square), NULL,
                    v("x -> null", () -> (Function<NDArray, NDArray>) x -> null),
                    v("x -> int32 constant", () -> (Function<NDArray, NDArray>) x -> NDArray.of(1)));
        }
        if (t == List.class || t == Collection.class || t == Iterable.class) {
            return List.of(
                    v("[float32(2, 3)]", () -> new ArrayList<>(List.of(NDArray.zeros(DType.FLOAT32, 2, 3)))),
                    NULL,
                    v("[]", ArrayList::new),
                    v("[null]", () -> new ArrayList<>(Arrays.asList((Object) null))),
                    v("[Variable, int32]", () -> new ArrayList<>(List.of(new Variable(NDArray.of(1f)), NDArray.of(1)))));
        }
        if (t == Map.class) {
            return List.of(
                    v("{a: float32(2,)}", () -> new LinkedHashMap<>(Map.of("a", NDArray.zeros(DType.FLOAT32, 2)))),
                    NULL,
                    v("{}", LinkedHashMap::new),
                    v("{a: null}", () -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("a", null);
                        return m;
                    }));
        }
        if (t == Object.class) {
            return List.of(v("float32(2, 3)", () -> NDArray.zeros(DType.FLOAT32, 2, 3)), NULL, v("\"x\"", () -> "x"));
        }
        if (t.isArray()) {
            Class<?> e = t.getComponentType();
            List<Value> out = new ArrayList<>();
            List<Value> elems = e.isPrimitive() ? List.of() : forType(e);
            if (!elems.isEmpty()) {
                Value first = elems.get(0);
                out.add(v("{" + first.label() + "}", () -> one(e, first.make().get())));
            }
            out.add(NULL);
            out.add(v("{}", () -> Array.newInstance(e, 0)));
            if (!e.isPrimitive()) {
                out.add(v("{null}", () -> Array.newInstance(e, 1)));
            } else {
                out.add(v("primitive " + e + "[3]", () -> Array.newInstance(e, 3)));
            }
            return out;
        }
        List<Value> instances = instancesOf(t);
        if (!instances.isEmpty()) {
            List<Value> out = new ArrayList<>(instances);
            out.add(Math.min(1, out.size()), NULL);
            return out;
        }
        return List.of(NULL);
    }

    private static Object one(Class<?> e, Object x) {
        Object a = Array.newInstance(e, 1);
        Array.set(a, 0, x);
        return a;
    }

    /**
     * Ordinary instances of library types, used as receivers and as arguments. A public class without a no-argument
     * constructor (a callback that needs a file, a schedule that needs its rates) gets an explicit case here, so its
     * methods are called too; the abstract types that parameters name (Callback, LearningRateSchedule) get one
     * ordinary implementation each.
     */
    List<Value> instancesOf(Class<?> t) {
        List<Value> out = new ArrayList<>();
        if (t.isAssignableFrom(Variable.class) && t != Object.class) {
            out.add(v("Variable float32(2, 3)", () -> new Variable(NDArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3))));
        }
        if (t == GradientTape.class) {
            out.add(v("new GradientTape()", GradientTape::new));
            out.add(v("persistent tape", () -> GradientTape.builder().persistent(true).build()));
        }
        if (t == GradientTape.Builder.class) {
            out.add(v("GradientTape.builder()", GradientTape::builder));
        }
        if (t == Rng.class) {
            out.add(v("Rng.seeded(1)", () -> Rng.seeded(1)));
        }
        if (t == Dataset.class) {
            out.add(v("Dataset of 4 samples", () -> Dataset.of(NDArray.zeros(DType.FLOAT32, 4, 3),
                    NDArray.of(new int[] {0, 1, 0, 1}))));
            out.add(v("Dataset batched by 3, unlabelled", () -> Dataset.of(NDArray.zeros(DType.FLOAT32, 4, 3)).batch(3)));
        }
        if (t.isAssignableFrom(Sequential.class) && t != Object.class && Layer.class.isAssignableFrom(t)) {
            if (!Model.class.isAssignableFrom(t) || t.isAssignableFrom(Sequential.class)) {
                out.add(v("compiled Sequential(Dense(2, in 3))", () -> {
                    Sequential s = new Sequential(new Dense(2, null, 3));
                    s.compile(new SGD(), new MeanSquaredError(), new Mean());
                    s.setVerbose(0);
                    return s;
                }));
                out.add(v("empty Sequential", Sequential::new));
            }
        }
        if (t.isAssignableFrom(Dense.class) && t != Object.class) {
            out.add(v("Dense(3)", () -> new Dense(3)));
        }
        // ---- image layers ----
        if (t == Conv1D.class) {
            out.add(v("Conv1D(2, 3)", () -> new Conv1D(2, 3)));
        }
        if (t == Conv2D.class) {
            out.add(v("Conv2D(2, 3)", () -> new Conv2D(2, 3)));
        }
        if (t == Conv2DTranspose.class) {
            out.add(v("Conv2DTranspose(2, 3, 2, SAME)", () -> new Conv2DTranspose(2, 3, 2, Padding.SAME)));
        }
        if (t == DepthwiseConv2D.class) {
            out.add(v("DepthwiseConv2D(3)", () -> new DepthwiseConv2D(3)));
        }
        if (t == MaxPooling1D.class) {
            out.add(v("MaxPooling1D(2)", () -> new MaxPooling1D(2)));
        }
        if (t == MaxPooling2D.class) {
            out.add(v("MaxPooling2D(2)", () -> new MaxPooling2D(2)));
        }
        if (t == AveragePooling1D.class) {
            out.add(v("AveragePooling1D(2)", () -> new AveragePooling1D(2)));
        }
        if (t == AveragePooling2D.class) {
            out.add(v("AveragePooling2D(2)", () -> new AveragePooling2D(2)));
        }
        if (t == UpSampling2D.class) {
            out.add(v("UpSampling2D(2)", () -> new UpSampling2D(2)));
        }
        if (t == Reshape.class) {
            out.add(v("Reshape(-1)", () -> new Reshape(-1)));
        }
        if (t == Permute.class) {
            out.add(v("Permute(2, 1)", () -> new Permute(2, 1)));
        }
        if (t == Dropout.class) {
            out.add(v("Dropout(0.5)", () -> new Dropout(0.5)));
        }
        // ---- sequence and text layers ----
        if (t == Embedding.class) {
            out.add(v("Embedding(5, 3, maskZero)", () -> new Embedding(5, 3, true)));
        }
        if (t == SimpleRNN.class) {
            out.add(v("SimpleRNN(2)", () -> new SimpleRNN(2)));
        }
        if (t == LSTM.class) {
            out.add(v("LSTM(2, sequences)", () -> new LSTM(2, true)));
        }
        if (t == GRU.class) {
            out.add(v("GRU(2)", () -> new GRU(2)));
        }
        if (t == MultiHeadAttention.class) {
            out.add(v("MultiHeadAttention(2, 2)", () -> new MultiHeadAttention(2, 2)));
        }
        if (t == TextVectorization.class) {
            out.add(v("TextVectorization(6, 3)", () -> new TextVectorization(6, 3)));
        }
        if (t == Optimizer.class) {
            out.add(v("SGD()", SGD::new));
        }
        if (t == Loss.class) {
            out.add(v("MeanSquaredError", MeanSquaredError::new));
        }
        if (t == Metric.class) {
            out.add(v("Mean", Mean::new));
        }
        if (t.isEnum()) {
            for (Object c : t.getEnumConstants()) {
                out.add(v(t.getSimpleName() + "." + c, () -> c));
            }
        }
        if (t == Callback.class) {
            out.add(v("new EarlyStopping()", EarlyStopping::new));
        }
        if (t == CSVLogger.class) {
            out.add(v("CSVLogger(log.csv)", () -> new CSVLogger(dir.resolve("log.csv"))));
        }
        if (t == ModelCheckpoint.class) {
            out.add(v("ModelCheckpoint(ckpt.weights.npz)", () -> new ModelCheckpoint(dir.resolve("ckpt.weights.npz"))));
            out.add(v("ModelCheckpoint(best.model, val_loss, best only)",
                    () -> new ModelCheckpoint(dir.resolve("best.model"), "val_loss", true)));
        }
        if (t == LearningRateScheduler.class) {
            out.add(v("LearningRateScheduler((epoch, lr) -> lr / 2)", () -> new LearningRateScheduler((e, lr) -> lr / 2)));
            out.add(v("LearningRateScheduler(-> null)", () -> new LearningRateScheduler((e, lr) -> null)));
        }
        if (t == LearningRateSchedule.class || t == ExponentialDecay.class) {
            out.add(v("ExponentialDecay(0.1, 10, 0.5)", () -> new ExponentialDecay(0.1, 10, 0.5)));
        }
        if (t == CosineDecay.class) {
            out.add(v("CosineDecay(0.1, 10)", () -> new CosineDecay(0.1, 10)));
        }
        if (t == InverseTimeDecay.class) {
            out.add(v("InverseTimeDecay(0.1, 10, 0.5, staircase)", () -> new InverseTimeDecay(0.1, 10, 0.5, true)));
        }
        if (t == PiecewiseConstantDecay.class) {
            out.add(v("PiecewiseConstantDecay({10, 20}, {1, 0.5, 0.1})",
                    () -> new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1, 0.5, 0.1})));
        }
        if (t == GradientTape.Pause.class) {
            out.add(v("a pause of a persistent tape", () -> GradientTape.builder().persistent(true).build().stopRecording()));
        }
        if (t == Dataset.Batch.class) {
            out.add(v("Batch(float32(2,), null)", () -> new Dataset.Batch(NDArray.zeros(DType.FLOAT32, 2), null)));
        }
        if (out.isEmpty() && !t.isInterface() && !Modifier.isAbstract(t.getModifiers())) {
            try {
                Constructor<?> k = t.getConstructor();
                out.add(v("new " + t.getSimpleName() + "()", () -> {
                    try {
                        return k.newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            } catch (NoSuchMethodException e) {
                // no public no-argument constructor: instances come from the explicit cases above or not at all
            }
        }
        return out;
    }
}
