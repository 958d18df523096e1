package dev.vectorgrad.nn.optimizers.schedules;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 3 {@code PiecewiseConstantDecay}: {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]}
 * while {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary; the values are
 * float32, as Keras converts them.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final double[] values;

    /**
     * Values between boundaries.
     *
     * @throws IllegalArgumentException if {@code values} is not one longer than {@code boundaries} (Keras's check) or
     *     the boundaries are not increasing
     */
    public PiecewiseConstantDecay(long[] boundaries, double[] values) {
        if (boundaries == null || values == null) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries and values must not be null");
        }
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. Received: "
                    + "boundaries=" + Arrays.toString(boundaries) + " of length " + boundaries.length + ", and values="
                    + Arrays.toString(values) + " of length " + values.length + ".");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase, got "
                        + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double at(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return (float) values[i];
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("class_name", "PiecewiseConstantDecay");
        c.put("boundaries", Arrays.stream(boundaries).boxed().toList());
        c.put("values", Arrays.stream(values).boxed().toList());
        return c;
    }

    /** Rebuilds a schedule from {@link #getConfig()}'s lists (used when a saved model is loaded). */
    static PiecewiseConstantDecay fromLists(List<? extends Number> boundaries, List<? extends Number> values) {
        return new PiecewiseConstantDecay(boundaries.stream().mapToLong(Number::longValue).toArray(),
                values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
