package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.optim.SgdKernel;
import dev.vectorgrad.kernels.optim.SgdMomentumKernel;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Map;

/**
 * Keras 3 {@code SGD(learning_rate=0.01, momentum=0.0, nesterov=False)}, in Keras's operation order:
 * <pre>
 * momentum == 0:  w ← w − g·lr
 * momentum  > 0:  v ← v·momentum − g·lr;  w ← w + v                  (v starts at 0)
 * nesterov:       v ← v·momentum − g·lr;  w ← w + (v·momentum − g·lr)
 * </pre>
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    /** The velocity slot ({@code float[]} or {@code double[]}; null without momentum). */
    record Slots(Object momentum) {}

    /** Learning rate 0.01, no momentum. */
    public SGD() {
        this(0.01);
    }

    /** Plain SGD with this learning rate. */
    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    /** Plain SGD following a learning-rate schedule. */
    public SGD(LearningRateSchedule schedule) {
        this(schedule, 0.0, false);
    }

    /** SGD with momentum (Nesterov optional). @throws IllegalArgumentException if {@code momentum} is outside [0, 1] (Keras's message) */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        super(learningRate);
        this.momentum = checkMomentum(momentum);
        this.nesterov = nesterov;
    }

    /** SGD with momentum following a learning-rate schedule. */
    public SGD(LearningRateSchedule schedule, double momentum, boolean nesterov) {
        super(schedule);
        this.momentum = checkMomentum(momentum);
        this.nesterov = nesterov;
    }

    private static double checkMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("`momentum` must be a float between [0, 1]. Received: momentum=" + momentum);
        }
        return momentum;
    }

    /** The momentum (0 for plain SGD). */
    public double momentum() {
        return momentum;
    }

    /** Whether the Nesterov form is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        return new Slots(momentum == 0 ? null : Convert.allocate(dtype, size));
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Slots s = (Slots) slots;
        if (w instanceof float[] wf) {
            if (s.momentum() instanceof float[] v) {
                SgdMomentumKernel.run(wf, wOff, (float[]) g, gOff, v, 0, (float) lr, (float) momentum, nesterov, (float[]) out, 0, n);
            } else {
                SgdKernel.run(wf, wOff, (float[]) g, gOff, (float) lr, (float[]) out, 0, n);
            }
        } else {
            double[] wd = (double[]) w;
            if (s.momentum() instanceof double[] v) {
                SgdMomentumKernel.run(wd, wOff, (double[]) g, gOff, v, 0, lr, momentum, nesterov, (double[]) out, 0, n);
            } else {
                SgdKernel.run(wd, wOff, (double[]) g, gOff, lr, (double[]) out, 0, n);
            }
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }
}
