package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.List;

/**
 * What SimpleRNN, LSTM and GRU share: input checks in Keras's words, and the time-major input projection.
 * The input's contribution {@code x·W + b} to every step is one GEMM over all steps before the loop (as
 * cuDNN and Keras's fused paths do), so each step does only {@code h·U} and its cell.
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

    /** {@code x [b, t, f] · kernel [f, k] + bias} as {@code [t, b, k]}, so step {@code s} is {@code get(s)}. */
    static NDArray projectTimeMajor(NDArray x, NDArray kernel, NDArray bias) {
        NDArray xt = ConvSupport.float32(x).transpose(1, 0, 2);
        NDArray p = xt.matmul(kernel);
        return bias == null ? p : p.add(bias);
    }

    /** The outputs: every step's {@code [b, units]} stacked to {@code [b, t, units]}, or the last one. */
    static NDArray output(List<NDArray> steps, boolean returnSequences) {
        return returnSequences ? NDArray.stack(steps, 1) : steps.get(steps.size() - 1);
    }

    private Recurrence() {}
}
