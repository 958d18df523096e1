package dev.vectorgrad.ndarray;

import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * Recycling of a variable's buffer by a training step, without breaking NDArray immutability.
 *
 * <p>An optimizer step used to compute every variable's new value into a fresh weight-sized buffer, because
 * arrays made from the old value (the tape's recorded snapshot, the transposed view matmul's gradient reads,
 * a user's {@code readValue()}) must keep their values. ND4J's workspaces and DJL's NDManager reuse memory
 * instead, and their users' complaints are the lesson: arrays silently overwritten when they outlive a
 * scope, "array is outside of workspace" errors far from their cause, and leaks when a scope is not closed.
 * So the reuse here is narrow and checked:
 *
 * <ul>
 *   <li>A buffer is <em>leased</em> only by an optimizer, right after it installed it as a variable's value.
 *   <li>Every NDArray made on a leased buffer inside a {@linkplain #open() step scope} (on this thread) holds the
 *       lease's current {@link Generation}. Any NDArray made on it outside a scope (a user's {@code readValue},
 *       a view of the variable kept by a callback) <em>pins</em> the lease: that buffer is never written again,
 *       and the next step allocates, as before.
 *   <li>{@link #reclaim} lets the optimizer write the new value into the buffer itself only when the lease is
 *       not pinned; it first revokes the generation, so every array made on the old value inside the scope
 *       throws {@link IllegalStateException} when read afterwards: a stale array never returns the new values.
 * </ul>
 *
 * <p>A step's arrays on the weights are the tape's records and the gradient rules' views, all dead when the
 * step returns, so {@code Model.fit}/{@code trainOnBatch} reuse each weight buffer from the second step on.
 *
 * <p>Leases refer to buffers weakly: a buffer that a variable dropped (a later {@code assign}) is forgotten.
 */
public final class Leases {
    /** One epoch of a leased buffer: arrays made on it during that epoch are valid until it is revoked. */
    public static final class Generation {
        private static final String LEASED = "this array was made during a training step from a variable's value, "
                + "whose buffer the optimizer has since reused for the variable's next value; keep a copy "
                + "(or readValue() outside the step) to read a weight after the step";

        private volatile boolean revoked;
        // What reading a stale array says: why its buffer was reused and how to keep a value.
        private final String stale;
        // A complex buffer's two parts may come from two scopes: the array is stale when either is.
        private final Generation first;
        private final Generation second;

        /** A generation of an optimizer's lease. */
        public Generation() {
            this(LEASED);
        }

        /** A generation whose stale arrays throw with {@code stale}. */
        Generation(String stale) {
            this.stale = stale;
            this.first = null;
            this.second = null;
        }

        private Generation(Generation first, Generation second) {
            this.stale = first.stale;
            this.first = first;
            this.second = second;
        }

        /** True once the buffer was overwritten: arrays of this generation must not be read. */
        public boolean revoked() {
            return revoked || first != null && (first.revoked() || second.revoked());
        }

        /** The message for reading an array of this generation after it was revoked. */
        public String staleMessage() {
            if (first != null) {
                return first.revoked() ? first.staleMessage() : second.staleMessage();
            }
            return stale;
        }

        void revoke() {
            revoked = true;
        }

        /** The generation of an array on two buffers: stale when either is; null when neither is tracked. */
        static Generation either(Generation a, Generation b) {
            if (a == null || a == b) {
                return b;
            }
            return b == null ? a : new Generation(a, b);
        }
    }

    private static final class Lease {
        final WeakReference<Object> buffer;
        volatile Generation generation = new Generation();
        volatile boolean pinned;

        Lease(Object buffer) {
            this.buffer = new WeakReference<>(buffer);
        }
    }

    private static final Lease[] NONE = new Lease[0];
    // Copy-on-write: NDArray's constructor scans it lock-free; it holds one entry per trained variable.
    private static volatile Lease[] leases = NONE;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** A step scope on the current thread; closing it ends the scope. Scopes nest. */
    public static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {}

        /** Ends this scope (idempotent). */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                DEPTH.get()[0]--;
            }
        }
    }

    /** Opens a step scope on this thread (see the class comment); close it in a finally block. */
    public static Scope open() {
        DEPTH.get()[0]++;
        return new Scope();
    }

    /**
     * Called by NDArray's constructor: the generation a new array on {@code data} belongs to, or null when the
     * buffer is not leased (or the array was made outside a scope, which pins the lease instead).
     */
    public static Generation track(Object data) {
        // ---- result scopes: a buffer of an open NDArray.scope() gives its generation (one volatile read if none) ----
        Generation scoped = ScopedBuffers.generationOf(data);
        if (scoped != null) {
            return scoped;
        }
        Lease[] ls = leases;
        if (ls.length == 0 || data == null) {
            return null;
        }
        Lease l = find(ls, data);
        if (l == null) {
            return null;
        }
        if (DEPTH.get()[0] > 0) {
            return l.generation;
        }
        l.pinned = true;
        return null;
    }

    /**
     * Marks {@code data} as never to be overwritten (a mutable holder adopted it, or it escaped a scope), an
     * {@code NDArray.scope()}'s buffer included. False when that scope has already recycled it (closed on another
     * thread meanwhile): the caller must not adopt the buffer then.
     */
    public static boolean pin(Object data) {
        if (!ScopedBuffers.pin(data)) {
            return false;
        }
        Lease[] ls = leases;
        if (ls.length != 0) {
            Lease l = find(ls, data);
            if (l != null) {
                l.pinned = true;
            }
        }
        return true;
    }

    /** The current generation of {@code data}'s lease, or null when it is not leased. */
    public static Generation generation(Object data) {
        Lease[] ls = leases;
        Lease l = ls.length == 0 ? null : find(ls, data);
        return l == null ? null : l.generation;
    }

    /**
     * Leases {@code data}, a buffer an optimizer has just installed as a variable's value and to which no array
     * other than the variable refers.
     */
    public static synchronized void lease(Object data) {
        Lease[] ls = leases;
        int live = 0;
        Lease[] next = new Lease[ls.length + 1];
        for (Lease l : ls) {
            if (!l.buffer.refersTo(null)) {
                next[live++] = l;
            }
        }
        next[live++] = new Lease(data);
        leases = Arrays.copyOf(next, live);
    }

    /**
     * True when the caller, which owns the variable holding {@code data}, may write its next value into
     * {@code data}: the buffer is leased and not pinned. Every array made on it so far is revoked first.
     * False leaves the buffer untouched; the lease is then dropped, so a pinned buffer is forgotten.
     */
    public static synchronized boolean reclaim(Object data) {
        Lease[] ls = leases;
        Lease l = ls.length == 0 ? null : find(ls, data);
        if (l == null) {
            return false;
        }
        if (l.pinned) {
            drop(l);
            return false;
        }
        Generation old = l.generation;
        l.generation = new Generation();
        old.revoke();
        return true;
    }

    private static void drop(Lease gone) {
        Lease[] ls = leases;
        Lease[] next = new Lease[ls.length];
        int live = 0;
        for (Lease l : ls) {
            if (l != gone && !l.buffer.refersTo(null)) {
                next[live++] = l;
            }
        }
        leases = Arrays.copyOf(next, live);
    }

    private static Lease find(Lease[] ls, Object data) {
        for (Lease l : ls) {
            if (l.buffer.refersTo(data)) {
                return l;
            }
        }
        return null;
    }

    private Leases() {}
}
