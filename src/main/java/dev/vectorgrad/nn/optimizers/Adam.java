package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.AdamKernel;
import dev.vectorgrad.ndarray.Convert;

/**
 * Keras 3 {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}, the "epsilon hat" form:
 * <pre>
 * alpha = lr · sqrt(1 − beta2^t) / (1 − beta1^t)
 * m ← m + (g − m)·(1 − beta1);   v ← v + (g² − v)·(1 − beta2)
 * w ← w − alpha·m / (sqrt(v) + epsilon)        (epsilon added to the root of the uncorrected v)
 * </pre>
 * For {@code g = 1e-4} the first step moves {@code w} by 9.69347e-4 (the textbook/PyTorch form gives 9.99001e-4).
 * AMSGrad is not offered. {@code alpha} is computed in double precision, then rounded to the variable's dtype.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** Learning rate 0.001 and Keras's defaults. */
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: beta1 and beta2 must be in [0, 1), got beta1=" + beta1 + " beta2=" + beta2);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("Adam: epsilon must be >= 0, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected Object[] createSlots(DType dtype, int size) {
        return new Object[] {Convert.allocate(dtype, size), Convert.allocate(dtype, size)};
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Object[] slots, Object out, int n, long step) {
        double alpha = learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        if (w instanceof float[] wf) {
            AdamKernel.run(wf, wOff, (float[]) g, gOff, (float[]) slots[0], 0, (float[]) slots[1], 0,
                    (float) alpha, (float) beta1, (float) beta2, (float) epsilon, (float[]) out, 0, n);
        } else {
            AdamKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) slots[0], 0, (double[]) slots[1], 0,
                    alpha, beta1, beta2, epsilon, (double[]) out, 0, n);
        }
    }
}
