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
    // ---- convolution and pooling (ConvOps; attrs: the kernels.conv.ConvGeometry) ----
    CONV2D, CONV2D_BACKPROP_INPUT, CONV2D_BACKPROP_FILTER,
    DEPTHWISE_CONV2D, DEPTHWISE_CONV2D_BACKPROP_INPUT, DEPTHWISE_CONV2D_BACKPROP_FILTER,
    MAX_POOL2D, MAX_POOL2D_GRAD, MAX_POOL2D_SELECT, AVG_POOL2D, AVG_POOL2D_GRAD
}
