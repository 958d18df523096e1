package dev.vectorgrad.ndarray;

/**
 * Every op an NDArray can perform, as the tape records it. The autodiff layer keeps one gradient
 * rule (or an explicit "not differentiable") per constant; a test fails when one is missing.
 *
 * <p>Attributes passed with a record: REDUCE ops get {@link ReduceAttrs}; TRANSPOSE the permutation
 * ({@code int[]}); SLICE {@code int[] {axis, start, count, step}} (normalised: the first index taken and the element count); SOFTMAX and LOG_SOFTMAX
 * the axis ({@code Integer}); LOG_SUM_EXP and ARG_MAX/ARG_MIN a {@link ReduceAttrs} with one axis;
 * SLICE_SCATTER (inputs base, src) the same {@code int[]} as SLICE; CAST the source dtype; the others none.
 */
public enum Op {
    // elementwise binary (inputs a, b; broadcasting)
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    // elementwise unary
    NEG, ABS, SQUARE, SQRT, EXP, LOG, SIN, COS, TANH, SIGMOID, RELU, SIGN,
    // comparisons (BOOL results)
    EQ, NE, LT, LE, GT, GE,
    // selection and conversion: WHERE has inputs (cond, a, b)
    WHERE, CAST,
    // reductions
    SUM, MEAN, MAX, MIN, PROD, ARG_MAX, ARG_MIN,
    // views and copies
    RESHAPE, TRANSPOSE, BROADCAST_TO, SLICE, SLICE_SCATTER, COPY,
    // linear algebra and nn helpers
    MATMUL, SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP,
    // ---- math (issue 9): statistics, scans, sorting, clipping, logic ----
    // VARIANCE, STD, NORM, ANY, ALL get ReduceAttrs; CUMSUM/CUMPROD int[] {axis, exclusive, reverse} (0/1);
    // TAKE_LANES (inputs x, int64 indices) the Integer axis; PUT_LANES (inputs g, indices) int[] {axis, length};
    // CLIP double[] {min, max}. Sorted and top-k values are recorded as TAKE_LANES.
    VARIANCE, STD, NORM, CUMSUM, CUMPROD, TAKE_LANES, PUT_LANES, ARGSORT, CLIP,
    LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, LOGICAL_NOT, ANY, ALL,
    // ---- math (issue 9): unary functions and activations (LEAKY_RELU gets its alpha as a Double) ----
    ERF, LOG1P, EXPM1, LOG2, LOG10, TAN, ASIN, ACOS, ATAN, SINH, COSH,
    SOFTPLUS, GELU, GELU_TANH, SILU, ELU, SELU, LEAKY_RELU, SOFTSIGN, HARD_SIGMOID,
    // ---- indexing and manipulation ----
    /** Inputs: the parts; attrs {@code int[] {axis, size of each part along it...}}. */
    CONCAT,
    /** Constant, reflect or symmetric padding; attrs a {@link PadAttrs}. */
    PAD,
    /** Inputs {@code (x, indices)}; attrs the axis ({@code Integer}). */
    GATHER,
    /** TensorFlow's unsorted segment sum; inputs {@code (data, segmentIds)}, attrs numSegments ({@code Integer}). */
    SEGMENT_SUM,
    /** Integer indices in, so no gradient. */
    ONE_HOT,
    /** Coordinates out, so no gradient. */
    ARG_WHERE,
    /** A user's forward with its own backward; attrs the autodiff layer's backward function. */
    CUSTOM,
    // ---- more dtypes: complex parts (COMPLEX has inputs (re, im); the others one complex input) ----
    REAL, IMAG, CONJ, COMPLEX, ANGLE,
    // ---- convolution and pooling (ConvOps; attrs: the kernels.conv.ConvGeometry) ----
    CONV2D, CONV2D_BACKPROP_INPUT, CONV2D_BACKPROP_FILTER,
    DEPTHWISE_CONV2D, DEPTHWISE_CONV2D_BACKPROP_INPUT, DEPTHWISE_CONV2D_BACKPROP_FILTER,
    MAX_POOL2D, MAX_POOL2D_GRAD, MAX_POOL2D_SELECT, AVG_POOL2D, AVG_POOL2D_GRAD,
    // ---- math (issue 9): rounding, Python's // and %, atan2 (binary ones broadcast like ADD) ----
    FLOOR, CEIL, ROUND, FLOOR_DIV, FLOOR_MOD, ATAN2,
    // ---- recurrent cells (RnnOps) ----
    /** One fused LSTM step; inputs {@code (z, c)}, output {@code [h', c']} along axis 1. */
    LSTM_CELL,
    /** One fused GRU step ({@code reset_after}); inputs {@code (xs, hs, h)}, output the new state. */
    GRU_CELL,
    // ---- recurrent sequences (LstmSequence; attrs: the forward's trace) ----
    /** A whole LSTM sequence; inputs {@code (x, kernel, recurrent, bias)}, output the hidden states. */
    LSTM_SEQUENCE
}
