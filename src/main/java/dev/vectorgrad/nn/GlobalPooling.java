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
        ConvSupport.checkRank(this, x.shape(), twoD ? 4 : 3);
        NDArray in = ConvSupport.float32(x);
        int[] axes = twoD ? new int[] {1, 2} : new int[] {1};
        return max ? in.max(keepDims, axes) : in.mean(keepDims, axes);
    }

    /** Whether the pooled axes stay as 1s (Keras's {@code keepdims}). */
    public boolean keepDims() {
        return keepDims;
    }
}
