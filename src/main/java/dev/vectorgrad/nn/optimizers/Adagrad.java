package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.AdagradKernel;
import java.util.Arrays;

/**
 * Keras 3 {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}:
 * <pre>
 * acc ← acc + g²                 (acc starts at initial_accumulator_value)
 * w   ← w − lr·g / sqrt(acc + epsilon)
 * </pre>
 */
public class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;

    /** Learning rate 0.001 and Keras's defaults. */
    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        if (!(initialAccumulatorValue >= 0) || !(epsilon >= 0)) {
            throw new IllegalArgumentException("Adagrad: initial accumulator value and epsilon must be >= 0, got "
                    + initialAccumulatorValue + " and " + epsilon);
        }
        this.initialAccumulatorValue = initialAccumulatorValue;
        this.epsilon = epsilon;
    }

    @Override
    protected Object[] createSlots(DType dtype, int size) {
        if (dtype == DType.FLOAT64) {
            double[] acc = new double[size];
            Arrays.fill(acc, initialAccumulatorValue);
            return new Object[] {acc};
        }
        float[] acc = new float[size];
        Arrays.fill(acc, (float) initialAccumulatorValue);
        return new Object[] {acc};
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Object[] slots, Object out, int n, long step) {
        double lr = learningRate();
        if (w instanceof float[] wf) {
            AdagradKernel.run(wf, wOff, (float[]) g, gOff, (float[]) slots[0], 0, (float) lr, (float) epsilon, (float[]) out, 0, n);
        } else {
            AdagradKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) slots[0], 0, lr, epsilon, (double[]) out, 0, n);
        }
    }
}
