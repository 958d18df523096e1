package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.optim.AdagradKernel;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras 3 {@code Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)}, in Keras's operation
 * order and the variable's dtype:
 * <pre>
 * acc ← acc + g²                 (acc starts at initial_accumulator_value)
 * w   ← w − lr·g / sqrt(acc + epsilon)
 * </pre>
 */
public class Adagrad extends Optimizer {
    private final double initialAccumulatorValue;
    private final double epsilon;

    /** The accumulated squared gradients ({@code float[]} or {@code double[]}). */
    record Slots(Object accumulator) {}

    /** Learning rate 0.001 and Keras's defaults. */
    public Adagrad() {
        this(0.001);
    }

    /** Keras's defaults with this learning rate. */
    public Adagrad(double learningRate) {
        this(learningRate, 0.1, 1e-7);
    }

    /** Keras's defaults following a learning-rate schedule. */
    public Adagrad(LearningRateSchedule schedule) {
        this(schedule, 0.1, 1e-7);
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public Adagrad(LearningRateSchedule schedule, double initialAccumulatorValue, double epsilon) {
        super(schedule);
        this.initialAccumulatorValue = check(initialAccumulatorValue, epsilon);
        this.epsilon = epsilon;
    }

    private static double check(double initialAccumulatorValue, double epsilon) {
        if (!(initialAccumulatorValue >= 0) || !(epsilon >= 0)) {
            throw new IllegalArgumentException("Adagrad: initial accumulator value and epsilon must be >= 0, got "
                    + initialAccumulatorValue + " and " + epsilon);
        }
        return initialAccumulatorValue;
    }

    /** Every hyper-parameter, both >= 0. */
    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        super(learningRate);
        this.initialAccumulatorValue = check(initialAccumulatorValue, epsilon);
        this.epsilon = epsilon;
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        if (dtype == DType.FLOAT64) {
            double[] acc = new double[size];
            Arrays.fill(acc, initialAccumulatorValue);
            return new Slots(acc);
        }
        float[] acc = new float[size];
        Arrays.fill(acc, (float) initialAccumulatorValue);
        return new Slots(acc);
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Object acc = ((Slots) slots).accumulator();
        if (w instanceof float[] wf) {
            AdagradKernel.run(wf, wOff, (float[]) g, gOff, (float[]) acc, 0, (float) lr, (float) epsilon, (float[]) out, 0, n);
        } else {
            AdagradKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) acc, 0, lr, epsilon, (double[]) out, 0, n);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("initial_accumulator_value", initialAccumulatorValue);
        c.put("epsilon", epsilon);
        return c;
    }
}
