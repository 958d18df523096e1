package dev.vectorgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KernelThreadsTest {

    @Test
    void everyTaskRunsExactlyOnceAndTaskZeroOnTheCaller() {
        int tasks = 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        Thread caller = Thread.currentThread();
        AtomicBoolean zeroElsewhere = new AtomicBoolean();
        for (int call = 0; call < 2000; call++) {
            KernelThreads.parallelFor(tasks, t -> {
                runs.incrementAndGet(t);
                if (t == 0 && Thread.currentThread() != caller) {
                    zeroElsewhere.set(true);
                }
            });
        }
        for (int t = 0; t < tasks; t++) {
            assertThat(runs.get(t)).as("task %d", t).isEqualTo(2000);
        }
        assertThat(zeroElsewhere).isFalse();
    }

    @Test
    void returnsOnlyAfterEveryTaskHasFinished() {
        for (int call = 0; call < 200; call++) {
            AtomicIntegerArray done = new AtomicIntegerArray(3);
            KernelThreads.parallelFor(3, t -> {
                work(t == 2 ? 200_000 : 0); // the slowest task is one the caller offered to the pool
                done.set(t, 1);
            });
            assertThat(done.get(0) + done.get(1) + done.get(2)).isEqualTo(3);
        }
    }

    @Test
    void theFirstFailureIsRethrownWithTheOthersSuppressedAfterAllTasksStopped() {
        AtomicBoolean slowTaskDone = new AtomicBoolean();
        assertThatThrownBy(() -> KernelThreads.parallelFor(4, t -> {
            if (t == 1 || t == 2) {
                throw new IllegalArgumentException("task " + t);
            }
            if (t == 3) {
                work(2_000_000);
                slowTaskDone.set(true);
            }
        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("task ")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1)
                        .allSatisfy(s -> assertThat(s).hasMessageStartingWith("task ")));
        assertThat(slowTaskDone).isTrue();
    }

    @Test
    void anErrorIsRethrownAsItself() {
        assertThatThrownBy(() -> KernelThreads.parallelFor(2, t -> {
            if (t == 1) {
                throw new AssertionError("boom in task 1");
            }
        })).isInstanceOf(AssertionError.class).hasMessage("boom in task 1");
        // the thread that ran it survives: later calls still complete
        AtomicLong sum = new AtomicLong();
        KernelThreads.parallelFor(2, t -> sum.addAndGet(t + 1));
        assertThat(sum.get()).isEqualTo(3);
    }

    @Test
    void aCallFromInsideATaskRunsInlineOnPoolThreadsAndCompletes() {
        AtomicLong sum = new AtomicLong();
        for (int call = 0; call < 200; call++) {
            KernelThreads.parallelFor(2, outer -> KernelThreads.parallelFor(3, inner -> sum.addAndGet(10 * outer + inner + 1)));
        }
        // per call: outer 0 gives 1+2+3, outer 1 gives 11+12+13
        assertThat(sum.get()).isEqualTo(200L * 42);
    }

    @Test
    void manyUserThreadsCanSplitWorkAtOnce() throws InterruptedException {
        int users = 8;
        int calls = 300;
        AtomicLong sum = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Thread th = new Thread(() -> {
                for (int c = 0; c < calls; c++) {
                    KernelThreads.parallelFor(3, t -> sum.addAndGet(t + 1));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
            assertThat(th.isAlive()).isFalse();
        }
        assertThat(sum.get()).isEqualTo((long) users * calls * 6);
    }

    @Test
    void waitsThroughAnInterruptAndKeepsTheFlag() {
        AtomicBoolean slowTaskDone = new AtomicBoolean();
        Thread.currentThread().interrupt();
        try {
            KernelThreads.parallelFor(2, t -> {
                if (t == 1) {
                    work(5_000_000);
                    slowTaskDone.set(true);
                }
            });
            assertThat(slowTaskDone).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static volatile double sink;

    /** Busy work of {@code steps} dependent multiply-adds (about a nanosecond each): a slow task with no clock. */
    private static void work(long steps) {
        double x = 1;
        for (long i = 0; i < steps; i++) {
            x = x * 0.999999 + 1e-6;
        }
        sink = x;
    }
}
