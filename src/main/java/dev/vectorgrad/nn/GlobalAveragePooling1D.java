package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean over all positions, {@code [batch, steps, channels] → [batch, channels]}.
 * With a {@code [batch, steps]} mask (from {@code Embedding(maskZero)}) only the unmasked steps are averaged, as in
 * Keras; a sample whose steps are all masked gets {@code 0/0 = NaN}, as Keras's does. Configuration: keepDims.
 */
public class GlobalAveragePooling1D extends GlobalPooling {

    /** Pooled axes dropped (Keras's default). */
    public GlobalAveragePooling1D() {
        this(false);
    }

    /** With {@code keepDims}, the pooled axes stay as 1s. */
    public GlobalAveragePooling1D(boolean keepDims) {
        super(false, false, keepDims);
    }

    /** {@code Σ x·mask / Σ mask} over the steps: padding does not dilute the mean (Keras's masked call). */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        if (mask == null) {
            return call(x, training);
        }
        int[] s = dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape();
        ConvSupport.checkRank(this, s, 3);
        NDArray in = ConvSupport.float32(x);
        NDArray weights = Masks.sequence(this, mask, s).cast(in.dtype()).expandDims(2);       // [b, steps, 1]
        return in.mul(weights).sum(keepDims(), 1).div(weights.sum(keepDims(), 1));
    }

    /** True: it takes the mask of the steps it averages (Keras's {@code supports_masking}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** Null: the steps axis, which the mask describes, is pooled away. */
    @Override
    public NDArray computeMask(NDArray x, NDArray previousMask) {
        return null;
    }
}
