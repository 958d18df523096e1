package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;

/**
 * Keras's {@code Dropout}: in training, each element is zeroed with probability {@code rate} and the
 * survivors scaled by {@code 1 / (1 - rate)} (inverted dropout), so inference is the identity and needs no
 * rescaling. Outside training the input is returned as it is.
 *
 * <p>Masks come from a generator seeded like the layer's weights (see {@link Layer}: the global seed and the
 * layer's name, key {@code <layer>/seed_generator}) or from an explicit seed; each training call draws a new
 * mask, and the same program draws the same masks on every run. Configuration: rate, seed ({@link #dropoutSeed()}, null when derived).
 */
public class Dropout extends Layer {
    private final double rate;
    private final Long seed;
    private Rng rng;

    /** Drops with probability {@code rate}, in {@code [0, 1]} (1 drops everything, as Keras 3 allows). */
    public Dropout(double rate) {
        this(rate, null);
    }

    /** With an explicit seed (Keras's {@code seed=}); null derives it from the global seed and the layer's name. */
    public Dropout(double rate, Long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("Dropout: invalid value received for argument `rate`: expected a value in [0, 1], got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        if (!training || rate == 0) {
            return x;
        }
        if (rng == null) {
            rng = seed != null ? Rng.seeded(seed) : weightRng("seed_generator");
        }
        DType t = x.dtype().isFloating() ? x.dtype() : DType.FLOAT32;
        NDArray in = x.dtype() == t ? x : x.cast(t);
        if (rate == 1) {
            // nothing survives; a where (not x·0) keeps infinities from turning into NaN, in values and gradients
            return NDArray.where(NDArray.zeros(DType.BOOL, x.shape()), in, NDArray.zeros(t));
        }
        NDArray keep = rng.uniform(DType.FLOAT32, 0, 1, x.shape()).ge(rate);
        return NDArray.where(keep, in.mul(1.0 / (1.0 - rate)), NDArray.zeros(t));
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    /** The explicit seed, or null when derived from the global seed. */
    public Long dropoutSeed() {
        return seed;
    }

    /** Keras's {@code rate} and {@code seed} (null when drawn from the global seed). */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("rate", rate);
        c.put("seed", seed);
        return c;
    }

    /** The input's shape. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return inputShape.clone();
    }

    /** True: the output has the input's positions, so a mask goes on unchanged (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
