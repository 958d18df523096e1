package dev.vectorgrad.nn.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras 3 {@code CosineDecay} without warm-up: with {@code s = min(step, decaySteps)},
 * {@code initial · ((1 − alpha) · 0.5 · (1 + cos(π · s / decaySteps)) + alpha)}; computed in float32 as Keras computes
 * it ({@code cos} here is correctly rounded to float32; Keras's backends may differ from it by an ulp).
 */
public final class CosineDecay implements LearningRateSchedule {
    private final double initial;
    private final long decaySteps;
    private final double alpha;

    /** The schedule with these arguments, as Keras names them. @throws IllegalArgumentException if {@code decaySteps <= 0} */
    public CosineDecay(double initial, long decaySteps, double alpha) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("CosineDecay: decaySteps must be positive, got " + decaySteps);
        }
        this.initial = initial;
        this.decaySteps = decaySteps;
        this.alpha = alpha;
    }

    /** Decay to 0 ({@code alpha = 0}, Keras's default). */
    public CosineDecay(double initial, long decaySteps) {
        this(initial, decaySteps, 0.0);
    }

    @Override
    public double at(long step) {
        float steps = (float) decaySteps;
        float s = Math.min((float) step, steps);
        float completedFraction = s / steps;
        float pi = (float) Math.PI;
        float cosineDecayed = 0.5f * (1f + (float) Math.cos(pi * completedFraction));
        float decayed = (float) (1 - alpha) * cosineDecayed + (float) alpha;
        return (float) initial * decayed;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", "CosineDecay");
        c.put("initial_learning_rate", initial);
        c.put("decay_steps", decaySteps);
        c.put("alpha", alpha);
        return c;
    }
}
