package dev.vectorgrad.nn.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate that depends on the optimizer's step, as Keras's {@code LearningRateSchedule}: the optimizer calls
 * {@link #at} with its {@code iterations()} (0 for the first step). The built-in schedules compute in float32, as
 * Keras's do (their Python floats become float32 tensors), and return that float32 value.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for step {@code step} (0-based). */
    double at(long step);

    /**
     * The schedule's class name and arguments (Keras's {@code get_config}), used when a model saves its optimizer; a
     * lambda has none, and a model compiled with one cannot be saved with {@code Model.save}.
     */
    default Map<String, Object> getConfig() {
        throw new UnsupportedOperationException("LearningRateSchedule " + getClass().getName()
                + " has no config; implement getConfig() to save it with a model");
    }
}
