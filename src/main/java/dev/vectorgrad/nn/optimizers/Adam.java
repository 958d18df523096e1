package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.optim.AdamKernel;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Map;

/**
 * Keras 3 {@code Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}, the "epsilon hat" form, in
 * Keras's operation order and the variable's dtype:
 * <pre>
 * beta1Power = beta1^t;  beta2Power = beta2^t                    (in the variable's dtype)
 * alpha = lr · sqrt(1 − beta2Power) / (1 − beta1Power)
 * m ← m + (g − m)·(1 − beta1);   v ← v + (g² − v)·(1 − beta2)   (1 − beta: a double, rounded on use)
 * w ← w − (m·alpha) / (sqrt(v) + epsilon)                        (epsilon added to the root of the uncorrected v)
 * </pre>
 * For {@code g = 1e-4} the first step moves {@code w} by 9.69347e-4 (the textbook/PyTorch form gives 9.99001e-4).
 * {@code Adam(0.5)} on float32 {@code [1, 2, 3, 4]} with gradients {@code [1, 6, 7, 2]} gives 0.50000495 for the
 * first weight, as Keras 3 does in float32; a float64 variable gets 0.50000158. AMSGrad is not offered.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** The first and second moments ({@code float[]} or {@code double[]}). */
    record Slots(Object momentum, Object velocity) {}

    /** Learning rate 0.001 and Keras's defaults. */
    public Adam() {
        this(0.001);
    }

    /** Keras's defaults with this learning rate. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Keras's defaults following a learning-rate schedule. */
    public Adam(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.999, 1e-7);
    }

    /** Every hyper-parameter; betas in [0, 1), epsilon >= 0. */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        check("Adam", beta1, beta2, epsilon);
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        check("Adam", beta1, beta2, epsilon);
    }

    static void check(String who, double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(who + ": beta1 and beta2 must be in [0, 1), got beta1=" + beta1 + " beta2=" + beta2);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException(who + ": epsilon must be >= 0, got " + epsilon);
        }
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        return new Slots(Convert.allocate(dtype, size), Convert.allocate(dtype, size));
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Slots s = (Slots) slots;
        if (w instanceof float[] wf) {
            float t = step;
            float beta1Power = (float) Math.pow((float) beta1, t);
            float beta2Power = (float) Math.pow((float) beta2, t);
            float alpha = (float) lr * (float) Math.sqrt(1 - beta2Power) / (1 - beta1Power);
            AdamKernel.run(wf, wOff, (float[]) g, gOff, (float[]) s.momentum(), 0, (float[]) s.velocity(), 0,
                    alpha, (float) (1 - beta1), (float) (1 - beta2), (float) epsilon, (float[]) out, 0, n);
        } else {
            double t = step;
            double alpha = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            AdamKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) s.momentum(), 0, (double[]) s.velocity(), 0,
                    alpha, 1 - beta1, 1 - beta2, epsilon, (double[]) out, 0, n);
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
