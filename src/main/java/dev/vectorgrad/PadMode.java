package dev.vectorgrad;

/** How {@link NDArray#pad(int[][], PadMode, double)} fills the border ({@code tf.pad}'s {@code mode}). */
public enum PadMode {
    /** A constant value (zeros by default). */
    CONSTANT,
    /** A mirror image that excludes the edge: {@code [1 2 3]} padded by 2 is {@code [3 2 1 2 3 2 1]}. */
    REFLECT,
    /** A mirror image that includes the edge: {@code [1 2 3]} padded by 2 is {@code [2 1 1 2 3 3 2]}. */
    SYMMETRIC
}
