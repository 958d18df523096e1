package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/** Keras's global pooling layers: a mean or max over every axis between the batch and the channels. */
abstract class GlobalPooling extends Layer {
    private final boolean twoD;
    private final boolean max;
    private final boolean keepDims;

    GlobalPooling(boolean twoD, boolean max, boolean keepDims) {
        this.twoD = twoD;
        this.max = max;
        this.keepDims = keepDims;
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        ConvSupport.checkRank(this, dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape(), twoD ? 4 : 3);
        NDArray in = ConvSupport.float32(x);
        int[] axes = twoD ? new int[] {1, 2} : new int[] {1};
        return max ? in.max(keepDims, axes) : in.mean(keepDims, axes);
    }

    /** Whether the pooled axes stay as 1s (Keras's {@code keepdims}). */
    public boolean keepDims() {
        return keepDims;
    }

    /** Keras's {@code keepdims}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("keepdims", keepDims);
        return c;
    }

    /** {@code [batch, channels]}, or with the pooled axes kept as 1 under {@code keepdims}. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        int rank = twoD ? 4 : 3;
        ConvSupport.checkRank(this, inputShape, rank);
        int[] out = inputShape.clone();
        if (!keepDims) {
            return new int[] {inputShape[0], inputShape[rank - 1]};
        }
        for (int i = 1; i < rank - 1; i++) {
            out[i] = 1;
        }
        return out;
    }
}
