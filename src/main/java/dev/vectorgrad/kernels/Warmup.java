package dev.vectorgrad.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Cold start: a kernel's {@code run} takes its scalar twin until its SIMD body has been compiled by C2, and a
 * daemon thread gets it compiled meanwhile, off the caller's thread.
 *
 * <p>Why: until C2 compiles a Vector API loop, the interpreter and C1 run it as boxed Java code, 100-1000x its
 * compiled cost and many times slower than the scalar twin, which C1 compiles within a few calls. A short program
 * (2000 small ops, 1000 Iris training steps) spent most of its time there: issue 11 measured 1,315 ms with the
 * SIMD bodies from the first call against 290 ms with the twins. A body reaches C2 only by running, so the
 * warm-up thread runs it, on its own arrays ({@link Scratch}), while the caller's thread keeps to the twin; on a
 * machine with a second core that core is otherwise idle in a single-threaded program.
 *
 * <p><b>When a gate opens.</b> The thread times the SIMD body and the scalar twin alternately ({@link #REPS} calls on
 * {@link #N} elements each) and opens the gate once the fastest of the last few SIMD calls takes at most 1.5 times the
 * fastest twin call (after at least 32 rounds, so that the twin is compiled too): a compiled
 * body is never slower than that (the slowest, an elementwise add, matches the auto-vectorised twin), and a boxed
 * one is at least 5x slower than a compiled twin. Timing was chosen over counting calls because C2's queue is
 * long at start-up and its delay cannot be predicted; timing noise on a loaded machine only delays the switch
 * (a preempted call looks slow, and the minimum of several is taken). The thread starts {@link #DELAY_MILLIS} ms after the
 * first request, so a program that ends sooner runs on the twins alone. A gate that has not opened after
 * 5000 rounds or 10 seconds opens anyway, so that steady state is the SIMD body as
 * it was before this class; a body that throws on the warm-up arrays opens its gate too (the caller then sees
 * the same exception as before).
 *
 * <p><b>Modes</b> ({@code -Dvectorgrad.warmup}): {@code off}, the default, gates nothing (SIMD bodies from the first
 * call, no thread). {@code exact} gates only the entry points whose twin gives the SIMD body's bits ({@link #gate}): elementwise add, sub, mul, compare, relu, ..., integer sums, SGD, and
 * GEMM on the shapes whose SIMD path keeps one fma chain per element in the twin's order; and exp, whose results
 * already depended on the JIT's timing through the Vector API's own boxed fallback (see {@code ExpKernel}). So no
 * result depends on timing where it did not before. Where the twin rounds differently (tanh, floating-point sums, GEMM's
 * row-dot-column path and depths above its block), {@code all} gates these too
 * ({@link #inexactGate}): then a call in the first moments of a JVM may differ in its last bits from the
 * same call later, each within the bound its kernel documents. Measured under load, {@code exact} barely helps
 * a short program (tanh and float sums stay boxed, and the thread competes with them) and {@code all} makes one
 * 2-3x faster (jmh/RESULTS.md); which should be the default is a trade of speed against bit-reproducibility,
 * left to the project. {@code -Dvectorgrad.simd=false} still means the twins everywhere. Without C2
 * ({@link Jit#C2} false: {@code -Xint}, {@code TieredStopAtLevel} below 4) the gates stay closed and the twins
 * run: the Vector API would never be compiled.
 *
 * <p>Steady-state cost: one volatile read of a field of a {@code static final} gate per call (a plain load on
 * x86). Calls of more than {@link #SCALAR_MAX} elements take the SIMD body even with the gate closed: such a call
 * is long enough for C2 to compile the body's loop within it (on-stack replacement), and the twin would be slower.
 */
public final class Warmup {
    /** The {@code vectorgrad.warmup} property: {@code off} (the default), {@code exact} or {@code all}. */
    public static final String MODE = mode(System.getProperty("vectorgrad.warmup"));

    /**
     * True with {@code -Dvectorgrad.warmup=exact} or {@code all} (and SIMD on): the {@link #gate exact gates} start
     * closed. Off by default: the default keeps the SIMD bodies from the first call, as before this class, because
     * the gains come with {@code all}, whose results depend on timing in their last bits (see the class comment).
     */
    public static final boolean ENABLED = Simd.ENABLED && !MODE.equals("off");

    /**
     * True with {@code -Dvectorgrad.warmup=all}: the {@link #inexactGate inexact gates} close too, at the price of
     * results that depend, in their last bits, on when C2 compiled a body (a model trained, saved and resumed in a
     * fresh JVM then no longer matches uninterrupted training bit for bit).
     */
    public static final boolean ALL = ENABLED && MODE.equals("all");

    /**
     * Elements per warm-up call: small, because a body reaches C2 by its call count (and loop iterations), and each
     * call before that is slow, above all in the interpreter (4096 elements per call kept C2 away for 1.5 s).
     */
    public static final int N = 64;

    /** Calls per timed group: {@value} calls of {@link #N} elements take well above the timer's resolution. */
    public static final int REPS = 16;

    /** Elements of each warm-up array: {@link #N} and room for the small GEMM shapes. */
    public static final int SCRATCH_LENGTH = 512;

    /** Above this many elements a call takes the SIMD body even before its gate opens (see the class comment). */
    public static final int SCALAR_MAX = 1 << 16;

    /**
     * Milliseconds the warm-up thread waits before its first round ({@code -Dvectorgrad.warmupDelayMillis}, default
     * 300): running boxed Vector API code floods the JIT's queues with hundreds of the API's own methods, which
     * delays the compilation of the caller's code; a program done within the delay never pays for that.
     */
    public static final long DELAY_MILLIS = Math.max(0, Long.getLong("vectorgrad.warmupDelayMillis", 300));

    /** Rounds ({@link #REPS} SIMD calls, as many twin calls) before a gate may open: C1 has compiled the twin by then. */
    static final int MIN_ROUNDS = 32;
    /** Rounds after which a gate opens whatever the timing says. */
    static final int MAX_ROUNDS = 5000;
    /** Milliseconds of warming after which a gate opens whatever the timing says. */
    static final long MAX_MILLIS = 10_000;
    /** How many recent rounds the decision looks at (the fastest of each kind). */
    static final int WINDOW = 4;

    private static final List<Gate> PENDING = new ArrayList<>();
    private static final List<Gate> REQUESTED = new ArrayList<>();   // every gate ever requested, for describe()
    private static Worker worker;   // guarded by Warmup.class; null when no thread runs

    /**
     * What the warm-up thread runs for one kernel: its SIMD bodies and scalar twins on the thread's own arrays.
     * Each kernel implements it once, in a private nested class whose {@code switch} calls the body of one entry
     * point; no loop body is shared between operators.
     */
    public interface Body {
        /**
         * Runs entry point {@code entry}'s SIMD body ({@code simd} true) or its scalar twin once, on {@code s}.
         *
         * @param entry the name the kernel gave the gate, e.g. {@code "F32 right"}
         * @param simd true for the SIMD body, false for the scalar twin
         * @param s the warm-up thread's arrays
         */
        void run(String entry, boolean simd, Scratch s);
    }

    /**
     * The switch of one kernel entry point (a kernel, an element type, a broadcast form): closed, {@code run}
     * takes the scalar twin; open, the SIMD body. It opens once, never closes.
     */
    public static final class Gate {
        private final String name;
        private final Body body;
        private final String entry;
        private volatile boolean open;
        private volatile boolean requested;
        // the warm-up thread's own state
        private int rounds;
        private long startNanos;
        private final long[] simdNanos = new long[WINDOW];
        private final long[] scalarNanos = new long[WINDOW];
        private volatile String verdict = "not requested";

        Gate(String name, Body body, String entry, boolean open) {
            this.name = name;
            this.body = body;
            this.entry = entry;
            this.open = open;
            if (open) {
                verdict = "open from the start";
            }
        }

        /**
         * True when {@code run} should take the SIMD body; while false, the first call asks the warm-up thread to
         * get the body compiled. Kept tiny: C2 inlines it into every {@code run}.
         *
         * @return whether the gate is open
         */
        public boolean ready() {
            return open || request();
        }

        private boolean request() {
            if (!requested) {
                Warmup.enqueue(this);
            }
            return false;
        }

        /**
         * Whether the gate is open, without asking for a warm-up.
         *
         * @return true once {@code run} takes the SIMD body
         */
        public boolean isOpen() {
            return open;
        }

        /**
         * What happened to this gate, for logs and tests: e.g. {@code "compiled after 57 rounds, 31 ms"},
         * {@code "open from the start"}, {@code "gave up after 5000 rounds"}, {@code "warming"}.
         *
         * @return the gate's state in words
         */
        public String verdict() {
            return verdict;
        }

        @Override
        public String toString() {
            return name + ": " + verdict;
        }

        /** One round on the warm-up thread; true when the gate is settled and leaves the thread's list. */
        boolean round(Scratch s) {
            if (rounds == 0) {
                startNanos = System.nanoTime();
            }
            long t0 = System.nanoTime();
            for (int r = 0; r < REPS; r++) {
                body.run(entry, true, s);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < REPS; r++) {
                body.run(entry, false, s);
            }
            long t2 = System.nanoTime();
            simdNanos[rounds % WINDOW] = t1 - t0;
            scalarNanos[rounds % WINDOW] = t2 - t1;
            rounds++;
            long millis = (t2 - startNanos) / 1_000_000;
            if (rounds >= MIN_ROUNDS && compiled(simdNanos, scalarNanos)) {
                return settle(true, "compiled after " + rounds + " rounds, " + millis + " ms");
            }
            if (rounds >= MAX_ROUNDS || millis >= MAX_MILLIS) {
                return settle(true, "gave up after " + rounds + " rounds, " + millis + " ms (SIMD body "
                        + min(simdNanos) + " ns, twin " + min(scalarNanos) + " ns for " + REPS + " calls)");
            }
            return false;
        }

        boolean settle(boolean opened, String why) {
            verdict = why;
            open = opened;
            System.getLogger("dev.vectorgrad.kernels").log(System.Logger.Level.DEBUG, () -> "warm-up " + this);
            return true;
        }
    }

    /**
     * A gate for one entry point of a kernel whose scalar twin gives the SIMD body's bits (or, as for exp, whose
     * results already depended on the JIT's timing through the Vector API's fallback): closed when warm-up is
     * {@link #ENABLED}, else open.
     *
     * @param name the entry point in words, for logs: e.g. {@code "AddKernel float broadcast-right"}
     * @param body the kernel's warm-up bodies
     * @param entry the key {@code body} switches on
     * @return the gate, to keep in a {@code static final} field
     */
    public static Gate gate(String name, Body body, String entry) {
        return new Gate(name, body, entry, !ENABLED);
    }

    /**
     * A gate for an entry point whose scalar twin does not give the SIMD body's bits (tanh, floating-point sums):
     * closed only with {@code -Dvectorgrad.warmup=all} ({@link #ALL}), else open from the start, so that by
     * default no result depends on timing.
     *
     * @param name the entry point in words, for logs
     * @param body the kernel's warm-up bodies
     * @param entry the key {@code body} switches on
     * @return the gate, to keep in a {@code static final} field
     */
    public static Gate inexactGate(String name, Body body, String entry) {
        return new Gate(name, body, entry, !ALL);
    }

    /**
     * True when the fastest recent SIMD call took at most 1.5 times the fastest recent twin call.
     *
     * @param simdNanos recent SIMD body times
     * @param scalarNanos recent twin times, on the same input
     * @return whether the SIMD body runs compiled
     */
    static boolean compiled(long[] simdNanos, long[] scalarNanos) {
        return 2 * min(simdNanos) <= 3 * min(scalarNanos);
    }

    /** {@code off}, {@code exact} or {@code all}; {@code false} and {@code true} are read as {@code off} and {@code all}. */
    static String mode(String property) {
        String p = property == null ? "off" : property.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "", "off", "false" -> "off";
            case "exact" -> "exact";
            case "all", "true" -> "all";
            default -> throw new IllegalArgumentException(
                    "vectorgrad.warmup must be off, exact or all (false, true), got '" + property + "'");
        };
    }

    private static long min(long[] xs) {
        long m = Long.MAX_VALUE;
        for (long x : xs) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Hands a gate to the warm-up thread, starting one if none runs. */
    static synchronized void enqueue(Gate g) {
        if (g.requested) {
            return;
        }
        g.requested = true;
        g.verdict = "warming";
        PENDING.add(g);
        REQUESTED.add(g);
        if (worker == null) {   // else the running thread takes it on its next pass
            worker = new Worker();
            worker.start();
        }
    }

    /**
     * One line per gate that a call has asked for so far, with its state: which SIMD bodies are in use, which
     * still wait for C2, and how long each took (e.g. {@code "ExpKernel float: compiled after 41 rounds, 36 ms"}).
     *
     * @return the lines, in request order; empty when warm-up is off or no kernel has run yet
     */
    public static synchronized String describe() {
        StringBuilder sb = new StringBuilder();
        for (Gate g : REQUESTED) {
            sb.append(g).append('\n');
        }
        return sb.toString();
    }

    /** Moves the pending gates to {@code active}; false (and the thread ends) when there is nothing to do. */
    private static synchronized boolean takePending(List<Gate> active) {
        active.addAll(PENDING);
        PENDING.clear();
        if (active.isEmpty()) {
            worker = null;
            return false;
        }
        return true;
    }

    /**
     * The warm-up thread: round-robin over the gates it was handed, one round each, until each is settled.
     * A daemon, so it never keeps the JVM alive; it ends when no gate is left and a later request starts another.
     */
    private static final class Worker extends Thread {
        Worker() {
            super("vectorgrad-warmup");
            setDaemon(true);
        }

        @Override
        public void run() {
            List<Gate> active = new ArrayList<>();
            if (!Jit.C2) {
                // the Vector API is never compiled without C2: the twins are the faster path for good
                while (takePending(active)) {
                    for (Gate g : active) {
                        g.verdict = "closed: no C2 (" + Jit.COMPILER + ")";
                    }
                    active.clear();
                }
                return;
            }
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Scratch s = new Scratch();
            while (takePending(active)) {
                for (int i = active.size() - 1; i >= 0; i--) {
                    Gate g = active.get(i);
                    boolean settled;
                    try {
                        settled = g.round(s);
                    } catch (RuntimeException | Error e) {
                        settled = g.settle(true, "opened: the warm-up run threw " + e);
                    }
                    if (settled) {
                        active.remove(i);
                    }
                }
            }
        }
    }

    /**
     * The warm-up thread's arrays, {@link #SCRATCH_LENGTH} elements each, owned by that thread. Inputs lie in
     * [0.25, 0.8] (floating point) or [1, 29] (integer): inside the domain of every kernel (log, sqrt, acos,
     * integer division), where no special-case branch is taken.
     */
    public static final class Scratch {
        /** First float operand. */
        public final float[] float0 = new float[SCRATCH_LENGTH];
        /** Second float operand. */
        public final float[] float1 = new float[SCRATCH_LENGTH];
        /** Float result. */
        public final float[] floatOut = new float[SCRATCH_LENGTH];
        /** First double operand. */
        public final double[] double0 = new double[SCRATCH_LENGTH];
        /** Second double operand. */
        public final double[] double1 = new double[SCRATCH_LENGTH];
        /** Double result. */
        public final double[] doubleOut = new double[SCRATCH_LENGTH];
        /** First int operand. */
        public final int[] int0 = new int[SCRATCH_LENGTH];
        /** Second int operand. */
        public final int[] int1 = new int[SCRATCH_LENGTH];
        /** Int result. */
        public final int[] intOut = new int[SCRATCH_LENGTH];
        /** First long operand. */
        public final long[] long0 = new long[SCRATCH_LENGTH];
        /** Second long operand. */
        public final long[] long1 = new long[SCRATCH_LENGTH];
        /** Long result. */
        public final long[] longOut = new long[SCRATCH_LENGTH];
        /** Boolean result (comparisons). */
        public final boolean[] booleanOut = new boolean[SCRATCH_LENGTH];

        Scratch() {
            for (int i = 0; i < SCRATCH_LENGTH; i++) {
                float0[i] = 0.25f + (i % 61) / 120f;
                float1[i] = 0.3f + (i % 53) / 106f;
                double0[i] = float0[i];
                double1[i] = float1[i];
                int0[i] = 1 + i % 29;
                int1[i] = 1 + i % 7;
                long0[i] = int0[i];
                long1[i] = int1[i];
            }
        }
    }

    private Warmup() {}
}
