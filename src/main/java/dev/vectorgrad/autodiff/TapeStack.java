package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.OpRecorder;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * The calling thread's set of recording tapes (TensorFlow's {@code thread_local} tape set). It is the
 * thread's {@link OpRecorder} while at least one tape records and is uninstalled when the last one
 * stops, so a thread with no open tape pays one {@code ThreadLocal} read per op and nothing else.
 */
final class TapeStack implements OpRecorder {
    private static final ThreadLocal<TapeStack> STATE = ThreadLocal.withInitial(TapeStack::new);

    // Weak, so a tape dropped without close() stops recording and is collected instead of leaking.
    @SuppressWarnings("unchecked")
    private WeakReference<GradientTape>[] active = new WeakReference[4];
    private int count;

    /** Why the last gradient call on this thread returned nulls (see {@link NullGradient}). */
    List<NullGradient> lastNulls = List.of();

    /** A null gradient handed out earlier, remembered weakly to explain a null target later. */
    record NullGradient(WeakReference<NDArray> source, String description, boolean unwatched) {}

    static TapeStack current() {
        return STATE.get();
    }

    void push(GradientTape tape) {
        if (count == active.length) {
            expunge(); // tapes dropped without close(): their slots are reused before the array grows
            if (count > active.length / 2) {
                active = java.util.Arrays.copyOf(active, active.length * 2);
            }
        }
        active[count++] = new WeakReference<>(tape);
        if (count == 1) {
            OpHook.install(this);
        }
    }

    /** Removes {@code tape}; searched from the top, where the innermost (usually the closing) tape is. */
    void remove(GradientTape tape) {
        for (int i = count - 1; i >= 0; i--) {
            if (active[i].get() == tape) {
                removeAt(i);
                break;
            }
        }
    }

    /**
     * Drops the slots of tapes collected without {@code close()}, in one pass: the cost is linear in the
     * slots, never a shift per dropped tape (that made 20k dropped persistent tapes quadratic).
     */
    private void expunge() {
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (active[r].get() != null) {
                active[w++] = active[r];
            }
        }
        java.util.Arrays.fill(active, w, count, null);
        count = w;
        if (count == 0) {
            OpHook.install(null);
        }
    }

    private void removeAt(int i) {
        System.arraycopy(active, i + 1, active, i, count - i - 1);
        active[--count] = null;
        if (count == 0) {
            OpHook.install(null);
        }
    }

    @Override
    public void record(Op op, NDArray output, NDArray[] inputs, Object attrs) {
        NDArray[] values = inputs;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] instanceof Variable v) {
                if (values == inputs) {
                    values = inputs.clone();
                }
                values[i] = v.snapshot();
            }
        }
        boolean differentiable = output.dtype().isFloating();
        boolean dropped = false;
        for (int i = 0; i < count; i++) {
            GradientTape tape = active[i].get();
            if (tape == null) {
                dropped = true; // dropped without close() and collected
            } else {
                tape.record(op, output, inputs, values, attrs, differentiable);
            }
        }
        if (dropped) {
            expunge();
        }
    }
}
