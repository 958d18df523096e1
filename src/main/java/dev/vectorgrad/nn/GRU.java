package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.RnnOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code GRU} with its default {@code reset_after=True} (the cuDNN-compatible form), tanh activation,
 * sigmoid recurrent activation, zero initial state, over {@code [batch, time, features]}. Gates z, r, h in
 * Keras's order:
 * <pre>
 *   x_z, x_r, x_h = x_t·W + b_in        h_z, h_r, h_h = h·U + b_rec
 *   z = σ(x_z + h_z)   r = σ(x_r + h_r)   ĥ = tanh(x_h + r·h_h)   h' = z·h + (1 − z)·ĥ
 * </pre>
 * Weights {@code gru/kernel:0 [features, 3·units]} (Glorot-uniform), {@code gru/recurrent_kernel:0
 * [units, 3·units]} (orthogonal), {@code gru/bias:0 [2, 3·units]} (zeros; row 0 the input bias, row 1 the
 * recurrent one). Each step is one {@code h·U} GEMM and one fused {@link RnnOps#gruCell} kernel, forward and
 * backward.
 * Configuration: units, returnSequences.
 */
public class GRU extends RecurrentLayer {
    private final int units;
    private final boolean returnSequences;
    private int features = -1;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    /** A GRU returning its last state. */
    public GRU(int units) {
        this(units, false);
    }

    /** A GRU returning every step's state when {@code returnSequences}. */
    public GRU(int units, boolean returnSequences) {
        ConvSupport.checkPositive("GRU", "units", units);
        this.units = units;
        this.returnSequences = returnSequences;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 3);
        features = inputShape[2];
        kernel = addWeight("kernel", Initializers.glorotUniform(weightRng("kernel"), DType.FLOAT32, features, 3 * units), true);
        recurrentKernel = addWeight("recurrent_kernel",
                Initializers.orthogonal(weightRng("recurrent_kernel"), DType.FLOAT32, units, 3 * units), true);
        bias = addWeight("bias", NDArray.zeros(DType.FLOAT32, 2, 3 * units), true);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    /**
     * With a {@code [batch, time]} mask (false = padding), a sample's masked step keeps its {@code h} and, with
     * returnSequences, outputs the previous step's output (zeros before the first unmasked step), as Keras's GRU does.
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        int[] s = x.shape();
        Recurrence.checkInput(this, s, features);
        maybeBuild(s);
        Recurrence.checkInput(this, s, features);
        NDArray[] masks = Recurrence.stepMasks(this, mask, s);
        List<NDArray> xw = Recurrence.projectSteps(x, kernel, bias.get(0));
        NDArray recurrentBias = bias.get(1);
        NDArray h = NDArray.zeros(DType.FLOAT32, s[0], units);
        List<NDArray> steps = new ArrayList<>(s[1]);
        for (int t = 0; t < s[1]; t++) {
            h = Recurrence.carry(masks, t, RnnOps.gruCell(xw.get(t), h.matmul(recurrentKernel).add(recurrentBias), h), h);
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

    /** {@code [features, 3·units]}, or null before the build. */
    public Variable kernel() {
        return kernel;
    }

    /** {@code [units, 3·units]}, or null before the build. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** {@code [2, 3·units]}: input bias then recurrent bias, or null before the build. */
    public Variable bias() {
        return bias;
    }

    /** Keras's config: units and return_sequences; the activations are fixed, written for Keras readers. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("units", units);
        c.put("activation", "tanh");
        c.put("recurrent_activation", "sigmoid");
        c.put("reset_after", true);
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
