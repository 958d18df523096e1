package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.kernels.optim.WeightDecayKernel;
import dev.vectorgrad.ndarray.Args;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Shapes;
import dev.vectorgrad.ndarray.Strided;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the Keras 3 optimizers: pairs gradients with variables and applies one fused update kernel per
 * variable (the kernels of {@code dev.vectorgrad.kernels.optim}).
 *
 * <p>{@link #applyGradients} follows Keras 3's {@code apply_gradients} step by step: a null gradient is skipped
 * with a warning ({@code Gradients do not exist for variables [...] when minimizing the loss.}), all-null
 * gradients fail with {@code No gradients provided for any variable.}; then the gradients are clipped
 * ({@link #clipNorm}, {@link #globalClipNorm} or {@link #clipValue}), weight decay is applied
 * ({@code w ← w − w·decay·lr}, {@link #weightDecay}), and each variable gets its update step. Slots (momentum,
 * moments, accumulators) are a record per optimizer, created on a variable's first update in its dtype and kept by
 * variable identity. {@link #iterations()} counts the calls that applied something; the step {@code t} the bias
 * corrections use is {@code iterations() + 1}.
 *
 * <p><b>Rounding.</b> Each update follows Keras 3's source operation by operation in the variable's dtype: its
 * hyper-parameters are rounded to that dtype on use, its step-dependent scalars (powers of beta, bias
 * corrections) are computed in that dtype, and expressions Keras writes on Python floats ({@code 1 - beta_1} in
 * Adam, {@code 1 - rho} in RMSprop) are computed in double and then rounded, as Python does. So a float32 model
 * lands on the float32 value Keras computes, and a float64 one on the float64 value. One deliberate difference:
 * Keras keeps a plain learning rate in a float32 variable, so a float64 model there sees it rounded to float32;
 * here it is rounded to the variable's dtype (a float64 model sees the double you gave). Learning-rate
 * schedules are computed in float32, as in Keras.
 *
 * <p>Memory: the slot arrays are updated in place. A variable's new value is written into its own buffer when
 * no array but the variable can read the old value: the buffer was installed by this optimizer, and every array
 * made on it since was made inside a training step ({@code Model.fit}/{@code trainOnBatch}), whose arrays the
 * update revokes (reading one afterwards throws {@link IllegalStateException}; see
 * {@code dev.vectorgrad.ndarray.Leases}). Otherwise (a {@code readValue()} or view kept outside a step, a
 * custom loop's tape, the first step) the new value goes into a <em>new</em> buffer that {@link Variable#assign}
 * adopts, so every array read from a variable before the step keeps its old values, as NDArrays are immutable.
 * Gradients that are not dense row-major arrays of the variable's dtype are copied once to become so.
 * A thread that reads a variable (not a snapshot of it) while another thread's {@code fit} updates it in place
 * may see a mix of old and new elements, as with TensorFlow's optimizers ({@code use_locking=False}); take
 * {@code readValue()} between steps instead.
 *
 * <p>Not thread-safe: one optimizer belongs to one training loop.
 */
public abstract class Optimizer {
    private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());

    private double learningRate;
    private LearningRateSchedule schedule;
    private long iterations;
    private double clipNorm;
    private double clipValue;
    private double globalClipNorm;
    private double weightDecay;
    private final Map<Variable, Record> slots = new IdentityHashMap<>();

    /** An optimizer with a fixed learning rate (changeable by {@link #setLearningRate}). */
    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    /** An optimizer whose learning rate is {@code schedule.at(iterations())} at every step. */
    protected Optimizer(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning-rate schedule is null");
        }
        this.schedule = schedule;
    }

    /** The learning rate the next step uses: the fixed rate, or the schedule at {@link #iterations()}. */
    public double learningRate() {
        return schedule != null ? schedule.at(iterations) : learningRate;
    }

    /** The schedule given to the constructor, or null for a fixed learning rate. */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * Changes the learning rate for the following steps (callbacks such as {@code ReduceLROnPlateau} call this).
     *
     * @throws IllegalStateException if the optimizer was built on a schedule (Keras refuses too)
     */
    public void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was created with a LearningRateSchedule "
                    + "as its learning rate, hence its learning rate is not settable");
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be a finite number >= 0, got "
                    + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** How many times {@link #applyGradients} has updated variables. */
    public long iterations() {
        return iterations;
    }

    // ---- Keras 3's common options ----

    /** Clips each gradient to L2 norm at most {@code norm} (Keras's {@code clipnorm}); 0 turns it off. */
    public Optimizer clipNorm(double norm) {
        clipNorm = checkClip("clipNorm", norm);
        return this;
    }

    /** Clips every gradient element to {@code [-value, value]} (Keras's {@code clipvalue}); 0 turns it off. */
    public Optimizer clipValue(double value) {
        clipValue = checkClip("clipValue", value);
        return this;
    }

    /** Scales all gradients together so that their joint L2 norm is at most {@code norm} (Keras's {@code global_clipnorm}). */
    public Optimizer globalClipNorm(double norm) {
        globalClipNorm = checkClip("globalClipNorm", norm);
        return this;
    }

    /** Decoupled weight decay: before each update {@code w ← w − w·decay·lr} (Keras's {@code weight_decay}); 0 turns it off. */
    public Optimizer weightDecay(double decay) {
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": weight decay must be a finite number >= 0, got " + decay);
        }
        weightDecay = decay;
        return this;
    }

    /** The weight decay (0 when off). */
    public double weightDecayRate() {
        return weightDecay;
    }

    private double checkClip(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what + " must be a finite number >= 0, got " + v);
        }
        int others = (clipNorm > 0 && !what.equals("clipNorm") ? 1 : 0) + (clipValue > 0 && !what.equals("clipValue") ? 1 : 0)
                + (globalClipNorm > 0 && !what.equals("globalClipNorm") ? 1 : 0);
        if (v > 0 && others > 0) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + clipNorm + ", clipvalue=" + clipValue + ", global_clipnorm=" + globalClipNorm
                    + ", and now " + what + "=" + v);
        }
        return v;
    }

    // ---- the step ----

    /**
     * One optimisation step: {@code vars.get(i)} is updated from {@code grads.get(i)}.
     *
     * @throws IllegalArgumentException if the lists differ in length, every gradient is null, a gradient's shape
     *     differs from its variable's, or a variable is not float32/float64
     */
    public void applyGradients(List<? extends NDArray> grads, List<? extends Variable> vars) {
        if (grads == null || vars == null) {
            throw new IllegalArgumentException("applyGradients: " + (grads == null ? "grads" : "vars") + " is null");
        }
        for (Object v : vars) { // a raw or unchecked list can smuggle in a plain array
            if (v != null && !(v instanceof Variable)) {
                throw new IllegalArgumentException("applyGradients: vars must hold Variables, got a "
                        + v.getClass().getSimpleName() + "; wrap a weight in new Variable(...) to train it");
            }
        }
        if (grads.size() != vars.size()) {
            throw new IllegalArgumentException("applyGradients: got " + grads.size() + " gradients for " + vars.size()
                    + " variables; the two lists must pair up one to one");
        }
        List<String> missing = null;
        List<NDArray> gs = new ArrayList<>();
        List<Variable> vs = new ArrayList<>();
        for (int i = 0; i < grads.size(); i++) {
            Variable v = vars.get(i);
            if (v == null) {
                throw new IllegalArgumentException("applyGradients: variable " + i + " is null");
            }
            NDArray g = grads.get(i);
            if (g == null) {
                if (missing == null) missing = new ArrayList<>();
                missing.add(v.name());
                continue;
            }
            checkPair(g, v);
            gs.add(g.dtype() == v.dtype() ? g : g.cast(v.dtype()));
            vs.add(v);
        }
        if (gs.isEmpty()) {
            throw new IllegalArgumentException("No gradients provided for any variable.");
        }
        if (missing != null) {
            LOG.log(System.Logger.Level.WARNING, "Gradients do not exist for variables " + missing + " when minimizing the loss.");
        }
        double lr = learningRate();
        gs = GradientClipping.clip(gs, clipNorm, globalClipNorm, clipValue);
        long step = iterations + 1;
        beforeSteps(vs.get(0).dtype(), step);
        for (int i = 0; i < gs.size(); i++) {
            update(vs.get(i), gs.get(i), step, lr);
        }
        iterations++;
    }

    private static void checkPair(NDArray g, Variable v) {
        DType t = v.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64) {
            throw new IllegalArgumentException("applyGradients: variable '" + v.name() + "' has dtype " + t
                    + "; only float32 and float64 variables can be trained");
        }
        if (!Arrays.equals(g.shape(), v.shape())) {
            throw new IllegalArgumentException("applyGradients: gradient of shape " + Shapes.format(g.shape())
                    + " does not match variable '" + v.name() + "' of shape " + Shapes.format(v.shape()));
        }
        if (g.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("applyGradients: gradient for '" + v.name() + "' has dtype bool");
        }
    }

    private void update(Variable v, NDArray grad, long step, double lr) {
        DType t = v.dtype();
        Strided w = dense(NDArrayAccess.view(v), t);
        Strided g = dense(NDArrayAccess.view(grad), t);
        int n = w.size();
        Record s = slots.computeIfAbsent(v, k -> createSlots(t, n));
        // ---- buffer recycling: write in place when no live array but the variable can see the old value ----
        boolean inPlace = w.offset() == 0 && Convert.length(w.data()) == n && g.data() != w.data()
                && Leases.reclaim(w.data());
        Object out = inPlace ? w.data() : Convert.allocate(t, n);
        Object wData = w.data();
        int wOff = w.offset();
        if (weightDecay > 0) {
            // Keras decays every variable before the update step reads it; the decayed weights go into out and the
            // update then runs in place on out (each kernel reads an element before writing the same index).
            if (out instanceof float[] o) {
                WeightDecayKernel.run((float[]) wData, wOff, (float) weightDecay, (float) lr, o, 0, n);
            } else {
                WeightDecayKernel.run((double[]) wData, wOff, weightDecay, lr, (double[]) out, 0, n);
            }
            wData = out;
            wOff = 0;
        }
        update(wData, wOff, g.data(), g.offset(), s, out, n, step, lr);
        if (!inPlace) {
            v.assign(NDArrayAccess.wrap(t, out, v.shape()));
            Leases.lease(out); // only the variable refers to it: the next step (in a scope) may reuse it
        }
    }

    /** {@code x} itself when it is a dense row-major run of {@code t}, else a row-major copy. */
    private static Strided dense(Strided x, DType t) {
        if (x.dtype() == t && x.isContiguous()) {
            return x;
        }
        return new Strided(t, Convert.contiguous(x, t), 0, x.shape(), Shapes.rowMajorStrides(x.shape()));
    }

    /**
     * The slot record for a variable of {@code size} elements: its components are {@code float[]} for float32 and
     * {@code double[]} for float64 (null for slots the configuration does not use), named as Keras names the slots.
     */
    protected abstract Record createSlots(DType dtype, int size);

    /**
     * Writes the variable's new value into {@code out} (a fresh buffer, or {@code w} itself: read each element
     * before writing the same index) from its current value {@code w} and the gradient {@code g}, updating
     * {@code slots} in place. The arrays are all {@code float[]} or all {@code double[]}; {@code step} is
     * {@code iterations() + 1} and {@code lr} the current learning rate, both still to be rounded to the
     * variable's dtype as Keras casts them.
     */
    protected abstract void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr);

    /** Runs once per step before the variables' updates (Nadam's running product); the default does nothing. */
    protected void beforeSteps(DType firstVariableDType, long step) {}

    /** The slot record of {@code v}, or null before its first update (for tests and checkpoints). */
    protected Record slotsOf(Variable v) {
        return slots.get(v);
    }

    // ---- state for checkpoints ----

    /**
     * The optimizer's state for {@code vars} (in that order) as named arrays: {@code iterations} and, for each
     * variable {@code i} that has slots, {@code i/<slot>}. {@link #loadState} puts it back, so training resumes
     * exactly where it stopped.
     */
    public Map<String, NDArray> state(List<Variable> vars) {
        Args.noNulls(vars, "vars");
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("iterations", NDArray.of(iterations));
        for (Map.Entry<String, NDArray> e : extraState().entrySet()) {
            out.put(e.getKey(), e.getValue());
        }
        for (int i = 0; i < vars.size(); i++) {
            Record r = slots.get(vars.get(i));
            if (r == null) {
                continue;
            }
            Variable v = vars.get(i);
            for (var c : r.getClass().getRecordComponents()) {
                Object a = component(r, c);
                if (a != null) {
                    out.put(i + "/" + c.getName(), NDArrayAccess.wrap(v.dtype(), a instanceof float[] f ? f.clone() : ((double[]) a).clone(),
                            v.shape()));
                }
            }
        }
        return out;
    }

    /**
     * Restores what {@link #state} wrote for the same variables (in the same order).
     *
     * @throws IllegalArgumentException if an array's shape does not fit its variable
     */
    public void loadState(Map<String, NDArray> state, List<Variable> vars) {
        Args.nonNull(state, "state");
        Args.noNulls(vars, "vars");
        NDArray it = state.get("iterations");
        if (it == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".loadState: no 'iterations' entry");
        }
        loadExtraState(state);
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            String prefix = i + "/";
            boolean any = state.keySet().stream().anyMatch(k -> k.startsWith(prefix));
            if (!any) {
                continue;
            }
            Record fresh = createSlots(v.dtype(), (int) v.size());
            for (var c : fresh.getClass().getRecordComponents()) {
                Object a = component(fresh, c);
                NDArray saved = state.get(prefix + c.getName());
                if (a == null || saved == null) {
                    continue;
                }
                if (!Arrays.equals(saved.shape(), v.shape())) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ".loadState: slot '" + c.getName()
                            + "' of variable '" + v.name() + "' has shape " + Shapes.format(saved.shape()) + ", the variable "
                            + Shapes.format(v.shape()));
                }
                if (a instanceof float[] f) {
                    System.arraycopy(saved.cast(DType.FLOAT32).toFloatArray(), 0, f, 0, f.length);
                } else {
                    double[] d = (double[]) a;
                    System.arraycopy(saved.cast(DType.FLOAT64).toDoubleArray(), 0, d, 0, d.length);
                }
            }
            slots.put(v, fresh);
        }
        iterations = (long) it.item();
    }

    /** State beyond the per-variable slots (Nadam's running product); keys must not start with a digit. */
    protected Map<String, NDArray> extraState() {
        return Map.of();
    }

    /** Restores what {@link #extraState} returned. */
    protected void loadExtraState(Map<String, NDArray> state) {}

    private static Object component(Record r, java.lang.reflect.RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Optimizer: cannot read slot " + c.getName() + " of " + r, e);
        }
    }

    /**
     * The optimizer's hyper-parameters, as Keras's {@code get_config} lists them (learning rate, betas, ...), used
     * to save a compiled model; a schedule is saved as its own config under {@code learning_rate}.
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("learning_rate", schedule != null ? schedule.getConfig() : (Object) learningRate);
        c.put("clipnorm", clipNorm);
        c.put("clipvalue", clipValue);
        c.put("global_clipnorm", globalClipNorm);
        c.put("weight_decay", weightDecay);
        return c;
    }
}
