package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;

/**
 * What Keras's MaxPooling1D/2D and AveragePooling1D/2D share: a window of {@code poolSize}, moved by
 * {@code strides} (Keras's default: the pool size), with VALID or SAME padding; padding is never averaged
 * or maximised over. The 1-D layers pool {@code [batch, steps, channels]} as a height-1 image.
 */
abstract class Pooling extends Layer {
    private final int poolSize;
    private final int strides;
    private final Padding padding;
    private final boolean twoD;
    private final boolean max;

    Pooling(String layer, int poolSize, int strides, Padding padding, boolean twoD, boolean max) {
        ConvSupport.checkPositive(layer, "pool size", poolSize);
        ConvSupport.checkPositive(layer, "strides", strides);
        this.poolSize = poolSize;
        this.strides = strides;
        this.padding = padding == null ? Padding.VALID : padding;
        this.twoD = twoD;
        this.max = max;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, twoD ? 4 : 3);
        NDArray in = ConvSupport.float32(x);
        if (twoD) {
            ConvGeometry g = ConvSupport.geometry(this, s, poolSize, poolSize, strides, strides, 1, 1, padding);
            return max ? ConvOps.maxPool2d(in, g) : ConvOps.avgPool2d(in, g);
        }
        int[] image = {s[0], 1, s[1], s[2]};
        ConvGeometry g = ConvSupport.geometry(this, image, 1, poolSize, 1, strides, 1, 1, padding);
        NDArray y = max ? ConvOps.maxPool2d(in.reshape(image), g) : ConvOps.avgPool2d(in.reshape(image), g);
        return y.reshape(s[0], g.outW(), s[2]);
    }

    /** The window size (on both axes for the 2-D layers). */
    public int poolSize() {
        return poolSize;
    }

    /** The step between windows. */
    public int strides() {
        return strides;
    }

    /** VALID or SAME. */
    public Padding padding() {
        return padding;
    }

    /** Keras's pooling config: {@code pool_size} and {@code strides} as tuples (1 or 2 entries), {@code padding}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("pool_size", twoD ? java.util.List.of(poolSize, poolSize) : java.util.List.of(poolSize));
        c.put("strides", twoD ? java.util.List.of(strides, strides) : java.util.List.of(strides));
        c.put("padding", padding.kerasName());
        return c;
    }

    /** The pooled shape, from the window arithmetic alone; channels are kept. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        return twoD
                ? ConvSupport.windowOutputShape(this, inputShape, 4, poolSize, poolSize, strides, strides, 1, 1, padding, -1)
                : ConvSupport.windowOutputShape(this, inputShape, 3, 1, poolSize, 1, strides, 1, 1, padding, -1);
    }
}
