package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code UpSampling2D} with nearest-neighbour interpolation: every pixel repeated {@code size} times
 * along height and width, {@code [batch, h, w, c] → [batch, h·size, w·size, c]}. Written as a broadcast
 * of a reshaped view, so the tape's un-broadcast sums each block's gradient back to its pixel.
 * Configuration: size. (Keras's bilinear interpolation is not offered.)
 */
public class UpSampling2D extends Layer {
    private final int size;

    /** Repeat every pixel {@code size} times on both axes. */
    public UpSampling2D(int size) {
        ConvSupport.checkPositive("UpSampling2D", "size", size);
        this.size = size;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, 4);
        return x.reshape(s[0], s[1], 1, s[2], 1, s[3])
                .broadcastTo(s[0], s[1], size, s[2], size, s[3])
                .reshape(s[0], s[1] * size, s[2] * size, s[3]);
    }

    /** The repeat factor. */
    public int size() {
        return size;
    }

    /** Keras's config: {@code size} as an (h, w) pair and the only interpolation implemented, {@code nearest}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("size", java.util.List.of(size, size));
        c.put("interpolation", "nearest");
        return c;
    }

    /** Height and width multiplied by {@code size}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        ConvSupport.checkRank(this, inputShape, 4);
        return new int[] {inputShape[0], inputShape[1] * size, inputShape[2] * size, inputShape[3]};
    }
}
