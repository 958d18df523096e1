package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.RmspropKernel;
import dev.vectorgrad.ndarray.Convert;

/**
 * Keras 3 {@code RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)}:
 * <pre>
 * ms ← rho·ms + (1−rho)·g²                           (ms starts at 0)
 * denom = ms + epsilon      centered: mg ← rho·mg + (1−rho)·g;  denom = ms − mg² + epsilon
 * inc = lr·g / sqrt(denom)                            (epsilon inside the root)
 * momentum > 0: mom ← momentum·mom + inc;  w ← w − mom        else  w ← w − inc
 * </pre>
 * Keras doc check: {@code lr = 0.1}, {@code w = 10}, loss {@code w²/2} gives 9.683772 after one step.
 * (tf.keras 2.0-2.10 put epsilon outside the root when {@code momentum = 0}; this is the Keras 3 form.)
 */
public class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    /** Learning rate 0.001 and Keras's defaults. */
    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        if (!(rho >= 0 && rho <= 1) || !(momentum >= 0 && momentum <= 1) || !(epsilon >= 0)) {
            throw new IllegalArgumentException("RMSprop: need rho and momentum in [0, 1] and epsilon >= 0, got rho=" + rho
                    + " momentum=" + momentum + " epsilon=" + epsilon);
        }
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    @Override
    protected Object[] createSlots(DType dtype, int size) {
        return new Object[] {
            Convert.allocate(dtype, size),
            centered ? Convert.allocate(dtype, size) : null,
            momentum > 0 ? Convert.allocate(dtype, size) : null
        };
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Object[] slots, Object out, int n, long step) {
        double lr = learningRate();
        if (w instanceof float[] wf) {
            RmspropKernel.run(wf, wOff, (float[]) g, gOff, (float[]) slots[0], 0, (float[]) slots[1], 0, (float[]) slots[2], 0,
                    (float) lr, (float) rho, (float) momentum, (float) epsilon, (float[]) out, 0, n);
        } else {
            RmspropKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) slots[0], 0, (double[]) slots[1], 0,
                    (double[]) slots[2], 0, lr, rho, momentum, epsilon, (double[]) out, 0, n);
        }
    }
}
