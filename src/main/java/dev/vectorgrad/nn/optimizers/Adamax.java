package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.optim.AdamaxKernel;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Map;

/**
 * Keras 3 {@code Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}, Adam on the infinity norm, in
 * Keras's operation order and the variable's dtype:
 * <pre>
 * m ← m + (g − m)·(1 − beta1)           (1 − beta1: a double, rounded on use)
 * u ← max(beta2·u, |g|)
 * w ← w − (lr·m) / ((1 − beta1^t)·(u + epsilon))
 * </pre>
 */
public class Adamax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** The first moment and the exponentially weighted infinity norm ({@code float[]} or {@code double[]}). */
    record Slots(Object m, Object u) {}

    /** Learning rate 0.001 and Keras's defaults. */
    public Adamax() {
        this(0.001);
    }

    /** Keras's defaults with this learning rate. */
    public Adamax(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Keras's defaults following a learning-rate schedule. */
    public Adamax(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.999, 1e-7);
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public Adamax(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        Adam.check("Adamax", beta1, beta2, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Every hyper-parameter; betas in [0, 1), epsilon >= 0. */
    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        Adam.check("Adamax", beta1, beta2, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        return new Slots(Convert.allocate(dtype, size), Convert.allocate(dtype, size));
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Slots s = (Slots) slots;
        if (w instanceof float[] wf) {
            float beta1Power = (float) Math.pow((float) beta1, (float) step);
            AdamaxKernel.run(wf, wOff, (float[]) g, gOff, (float[]) s.m(), 0, (float[]) s.u(), 0, (float) lr,
                    (float) (1 - beta1), (float) beta2, 1 - beta1Power, (float) epsilon, (float[]) out, 0, n);
        } else {
            double beta1Power = Math.pow(beta1, step);
            AdamaxKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) s.m(), 0, (double[]) s.u(), 0, lr,
                    1 - beta1, beta2, 1 - beta1Power, epsilon, (double[]) out, 0, n);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }
}
