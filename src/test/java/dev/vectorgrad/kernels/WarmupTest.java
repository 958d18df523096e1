package dev.vectorgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm-up gates' decisions, with bodies whose "compiled" moment the test chooses (a busy wait of a chosen
 * length stands in for a boxed or a compiled SIMD body), on the real warm-up thread. The surefire runs set
 * {@code vectorgrad.warmup=false}, so the kernels' own gates are open from the start there and these gates are
 * made closed by hand.
 */
class WarmupTest {

    /** Busy-waits about {@code micros} µs: a body of known cost that the JIT cannot shorten. */
    private static void spin(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** A body whose SIMD side costs {@code slowMicros} per call in its first {@code slowRounds} rounds, then {@code fastMicros}. */
    private static final class FakeBody implements Warmup.Body {
        final AtomicInteger simdCalls = new AtomicInteger();
        final AtomicInteger scalarCalls = new AtomicInteger();
        final int slowRounds;
        final long slowMicros;
        final long fastMicros;
        final long scalarMicros;

        FakeBody(int slowRounds, long slowMicros, long fastMicros, long scalarMicros) {
            this.slowRounds = slowRounds;
            this.slowMicros = slowMicros;
            this.fastMicros = fastMicros;
            this.scalarMicros = scalarMicros;
        }

        @Override
        public void run(String entry, boolean simd, Warmup.Scratch s) {
            assertEquals("E", entry);
            if (simd) {
                spin(simdCalls.getAndIncrement() / Warmup.REPS < slowRounds ? slowMicros : fastMicros);
            } else {
                scalarCalls.incrementAndGet();
                spin(scalarMicros);
            }
        }
    }

    private static void awaitOpen(Warmup.Gate g) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!g.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(g.isOpen(), () -> "still closed: " + g);
    }

    @Test
    void aClosedGateSendsTheCallerToTheTwinAndOpensOnceTheBodyIsFasterThanOneAndAHalfTwins() throws Exception {
        FakeBody body = new FakeBody(60, 20, 1, 10);
        Warmup.Gate g = new Warmup.Gate("fake compiled at round 60", body, "E", false);
        assertEquals("not requested", g.verdict());
        assertFalse(g.ready(), "closed: the caller takes the twin");
        awaitOpen(g);
        assertTrue(g.ready());
        assertTrue(g.verdict().startsWith("compiled after "), g::toString);
        // the slow calls cannot have passed: the gate opened only after the body turned fast
        assertTrue(body.simdCalls.get() > 60 * Warmup.REPS, () -> "opened after " + body.simdCalls.get() + " SIMD calls: " + g);
        int calls = body.simdCalls.get();
        Thread.sleep(50);
        assertEquals(calls, body.simdCalls.get(), "an open gate is no longer warmed");
    }

    @Test
    void evenAFastBodyWaitsForTheMinimumRounds() throws Exception {
        FakeBody body = new FakeBody(0, 0, 1, 10);
        Warmup.Gate g = new Warmup.Gate("fake fast from the start", body, "E", false);
        g.ready();
        awaitOpen(g);
        assertEquals(Warmup.MIN_ROUNDS * Warmup.REPS, body.simdCalls.get(), g::toString);
        assertEquals(Warmup.MIN_ROUNDS * Warmup.REPS, body.scalarCalls.get(), g::toString);
    }

    @Test
    void aBodyThatStaysSlowerOpensOnlyWhenTheWarmupGivesUp() throws Exception {
        // 3x the twin for good: never "compiled", so the gate opens at MAX_ROUNDS (or MAX_MILLIS) as before Warmup
        FakeBody body = new FakeBody(Integer.MAX_VALUE, 3, 3, 1);
        Warmup.Gate g = new Warmup.Gate("fake never compiled", body, "E", false);
        g.ready();
        awaitOpen(g);
        assertTrue(g.verdict().startsWith("gave up after "), g::toString);
        assertTrue(body.simdCalls.get() <= Warmup.MAX_ROUNDS * Warmup.REPS, g::toString);
    }

    @Test
    void aBodyThatThrowsOpensItsGateAndTheThreadGoesOnWithTheNext() throws Exception {
        Warmup.Body throwing = (entry, simd, s) -> {
            throw new IllegalStateException("boom");
        };
        Warmup.Gate bad = new Warmup.Gate("fake throwing", throwing, "E", false);
        FakeBody body = new FakeBody(0, 0, 1, 20);
        Warmup.Gate good = new Warmup.Gate("fake after a throwing one", body, "E", false);
        bad.ready();
        good.ready();
        awaitOpen(bad);
        awaitOpen(good);
        assertTrue(bad.verdict().contains("boom"), bad::toString);
        assertTrue(good.verdict().startsWith("compiled after "), good::toString);
    }

    @Test
    void aGateIsRequestedOnceHoweverOftenTheCallerAsks() throws Exception {
        FakeBody body = new FakeBody(0, 0, 1, 20);
        Warmup.Gate g = new Warmup.Gate("fake asked often", body, "E", false);
        for (int i = 0; i < 1000; i++) {
            g.ready();
        }
        awaitOpen(g);
        // one request: one warm-up, which stops at MIN_ROUNDS for a body this fast
        assertEquals(Warmup.MIN_ROUNDS * Warmup.REPS, body.simdCalls.get(), g::toString);
    }

    @Test
    void theDecisionComparesTheFastestRecentCallOfEachSide() {
        assertTrue(Warmup.compiled(new long[] {900, 150, 800, 700}, new long[] {100, 400, 300, 200}), "150 <= 1.5 x 100");
        assertFalse(Warmup.compiled(new long[] {900, 151, 800, 700}, new long[] {100, 400, 300, 200}), "151 > 1.5 x 100");
    }

    @Test
    void aKernelGateIsClosedOnlyInTheModesThatGateIt() {
        // the surefire runs pass -Dvectorgrad.warmup=false (pom.xml), so that run() reaches the SIMD bodies there
        String mode = Warmup.mode(System.getProperty("vectorgrad.warmup"));
        assertEquals(Simd.ENABLED && !mode.equals("off"), Warmup.ENABLED);
        assertEquals(Warmup.ENABLED && mode.equals("all"), Warmup.ALL);
        Warmup.Gate exact = Warmup.gate("any", (entry, simd, s) -> { }, "E");
        Warmup.Gate inexact = Warmup.inexactGate("any", (entry, simd, s) -> { }, "E");
        assertEquals(!Warmup.ENABLED, exact.isOpen());
        assertEquals(!Warmup.ALL, inexact.isOpen());
        assertEquals(exact.isOpen() ? "open from the start" : "not requested", exact.verdict());
    }

    @Test
    void theModeIsOffExactOrAllAndNothingElse() {
        assertEquals("off", Warmup.mode(null));
        assertEquals("off", Warmup.mode("false"));
        assertEquals("off", Warmup.mode(" OFF "));
        assertEquals("exact", Warmup.mode("exact"));
        assertEquals("all", Warmup.mode("true"));
        assertEquals("all", Warmup.mode("All"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Warmup.mode("sometimes"));
        assertEquals("vectorgrad.warmup must be off, exact or all (false, true), got 'sometimes'", e.getMessage());
    }
}
