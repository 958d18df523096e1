package dev.vectorgrad;

import dev.vectorgrad.ndarray.ScopedBuffers;
import java.lang.ref.Reference;

/**
 * A region of code on one thread whose arrays die together, so that their buffers can be reused by the next such
 * region: {@code try (ArrayScope s = NDArray.scope()) { NDArray y = a.mul(b).add(c); return s.keep(y); }}.
 *
 * <p><b>Why.</b> A fresh result costs more than the arithmetic that fills it. Adding two float32 arrays of 100,000
 * elements takes about 17 µs into a buffer that was just used, and about 52 µs into a new one (NumPy: 17.7 µs), because
 * the JVM hands out new, cold memory from eden each time (and zeroes it), while {@code malloc} gives NumPy back the
 * block it just freed, still in the cache. The JVM cannot tell that a buffer is dead before a garbage collection, so
 * the program says so: inside a scope, ops take their results' buffers from those that the last scope closed on this
 * thread released, and closing a scope releases every buffer allocated inside it.
 *
 * <p><b>The rule.</b> An array made inside a scope (including the views made of it, on any thread) can be read until
 * the scope closes, and never after: reading it then throws {@link IllegalStateException} saying so, it never shows
 * another array's values. To use a result afterwards, {@link #keep} it (it then belongs to the enclosing scope, or to
 * no scope when this one is outermost), or copy it out ({@code item()}, {@code toFloatArray()}). Values a
 * {@code Variable} takes ({@code assign}) are its own and stay valid. Scopes nest; a scope is closed on the thread that
 * opened it, innermost first, which try-with-resources guarantees. Ops outside any scope allocate as they always did,
 * and so do results under 1024 elements inside one (a fresh small array costs less than the bookkeeping and stays in
 * the cache anyway): those are never recycled and stay readable after the scope, which code should not rely on.
 *
 * <p><b>Lessons taken from ND4J's workspaces and DJL's NDManager</b>, whose users reported arrays silently overwritten
 * after their scope ended, "array is outside of workspace" errors far from their cause, and leaks of scopes never
 * closed. Here a stale array fails when it is read, with a message naming the scope and the fix; arrays made outside a
 * scope (or on another thread's scope) are never affected; only buffers that become op results are reused (never a
 * variable's value, an optimizer's state, or an array returned as a Java array); and forgetting to close costs no
 * memory for long: a scope whose object became unreachable unclosed is abandoned and its buffers go to the GC. The
 * memory kept between scopes is bounded by what the last scope on the thread released.
 *
 * <p>{@code Model.fit}, {@code trainOnBatch} and {@code evaluate} run each step in a scope of their own.
 */
public final class ArrayScope implements AutoCloseable {
    private final ScopedBuffers.Frame frame;

    ArrayScope() {
        this.frame = ScopedBuffers.open(this);
    }

    /**
     * Exempts {@code array}'s buffer from this scope's release, so that {@code array} (and its views) stay readable
     * after {@link #close}: it then belongs to the enclosing scope, or to no scope. Returns {@code array}, for
     * {@code return s.keep(y);}. An array not made in this scope (or a scope nested in it) is returned unchanged.
     *
     * @throws IllegalArgumentException if {@code array} is null
     * @throws IllegalStateException if this scope is closed, is used on another thread, or {@code array} is already
     *     unreadable (made in a scope that closed)
     */
    public NDArray keep(NDArray array) {
        if (array == null) {
            throw new IllegalArgumentException("keep: array is null");
        }
        ScopedBuffers.keep(frame, array.view().data());
        return array;
    }

    /**
     * Ends the scope: every array made inside it and not kept becomes unreadable, and its buffer is reused by the next
     * scope on this thread. Closing again does nothing.
     *
     * @throws IllegalStateException on another thread than the one that opened it, or while a scope opened inside this
     *     one is still open
     */
    @Override
    public void close() {
        ScopedBuffers.close(frame);
        // An unreachable scope counts as abandoned: keep this one reachable until it is closed, whatever the JIT
        // proves about the body of the try block.
        Reference.reachabilityFence(this);
    }
}
