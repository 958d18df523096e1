package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.ndarray.AttentionOps;
import dev.vectorgrad.ndarray.OpHook;
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
 * before the softmax, so a fully masked row attends uniformly, as Keras's does. A {@code [batch, T]} mask
 * carried by the input (from {@code Embedding(maskZero)} in a {@link Sequential} or functional model) is the
 * query's and the value's mask, as Keras's {@code query._keras_mask} and {@code value._keras_mask}: padded
 * queries and keys are masked too, and the output keeps the query's mask. Keras 3's explicit {@code query_mask},
 * {@code value_mask} and {@code key_mask} ({@code [batch, T]} each) are the arguments of
 * {@link #call(NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, boolean, boolean)}, ANDed with the
 * rest as Keras's {@code _compute_attention_mask} does.
 *
 * <p>Outside any tape (inference) the core {@code softmax(q·kᵀ)·v} runs fused, one head at a time
 * (the engine's {@code AttentionOps}), and the scores are not stored unless asked for; under a tape,
 * or with dropout in training, the same formula is recorded op by op so that gradients of any order flow.
 *
 * <p>{@code dropout} (Keras's {@code dropout}, default 0) drops attention probabilities in training only,
 * survivors scaled by {@code 1 / (1 - dropout)}, from a generator seeded like the layer's weights (key
 * {@code <layer>/dropout/seed_generator}). {@link #callWithScores} also returns the attention probabilities
 * before dropout (Keras's {@code return_attention_scores=True}). Built on the first call. Configuration:
 * numHeads, keyDim, dropout.
 */
public class MultiHeadAttention extends Layer {
    private static final double LARGE_NEGATIVE = -1e9;
    private final int numHeads;
    private final int keyDim;
    private final double dropout;
    private dev.vectorgrad.Rng dropoutRng;
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

    /** {@code numHeads} heads of size {@code keyDim} (also the value size, Keras's default), no dropout. */
    public MultiHeadAttention(int numHeads, int keyDim) {
        this(numHeads, keyDim, 0.0);
    }

    /**
     * With attention dropout: in training each attention probability is dropped with probability
     * {@code dropout}, in {@code [0, 1)}, the rest scaled by {@code 1 / (1 - dropout)} (Keras's {@code dropout}).
     */
    public MultiHeadAttention(int numHeads, int keyDim, double dropout) {
        ConvSupport.checkPositive("MultiHeadAttention", "numHeads", numHeads);
        ConvSupport.checkPositive("MultiHeadAttention", "keyDim", keyDim);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + dropout);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.dropout = dropout;
    }

    /**
     * What {@link #callWithScores} returns (Keras's {@code return_attention_scores=True} pair).
     *
     * @param output the attention output {@code [batch, Tq, queryFeatures]}
     * @param scores the attention probabilities {@code [batch, heads, Tq, Tv]} after the softmax and before dropout
     */
    public record Result(NDArray output, NDArray scores) {}

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

    /** Self-attention of {@code x} (one input, as a {@link Sequential} passes it); dropout when {@code training}. */
    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, x, null, null, false, training);
    }

    /**
     * Self-attention with the input's {@code [batch, T]} mask as the query's and the value's (Keras's
     * {@code _keras_mask}): padded keys get no attention and padded queries none either.
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        return attend(x, x, null, mask, mask, null, null, false, training, false).output();
    }

    /** True: a sequence mask is used and goes on as the output's (the query's) mask. */
    @Override
    public boolean supportsMasking() {
        return true;
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
        return call(query, value, key, attentionMask, useCausalMask, false);
    }

    /**
     * The full call in training or inference: {@code training} turns the attention dropout on.
     *
     * @param attentionMask {@code [batch, Tq, Tv]}, true (non-zero) where query i may attend to key j; null for none
     * @param useCausalMask whether query i is also kept from keys after i
     */
    public NDArray call(NDArray query, NDArray value, NDArray key, NDArray attentionMask, boolean useCausalMask,
            boolean training) {
        return attend(query, value, key, null, null, null, attentionMask, useCausalMask, training, false).output();
    }

    /**
     * The output and the attention probabilities {@code [batch, heads, Tq, Tv]} (after the softmax, before
     * dropout), Keras's {@code call(..., return_attention_scores=True)}.
     *
     * @param attentionMask {@code [batch, Tq, Tv]}, true (non-zero) where query i may attend to key j; null for none
     * @param useCausalMask whether query i is also kept from keys after i
     */
    public Result callWithScores(NDArray query, NDArray value, NDArray key, NDArray attentionMask, boolean useCausalMask,
            boolean training) {
        return attend(query, value, key, null, null, null, attentionMask, useCausalMask, training, true);
    }

    // ---- explicit sequence masks (Keras 3's query_mask, value_mask, key_mask) ----

    /**
     * The full call with Keras 3's explicit sequence masks, combined as its {@code _compute_attention_mask}
     * does: {@code attentionMask AND queryMask[b, i] AND valueMask[b, j] AND keyMask[b, j] AND (j <= i if
     * useCausalMask)} for query i and key j; a query whose row is fully masked attends uniformly. Keras 3.x
     * reads {@code query_mask} only from the query's own Keras mask and ignores the argument; here the
     * argument is honoured, since a Java array carries no mask of its own. Any argument may be null.
     *
     * @param queryMask {@code [batch, Tq]}, bool or numbers, true (non-zero) for real query steps
     * @param valueMask {@code [batch, Tv]}, true for real value steps
     * @param keyMask {@code [batch, Tv]}, true for real key steps
     * @param attentionMask {@code [batch, Tq, Tv]}, true where query i may attend to key j
     * @param useCausalMask whether query i is also kept from keys after i
     * @param training whether the attention dropout is on
     */
    public NDArray call(NDArray query, NDArray value, NDArray key, NDArray queryMask, NDArray valueMask,
            NDArray keyMask, NDArray attentionMask, boolean useCausalMask, boolean training) {
        return attend(query, value, key, queryMask, valueMask, keyMask, attentionMask, useCausalMask, training, false)
                .output();
    }

    /**
     * {@link #call(NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, NDArray, boolean, boolean)} that also
     * returns the attention probabilities {@code [batch, heads, Tq, Tv]} (after the softmax, before dropout).
     */
    public Result callWithScores(NDArray query, NDArray value, NDArray key, NDArray queryMask, NDArray valueMask,
            NDArray keyMask, NDArray attentionMask, boolean useCausalMask, boolean training) {
        return attend(query, value, key, queryMask, valueMask, keyMask, attentionMask, useCausalMask, training, true);
    }

    private Result attend(NDArray query, NDArray value, NDArray key, NDArray queryMask, NDArray valueMask,
            NDArray keyMask, NDArray attentionMask, boolean useCausalMask, boolean training, boolean wantScores) {
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

        NDArray mask = mask(attentionMask, useCausalMask, b, tq, tv);
        mask = sequenceMasks(mask, queryMask, valueMask, query.shape(), value.shape());
        NDArray km = Masks.sequence(this, keyMask, k.shape());
        if (km != null) {
            NDArray columns = km.reshape(b, 1, 1, tv);
            mask = mask == null ? columns : mask.logicalAnd(columns);
        }
        double scale = 1.0 / Math.sqrt(keyDim);
        NDArray qh = heads(query, queryKernel, queryBias);
        NDArray kh = heads(k, keyKernel, keyBias);
        NDArray vh = heads(value, valueKernel, valueBias);
        if (OpHook.current() == null && !(training && dropout > 0)) {
            // nothing records (inference): the fused core, the same rounding without the stored scores; a
            // power-of-two scale (keyDim 4, 16, 64, 256) moves onto the scores exactly, saving a pass over q
            boolean exact = scale == Math.scalb(1.0, Math.getExponent(scale));
            NDArray[] core = AttentionOps.attend(exact ? qh : qh.mul(scale), kh, vh, mask, exact ? (float) scale : 1f,
                    (float) LARGE_NEGATIVE, wantScores);
            return new Result(project(core[0]), core[1]);
        }
        NDArray q = qh.mul(scale);
        NDArray scores = q.matmul(kh.transpose(0, 1, 3, 2));                   // [b, heads, tq, tv]
        if (mask != null) {
            scores = NDArray.where(mask, scores, NDArray.of(LARGE_NEGATIVE).cast(scores.dtype()));
        }
        NDArray probabilities = scores.softmax(-1);
        NDArray context = dropout(probabilities, training).matmul(vh)           // [b, heads, tq, keyDim]
                .transpose(0, 2, 1, 3).reshape(b, tq, numHeads * keyDim);
        return new Result(project(context), probabilities);
    }

    /** The output projection of the context {@code [b, tq, heads·keyDim]}. */
    private NDArray project(NDArray context) {
        return context.matmul(outputKernel.reshape(numHeads * keyDim, queryFeatures)).add(outputBias);
    }

    /** Inverted dropout of the attention probabilities, in training only (Keras's {@code _dropout_layer}). */
    private NDArray dropout(NDArray probabilities, boolean training) {
        if (!training || dropout == 0) {
            return probabilities;
        }
        if (dropoutRng == null) {
            dropoutRng = weightRng("dropout/seed_generator");
        }
        NDArray keep = dropoutRng.uniform(DType.FLOAT32, 0, 1, probabilities.shape()).ge(dropout);
        return NDArray.where(keep, probabilities.mul(1.0 / (1.0 - dropout)), NDArray.zeros(probabilities.dtype()));
    }

    /**
     * {@code mask} ANDed with the query's {@code [b, tq]} mask (as {@code [b, 1, tq, 1]}) and the value's
     * {@code [b, tv]} mask (as {@code [b, 1, 1, tv]}), Keras's {@code _compute_attention_mask}.
     */
    private NDArray sequenceMasks(NDArray mask, NDArray queryMask, NDArray valueMask, int[] queryShape, int[] valueShape) {
        NDArray m = mask;
        NDArray q = Masks.sequence(this, queryMask, queryShape);
        if (q != null) {
            NDArray rows = q.reshape(queryShape[0], 1, queryShape[1], 1);
            m = m == null ? rows : m.logicalAnd(rows);
        }
        NDArray v = Masks.sequence(this, valueMask, valueShape);
        if (v != null) {
            NDArray columns = v.reshape(valueShape[0], 1, 1, valueShape[1]);
            m = m == null ? columns : m.logicalAnd(columns);
        }
        return m;
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

    /** The attention dropout rate (0: none). */
    public double dropout() {
        return dropout;
    }

    /** Keras's config: num_heads, key_dim (value_dim is key_dim, Keras's default), dropout. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = LayerRegistry.configOf(this);
        c.put("num_heads", numHeads);
        c.put("key_dim", keyDim);
        c.put("value_dim", keyDim);
        c.put("dropout", dropout);
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
