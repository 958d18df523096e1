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
 *
 * <p>Only the {@link #EAGER} innermost tapes see each op as it runs. Older tapes (in practice, tapes dropped
 * without {@code close()} and not yet collected) are <em>lazy</em>: ops are appended once to a shared log,
 * and a lazy tape replays the log from where it stopped when it is next used, or when it becomes one of the
 * innermost again. Every tape sees the same ops in the same order either way, but an op costs the same
 * whatever the number of forgotten tapes (before: one record per forgotten tape, 500x slower with 20k).
 */
final class TapeStack implements OpRecorder {
    private static final ThreadLocal<TapeStack> STATE = ThreadLocal.withInitial(TapeStack::new);

    /** Tapes that record as ops run; deeper nesting than this is rare outside forgotten tapes. */
    static final int EAGER = 16;

    // Weak, so a tape dropped without close() stops recording and is collected instead of leaking.
    @SuppressWarnings("unchecked")
    private WeakReference<GradientTape>[] active = new WeakReference[4];
    private int count;

    /** Ops not yet replayed by some lazy tape: {@code log[logStart..logEnd)}, absolute index of log[0] is logBase. */
    private Event[] log = new Event[16];
    private int logStart;
    private int logEnd;
    private long logBase;

    /** Why the last gradient call on this thread returned nulls (see {@link NullGradient}). */
    List<NullGradient> lastNulls = List.of();

    /** A null gradient handed out earlier, remembered weakly to explain a null target later. */
    record NullGradient(WeakReference<NDArray> source, String description, boolean unwatched) {}

    /** One op as {@link GradientTape#record} takes it, kept for lazy tapes. */
    private record Event(Op op, NDArray output, NDArray[] keys, NDArray[] values, Object attrs,
                         boolean differentiable) {}

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
        tape.lazy = false;
        active[count++] = new WeakReference<>(tape);
        if (count > EAGER) {
            GradientTape older = active[count - 1 - EAGER].get(); // no longer among the innermost
            if (older != null && !older.lazy) {
                older.lazy = true;
                older.cursor = logBase + logEnd;
            }
        }
        if (count == 1) {
            OpHook.install(this);
        }
    }

    /** Removes {@code tape} (already brought up to date); searched from the top, where the closing tape usually is. */
    void remove(GradientTape tape) {
        for (int i = count - 1; i >= 0; i--) {
            if (active[i].get() == tape) {
                System.arraycopy(active, i + 1, active, i, count - i - 1);
                active[--count] = null;
                tape.lazy = false;
                afterRemoval();
                break;
            }
        }
    }

    /** Replays what a lazy {@code tape} missed, so its state is current before it is read or changed. */
    void sync(GradientTape tape) {
        if (!tape.lazy) {
            return;
        }
        long end = logBase + logEnd;
        for (long a = tape.cursor; a < end; a++) {
            Event e = log[(int) (a - logBase)];
            tape.record(e.op(), e.output(), e.keys(), e.values(), e.attrs(), e.differentiable());
        }
        tape.cursor = end;
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
        afterRemoval();
    }

    /** The innermost {@link #EAGER} tapes become eager again (replaying what they missed); the log is trimmed. */
    private void afterRemoval() {
        for (int i = Math.max(0, count - EAGER); i < count; i++) {
            GradientTape t = active[i].get();
            if (t != null && t.lazy) {
                sync(t);
                t.lazy = false;
            }
        }
        if (count == 0) {
            OpHook.install(null);
        }
        trim();
    }

    /** Forgets the events every live lazy tape has replayed. */
    private void trim() {
        long keepFrom = logBase + logEnd;
        for (int i = 0; i < count - EAGER; i++) {
            GradientTape t = active[i].get();
            if (t != null && t.lazy) {
                keepFrom = Math.min(keepFrom, t.cursor);
            }
        }
        int drop = (int) (keepFrom - logBase) - logStart;
        java.util.Arrays.fill(log, logStart, logStart + drop, null);
        logStart += drop;
        if (logStart == logEnd) {
            logBase += logEnd;
            logStart = 0;
            logEnd = 0;
        }
    }

    private void append(Event e) {
        if (logEnd == log.length) {
            expunge(); // collected lazy tapes no longer hold the log back
            if (logStart > 0) {
                System.arraycopy(log, logStart, log, 0, logEnd - logStart);
                java.util.Arrays.fill(log, logEnd - logStart, logEnd, null);
                logBase += logStart;
                logEnd -= logStart;
                logStart = 0;
            }
            if (logEnd > log.length / 2) {
                log = java.util.Arrays.copyOf(log, log.length * 2);
            }
        }
        log[logEnd++] = e;
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
        boolean differentiable = GradientTape.differentiable(output.dtype());
        if (count > EAGER) { // first: making room may turn lazy tapes eager, and those take this op below
            append(new Event(op, output, inputs, values, attrs, differentiable));
        }
        boolean dropped = false;
        for (int i = Math.max(0, count - EAGER); i < count; i++) {
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
