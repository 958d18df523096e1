package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.Shapes;

/**
 * Keras's {@code MultiHeadAttention}: scaled dot-product attention over {@code numHeads} heads of size
 * {@code keyDim}, from {@code query [batch, Tq, dim]} to values {@code [batch, Tv, valueDim]}.
 *
 * <pre>
 *   q = query·Wq + bq   k = key·Wk + bk   v = value·Wv + bv         (per head: [batch, heads, T, keyDim])
 *   scores = softmax(q·kᵀ / √keyDim, masked)   out = (scores·v)·Wo + bo   → [batch, Tq, dim]
 * </pre>
 * Weights as Keras 3 lays them out (its EinsumDense sublayers), named {@code <layer>/query/kernel:0}
 * {@code [dim, heads, keyDim]}, {@code query/bias [heads, keyDim]}, likewise {@code key/...} (from the key's
 * last axis) and {@code value/...} (value size = keyDim, Keras's default), and {@code attention_output/kernel
 * [heads, keyDim, dim]}, {@code attention_output/bias [dim]}. Kernels Glorot-uniform with the fans Keras
 * computes for a rank-3 kernel {@code [a, b, c]} (as for a convolution: fan in {@code a·b}, fan out
 * {@code a·c}), biases zeros.
 *
 * <p>Masks as Keras: {@code attentionMask [batch, Tq, Tv]} (bool or numbers, true/non-zero = may attend)
 * and {@code useCausalMask} (query i sees keys j ≤ i) are combined with AND; a masked score becomes -1e9
 * before the softmax, so a fully masked row attends uniformly, as Keras's does. No dropout (Keras's default
 * rate 0). Built on the first call. Configuration: numHeads, keyDim.
 */
public class MultiHeadAttention extends Layer {
    private static final double LARGE_NEGATIVE = -1e9;
    private final int numHeads;
    private final int keyDim;
    private int queryFeatures = -1;
    private int keyFeatures = -1;
    private int valueFeatures = -1;
    private Variable queryKernel;
    private Variable queryBias;
    private Variable keyKernel;
    private Variable keyBias;
    private Variable valueKernel;
    private Variable valueBias;
    private Variable outputKernel;
    private Variable outputBias;

    /** {@code numHeads} heads of size {@code keyDim} (also the value size, Keras's default). */
    public MultiHeadAttention(int numHeads, int keyDim) {
        ConvSupport.checkPositive("MultiHeadAttention", "numHeads", numHeads);
        ConvSupport.checkPositive("MultiHeadAttention", "keyDim", keyDim);
        this.numHeads = numHeads;
        this.keyDim = keyDim;
    }

    @Override
    protected void build(int[] queryShape) {
        int d = queryShape[queryShape.length - 1];
        int kd = keyFeatures < 0 ? d : keyFeatures;
        int vd = valueFeatures < 0 ? d : valueFeatures;
        queryFeatures = d;
        keyFeatures = kd;
        valueFeatures = vd;
        int hk = numHeads * keyDim;
        queryKernel = addWeight("query/kernel", kernel("query/kernel", d * numHeads, d * keyDim, d, numHeads, keyDim), true);
        queryBias = addWeight("query/bias", NDArray.zeros(DType.FLOAT32, numHeads, keyDim), true);
        keyKernel = addWeight("key/kernel", kernel("key/kernel", kd * numHeads, kd * keyDim, kd, numHeads, keyDim), true);
        keyBias = addWeight("key/bias", NDArray.zeros(DType.FLOAT32, numHeads, keyDim), true);
        valueKernel = addWeight("value/kernel", kernel("value/kernel", vd * numHeads, vd * keyDim, vd, numHeads, keyDim), true);
        valueBias = addWeight("value/bias", NDArray.zeros(DType.FLOAT32, numHeads, keyDim), true);
        outputKernel = addWeight("attention_output/kernel", kernel("attention_output/kernel", hk, d * numHeads, numHeads, keyDim, d), true);
        outputBias = addWeight("attention_output/bias", NDArray.zeros(DType.FLOAT32, d), true);
    }

    private NDArray kernel(String name, int fanIn, int fanOut, int... shape) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return weightRng(name).uniform(DType.FLOAT32, -limit, limit, shape);
    }

    /** Self-attention: {@code call(x, x, null, null, false)} (one input, as a {@link Sequential} passes it). */
    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, x, null, null, false);
    }

    /** Attention of {@code query} over {@code value}, which is also the key. */
    public NDArray call(NDArray query, NDArray value) {
        return call(query, value, null, null, false);
    }

    /**
     * The full call; {@code key} null means {@code value}, {@code attentionMask} null means none.
     *
     * @param attentionMask {@code [batch, Tq, Tv]}, true (non-zero) where query i may attend to key j
     * @param useCausalMask whether query i is also kept from keys after i
     */
    public NDArray call(NDArray query, NDArray value, NDArray key, NDArray attentionMask, boolean useCausalMask) {
        if (query == null || value == null) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\": "
                    + (query == null ? "query" : "value") + " is null");
        }
        NDArray k = key == null ? value : key;
        ConvSupport.checkRank(this, query.shape(), 3);
        ConvSupport.checkRank(this, value.shape(), 3);
        ConvSupport.checkRank(this, k.shape(), 3);
        int b = query.shape()[0], tq = query.shape()[1], tv = value.shape()[1];
        if (value.shape()[0] != b || k.shape()[0] != b || k.shape()[1] != tv) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\": query " + Shapes.format(query.shape())
                    + ", value " + Shapes.format(value.shape()) + " and key " + Shapes.format(k.shape())
                    + " must share the batch, and key and value the sequence length");
        }
        if (!built()) {
            keyFeatures = k.shape()[2];
            valueFeatures = value.shape()[2];
        }
        maybeBuild(query.shape());
        checkFeatures("query", query, queryFeatures);
        checkFeatures("key", k, keyFeatures);
        checkFeatures("value", value, valueFeatures);

        NDArray q = heads(query, queryKernel, queryBias).mul(1.0 / Math.sqrt(keyDim));
        NDArray kh = heads(k, keyKernel, keyBias);
        NDArray vh = heads(value, valueKernel, valueBias);
        NDArray scores = q.matmul(kh.transpose(0, 1, 3, 2));                   // [b, heads, tq, tv]
        NDArray mask = mask(attentionMask, useCausalMask, b, tq, tv);
        if (mask != null) {
            scores = NDArray.where(mask, scores, NDArray.of(LARGE_NEGATIVE).cast(scores.dtype()));
        }
        NDArray context = scores.softmax(-1).matmul(vh)                          // [b, heads, tq, keyDim]
                .transpose(0, 2, 1, 3).reshape(b, tq, numHeads * keyDim);
        return context.matmul(outputKernel.reshape(numHeads * keyDim, queryFeatures)).add(outputBias);
    }

    /** {@code x [b, t, f]} projected to {@code [b, heads, t, keyDim]}. */
    private NDArray heads(NDArray x, Variable kernel, Variable bias) {
        int[] s = x.shape();
        NDArray p = ConvSupport.float32(x).matmul(kernel.reshape(s[2], numHeads * keyDim))
                .add(bias.reshape(numHeads * keyDim));
        return p.reshape(s[0], s[1], numHeads, keyDim).transpose(0, 2, 1, 3);
    }

    /** The combined mask as bool {@code [b or 1, 1, tq, tv]}, or null for none. */
    private NDArray mask(NDArray attentionMask, boolean causal, int b, int tq, int tv) {
        NDArray m = null;
        if (attentionMask != null) {
            int[] s = attentionMask.shape();
            if (s.length != 3 || (s[0] != b && s[0] != 1) || s[1] != tq || s[2] != tv) {
                throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\": attention mask shape "
                        + Shapes.format(s) + " must be (" + b + ", " + tq + ", " + tv + ")");
            }
            m = (attentionMask.dtype() == DType.BOOL ? attentionMask : attentionMask.ne(0.0)).expandDims(1);
        }
        if (causal) {
            NDArray lower = NDArray.ones(DType.FLOAT32, tq, tv).tril(0).ne(0.0).reshape(1, 1, tq, tv);
            m = m == null ? lower : m.logicalAnd(lower);
        }
        return m;
    }

    private void checkFeatures(String what, NDArray x, int expected) {
        if (x.shape()[2] != expected) {
            throw new IllegalArgumentException("MultiHeadAttention \"" + name() + "\": " + what + " has " + x.shape()[2]
                    + " features but the layer was built for " + expected);
        }
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** The size of each head's query, key and value. */
    public int keyDim() {
        return keyDim;
    }

    /** Keras's config: num_heads, key_dim (value_dim is key_dim, Keras's default). */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", keyDim);
        c.put("use_bias", true);
        return c;
    }

    /** Self-attention's output: the query's shape (after checking its features once built). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        ConvSupport.checkRank(this, inputShape, 3);
        return ConvSupport.sameShape(this, inputShape, queryFeatures);
    }
}
