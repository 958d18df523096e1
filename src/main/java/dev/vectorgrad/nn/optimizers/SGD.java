package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.SgdKernel;
import dev.vectorgrad.kernels.elementwise.SgdMomentumKernel;
import dev.vectorgrad.ndarray.Convert;

/**
 * Keras 3 {@code SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}:
 * <pre>
 * momentum == 0:  w ← w − lr·g
 * momentum  > 0:  v ← momentum·v − lr·g;  w ← w + v                  (v starts at 0)
 * nesterov:       v ← momentum·v − lr·g;  w ← w + (momentum·v − lr·g)
 * </pre>
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    /** Learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /** @throws IllegalArgumentException if {@code momentum} is outside [0, 1] (Keras's message) */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("`momentum` must be a float between [0, 1]. Received: momentum=" + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected Object[] createSlots(DType dtype, int size) {
        return momentum == 0 ? new Object[1] : new Object[] {Convert.allocate(dtype, size)};
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Object[] slots, Object out, int n, long step) {
        double lr = learningRate();
        if (w instanceof float[] wf) {
            if (momentum == 0) {
                SgdKernel.run(wf, wOff, (float[]) g, gOff, (float) lr, (float[]) out, 0, n);
            } else {
                SgdMomentumKernel.run(wf, wOff, (float[]) g, gOff, (float[]) slots[0], 0, (float) lr, (float) momentum,
                        nesterov, (float[]) out, 0, n);
            }
        } else {
            double[] wd = (double[]) w;
            if (momentum == 0) {
                SgdKernel.run(wd, wOff, (double[]) g, gOff, lr, (double[]) out, 0, n);
            } else {
                SgdMomentumKernel.run(wd, wOff, (double[]) g, gOff, (double[]) slots[0], 0, lr, momentum, nesterov,
                        (double[]) out, 0, n);
            }
        }
    }
}
