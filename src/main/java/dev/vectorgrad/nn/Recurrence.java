package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.List;

/**
 * What SimpleRNN, LSTM and GRU share: input checks in Keras's words, and the input projection.
 * Each step's input contribution {@code x_t·W + b} is computed from that step's {@code [b, f]} slice of the
 * input. One GEMM over all steps would be faster forward, but the gradient of each step's slice of its
 * {@code [t, b, 4·units]} result is a scatter into a full-size array of zeros, t of them, which costs more
 * than the GEMM saves; the input's slices are {@code f} wide instead of {@code 4·units}.
 */
final class Recurrence {

    /** Fails as Keras does unless {@code shape} is {@code [batch, time, features]} with the built features. */
    static void checkInput(Layer layer, int[] shape, int features) {
        ConvSupport.checkRank(layer, shape, 3);
        if (features >= 0) {
            ConvSupport.checkChannels(layer, shape, features);
        }
        if (shape[1] == 0) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\": the input has no time steps: "
                    + Shapes.format(shape));
        }
    }

    /** {@code x_t [b, f] · kernel [f, k] + bias} for every step {@code t}. */
    static List<NDArray> projectSteps(NDArray x, NDArray kernel, NDArray bias) {
        List<NDArray> out = new java.util.ArrayList<>(x.shape()[1]);
        for (NDArray step : ConvSupport.float32(x).transpose(1, 0, 2).unstack(0)) {
            NDArray p = step.matmul(kernel);
            out.add(bias == null ? p : p.add(bias));
        }
        return out;
    }

    /** The outputs: every step's {@code [b, units]} stacked to {@code [b, t, units]}, or the last one. */
    static NDArray output(List<NDArray> steps, boolean returnSequences) {
        return returnSequences ? NDArray.stack(steps, 1) : steps.get(steps.size() - 1);
    }

    // ---- masking: a masked step carries the state and the previous output through (Keras's rnn with a mask) ----

    /**
     * The mask's steps as {@code [batch, 1]} bools for {@link #carry}: null for no mask, a null entry for a
     * step every sample takes (it needs no select).
     */
    static NDArray[] stepMasks(Layer layer, NDArray mask, int[] shape) {
        NDArray m = Masks.sequence(layer, mask, shape);
        if (m == null) {
            return null;
        }
        boolean[] everySample = m.all(false, 0).toBooleanArray();
        NDArray[] out = new NDArray[shape[1]];
        for (int t = 0; t < out.length; t++) {
            out[t] = everySample[t] ? null : m.slice(1, t, t + 1, 1);
        }
        return out;
    }

    /** Step {@code t}'s new value where the sample takes the step, {@code previous} where it is masked. */
    static NDArray carry(NDArray[] stepMasks, int t, NDArray next, NDArray previous) {
        return stepMasks == null || stepMasks[t] == null ? next : NDArray.where(stepMasks[t], next, previous);
    }

    /** The output's mask (Keras's RNN {@code compute_mask}): the input's with returnSequences, else none. */
    static NDArray outputMask(NDArray mask, boolean returnSequences) {
        return returnSequences ? mask : null;
    }

    private Recurrence() {}

    /** The output shape for {@code shape}, checked as a call checks it: {@code [b, units]} or {@code [b, t, units]}. */
    static int[] outputShape(Layer layer, int[] shape, int features, int units, boolean returnSequences) {
        checkInput(layer, shape, features);
        return returnSequences ? new int[] {shape[0], shape[1], units} : new int[] {shape[0], units};
    }
}
