package dev.vectorgrad.nn.optimizers;

import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;

/**
 * Keras 3 {@code AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7)}: Adam with
 * decoupled weight decay, {@code w ← w − w·decay·lr} applied to every variable before its Adam update.
 */
public class AdamW extends Adam {

    /** Learning rate 0.001, weight decay 0.004. */
    public AdamW() {
        this(0.001, 0.004);
    }

    /** Weight decay 0.004 with this learning rate. */
    public AdamW(double learningRate) {
        this(learningRate, 0.004);
    }

    /** This learning rate and weight decay, Keras's betas and epsilon. */
    public AdamW(double learningRate, double weightDecay) {
        super(learningRate);
        weightDecay(weightDecay);
    }

    /** A schedule and a weight decay (the decay is multiplied by the scheduled rate, as in Keras). */
    public AdamW(LearningRateSchedule schedule, double weightDecay) {
        super(schedule);
        weightDecay(weightDecay);
    }

    /** Every hyper-parameter, following a learning-rate schedule. */
    public AdamW(LearningRateSchedule schedule, double weightDecay, double beta1, double beta2, double epsilon) {
        super(schedule, beta1, beta2, epsilon);
        weightDecay(weightDecay);
    }

    /** Every hyper-parameter. */
    public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
        weightDecay(weightDecay);
    }
}
