package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.optim.NadamKernel;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import java.util.Map;

/**
 * Keras 3 {@code Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}, Adam with Nesterov momentum
 * and Dozat's momentum schedule, in Keras's operation order and the variable's dtype:
 * <pre>
 * u_t = beta1·(1 − 0.5·0.96^t);  u_{t+1} = beta1·(1 − 0.5·0.96^(t+1))
 * uProduct ← uProduct·u_t                                   (once per step, starting at 1)
 * m ← m + (g − m)·(1 − beta1);  v ← v + (g² − v)·(1 − beta2)
 * mHat = u_{t+1}·m / (1 − uProduct·u_{t+1}) + (1 − u_t)·g / (1 − uProduct)
 * w ← w − (mHat·lr) / (sqrt(v / (1 − beta2^t)) + epsilon)
 * </pre>
 * As in Keras the running product {@code uProduct} is one value per optimizer, kept in the dtype of the first
 * variable it sees.
 */
public class Nadam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double uProduct = 1;
    private DType uProductDType;

    /** The first and second moments ({@code float[]} or {@code double[]}). */
    record Slots(Object momentum, Object velocity) {}

    /** Learning rate 0.001 and Keras's defaults. */
    public Nadam() {
        this(0.001);
    }

    /** Keras's defaults with this learning rate. */
    public Nadam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /** Keras's defaults following a learning-rate schedule. */
    public Nadam(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.999, 1e-7);
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public Nadam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        super(schedule);
        Adam.check("Nadam", beta1, beta2, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Every hyper-parameter; betas in [0, 1), epsilon >= 0. */
    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        Adam.check("Nadam", beta1, beta2, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected Record createSlots(DType dtype, int size) {
        return new Slots(Convert.allocate(dtype, size), Convert.allocate(dtype, size));
    }

    @Override
    protected void beforeSteps(DType firstVariableDType, long step) {
        if (uProductDType == null) {
            uProductDType = firstVariableDType;
        }
        if (uProductDType == DType.FLOAT32) {
            float u = (float) uProduct * (float) beta1 * (1 - 0.5f * (float) Math.pow(0.96f, (float) step));
            uProduct = u;
        } else {
            uProduct = uProduct * beta1 * (1.0 - 0.5 * Math.pow(0.96, step));
        }
    }

    @Override
    protected void update(Object w, int wOff, Object g, int gOff, Record slots, Object out, int n, long step, double lr) {
        Slots s = (Slots) slots;
        if (w instanceof float[] wf) {
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float decay = 0.96f;
            float uT = b1 * (1 - 0.5f * (float) Math.pow(decay, (float) step));
            float uT1 = b1 * (1 - 0.5f * (float) Math.pow(decay, (float) (step + 1)));
            float uProductT = (float) uProduct;
            float uProductT1 = uProductT * uT1;
            float beta2Power = (float) Math.pow(b2, (float) step);
            NadamKernel.run(wf, wOff, (float[]) g, gOff, (float[]) s.momentum(), 0, (float[]) s.velocity(), 0, (float) lr,
                    1 - b1, 1 - b2, uT1, 1 - uProductT1, 1 - uT, 1 - uProductT, 1 - beta2Power, (float) epsilon,
                    (float[]) out, 0, n);
        } else {
            double uT = beta1 * (1 - 0.5 * Math.pow(0.96, step));
            double uT1 = beta1 * (1 - 0.5 * Math.pow(0.96, step + 1));
            double uProductT1 = uProduct * uT1;
            double beta2Power = Math.pow(beta2, step);
            NadamKernel.run((double[]) w, wOff, (double[]) g, gOff, (double[]) s.momentum(), 0, (double[]) s.velocity(), 0, lr,
                    1 - beta1, 1 - beta2, uT1, 1 - uProductT1, 1 - uT, 1 - uProduct, 1 - beta2Power, epsilon,
                    (double[]) out, 0, n);
        }
    }

    @Override
    protected Map<String, NDArray> extraState() {
        return Map.of("u_product", NDArray.of(uProduct));
    }

    @Override
    protected void loadExtraState(Map<String, NDArray> state) {
        NDArray u = state.get("u_product");
        if (u != null) {
            uProduct = u.item();
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
