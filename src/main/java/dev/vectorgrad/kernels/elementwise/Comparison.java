package dev.vectorgrad.kernels.elementwise;

/**
 * The six ordered comparisons of {@link CompareKernel}, with Java's (IEEE 754) meaning: any comparison with NaN is
 * false except {@link #NE}, which is true.
 */
public enum Comparison {
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}; true when either is NaN. */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE
}
