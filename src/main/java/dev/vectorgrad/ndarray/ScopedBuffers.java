package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery behind {@code NDArray.scope()}: result buffers handed out inside a scope come back to a per-thread free
 * list when it closes, and the next scope on that thread takes them warm from the cache instead of new, cold memory
 * from the JVM's eden (which costs more than an add at n = 1e5; see {@code ArrayScope}).
 *
 * <p>Safety is by revocation, not by trust: every buffer handed out in a scope is registered here with a fresh
 * {@link Leases.Generation}, and every NDArray made on it, by an op or as a view, on any thread, holds that generation
 * ({@link Leases#track}). Closing the scope revokes the generation <em>before</em> the buffer can be handed out again,
 * so reading a stale array throws instead of returning another array's values. A buffer that a variable adopted
 * ({@link #pin}) or that the scope {@linkplain #keep keeps} is never reused.
 *
 * <p>Only buffers that become an op's result (or its scratch, dead when the op returns) come from here, through
 * {@link Convert#allocateResult} and {@link Convert#allocateForOverwrite}; {@link Convert#allocate} stays a plain
 * {@code new}, so raw buffers kept outside any NDArray (optimizer slots, a variable's copy, {@code toFloatArray()})
 * can never be recycled under their holder.
 *
 * <p>Memory is bounded: a thread's free list keeps only what its most recent scope close released, and a scope whose
 * {@code ArrayScope} became unreachable without being closed is abandoned (its buffers are forgotten, never reused).
 */
public final class ScopedBuffers {
    /** The message of a stale array, read after the scope it was made in closed. */
    static final String STALE = "this array was made inside an NDArray.scope() that has closed, and its buffer may "
            + "now hold another array's values; keep it with scope.keep(array) (or copy it) before the scope closes "
            + "to use it afterwards";

    /**
     * Below this many elements a fresh array costs less than the bookkeeping of reuse (a map entry, a generation), and
     * it fits in the cache anyway; such results are allocated as before.
     */
    static final int MIN_POOLED = 1024;

    private static final int OWNED = 0;
    private static final int PINNED = 1;
    private static final int RELEASED = 2;

    /** Drop a thread's free list wholesale when it has seen this many distinct (type, length) keys. */
    private static final int MAX_FREE_KEYS = 512;

    /** One registered buffer; reused with its buffer, with a new generation each time it is handed out. */
    private static final class Entry {
        final Object buffer;
        final long key;
        Leases.Generation generation;
        volatile int state;
        Frame owner;

        Entry(Object buffer, long key) {
            this.buffer = buffer;
            this.key = key;
        }
    }

    /** A thread's open scopes (a stack through {@link Frame#parent}) and its free list. */
    private static final class ThreadState {
        Frame top;
        HashMap<Long, ArrayDeque<Entry>> free = new HashMap<>();
    }

    /** One open scope: the buffers it owns. Opened, used and closed on one thread. */
    public static final class Frame {
        private final ThreadState thread;
        private final Frame parent;
        // The public handle: when it becomes unreachable without close(), the scope is abandoned.
        private final WeakReference<Object> handle;
        private final ArrayList<Entry> owned = new ArrayList<>();
        private boolean closed;

        private Frame(ThreadState thread, Frame parent, Object handle) {
            this.thread = thread;
            this.parent = parent;
            this.handle = new WeakReference<>(handle);
        }

        /** Whether {@link ScopedBuffers#close} has ended this scope. */
        public boolean closed() {
            return closed;
        }

        private boolean abandoned() {
            return !closed && handle.refersTo(null);
        }
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<ThreadState> THREAD = ThreadLocal.withInitial(ThreadState::new);
    // Keyed by the buffer itself: Java arrays hash and compare by identity.
    private static final ConcurrentHashMap<Object, Entry> LIVE = new ConcurrentHashMap<>();
    // LIVE's size, so that NDArray's constructor skips the lookup with one volatile read when nothing is scoped.
    private static final AtomicInteger LIVE_COUNT = new AtomicInteger();
    // Open scopes on all threads, so that allocation outside any scope skips the thread-local lookup.
    private static final AtomicInteger OPEN = new AtomicInteger();

    /**
     * Fill released buffers with NaN (and other unlikely values) before reuse, so that a result a kernel does not
     * fully write shows up in tests; on whenever assertions are (as in the test suite).
     */
    static volatile boolean poison = ScopedBuffers.class.desiredAssertionStatus();

    /** Opens a scope on this thread, nested in any open one; {@code handle} is the user's object that closes it. */
    public static Frame open(Object handle) {
        ThreadState st = THREAD.get();
        dropAbandoned(st);
        Frame f = new Frame(st, st.top, handle);
        st.top = f;
        OPEN.incrementAndGet();
        return f;
    }

    /**
     * Ends {@code f}: revokes and recycles every buffer it owns that is neither kept nor pinned. Idempotent.
     *
     * @throws IllegalStateException on another thread, or while a scope opened inside {@code f} is still open
     */
    public static void close(Frame f) {
        if (f.closed) {
            return;
        }
        ThreadState st = THREAD.get();
        if (st != f.thread) {
            throw new IllegalStateException("an NDArray.scope() must be closed on the thread that opened it");
        }
        dropAbandoned(st);
        if (st.top != f) {
            throw new IllegalStateException("close: an NDArray.scope() opened inside this one is still open; "
                    + "close the inner scope first (try-with-resources does)");
        }
        HashMap<Long, ArrayDeque<Entry>> free = st.free;
        if (free.size() > MAX_FREE_KEYS) {
            free = new HashMap<>();
            st.free = free;
        } else {
            for (ArrayDeque<Entry> q : free.values()) {
                q.clear(); // only the most recent close's buffers are kept: older ones go to the GC
            }
        }
        boolean fill = poison;
        for (Entry e : f.owned) {
            if (e.owner != f) {
                continue; // kept: moved to the enclosing scope or exempted
            }
            e.owner = null;
            if (STATE.compareAndSet(e, OWNED, RELEASED)) {
                e.generation.revoke(); // before the buffer can be handed out again
                if (fill) {
                    poison(e.buffer);
                }
                free.computeIfAbsent(e.key, k -> new ArrayDeque<>()).add(e);
            }
            forget(e);
        }
        f.owned.clear();
        f.closed = true;
        st.top = f.parent;
        OPEN.decrementAndGet();
        dropAbandoned(st);
    }

    /**
     * A buffer of {@code n} elements of {@code t} owned by this thread's innermost open scope, zeroed when
     * {@code zero}; null when no scope is open here (or the buffer is too small or of a type not pooled), and the
     * caller then allocates as usual.
     */
    static Object take(DType t, int n, boolean zero) {
        if (OPEN.get() == 0 || n < MIN_POOLED) {
            return null;
        }
        int kind = kind(t);
        if (kind < 0) {
            return null;
        }
        ThreadState st = THREAD.get();
        dropAbandoned(st);
        Frame f = st.top;
        if (f == null) {
            return null;
        }
        long key = ((long) kind << 32) | n;
        ArrayDeque<Entry> q = st.free.get(key);
        Entry e = q == null ? null : q.poll();
        if (e == null) {
            e = new Entry(newBuffer(kind, n), key);
        } else if (zero) {
            zeroFill(e.buffer);
        }
        e.generation = new Leases.Generation(STALE);
        e.state = OWNED;
        e.owner = f;
        f.owned.add(e);
        LIVE.put(e.buffer, e);
        LIVE_COUNT.incrementAndGet();
        return e.buffer;
    }

    /**
     * The generation of an array on {@code data} when {@code data} is a buffer of an open scope (a complex buffer: of
     * either part), else null. One volatile read when no scope owns a buffer.
     */
    static Leases.Generation generationOf(Object data) {
        if (LIVE_COUNT.get() == 0 || data == null) {
            return null;
        }
        if (data instanceof ComplexBuffer c) {
            return Leases.Generation.either(generationOf(c.reals()), generationOf(c.imags()));
        }
        Entry e = LIVE.get(data);
        return e == null ? null : e.generation;
    }

    /**
     * Exempts {@code data} from recycling because a mutable holder (a variable) adopted it. False when its scope has
     * already released it (a close on another thread won the race): the caller must not adopt it then.
     */
    static boolean pin(Object data) {
        if (LIVE_COUNT.get() == 0) {
            return true;
        }
        if (data instanceof ComplexBuffer c) {
            return pin(c.reals()) & pin(c.imags());
        }
        Entry e = LIVE.get(data);
        if (e == null) {
            return true;
        }
        return STATE.compareAndSet(e, OWNED, PINNED) || e.state == PINNED;
    }

    /**
     * Keeps {@code data} alive past {@code f}: when {@code f} (or a scope nested in it) owns it, it moves to the
     * enclosing scope, or out of every scope when {@code f} is outermost. Buffers of other scopes are left alone.
     *
     * @throws IllegalStateException when {@code f} is closed or belongs to another thread
     */
    public static void keep(Frame f, Object data) {
        if (f.closed) {
            throw new IllegalStateException("keep: this NDArray.scope() has already closed");
        }
        if (THREAD.get() != f.thread) {
            throw new IllegalStateException("keep: an NDArray.scope() is used only on the thread that opened it");
        }
        if (data instanceof ComplexBuffer c) {
            keep(f, c.reals());
            keep(f, c.imags());
            return;
        }
        Entry e = LIVE.get(data);
        if (e == null || !within(e.owner, f)) {
            return;
        }
        if (f.parent != null) {
            e.owner = f.parent;
            f.parent.owned.add(e);
        } else {
            e.owner = null;
            STATE.compareAndSet(e, OWNED, PINNED);
            forget(e);
        }
    }

    /** Buffers registered in open scopes, all threads together (for tests). */
    static int liveCount() {
        return LIVE_COUNT.get();
    }

    private static boolean within(Frame owner, Frame f) {
        for (Frame s = owner; s != null; s = s.parent) {
            if (s == f) {
                return true;
            }
        }
        return false;
    }

    private static void forget(Entry e) {
        if (LIVE.remove(e.buffer, e)) {
            LIVE_COUNT.decrementAndGet();
        }
    }

    /** Pops scopes whose handle was dropped unclosed: their buffers are forgotten, never recycled. */
    private static void dropAbandoned(ThreadState st) {
        Frame f = st.top;
        while (f != null && f.abandoned()) {
            for (Entry e : f.owned) {
                if (e.owner == f) {
                    e.owner = null;
                    STATE.compareAndSet(e, OWNED, PINNED);
                    forget(e);
                }
            }
            f.owned.clear();
            f.closed = true;
            OPEN.decrementAndGet();
            f = f.parent;
            st.top = f;
        }
    }

    private static int kind(DType t) {
        return switch (t) {
            case FLOAT32 -> 0;
            case FLOAT64 -> 1;
            case INT32 -> 2;
            case INT64 -> 3;
            case BOOL -> 4;
            default -> -1; // strings and complex buffers are not pooled
        };
    }

    private static Object newBuffer(int kind, int n) {
        return switch (kind) {
            case 0 -> new float[n];
            case 1 -> new double[n];
            case 2 -> new int[n];
            case 3 -> new long[n];
            default -> new boolean[n];
        };
    }

    private static void zeroFill(Object b) {
        switch (b) {
            case float[] a -> java.util.Arrays.fill(a, 0f);
            case double[] a -> java.util.Arrays.fill(a, 0.0);
            case int[] a -> java.util.Arrays.fill(a, 0);
            case long[] a -> java.util.Arrays.fill(a, 0L);
            case boolean[] a -> java.util.Arrays.fill(a, false);
            default -> throw new IllegalStateException("not a pooled buffer: " + b.getClass());
        }
    }

    private static void poison(Object b) {
        switch (b) {
            case float[] a -> java.util.Arrays.fill(a, Float.NaN);
            case double[] a -> java.util.Arrays.fill(a, Double.NaN);
            case int[] a -> java.util.Arrays.fill(a, 0x7eadbeef);
            case long[] a -> java.util.Arrays.fill(a, 0x7eadbeefdeadbeefL);
            case boolean[] a -> java.util.Arrays.fill(a, true);
            default -> throw new IllegalStateException("not a pooled buffer: " + b.getClass());
        }
    }

    private ScopedBuffers() {}
}
