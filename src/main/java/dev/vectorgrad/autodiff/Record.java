package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Op;

/**
 * One recorded op on one tape: the values it read ({@code inputs}, with a variable replaced by the
 * snapshot of the value it had), its output, and the tape's node ids ({@code -1}: not tracked).
 */
final class Record {
    final Op op;
    final NDArray output;
    final NDArray[] inputs;
    final int[] inputIds;
    final int outputId;
    final Object attrs;

    Record(Op op, NDArray output, NDArray[] inputs, int[] inputIds, int outputId, Object attrs) {
        this.op = op;
        this.output = output;
        this.inputs = inputs;
        this.inputIds = inputIds;
        this.outputId = outputId;
        this.attrs = attrs;
    }
}
