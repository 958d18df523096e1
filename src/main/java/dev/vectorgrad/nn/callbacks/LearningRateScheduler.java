package dev.vectorgrad.nn.callbacks;

import dev.vectorgrad.ndarray.Args;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Keras's {@code LearningRateScheduler}: at the start of each epoch sets the optimizer's learning rate to
 * {@code schedule.apply(epoch, currentRate)} (epoch 0-based), and logs it as {@code learning_rate} at the epoch's end.
 */
public class LearningRateScheduler extends Callback {
    private final BiFunction<Integer, Double, Double> schedule;

    /** {@code schedule} maps (epoch, current learning rate) to the new learning rate. */
    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule is null");
        }
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        double current = attachedModel().optimizer().learningRate();
        Double next = schedule.apply(epoch, current);
        if (next == null || !Double.isFinite(next)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule returned " + next + " for epoch " + epoch
                    + "; it must return a finite learning rate");
        }
        attachedModel().optimizer().setLearningRate(next);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Args.nonNull(logs, "logs");
        logs.put("learning_rate", attachedModel().optimizer().learningRate());
    }
}
