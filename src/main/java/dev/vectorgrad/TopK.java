package dev.vectorgrad;

/**
 * The result of {@link NDArray#topK(int)} ({@code tf.math.top_k}): the {@code k} largest values along the
 * last axis in descending order, and their INT64 positions in that axis (ties: the lower index first).
 *
 * @param values the largest values, shape {@code [..., k]}, the input's dtype
 * @param indices where each value was found along the last axis, shape {@code [..., k]}, INT64
 */
public record TopK(NDArray values, NDArray indices) {}
