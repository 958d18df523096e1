package dev.vectorgrad.autodiff;

import dev.vectorgrad.NDArray;
import java.util.function.IntFunction;

/**
 * The reverse walk, the heart of reverse-mode autodiff (micrograd's {@code backward}): seed each target with
 * ones, visit the recorded ops from last to first, and hand each op's output gradient to its rule in
 * {@link GradientRules}, adding what comes back into the gradients of its inputs. The record is already in
 * topological order (an op is recorded after the ops that made its inputs), so no sort is needed.
 *
 * <p>Arrays are numbered by the tape ({@code Record.inputIds}, {@code Record.outputId}); {@code grads[id]} is the
 * gradient of node {@code id} accumulated so far. Two refinements over the textbook loop: only ops on a path from
 * a source are visited ({@code depends}), and a consumed gradient is dropped early so memory stays flat.
 */
final class Backprop {

    /**
     * The gradients of every node: {@code grads[sourceIds[i]]} is source {@code i}'s (null when unconnected).
     *
     * @param recs        the tape's records, in the order they ran; only the first {@code count} are walked
     * @param nodes       how many node ids the tape has handed out
     * @param targetIds   each target's node id, -1 when the tape never saw it
     * @param seed        target {@code t}'s upstream gradient (ones for a plain {@code gradient} call), made
     *                    only for targets that a source reaches
     * @param sourceIds   each source's node id, -1 when the tape never saw it
     */
    static NDArray[] accumulate(Record[] recs, int count, int nodes, int[] targetIds, IntFunction<NDArray> seed,
                                int[] sourceIds) {
        // 1. Forward marking: which nodes depend on a source? Only their records matter.
        boolean[] depends = new boolean[nodes];
        boolean[] isSource = new boolean[nodes];
        for (int id : sourceIds) {
            if (id >= 0) {
                depends[id] = true;
                isSource[id] = true;
            }
        }
        for (int r = 0; r < count; r++) {
            for (int id : recs[r].inputIds) {
                if (id >= 0 && depends[id]) {
                    depends[recs[r].outputId] = true;
                    break;
                }
            }
        }
        // 2. Seed: d target / d target = 1 (or the caller's upstream gradient).
        NDArray[] grads = new NDArray[nodes];
        for (int t = 0; t < targetIds.length; t++) {
            int id = targetIds[t];
            if (id >= 0 && depends[id]) {
                NDArray s = seed.apply(t);
                grads[id] = grads[id] == null ? s : grads[id].add(s);
            }
        }
        // 3. Reverse: each op turns its output's gradient into its inputs' (the chain rule), summed over uses.
        boolean[] need = new boolean[3];
        for (int r = count - 1; r >= 0; r--) {
            Record rec = recs[r];
            NDArray g = grads[rec.outputId];
            if (g == null) {
                continue;
            }
            int[] in = rec.inputIds;
            if (need.length != in.length) {
                need = new boolean[in.length];
            }
            boolean any = false;
            for (int k = 0; k < in.length; k++) {
                need[k] = in[k] >= 0 && depends[in[k]];
                any |= need[k];
            }
            if (!any) {
                continue;
            }
            if (!isSource[rec.outputId]) {
                grads[rec.outputId] = null; // consumed: free it early
            }
            NDArray[] dx = GradientRules.backward(rec.op, g, rec.inputs, rec.output, rec.attrs, need);
            for (int k = 0; k < in.length; k++) {
                if (!need[k] || dx[k] == null) {
                    continue;
                }
                NDArray x = rec.inputs[k];
                NDArray d = Unbroadcast.sumTo(dx[k], x.shape()); // a broadcast input gets the sum over its copies
                if (d.dtype() != x.dtype()) {
                    d = d.cast(x.dtype());
                }
                int id = in[k];
                grads[id] = grads[id] == null ? d : grads[id].add(d);
            }
        }
        return grads;
    }

    private Backprop() {}
}
