package dev.vectorgrad.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras 3 {@code InverseTimeDecay}: {@code initial / (1 + decayRate · step / decaySteps)}, the quotient
 * {@code step / decaySteps} floored when {@code staircase}; computed in float32 as Keras computes it.
 */
public final class InverseTimeDecay implements LearningRateSchedule {
    private final double initial;
    private final long decaySteps;
    private final double decayRate;
    private final boolean staircase;

    /** The schedule with these arguments, as Keras names them. @throws IllegalArgumentException if {@code decaySteps <= 0} */
    public InverseTimeDecay(double initial, long decaySteps, double decayRate, boolean staircase) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("InverseTimeDecay: decaySteps must be positive, got " + decaySteps);
        }
        this.initial = initial;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
        this.staircase = staircase;
    }

    /** Smooth decay ({@code staircase = false}). */
    public InverseTimeDecay(double initial, long decaySteps, double decayRate) {
        this(initial, decaySteps, decayRate, false);
    }

    @Override
    public double at(long step) {
        float p = (float) step / (float) decaySteps;
        if (staircase) {
            p = (float) Math.floor(p);
        }
        return (float) initial / (1f + (float) decayRate * p);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", "InverseTimeDecay");
        c.put("initial_learning_rate", initial);
        c.put("decay_steps", decaySteps);
        c.put("decay_rate", decayRate);
        c.put("staircase", staircase);
        return c;
    }
}
