package dev.vectorgrad.autodiff;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.Shapes;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Semantics (TensorFlow 2.x eager):
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
 *     keep it on the thread's tape stack). Until then it is open, but only the innermost tapes of a thread
 *     record ops as they run; older ones replay a shared log when next used, so forgotten tapes do not slow
 *     later ops, though the log keeps those ops' arrays until the forgotten tapes are collected.</li>
 * <li>The dtype warnings are logged at most 5 times per process, the persistent-tape-inside-its-block
 *     warning once.</li>
 * </ul>
 */
public final class GradientTape implements AutoCloseable {

    private final boolean persistent;
    private final boolean watchAccessedVariables;

    private TapeStack owner;
    // Managed by TapeStack: a lazy tape catches up from the thread's op log at {@code cursor} when next used.
    boolean lazy;
    long cursor;
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
        sync();
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
        owner.sync(this);
        owner.remove(this);
        recording = false;
    }

    /** How many ops this tape holds recorded now, without catching up (for tests of the lazy tapes). */
    int recordsHeld() {
        return recordCount;
    }

    /** Brings a recording tape up to date with the ops run on its thread (see {@link TapeStack}). */
    private void sync() {
        if (recording && owner == TapeStack.current()) {
            owner.sync(this);
        }
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
        sync();
        if (xs == null) {
            throw new IllegalArgumentException("watch: argument is null");
        }
        for (int i = 0; i < xs.length; i++) {
            NDArray x = xs[i];
            if (x == null) {
                throw new IllegalArgumentException("watch: argument " + i + " is null");
            }
            if (!differentiable(x.dtype())) {
                TapeMessages.warnDtype("watched tensor", x.dtype());
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
        sync();
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
                if (id < 0 && watchAccessedVariables && v.trainable() && differentiable(v.dtype())) {
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

    void checkArguments(String what, List<? extends NDArray> targets, List<? extends NDArray> outputGrads,
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
                throw new IllegalArgumentException(TapeMessages.nullTargetMessage(what, targets.size() == 1 ? "target"
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
    void beginUse() {
        sync();
        if (consumed) {
            throw new IllegalStateException(TapeMessages.ONE_SHOT);
        }
        if (recording) {
            if (!persistent) {
                pop();
            } else {
                TapeMessages.warnGradientInside();
            }
        }
    }

    /** A used non-persistent tape drops its records, so it holds nothing but its watched-variable list. */
    void endUse() {
        if (!persistent) {
            consumed = true;
            ids = new IdentityIntMap();
            records = new Record[0];
            recordCount = 0;
            nodeCount = 0;
        }
    }

    /**
     * Gradients of {@code targets} for {@code sources} by the reverse walk ({@link Backprop}) over this tape's
     * record, then the unconnected ones as {@code mode} says; {@code remember} keeps why a gradient was null,
     * for the message of a later null target.
     */
    List<NDArray> backward(List<? extends NDArray> targets, List<? extends NDArray> outputGrads,
                                   List<? extends NDArray> sources, UnconnectedGradients mode, boolean remember) {
        int[] sourceIds = new int[sources.size()];
        for (int i = 0; i < sourceIds.length; i++) {
            NDArray s = sources.get(i);
            if (!differentiable(s.dtype())) {
                TapeMessages.warnDtype("source", s.dtype());
                sourceIds[i] = -1;
            } else {
                sourceIds[i] = ids.get(s);
            }
        }
        int[] targetIds = new int[targets.size()];
        for (int t = 0; t < targetIds.length; t++) {
            NDArray target = targets.get(t);
            targetIds[t] = differentiable(target.dtype()) ? ids.get(target) : -1;
        }
        // records appended by our own backward pass (persistent, inside its block) are not walked
        NDArray[] grads = Backprop.accumulate(records, recordCount, nodeCount, targetIds,
                t -> seed(targets.get(t), outputGrads == null ? null : outputGrads.get(t)), sourceIds);
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
                nulls.add(new TapeStack.NullGradient(new WeakReference<>(s), TapeMessages.describe(s, i, sources.size()),
                        sourceIds[i] < 0 && differentiable(s.dtype())));
            }
            out.add(g);
        }
        if (remember) {
            TapeStack.current().lastNulls = nulls == null ? List.of() : nulls;
        }
        return out;
    }

    /** The dtypes gradients flow through: floats, and complex numbers as TensorFlow allows. */
    static boolean differentiable(DType t) {
        return t.isFloating() || t.isComplex();
    }

    /** The upstream gradient of {@code target}: ones, or the caller's {@code outputGrad} in the target's dtype. */
    private static NDArray seed(NDArray target, NDArray outputGrad) {
        if (outputGrad == null) {
            return NDArray.ones(target.dtype(), target.shape());
        }
        return outputGrad.dtype() != target.dtype() ? outputGrad.cast(target.dtype()) : outputGrad;
    }

    /**
     * An untracked source that is itself a target: its gradient is that target's seed (TF:
     * {@code gradient(x, x) = 1} whether or not the tape saw {@code x}); null when it is no target.
     */
    private static NDArray targetSeed(NDArray s, List<? extends NDArray> targets, List<? extends NDArray> outputGrads) {
        if (!differentiable(s.dtype())) {
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
        return Jacobians.full(this, target, source, mode);
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
        return Jacobians.batch(this, target, source, mode);
    }
}
