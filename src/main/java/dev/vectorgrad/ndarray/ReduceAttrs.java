package dev.vectorgrad.ndarray;

/** Attributes of a reduction: the normalised, sorted axes it reduced and whether it kept them as 1s. */
public record ReduceAttrs(int[] axes, boolean keepDims) {}
