package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.Shapes;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TensorFlow's {@code tf.GradientTape}: records the ops run on the opening thread while it is open,
 * and computes reverse-mode gradients from the record. Use it as TensorFlow uses {@code with}:
 * <pre>{@code
 * NDArray x = NDArray.of(3.0f);
 * try (var tape = new GradientTape()) {
 *     tape.watch(x);
 *     NDArray y = x.mul(x);
 *     NDArray dy = tape.gradient(y, x);   // 6.0
 * }
 * }</pre>
 *
 * <p>Semantics (TensorFlow 2.x eager, as in ../shared/TAPE.md):
 * <ul>
 * <li>The constructor starts recording; {@link #close()} stops it. An op is recorded when at least one
 *     of its inputs is tracked by this tape (watched, or the output of a recorded op); only float
 *     outputs are recorded. Tapes are per thread: ops on other threads are never seen.</li>
 * <li>Trainable {@link Variable}s read while recording are watched automatically unless
 *     {@code watchAccessedVariables(false)}; {@link #watch} tracks any float array or variable.</li>
 * <li>A non-scalar target (or several) is summed. Sources are matched by identity. A source with no
 *     recorded path gets null ({@link UnconnectedGradients#NONE}) or zeros ({@code ZERO}). Every
 *     gradient has its source's shape and dtype. Int and bool sources: a warning and null.</li>
 * <li>A non-persistent tape allows one {@code gradient}/{@code jacobian}/{@code batchJacobian} call and
 *     then frees its records; called inside the block it first stops recording. A persistent tape
 *     allows many, and called inside its block it records its own backward pass (higher orders).</li>
 * <li>Backward rules are recorded NDArray ops, so an open outer tape records them: nested tapes give
 *     second and higher derivatives.</li>
 * </ul>
 *
 * <p>A tape is not thread-safe: open, use and close it on one thread.
 *
 * <p>Deliberate differences from TensorFlow:
 * <ul>
 * <li>Re-entering a closed tape is {@link #enter()} (TF: a second {@code with g:}).</li>
 * <li>A null target is an {@code IllegalArgumentException} (TF: {@code TypeError}) whose message, when
 *     the null came from an earlier gradient of an unwatched source, says so and how to fix it.</li>
 * <li>Life-cycle errors are {@code IllegalStateException}s with TF's wording; using a recording tape
 *     from another thread is one too.</li>
 * <li>Jacobians are row-by-row vector-Jacobian products (TF's {@code experimental_use_pfor=False} path),
 *     but count as one use of a non-persistent tape, as TF's default path does.</li>
 * <li>A tape dropped without {@link #close()} stops recording once it is garbage-collected (TF would
 *     keep it on the thread's tape stack).</li>
 * <li>The dtype warnings are logged at most 5 times per process, the persistent-tape-inside-its-block
 *     warning once.</li>
 * </ul>
 */
public final class GradientTape implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vectorgrad.autodiff");
    private static final int MAX_WARNINGS = 5; // TF logs its dtype warning at most 5 times
    private static final AtomicInteger DTYPE_WARNINGS = new AtomicInteger();
    private static final AtomicInteger INSIDE_WARNINGS = new AtomicInteger();

    static final String ONE_SHOT = "A non-persistent GradientTape can only be used to compute one set of gradients "
            + "(or jacobians); create it with GradientTape.builder().persistent(true).build() to compute more";

    private final boolean persistent;
    private final boolean watchAccessedVariables;

    private TapeStack owner;
    private boolean recording;
    private boolean consumed;
    // Bumped by every stopRecording() and close(): a Pause resumes only if nothing ended the tape since.
    private int pauseEpoch;

    private IdentityIntMap ids = new IdentityIntMap();
    private int nodeCount;
    private Record[] records = new Record[16];
    private int recordCount;
    private final List<Variable> watchedVariables = new ArrayList<>();

    /** A non-persistent tape that watches trainable variables it sees read; it starts recording. */
    public GradientTape() {
        this(false, true);
    }

    private GradientTape(boolean persistent, boolean watchAccessedVariables) {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
        start();
    }

    /** Options: {@code persistent} and {@code watchAccessedVariables}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a tape; {@link #build()} starts recording. */
    public static final class Builder {
        private boolean persistent;
        private boolean watchAccessedVariables = true;

        private Builder() {}

        /** True: any number of gradient calls (TF's {@code persistent=True}). Default false: one. */
        public Builder persistent(boolean value) {
            persistent = value;
            return this;
        }

        /** False: only what {@link GradientTape#watch} names is watched. Default true. */
        public Builder watchAccessedVariables(boolean value) {
            watchAccessedVariables = value;
            return this;
        }

        /** A new tape, already recording on the calling thread. */
        public GradientTape build() {
            return new GradientTape(persistent, watchAccessedVariables);
        }
    }

    public boolean persistent() {
        return persistent;
    }

    /** Whether the tape is recording ops on its thread now. */
    public boolean recording() {
        return recording;
    }

    // ------------------------------------------------------------------------------------------
    // Life cycle
    // ------------------------------------------------------------------------------------------

    /**
     * Re-enters a tape that is not recording, as a second {@code with g:} does in TensorFlow: recording
     * continues on the same record ({@code try (tape.enter()) { ... }}). A used non-persistent tape
     * starts afresh.
     *
     * @throws IllegalStateException if the tape is recording
     */
    public GradientTape enter() {
        if (recording) {
            throw new IllegalStateException("Tape is still recording, This can happen if you try to re-enter an "
                    + "already-active tape.");
        }
        if (consumed) {
            consumed = false;
            clear();
        }
        start();
        return this;
    }

    /** Stops recording (the end of TensorFlow's {@code with} block); the gradient may still be asked for. */
    @Override
    public void close() {
        pauseEpoch++; // a pause still open must not restart a closed tape
        if (recording) {
            pop();
        }
    }

    /** A scope in which this tape records nothing (TF's {@code stop_recording()}); other tapes go on. */
    public interface Pause extends AutoCloseable {
        /** Resumes recording. */
        @Override
        void close();
    }

    /**
     * Pauses this tape until the returned scope is closed: {@code try (var p = tape.stopRecording()) {...}}.
     *
     * @throws IllegalStateException if the tape is not recording
     */
    public Pause stopRecording() {
        if (!recording) {
            throw new IllegalStateException("Trying to stop recording a tape which is not recording.");
        }
        pop();
        int epoch = ++pauseEpoch;
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                done[0] = true;
                if (epoch == pauseEpoch && !consumed && !recording) {
                    start();
                }
            }
        };
    }

    /**
     * Forgets everything recorded and watched, as exiting and re-entering with a fresh tape would:
     * values computed before are constants afterwards. A recording tape keeps recording.
     */
    public void reset() {
        clear();
        consumed = false;
    }

    private void start() {
        owner = TapeStack.current();
        owner.push(this);
        recording = true;
    }

    private void pop() {
        if (owner != TapeStack.current()) {
            throw new IllegalStateException("GradientTape: a tape must be closed or used on the thread that opened it");
        }
        owner.remove(this);
        recording = false;
    }

    private void clear() {
        ids.clear();
        nodeCount = 0;
        records = new Record[16];
        recordCount = 0;
        watchedVariables.clear();
    }

    // ------------------------------------------------------------------------------------------
    // Watching and recording
    // ------------------------------------------------------------------------------------------

    /**
     * Tracks {@code xs}: ops using them are recorded, and they can be gradient sources. Variables are
     * watched even when not trainable. Int and bool arrays are not tracked: a warning is logged and
     * their gradients are null, as in TensorFlow.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public void watch(NDArray... xs) {
        if (xs == null) {
            throw new IllegalArgumentException("watch: argument is null");
        }
        for (int i = 0; i < xs.length; i++) {
            NDArray x = xs[i];
            if (x == null) {
                throw new IllegalArgumentException("watch: argument " + i + " is null");
            }
            if (!x.dtype().isFloating()) {
                warnDtype("watched tensor", x.dtype());
                continue;
            }
            if (x instanceof Variable v) {
                watchVariable(v);
            } else if (ids.get(x) < 0) {
                ids.put(x, nodeCount++);
            }
        }
    }

    /** Watches every array or variable in {@code xs} (e.g. a layer's variables). */
    public void watch(Collection<? extends NDArray> xs) {
        if (xs == null) {
            throw new IllegalArgumentException("watch: argument is null");
        }
        watch(xs.toArray(new NDArray[0]));
    }

    /** The variables this tape watches, in order of creation (TensorFlow's order). */
    public List<Variable> watchedVariables() {
        List<Variable> out = new ArrayList<>(watchedVariables);
        out.sort(Comparator.comparingLong(Variable::serial));
        return out;
    }

    private int watchVariable(Variable v) {
        int id = ids.get(v);
        if (id < 0) {
            id = nodeCount++;
            ids.put(v, id);
            watchedVariables.add(v);
        }
        return id;
    }

    /**
     * Called by {@link TapeStack} for each op on this thread while recording. {@code keys} are the op's
     * inputs as the user holds them (a variable is its own key), {@code values} what the op read
     * (a variable's snapshot).
     */
    void record(Op op, NDArray output, NDArray[] keys, NDArray[] values, Object attrs,
                boolean differentiable) {
        int[] inputIds = null;
        for (int i = 0; i < keys.length; i++) {
            NDArray k = keys[i];
            int id = ids.get(k);
            if (k != values[i]) {
                Variable v = (Variable) k;
                if (id < 0 && watchAccessedVariables && v.trainable() && v.dtype().isFloating()) {
                    id = watchVariable(v);
                }
                if (id >= 0 && ids.get(values[i]) < 0) {
                    ids.put(values[i], id); // rules use the snapshot; its uses count as the variable's
                }
            }
            if (id >= 0) {
                if (inputIds == null) {
                    inputIds = new int[keys.length];
                    Arrays.fill(inputIds, -1);
                }
                inputIds[i] = id;
            }
        }
        if (inputIds == null || !differentiable) {
            return;
        }
        int outId = nodeCount++;
        ids.put(output, outId);
        if (recordCount == records.length) {
            records = Arrays.copyOf(records, recordCount * 2);
        }
        records[recordCount++] = new Record(op, output, values, inputIds, outId, attrs);
    }

    // ------------------------------------------------------------------------------------------
    // Gradients
    // ------------------------------------------------------------------------------------------

    /** {@code d sum(target) / d source}, or null if unconnected. */
    public NDArray gradient(NDArray target, NDArray source) {
        return gradient(target, source, UnconnectedGradients.NONE);
    }

    /** {@code d sum(target) / d source}; an unconnected source gets null or zeros as {@code mode} says. */
    public NDArray gradient(NDArray target, NDArray source, UnconnectedGradients mode) {
        if (source == null) {
            throw new IllegalArgumentException("gradient: source is null");
        }
        return compute("gradient", Arrays.asList(target), null, Arrays.asList(source), mode).get(0);
    }

    /** One gradient per source, in order; null where unconnected. */
    public List<NDArray> gradient(NDArray target, List<? extends NDArray> sources) {
        return gradient(target, sources, (NDArray) null, UnconnectedGradients.NONE);
    }

    /** One gradient per source, in order; unconnected sources get null or zeros as {@code mode} says. */
    public List<NDArray> gradient(NDArray target, List<? extends NDArray> sources, UnconnectedGradients mode) {
        return gradient(target, sources, (NDArray) null, mode);
    }

    /**
     * The vector-Jacobian product: {@code outputGradient} (target's shape) replaces the implicit ones
     * (TF's {@code output_gradients}).
     */
    public List<NDArray> gradient(NDArray target, List<? extends NDArray> sources, NDArray outputGradient) {
        return gradient(target, sources, outputGradient, UnconnectedGradients.NONE);
    }

    /** The vector-Jacobian product with an unconnected-gradient mode. */
    public List<NDArray> gradient(NDArray target, List<? extends NDArray> sources, NDArray outputGradient,
                                  UnconnectedGradients mode) {
        return compute("gradient", Arrays.asList(target), outputGradient == null ? null
                : Arrays.asList(outputGradient), sources, mode);
    }

    /**
     * Several targets (their sums are added, TF's list target), each with an optional upstream gradient
     * ({@code outputGradients} may be null, or hold nulls meaning ones).
     */
    public List<NDArray> gradient(List<? extends NDArray> targets, List<? extends NDArray> sources,
                                  List<? extends NDArray> outputGradients, UnconnectedGradients mode) {
        if (targets == null) {
            throw new IllegalArgumentException("gradient: targets is null");
        }
        return compute("gradient", targets, outputGradients, sources, mode);
    }

    /** Sources given as a map (TF's nested structures): the result has the same keys, in the same order. */
    public <K> Map<K, NDArray> gradient(NDArray target, Map<K, ? extends NDArray> sources,
                                        UnconnectedGradients mode) {
        if (sources == null) {
            throw new IllegalArgumentException("gradient: sources is null");
        }
        List<K> keys = new ArrayList<>(sources.keySet());
        List<NDArray> values = new ArrayList<>();
        for (K k : keys) {
            values.add(sources.get(k));
        }
        List<NDArray> grads = compute("gradient", Arrays.asList(target), null, values, mode);
        Map<K, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), grads.get(i));
        }
        return out;
    }

    private List<NDArray> compute(String what, List<? extends NDArray> targets, List<? extends NDArray> outputGrads,
                                  List<? extends NDArray> sources, UnconnectedGradients mode) {
        checkArguments(what, targets, outputGrads, sources, mode);
        beginUse();
        try {
            return backward(targets, outputGrads, sources, mode, true);
        } finally {
            endUse();
        }
    }

    private void checkArguments(String what, List<? extends NDArray> targets, List<? extends NDArray> outputGrads,
                                List<? extends NDArray> sources, UnconnectedGradients mode) {
        if (sources == null) {
            throw new IllegalArgumentException(what + ": sources is null");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) == null) {
                throw new IllegalArgumentException(what + ": source " + i + " is null");
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) == null) {
                throw new IllegalArgumentException(nullTargetMessage(what, targets.size() == 1 ? "target"
                        : "target " + i, sources));
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException(what + ": unconnectedGradients is null");
        }
        if (outputGrads != null) {
            if (outputGrads.size() != targets.size()) {
                throw new IllegalArgumentException(what + ": " + outputGrads.size() + " output gradients for "
                        + targets.size() + " targets");
            }
            for (int i = 0; i < targets.size(); i++) {
                NDArray og = outputGrads.get(i);
                if (og != null && !Arrays.equals(og.shape(), targets.get(i).shape())) {
                    throw new IllegalArgumentException(what + ": output gradient shape " + Shapes.format(og.shape())
                            + " does not match the target shape " + Shapes.format(targets.get(i).shape()));
                }
            }
        }
    }

    /** Enforces the one-shot rule and stops a non-persistent tape from recording its own backward pass. */
    private void beginUse() {
        if (consumed) {
            throw new IllegalStateException(ONE_SHOT);
        }
        if (recording) {
            if (!persistent) {
                pop();
            } else if (INSIDE_WARNINGS.getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, "Calling GradientTape.gradient on a persistent tape inside its "
                        + "context is significantly less efficient than calling it outside the context (it causes "
                        + "the gradient ops to be recorded on the tape, leading to increased CPU and memory usage). "
                        + "Only call GradientTape.gradient inside the context if you actually want to trace the "
                        + "gradient in order to compute higher order derivatives.");
            }
        }
    }

    /** A used non-persistent tape drops its records, so it holds nothing but its watched-variable list. */
    private void endUse() {
        if (!persistent) {
            consumed = true;
            ids = new IdentityIntMap();
            records = new Record[0];
            recordCount = 0;
            nodeCount = 0;
        }
    }

    /**
     * Reverse accumulation over the record: seeds the targets, walks the records backwards applying
     * each rule to the gradient of its output, and sums gradients of arrays used more than once. Only
     * records on a path from a source to a target are visited.
     */
    private List<NDArray> backward(List<? extends NDArray> targets, List<? extends NDArray> outputGrads,
                                   List<? extends NDArray> sources, UnconnectedGradients mode, boolean remember) {
        int nodes = nodeCount;
        int count = recordCount; // records appended by our own backward pass (persistent, inside) are not walked
        Record[] recs = records;
        int[] sourceIds = new int[sources.size()];
        boolean[] depends = new boolean[nodes];
        boolean[] isSource = new boolean[nodes];
        for (int i = 0; i < sourceIds.length; i++) {
            NDArray s = sources.get(i);
            int id = -1;
            if (!s.dtype().isFloating()) {
                warnDtype("source", s.dtype());
            } else {
                id = ids.get(s);
            }
            sourceIds[i] = id;
            if (id >= 0) {
                depends[id] = true;
                isSource[id] = true;
            }
        }
        for (int r = 0; r < count; r++) {
            int[] in = recs[r].inputIds;
            for (int id : in) {
                if (id >= 0 && depends[id]) {
                    depends[recs[r].outputId] = true;
                    break;
                }
            }
        }
        NDArray[] grads = new NDArray[nodes];
        for (int t = 0; t < targets.size(); t++) {
            NDArray target = targets.get(t);
            int id = target.dtype().isFloating() ? ids.get(target) : -1;
            if (id < 0 || !depends[id]) {
                continue;
            }
            NDArray seed = outputGrads == null ? null : outputGrads.get(t);
            if (seed == null) {
                seed = NDArray.ones(target.dtype(), target.shape());
            } else if (seed.dtype() != target.dtype()) {
                seed = seed.cast(target.dtype());
            }
            grads[id] = grads[id] == null ? seed : grads[id].add(seed);
        }
        boolean[] need = new boolean[3];
        for (int r = count - 1; r >= 0; r--) {
            Record rec = recs[r];
            NDArray g = grads[rec.outputId];
            if (g == null) {
                continue;
            }
            int[] in = rec.inputIds;
            if (need.length != in.length) {
                need = new boolean[in.length];
            }
            boolean any = false;
            for (int k = 0; k < in.length; k++) {
                need[k] = in[k] >= 0 && depends[in[k]];
                any |= need[k];
            }
            if (!any) {
                continue;
            }
            if (!isSource[rec.outputId]) {
                grads[rec.outputId] = null; // consumed: free it early
            }
            NDArray[] dx = GradientRules.backward(rec.op, g, rec.inputs, rec.output, rec.attrs, need);
            for (int k = 0; k < in.length; k++) {
                if (!need[k] || dx[k] == null) {
                    continue;
                }
                NDArray x = rec.inputs[k];
                NDArray d = Unbroadcast.sumTo(dx[k], x.shape());
                if (d.dtype() != x.dtype()) {
                    d = d.cast(x.dtype());
                }
                int id = in[k];
                grads[id] = grads[id] == null ? d : grads[id].add(d);
            }
        }
        List<NDArray> out = new ArrayList<>(sourceIds.length);
        List<TapeStack.NullGradient> nulls = null;
        for (int i = 0; i < sourceIds.length; i++) {
            NDArray s = sources.get(i);
            NDArray g = sourceIds[i] >= 0 ? grads[sourceIds[i]] : targetSeed(s, targets, outputGrads);
            if (g == null && mode == UnconnectedGradients.ZERO) {
                g = NDArray.zeros(s.dtype(), s.shape());
            }
            if (g == null && remember) {
                if (nulls == null) {
                    nulls = new ArrayList<>();
                }
                nulls.add(new TapeStack.NullGradient(new WeakReference<>(s), describe(s, i, sources.size()),
                        sourceIds[i] < 0 && s.dtype().isFloating()));
            }
            out.add(g);
        }
        if (remember) {
            TapeStack.current().lastNulls = nulls == null ? List.of() : nulls;
        }
        return out;
    }

    /**
     * An untracked source that is itself a target: its gradient is that target's seed (TF:
     * {@code gradient(x, x) = 1} whether or not the tape saw {@code x}); null when it is no target.
     */
    private static NDArray targetSeed(NDArray s, List<? extends NDArray> targets, List<? extends NDArray> outputGrads) {
        if (!s.dtype().isFloating()) {
            return null;
        }
        NDArray g = null;
        for (int t = 0; t < targets.size(); t++) {
            if (targets.get(t) == s) {
                NDArray seed = outputGrads == null || outputGrads.get(t) == null ? NDArray.ones(s.dtype(), s.shape())
                        : outputGrads.get(t).cast(s.dtype());
                g = g == null ? seed : g.add(seed);
            }
        }
        return g;
    }

    private static String describe(NDArray s, int index, int count) {
        String what = s instanceof Variable v ? "variable '" + v.name() + "'"
                : "a " + s.dtype() + " array of shape " + Shapes.format(s.shape());
        return count == 1 ? "the source (" + what + ")" : "source " + index + " (" + what + ")";
    }

    /**
     * The message for a null target: when the last gradient call on this thread returned null for a
     * source this tape never watched, that is almost certainly where the null came from (TF's seed:
     * a nested tape differentiating w.r.t. a plain constant that neither tape watched).
     */
    private static String nullTargetMessage(String what, String arg, List<? extends NDArray> sources) {
        StringBuilder m = new StringBuilder(what).append(": ").append(arg).append(" is null.");
        List<TapeStack.NullGradient> last = TapeStack.current().lastNulls;
        TapeStack.NullGradient match = null;
        for (TapeStack.NullGradient n : last) {
            if (!n.unwatched()) {
                continue;
            }
            NDArray s = n.source().get();
            boolean same = false;
            if (sources != null) {
                for (NDArray src : sources) {
                    same |= src != null && src == s;
                }
            }
            if (match == null || same) {
                match = n;
            }
            if (same) {
                break;
            }
        }
        if (match != null) {
            m.append(" It is probably the null gradient that the previous gradient() call returned for ")
                    .append(match.description())
                    .append(", because that tape did not watch it: a tape gives null for a source it does not track. ")
                    .append("Watch the source on every tape that differentiates with respect to it (for nested "
                            + "tapes, call watch(a) on the inner AND the outer tape right after opening them), or "
                            + "make it a trainable Variable, which tapes watch automatically.");
        } else {
            m.append(" A gradient is null when its source has no recorded path to the target "
                    + "(UnconnectedGradients.NONE); pass UnconnectedGradients.ZERO to get zeros instead.");
        }
        return m.toString();
    }

    private static void warnDtype(String what, DType t) {
        if (DTYPE_WARNINGS.getAndIncrement() < MAX_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, "The dtype of the " + what + " must be floating (e.g. float32), got "
                    + t + "; its gradient is null");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Jacobians
    // ------------------------------------------------------------------------------------------

    /** The full Jacobian, shape {@code target.shape ++ source.shape}; null if unconnected. */
    public NDArray jacobian(NDArray target, NDArray source) {
        return jacobian(target, source, UnconnectedGradients.NONE);
    }

    /**
     * The full Jacobian, shape {@code target.shape ++ source.shape}, computed row by row as
     * vector-Jacobian products; it counts as one use of a non-persistent tape.
     */
    public NDArray jacobian(NDArray target, NDArray source, UnconnectedGradients mode) {
        if (source == null) {
            throw new IllegalArgumentException("jacobian: source is null");
        }
        checkArguments("jacobian", Arrays.asList(target), null, List.of(source), mode);
        int[] ts = target.shape();
        int[] ss = source.shape();
        int[] shape = concat(ts, ss);
        int rows = Shapes.size(ts);
        beginUse();
        try {
            List<NDArray> results = new ArrayList<>(rows);
            boolean connected = false;
            for (int i = 0; i < rows; i++) {
                NDArray seed = oneHot(target.dtype(), rows, i).reshape(ts);
                NDArray row = backward(List.of(target), List.of(seed), List.of(source), UnconnectedGradients.NONE,
                        i == rows - 1).get(0);
                connected |= row != null;
                results.add(row);
            }
            if (!connected && rows > 0) {
                return mode == UnconnectedGradients.ZERO ? NDArray.zeros(source.dtype(), shape) : null;
            }
            return stack(results, rows, ss, source.dtype(), 0).reshape(shape);
        } finally {
            endUse();
        }
    }

    /** The per-example Jacobian, shape {@code [batch] ++ target.shape[1:] ++ source.shape[1:]}; null if unconnected. */
    public NDArray batchJacobian(NDArray target, NDArray source) {
        return batchJacobian(target, source, UnconnectedGradients.NONE);
    }

    /**
     * The per-example Jacobian: row {@code i} is {@code jacobian(target[i], source[i])}, assuming
     * examples are independent (TF's {@code batch_jacobian}). Counts as one use.
     *
     * @throws IllegalArgumentException if either rank is below 2 or the batch sizes differ
     */
    public NDArray batchJacobian(NDArray target, NDArray source, UnconnectedGradients mode) {
        if (source == null) {
            throw new IllegalArgumentException("batchJacobian: source is null");
        }
        checkArguments("batchJacobian", Arrays.asList(target), null, List.of(source), mode);
        int[] ts = target.shape();
        int[] ss = source.shape();
        if (ts.length < 2) {
            throw new IllegalArgumentException("batchJacobian: target must have rank at least 2, got shape "
                    + Shapes.format(ts));
        }
        if (ss.length < 2) {
            throw new IllegalArgumentException("batchJacobian: source must have rank at least 2, got shape "
                    + Shapes.format(ss));
        }
        if (ts[0] != ss[0]) {
            throw new IllegalArgumentException("Need first dimension of target shape " + Shapes.format(ts)
                    + " and source shape " + Shapes.format(ss) + " to match.");
        }
        int batch = ts[0];
        int ty = Shapes.size(ts) / Math.max(batch, 1);
        int sx = Shapes.size(ss) / Math.max(batch, 1);
        if (batch == 0) {
            ty = Shapes.size(Arrays.copyOfRange(ts, 1, ts.length));
            sx = Shapes.size(Arrays.copyOfRange(ss, 1, ss.length));
        }
        int[] shape = concat(ts, Arrays.copyOfRange(ss, 1, ss.length));
        beginUse();
        try {
            List<NDArray> columns = new ArrayList<>(ty);
            boolean connected = false;
            for (int j = 0; j < ty; j++) {
                NDArray seed = oneHot(target.dtype(), ty, j).reshape(1, ty).broadcastTo(batch, ty).reshape(ts);
                NDArray g = backward(List.of(target), List.of(seed), List.of(source), UnconnectedGradients.NONE,
                        j == ty - 1).get(0);
                connected |= g != null;
                columns.add(g == null ? null : g.reshape(batch, 1, sx));
            }
            if (!connected && ty > 0) {
                return mode == UnconnectedGradients.ZERO ? NDArray.zeros(source.dtype(), shape) : null;
            }
            return stack(columns, ty, new int[] {batch, sx}, source.dtype(), 1).reshape(shape);
        } finally {
            endUse();
        }
    }

    /**
     * Stacks {@code parts} (each {@code partShape}, null meaning zeros) along a new axis {@code axis}
     * (0, or 1 for batch-first parts already shaped {@code [b, 1, x]}). While some tape records on this
     * thread the stack is built from recorded sliceScatter ops, so a Jacobian can be differentiated again.
     */
    private static NDArray stack(List<NDArray> parts, int n, int[] partShape, DType dtype, int axis) {
        int[] shape = axis == 0 ? concat(new int[] {n}, partShape) : new int[] {partShape[0], n, partShape[1]};
        NDArray out = NDArray.zeros(dtype, shape);
        if (OpHook.current() == null) {
            double[] flat = new double[Shapes.size(shape)];
            for (int p = 0; p < n; p++) {
                NDArray part = parts.get(p);
                if (part == null) {
                    continue;
                }
                double[] v = part.toDoubleArray();
                if (axis == 0) {
                    System.arraycopy(v, 0, flat, p * v.length, v.length);
                } else {
                    int b = partShape[0];
                    int x = partShape[1];
                    for (int i = 0; i < b; i++) {
                        System.arraycopy(v, i * x, flat, (i * n + p) * x, x);
                    }
                }
            }
            return NDArray.of(flat, shape).cast(dtype);
        }
        for (int p = 0; p < n; p++) {
            NDArray part = parts.get(p);
            if (part != null) {
                out = NDArray.sliceScatter(out, part.cast(dtype), axis, p, p + 1, 1);
            }
        }
        return out;
    }

    private static NDArray oneHot(DType dtype, int n, int hot) {
        double[] v = new double[n];
        v[hot] = 1;
        return NDArray.of(v, n).cast(dtype);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
