package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.optim.RmspropKernel;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Map;

/**
 * Keras 3 {@code RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)}, in Keras's
 * operation order and the variable's dtype:
 * <pre>
 * ms ← rho·ms + (1−rho)·g²                           (ms starts at 0; 1−rho: a double, rounded on use)
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

    /** Keras's slots: velocity (mean square), average gradient (centered only), momentum (momentum > 0 only). */
    record Slots(Object velocity, Object averageGradient, Object momentum) {}

    /** Learning rate 0.001 and Keras's defaults. */
    public RMSprop() {
        this(0.001);
    }

    /** Keras's defaults with this learning rate. */
    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    /** Keras's defaults following a learning-rate schedule. */
    public RMSprop(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.0, 1e-7, false);
    }

    /** Every hyper-parameter; rho and momentum in [0, 1], epsilon >= 0. */
    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        check(rho, momentum, epsilon);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public RMSprop(LearningRateSchedule schedule, double rho, double momentum, double epsilon, boolean centered) {
        super(schedule);
        check(rho, momentum, epsilon);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    private static void check(double rho, double momentum, double epsilon) {
        if (!(rho >= 0 && rho <= 1) || !(momentum >= 0 && momentum <= 1) || !(epsilon >= 0)) {
            throw new IllegalArgumentException("RMSprop: need rho and momentum in [0, 1] and epsilon >= 0, got rho=" + rho
                    + " momentum=" + momentum + " epsilon=" + epsilon);
        }
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        return new Slots(Convert.allocate(dtype, size), centered ? Convert.allocate(dtype, size) : null,
                momentum > 0 ? Convert.allocate(dtype, size) : null);
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Slots s = (Slots) slots;
        if (w instanceof float[] wf) {
            RmspropKernel.run(wf, wOff, (float[]) g, gOff, (float[]) s.velocity(), 0, (float[]) s.averageGradient(), 0,
                    (float[]) s.momentum(), 0, (float) lr, (float) rho, (float) (1 - rho), (float) momentum, (float) epsilon,
                    (float[]) out, 0, n);
        } else {
            RmspropKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) s.velocity(), 0, (double[]) s.averageGradient(), 0,
                    (double[]) s.momentum(), 0, lr, rho, 1 - rho, momentum, epsilon, (double[]) out, 0, n);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        return c;
    }
}
