package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code SimpleRNN}: {@code h' = tanh(x_t·W + h·U + b)} from a zero state over
 * {@code [batch, time, features]}, giving the last {@code h [batch, units]} or, with {@code returnSequences},
 * {@code [batch, time, units]}. Weights {@code simple_rnn/kernel:0 [features, units]} (Glorot-uniform),
 * {@code simple_rnn/recurrent_kernel:0 [units, units]} (orthogonal), {@code simple_rnn/bias:0 [units]}
 * (zeros). One op (tanh) per step needs no fused kernel. Configuration: units, returnSequences.
 */
public class SimpleRNN extends RecurrentLayer {
    private final int units;
    private final boolean returnSequences;
    private int features = -1;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    /** A SimpleRNN returning its last state. */
    public SimpleRNN(int units) {
        this(units, false);
    }

    /** A SimpleRNN returning every step's state when {@code returnSequences}. */
    public SimpleRNN(int units, boolean returnSequences) {
        ConvSupport.checkPositive("SimpleRNN", "units", units);
        this.units = units;
        this.returnSequences = returnSequences;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 3);
        features = inputShape[2];
        kernel = addWeight("kernel", Initializers.glorotUniform(weightRng("kernel"), DType.FLOAT32, features, units), true);
        recurrentKernel = addWeight("recurrent_kernel",
                Initializers.orthogonal(weightRng("recurrent_kernel"), DType.FLOAT32, units, units), true);
        bias = addWeight("bias", NDArray.zeros(DType.FLOAT32, units), true);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    /**
     * With a {@code [batch, time]} mask (false = padding), a sample's masked step keeps its {@code h} and, with
     * returnSequences, outputs the previous step's output (zeros before the first unmasked step), as Keras's
     * SimpleRNN does.
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        int[] s = x.shape();
        Recurrence.checkInput(this, s, features);
        maybeBuild(s);
        Recurrence.checkInput(this, s, features);
        NDArray[] masks = Recurrence.stepMasks(this, mask, s);
        List<NDArray> xw = Recurrence.projectSteps(x, kernel, bias);
        NDArray h = null;
        List<NDArray> steps = new ArrayList<>(s[1]);
        for (int t = 0; t < s[1]; t++) {
            NDArray z = h == null ? xw.get(t) : xw.get(t).add(h.matmul(recurrentKernel));
            NDArray next = z.tanh();
            h = Recurrence.carry(masks, t, next, h != null ? h : NDArray.zeros(DType.FLOAT32, s[0], units));
            steps.add(h);
        }
        return Recurrence.output(steps, returnSequences);
    }

    /** The number of hidden units. */
    public int units() {
        return units;
    }

    /** Whether every step's output is returned. */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** {@code [features, units]}, or null before the build. */
    public Variable kernel() {
        return kernel;
    }

    /** {@code [units, units]}, or null before the build. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** {@code [units]}, or null before the build. */
    public Variable bias() {
        return bias;
    }

    /** Keras's config: units and return_sequences; the activations are fixed, written for Keras readers. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("units", units);
        c.put("activation", "tanh");
        c.put("return_sequences", returnSequences);
        return c;
    }

    /** {@code [batch, units]}, or {@code [batch, time, units]} with returnSequences, without running the steps. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return Recurrence.outputShape(this, inputShape, features, units, returnSequences);
    }
}
