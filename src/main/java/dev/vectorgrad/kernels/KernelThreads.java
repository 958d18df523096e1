package dev.vectorgrad.kernels;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The kernels' own threads: {@link #count()} daemon threads named {@code vectorgrad-kernel-N}, started on first use.
 *
 * <p>The size is {@code -Dvectorgrad.threads=N}, by default {@link Runtime#availableProcessors()}.
 * Kernels never use the common ForkJoin pool: user code (parallel streams, CompletableFuture) shares
 * that pool, and a kernel blocking in it would starve them, or be starved by them.
 *
 * <p>{@link #parallelFor} runs task 0 on the caller's thread and offers the others to the pool; when the caller has
 * finished its own task it runs every offered task that no pool thread has taken yet, so a call never waits for a
 * thread that the operating system has not scheduled (a 2-core machine shared with other work). A call from
 * {@code T} user threads at once simply queues; pool threads never wait on the pool (a call made from a pool thread
 * runs all its tasks inline), so the pool cannot deadlock on itself.
 *
 * <p>Why not an {@code ExecutorService}: its idle threads park at once, and waking a parked thread (and parking the
 * caller in {@code Future.get}) costs tens of microseconds on a virtual machine, a fifth of a 784-128-10 step's
 * split product. Kernel calls come in bursts (a training step's products), so an idle pool thread here spins for
 * {@code -Dvectorgrad.spinMicros} (default {@value #DEFAULT_SPIN_MICROS} µs) before it parks, and so does a caller
 * waiting for a task a pool thread is still running; 0 parks at once.
 */
public final class KernelThreads {
    static final int DEFAULT_SPIN_MICROS = 100;

    private static final int COUNT = chooseCount();
    private static final long SPIN_NANOS = 1000L * chooseSpinMicros();

    private static final ConcurrentLinkedQueue<Task> QUEUE = new ConcurrentLinkedQueue<>();
    private static final PoolThread[] POOL = new PoolThread[COUNT];
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** The number of threads a kernel may split one call across (at least 1). */
    public static int count() {
        return COUNT;
    }

    /** True on one of the pool's threads, where a kernel must not wait on the pool again. */
    public static boolean isKernelThread() {
        return Thread.currentThread() instanceof PoolThread;
    }

    /**
     * Runs {@code body.accept(t)} for every {@code t < tasks}, task 0 on the calling thread, and
     * returns when all have finished. The first failure is rethrown after every task has stopped,
     * so no task still writes into the caller's arrays once this method returns.
     */
    public static void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 1 || isKernelThread()) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        startPool();
        Call call = new Call(tasks);
        Task[] offered = new Task[tasks];
        for (int t = 1; t < tasks; t++) {
            offered[t] = new Task(call, body, t);
            QUEUE.add(offered[t]);
        }
        wakeParked(tasks - 1);
        new Task(call, body, 0).runIfUnclaimed();
        for (int t = 1; t < tasks; t++) {
            offered[t].runIfUnclaimed(); // what no pool thread has taken yet
        }
        call.awaitAll();
        call.rethrow();
    }

    private static void startPool() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < COUNT; i++) {
            POOL[i] = new PoolThread("vectorgrad-kernel-" + i);
            POOL[i].start();
        }
    }

    private static void wakeParked(int wanted) {
        // the queue was written before this read of `parked`, and a pool thread sets `parked` before it reads the
        // queue a last time: one of the two sees the other, so an offered task is never left with every thread asleep
        for (PoolThread p : POOL) {
            if (wanted == 0) {
                return;
            }
            if (p != null && p.parked) {
                wanted--;
                LockSupport.unpark(p);
            }
        }
    }

    /** One {@link #parallelFor} call: how many of its tasks are unfinished, who waits for them, the first failure. */
    private static final class Call {
        private final AtomicInteger remaining;
        private volatile Thread waiter;
        private Throwable failure; // guarded by this

        Call(int tasks) {
            remaining = new AtomicInteger(tasks);
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }

        void finished() {
            if (remaining.decrementAndGet() == 0) {
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Spins a while, then parks; waits even when interrupted, since the tasks write into the caller's output. */
        void awaitAll() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (remaining.get() > 0 && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            if (remaining.get() == 0) {
                return;
            }
            waiter = Thread.currentThread();
            boolean interrupted = false;
            while (remaining.get() > 0) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted(); // park returns at once while the flag is set
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException("kernel task failed", failure);
            }
        }
    }

    /** Task {@code index} of a call; run exactly once, by whichever thread claims it first. */
    private static final class Task {
        private final Call call;
        private final IntConsumer body;
        private final int index;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Task(Call call, IntConsumer body, int index) {
            this.call = call;
            this.body = body;
            this.index = index;
        }

        void runIfUnclaimed() {
            if (claimed.get() || !claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                body.accept(index);
            } catch (Throwable e) {
                call.fail(e);
            } finally {
                call.finished();
            }
        }
    }

    private static int chooseCount() {
        int available = Runtime.getRuntime().availableProcessors();
        int n = IntProperty.read("vectorgrad.threads", available, "a positive integer");
        if (n < 1) {
            throw new IllegalArgumentException("vectorgrad.threads must be a positive integer, got " + n);
        }
        return n;
    }

    private static int chooseSpinMicros() {
        int n = IntProperty.read("vectorgrad.spinMicros", DEFAULT_SPIN_MICROS, "a non-negative integer");
        if (n < 0) {
            throw new IllegalArgumentException("vectorgrad.spinMicros must be a non-negative integer, got " + n);
        }
        return n;
    }

    /** Its own class, so {@link #isKernelThread()} is one type check. */
    private static final class PoolThread extends Thread {
        volatile boolean parked;

        PoolThread(String name) {
            super(name);
            // daemon: an idle pool must never keep the user's JVM alive
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Task t = QUEUE.poll();
                if (t != null) {
                    t.runIfUnclaimed();
                    continue;
                }
                long deadline = System.nanoTime() + SPIN_NANOS;
                while (QUEUE.isEmpty() && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                if (!QUEUE.isEmpty()) {
                    continue;
                }
                parked = true;
                if (QUEUE.isEmpty()) {
                    LockSupport.park(this);
                }
                parked = false;
                Thread.interrupted(); // nobody interrupts this thread on purpose; a stray flag must not make it spin
            }
        }
    }

    private KernelThreads() {}
}
