package dev.vectorgrad.kernels;

/**
 * Keeps one kernel entry point on its scalar twin for its first {@link #TWIN_ELEMENTS} elements of work (each call
 * charged at least {@link #CALL_FLOOR}), then lets it take its SIMD body for good; a single call with more work than
 * is left switches at once.
 *
 * <p>Why: until C2 has compiled a SIMD body, every Vector API call in it runs as a boxed Java fallback, 100-1000x its
 * compiled cost, and its profiling and compilation compete with the program's own code for the JIT. A short program
 * (a script, a test, a CLI tool) ends before that pays back; the scalar twin is plain Java that the interpreter and
 * C1 run at a few times its compiled speed. A long program spends the quota in milliseconds and then warms the SIMD
 * body as it always did. This is the ski-rental rule: rent (the twin, slower per element once compiled) until the
 * extra cost equals the price of buying (warming the SIMD body), then buy.
 *
 * <p>Deterministic on purpose: the switch depends only on how much work the entry point has done, never on time or
 * on another thread, so a program gives the same bits on every run. An entry point is gated only where that holds
 * across the switch too: its twin (or a scalar replica of its lanes) gives the SIMD body's bits, or the SIMD body's own
 * bits already depend on the JIT tier (the lanewise SVML operators, whose Java fallback computes {@code Math.exp} and
 * friends per lane).
 *
 * <p>{@code -Dvectorgrad.coldTwinElements=0} turns the gate off (SIMD from the first call, as before the gate), for
 * reproducibility studies and for tests that must reach the SIMD body through {@code run}; {@code
 * -Dvectorgrad.simd=false} still means the twins always. The counter is a plain field: threads that race on it may
 * lose a decrement, which only lengthens the twin phase, and every gated entry point gives the same bits either way.
 */
public final class ColdGate {
    /**
     * Elements of work each gated entry point does on its twin before it switches (for GEMM, {@code m·n·k}
     * multiply-adds). Default {@value #DEFAULT_TWIN_ELEMENTS}; {@code -Dvectorgrad.coldTwinElements=N} overrides it,
     * 0 turns the gate off.
     */
    public static final long TWIN_ELEMENTS = readTwinElements();

    /** The default of {@link #TWIN_ELEMENTS}, chosen by measurement (docs/PERFORMANCE.md, "Cold start"). */
    public static final long DEFAULT_TWIN_ELEMENTS = 1L << 26;

    /**
     * The least work a call is charged for by the default gate. Counting elements alone kept kernels on arrays of a
     * few hundred elements on their twins for hundreds of thousands of calls, long after C2 would have compiled the
     * SIMD body (a steady Iris step, loaded: 21.4 µs gated against 20.0 µs with the gate off, at 100k-200k steps);
     * charging a call at least this much switches such a kernel after 65,536 calls, still well past a short
     * script's thousands.
     */
    public static final long CALL_FLOOR = 1024;

    private final long callFloor;
    // counts down; at or below zero the SIMD body runs, and the field is never written again
    private long left;

    /** A gate with {@link #TWIN_ELEMENTS} of twin work to do: one per kernel entry point, held in a static final. */
    public ColdGate() {
        this(TWIN_ELEMENTS, CALL_FLOOR);
    }

    /**
     * A gate with its own quota and no call floor (each call charged its own work, at least 1), for tests.
     *
     * @param twinElements elements of work before the switch; 0 or less means SIMD from the first call
     */
    public ColdGate(long twinElements) {
        this(twinElements, 1);
    }

    /**
     * A gate with its own quota and call floor.
     *
     * @param twinElements elements of work before the switch; 0 or less means SIMD from the first call
     * @param callFloor the least work any call is charged (at least 1)
     */
    public ColdGate(long twinElements, long callFloor) {
        if (callFloor < 1) {
            throw new IllegalArgumentException("ColdGate: callFloor must be at least 1, got " + callFloor);
        }
        this.left = twinElements;
        this.callFloor = callFloor;
    }

    /**
     * Whether this call should take the SIMD body. Once warm it costs one load and one compare; while cold it also
     * counts the call's work.
     *
     * @param work the call's elements of work (any non-negative measure the entry point scales with)
     * @return true once the quota is spent (or the gate is off); false while the twin should run
     */
    public boolean warm(long work) {
        long l = left;
        if (l <= 0) {
            return true;
        }
        if (work > l) {
            // one call bigger than what is left: the twin would cost more than warming the SIMD body (ski rental)
            left = 0;
            return true;
        }
        left = l - Math.max(work, callFloor);
        return false;
    }

    private static long readTwinElements() {
        return parseTwinElements(System.getProperty("vectorgrad.coldTwinElements"));
    }

    /** The quota a {@code vectorgrad.coldTwinElements} value asks for (null or blank: the default). */
    static long parseTwinElements(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT_TWIN_ELEMENTS;
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v < 0) {
                throw new IllegalArgumentException("vectorgrad.coldTwinElements must be 0 or more, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vectorgrad.coldTwinElements must be a whole number of elements, got '"
                    + s + "'");
        }
    }
}
