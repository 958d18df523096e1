package dev.vectorgrad.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The kernels' own thread pool: {@link #count()} daemon threads named {@code vectorgrad-kernel-N}.
 *
 * <p>The size is {@code -Dvectorgrad.threads=N}, by default {@link Runtime#availableProcessors()}.
 * Kernels never use the common ForkJoin pool: user code (parallel streams, CompletableFuture) shares
 * that pool, and a kernel blocking in it would starve them, or be starved by them.
 *
 * <p>{@link #parallelFor} runs task 0 on the caller's thread and the others on the pool, so a call
 * from {@code T} user threads at once simply queues; pool threads never wait on the pool (a call
 * made from a pool thread runs all its tasks inline), so the pool cannot deadlock on itself.
 */
public final class KernelThreads {
    private static final int COUNT = chooseCount();

    private static final ExecutorService POOL = Executors.newFixedThreadPool(COUNT, new DaemonFactory());

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
        Future<?>[] futures = new Future<?>[tasks];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            futures[t] = POOL.submit(() -> body.accept(task));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (int t = 1; t < tasks; t++) {
            // wait even when interrupted: the tasks write into the caller's output
            while (true) {
                try {
                    futures[t].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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

    private static int chooseCount() {
        int available = Runtime.getRuntime().availableProcessors();
        int n = IntProperty.read("vectorgrad.threads", available, "a positive integer");
        if (n < 1) {
            throw new IllegalArgumentException("vectorgrad.threads must be a positive integer, got " + n);
        }
        return n;
    }

    private static final class DaemonFactory implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            return new PoolThread(r, "vectorgrad-kernel-" + next.getAndIncrement());
        }
    }

    /** Its own class, so {@link #isKernelThread()} is one type check. */
    private static final class PoolThread extends Thread {
        PoolThread(Runnable r, String name) {
            super(r, name);
            // daemon: an idle pool must never keep the user's JVM alive
            setDaemon(true);
        }
    }

    private KernelThreads() {}
}
