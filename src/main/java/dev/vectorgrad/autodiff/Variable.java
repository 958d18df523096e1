package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.ArrayPrinter;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.OpRecorder;
import dev.vectorgrad.ndarray.Shapes;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named, mutable array: TensorFlow's {@code tf.Variable}. Ops on a variable read its current value;
 * {@link #assign}, {@link #assignAdd} and {@link #assignSub} replace that value (shape and dtype must
 * match). Arrays computed earlier, and {@link #readValue()} snapshots, keep the values they were made
 * from, because a variable never writes into a buffer it has handed out: it swaps in a new one. (The one
 * exception is an optimizer step inside {@code Model.fit}/{@code trainOnBatch}, which may rewrite the buffer in
 * place after revoking the arrays made from it during that step: reading one then throws
 * {@link IllegalStateException}. An array made outside a step pins the buffer; see {@code ndarray.Leases}.)
 *
 * <p>Inside an open {@link GradientTape} a trainable variable that is read (used as an op input) is
 * watched automatically, and the tape records the value it had at that moment, so a later
 * {@code assign} does not change recorded forward values. Assignments themselves are not recorded:
 * as in TensorFlow, state blocks gradients.
 *
 * <p>Deliberate differences from TensorFlow: {@code equals} and {@code hashCode} are identity-based
 * (a variable is a mutable object; collections keyed by variables must keep working while it trains;
 * compare values with {@code readValue().equals(...)}); {@link #name()} is never uniquified, as in
 * TensorFlow's eager mode.
 */
public class Variable extends NDArray {
    private static final AtomicLong CREATED = new AtomicLong();

    private final String name;
    private final boolean trainable;
    private final long serial = CREATED.getAndIncrement();
    // The value as an unrecorded array, made at most once per assignment so that tapes can key their
    // records of this value's uses to the variable; cleared by every assignment.
    private NDArray snapshot;
    // ---- buffer recycling ----
    // The lease generation the snapshot was made in: an optimizer that rewrote the buffer in place revoked it.
    private Leases.Generation snapshotGeneration;

    /** A trainable variable named {@code Variable:0} holding a copy of {@code initial}. */
    public Variable(NDArray initial) {
        this(initial, "Variable:0", true);
    }

    /**
     * A variable holding a copy of {@code initial}. Keras-style names such as {@code dense_1/kernel:0}
     * are used verbatim.
     *
     * @throws IllegalArgumentException if {@code initial} or {@code name} is null
     */
    public Variable(NDArray initial, String name, boolean trainable) {
        super(initial);
        if (name == null) {
            throw new IllegalArgumentException("Variable: name is null");
        }
        this.name = name;
        this.trainable = trainable;
    }

    /** The name, e.g. {@code Variable:0} or {@code dense/kernel:0}. */
    public String name() {
        return name;
    }

    /** Whether tapes watch this variable automatically when it is read inside them. */
    public boolean trainable() {
        return trainable;
    }

    /** Creation order, which is how {@link GradientTape#watchedVariables()} sorts (TensorFlow's order). */
    long serial() {
        return serial;
    }

    /** Replaces the value with {@code value}'s, which must have this variable's shape and dtype. */
    public Variable assign(NDArray value) {
        check("assign", value);
        replace(value);
        return this;
    }

    /** Adds {@code delta} (same shape and dtype) to the value. */
    public Variable assignAdd(NDArray delta) {
        check("assignAdd", delta);
        replace(current().add(delta.stopGradient()));
        return this;
    }

    /** Subtracts {@code delta} (same shape and dtype) from the value. */
    public Variable assignSub(NDArray delta) {
        check("assignSub", delta);
        replace(current().sub(delta.stopGradient()));
        return this;
    }

    /**
     * A snapshot of the current value: later assignments do not change it. Read inside a tape, it is
     * differentiable with respect to this variable (TensorFlow's {@code read_value}).
     */
    public NDArray readValue() {
        NDArray out = current();
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.COPY, out, new NDArray[] {this}, null);
        }
        return out;
    }

    /** The current value as an unrecorded, immutable array (cached until the next assignment). */
    NDArray snapshot() {
        NDArray s = snapshot;
        Leases.Generation g = snapshotGeneration;
        if (s == null || g != null && g.revoked()) {
            s = current();
            snapshot = s;
            snapshotGeneration = Leases.generation(NDArrayAccess.view(this).data());
        }
        return s;
    }

    private NDArray current() {
        return NDArrayAccess.wrap(NDArrayAccess.view(this)); // shares the buffer: buffers are never written
    }

    private void replace(NDArray value) {
        snapshot = null;
        snapshotGeneration = null;
        replaceValues(value);
    }

    private void check(String op, NDArray value) {
        if (value == null) {
            throw new IllegalArgumentException(op + ": cannot assign null to variable '" + name + "'");
        }
        if (!Arrays.equals(value.shape(), shapeUnsafe())) {
            throw new IllegalArgumentException(op + ": cannot assign to variable '" + name + "': the variable shape "
                    + Shapes.format(shapeUnsafe()) + " and the assigned value shape " + Shapes.format(value.shape())
                    + " are incompatible");
        }
        if (value.dtype() != dtype()) {
            throw new IllegalArgumentException(op + ": cannot assign to variable '" + name + "': the variable dtype "
                    + dtype() + " and the assigned value dtype " + value.dtype() + " differ (cast the value first)");
        }
    }

    private int[] shapeUnsafe() {
        return NDArrayAccess.view(this).shape();
    }

    /** Identity: a variable is a mutable object (see the class comment). */
    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /** TensorFlow's style: {@code <Variable 'Variable:0' shape=(2,) dtype=float32, numpy=[1. 2.]>}. */
    @Override
    public String toString() {
        String values = ArrayPrinter.str(NDArrayAccess.view(this));
        return "<Variable '" + name + "' shape=" + Shapes.format(shapeUnsafe()) + " dtype=" + dtype() + ", numpy="
                + (values.contains("\n") ? "\n" : "") + values + ">";
    }
}
