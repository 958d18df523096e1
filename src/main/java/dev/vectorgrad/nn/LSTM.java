package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.LstmSequence;
import dev.vectorgrad.ndarray.RnnOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code LSTM} (tanh activation, sigmoid recurrent activation, zero initial state) over
 * {@code [batch, time, features]}, giving the last hidden state {@code [batch, units]} or, with
 * {@code returnSequences}, every step's {@code [batch, time, units]}.
 *
 * <p>Weights in Keras's layout and gate order i, f, c, o: {@code kernel [features, 4·units]}
 * (Glorot-uniform), {@code recurrent_kernel [units, 4·units]} (orthogonal), {@code bias [4·units]} (zeros,
 * with the forget gate's quarter ones: {@code unit_forget_bias}), named {@code lstm/kernel:0},
 * {@code lstm/recurrent_kernel:0}, {@code lstm/bias:0}. (Keras 3 paths put a cell between,
 * {@code lstm/lstm_cell/kernel}; the short names are kept as {@link Dense}'s are, and the shapes and order,
 * which decide whether Keras weights load, are Keras's.)
 *
 * <p>Each step is {@code z = x_t·W + b + h·U} then one fused {@link RnnOps#lstmCell} kernel for the gates and
 * the cell update. Without a mask the whole sequence is one recorded op ({@link LstmSequence}): U packed once
 * for every step, backpropagation through time in one pass with the weight gradients as single GEMMs. With a
 * mask the steps are recorded one by one (per step: slicing one all-steps product would scatter a full-size
 * gradient at every step), since a masked step selects between the new and the carried state.
 * Configuration: units, returnSequences.
 */
public class LSTM extends RecurrentLayer {
    private final int units;
    private final boolean returnSequences;
    private int features = -1;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;

    /** An LSTM returning its last hidden state. */
    public LSTM(int units) {
        this(units, false);
    }

    /** An LSTM returning every step's hidden state when {@code returnSequences}. */
    public LSTM(int units, boolean returnSequences) {
        ConvSupport.checkPositive("LSTM", "units", units);
        this.units = units;
        this.returnSequences = returnSequences;
    }

    @Override
    protected void build(int[] inputShape) {
        ConvSupport.checkRank(this, inputShape, 3);
        features = inputShape[2];
        kernel = addWeight("kernel", Initializers.glorotUniform(weightRng("kernel"), DType.FLOAT32, features, 4 * units), true);
        recurrentKernel = addWeight("recurrent_kernel",
                Initializers.orthogonal(weightRng("recurrent_kernel"), DType.FLOAT32, units, 4 * units), true);
        float[] b = new float[4 * units];
        java.util.Arrays.fill(b, units, 2 * units, 1f);
        bias = addWeight("bias", NDArray.of(b), true);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    /**
     * With a {@code [batch, time]} mask (false = padding), a sample's masked step keeps its {@code h} and
     * {@code c} and, with returnSequences, outputs the previous step's output (zeros before the first
     * unmasked step), as Keras's LSTM does; the last output is then the last unmasked step's.
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        int[] s = x.shape();
        Recurrence.checkInput(this, s, features);
        maybeBuild(s);
        Recurrence.checkInput(this, s, features);
        NDArray[] masks = Recurrence.stepMasks(this, mask, s);
        if (masks == null) {
            return LstmSequence.run(ConvSupport.float32(x), kernel, recurrentKernel, bias, returnSequences);
        }
        List<NDArray> xw = Recurrence.projectSteps(x, kernel, bias);
        NDArray h = NDArray.zeros(DType.FLOAT32, s[0], units);
        NDArray c = h;
        List<NDArray> steps = new ArrayList<>(s[1]);
        for (int t = 0; t < s[1]; t++) {
            NDArray hc = RnnOps.lstmCell(xw.get(t).add(h.matmul(recurrentKernel)), c);
            h = Recurrence.carry(masks, t, hc.slice(1, 0, units, 1), h);
            c = Recurrence.carry(masks, t, hc.slice(1, units, 2 * units, 1), c);
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

    /** {@code [features, 4·units]}, or null before the build. */
    public Variable kernel() {
        return kernel;
    }

    /** {@code [units, 4·units]}, or null before the build. */
    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    /** {@code [4·units]}, or null before the build. */
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
