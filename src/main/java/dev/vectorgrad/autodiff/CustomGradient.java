package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.OpRecorder;
import java.util.function.Function;

/**
 * TensorFlow's {@code tf.custom_gradient}: a function whose gradient is the one you give rather than
 * the one its ops imply, for numerical stability ({@code log(1 + e^x)} whose derivative is written as
 * a sigmoid) or to clip or reshape gradients on the way back.
 * <pre>{@code
 * NDArray y = CustomGradient.apply(
 *         xs -> xs[0].exp().add(1.0).log(),
 *         (g, xs, out) -> new NDArray[] {g.mul(xs[0].sigmoid())},
 *         x);
 * }</pre>
 * The forward runs with recording off on every tape of the thread; each recording tape then records
 * one node whose gradient is {@code backward}. A backward written in NDArray ops is itself recorded
 * by an outer tape, so nested tapes give higher derivatives of it.
 */
public final class CustomGradient {

    /** The gradient of a custom function. */
    @FunctionalInterface
    public interface Backward {
        /**
         * The gradients with respect to {@code inputs}, one per input in order (null for an input that
         * gets none), each of its input's shape or broadcastable to it.
         *
         * @param upstream the gradient flowing into the output, of the output's shape
         * @param inputs   the inputs the forward saw (a variable's value at that time)
         * @param output   the forward's result
         */
        NDArray[] apply(NDArray upstream, NDArray[] inputs, NDArray output);
    }

    /**
     * Runs {@code forward(inputs)} unrecorded and records, on every open tape, one op whose gradient is
     * {@code backward}. The result is always a new array (never one of the inputs), so the tape can
     * tell it apart.
     *
     * @throws IllegalArgumentException when an argument or the forward's result is null
     */
    public static NDArray apply(Function<NDArray[], NDArray> forward, Backward backward, NDArray... inputs) {
        if (forward == null || backward == null || inputs == null) {
            throw new IllegalArgumentException("CustomGradient.apply: " + (forward == null ? "forward"
                    : backward == null ? "backward" : "inputs") + " is null");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("CustomGradient.apply: input " + i + " is null");
            }
        }
        NDArray[] in = inputs.clone();
        OpRecorder recorder = OpHook.current();
        NDArray result;
        OpHook.install(null);
        try {
            result = forward.apply(in.clone());
        } finally {
            OpHook.install(recorder);
        }
        if (result == null) {
            throw new IllegalArgumentException("CustomGradient.apply: forward returned null");
        }
        NDArray out = result.stopGradient(); // a fresh identity: the tape keys nodes by identity
        if (recorder != null) {
            recorder.record(Op.CUSTOM, out, in, backward);
        }
        return out;
    }

    /** Calls the recorded backward and checks it answered once per input. */
    static NDArray[] backward(Object attrs, NDArray g, NDArray[] x, NDArray y) {
        NDArray[] dx = ((Backward) attrs).apply(g, x.clone(), y);
        if (dx == null || dx.length != x.length) {
            throw new IllegalArgumentException("CustomGradient: backward returned " + (dx == null ? "null"
                    : dx.length + " gradients") + " for " + x.length + " inputs");
        }
        return dx;
    }

    private CustomGradient() {}
}
