package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/**
 * What {@link SimpleRNN}, {@link LSTM} and {@link GRU} share as layers (Keras's {@code RNN} base): they take a
 * {@code [batch, time]} mask, and their output keeps it only while it keeps the time axis. Their step arithmetic
 * differs and stays in each; the shared helpers for it are in {@link Recurrence}.
 */
abstract class RecurrentLayer extends Layer {

    /** Whether every step's output is returned ({@code [batch, time, units]}) rather than the last. */
    public abstract boolean returnSequences();

    /** True: the recurrent layers take a {@code [batch, time]} mask (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** The input's mask with returnSequences (the output keeps the time axis), else null (Keras's RNN). */
    @Override
    public NDArray computeMask(NDArray x, NDArray previousMask) {
        return Recurrence.outputMask(previousMask, returnSequences());
    }
}
