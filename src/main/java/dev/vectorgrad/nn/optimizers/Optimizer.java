package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.ndarray.Internals;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.ndarray.Shapes;
import dev.vectorgrad.ndarray.Strided;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the Keras 3 optimizers: pairs gradients with variables and applies one fused update kernel per
 * variable (the kernels of {@code dev.vectorgrad.kernels.elementwise}).
 *
 * <p>{@link #applyGradients} follows Keras's {@code apply_gradients}: a null gradient is skipped with a warning
 * ({@code Gradients do not exist for variables [...] when minimizing the loss.}), all-null gradients fail with
 * {@code No gradients provided for any variable.}, lists of different lengths and gradients of the wrong shape
 * fail naming the variable. Slots (momentum, moments, accumulators) are created on a variable's first update, in
 * its dtype, and kept by variable identity. {@link #iterations()} counts the calls that applied something; the
 * step {@code t} the bias corrections use is {@code iterations() + 1}. Float32 variables are updated in float32
 * arithmetic, float64 in float64, as Keras casts the hyper-parameters to the variable's dtype.
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
    private long iterations;
    private final Map<Variable, Object[]> slots = new IdentityHashMap<>();

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    public double learningRate() {
        return learningRate;
    }

    /** Changes the learning rate for the following steps (a schedule can call this between steps). */
    public void setLearningRate(double learningRate) {
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
        if (grads.size() != vars.size()) {
            throw new IllegalArgumentException("applyGradients: got " + grads.size() + " gradients for " + vars.size()
                    + " variables; the two lists must pair up one to one");
        }
        List<String> missing = null;
        int present = 0;
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
            present++;
            checkPair(g, v);
        }
        if (present == 0) {
            throw new IllegalArgumentException("No gradients provided for any variable.");
        }
        if (missing != null) {
            LOG.log(System.Logger.Level.WARNING, "Gradients do not exist for variables " + missing + " when minimizing the loss.");
        }
        long step = iterations + 1;
        for (int i = 0; i < grads.size(); i++) {
            NDArray g = grads.get(i);
            if (g != null) {
                update(vars.get(i), g, step);
            }
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

    private void update(Variable v, NDArray grad, long step) {
        DType t = v.dtype();
        Strided w = dense(Internals.view(v), t);
        Strided g = dense(Internals.view(grad), t);
        int n = w.size();
        Object[] s = slots.computeIfAbsent(v, k -> createSlots(t, n));
        // ---- buffer recycling: write in place when no live array but the variable can see the old value ----
        boolean inPlace = w.offset() == 0 && Convert.length(w.data()) == n && g.data() != w.data()
                && Leases.reclaim(w.data());
        Object out = inPlace ? w.data() : Convert.allocate(t, n);
        update(w.data(), w.offset(), g.data(), g.offset(), s, out, n, step);
        if (!inPlace) {
            v.assign(Internals.wrap(t, out, v.shape()));
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
     * The slot arrays for a variable of {@code size} elements: {@code float[]} for float32, {@code double[]} for
     * float64; entries may be null for slots the configuration does not use.
     */
    protected abstract Object[] createSlots(DType dtype, int size);

    /**
     * Writes the variable's new value into {@code out} (a fresh buffer, or {@code w} itself: read each element
     * before writing the same index) from its current value {@code w} and the
     * gradient {@code g}, updating {@code slots} in place. The arrays are all {@code float[]} or all
     * {@code double[]}; {@code step} is {@code iterations() + 1}.
     */
    protected abstract void update(Object w, int wOff, Object g, int gOff, Object[] slots, Object out, int n, long step);

    /** The slot arrays of {@code v}, or null before its first update (for tests and checkpoints). */
    protected Object[] slotsOf(Variable v) {
        return slots.get(v);
    }
}
