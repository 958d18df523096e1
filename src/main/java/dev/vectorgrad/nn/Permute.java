package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;

/**
 * Keras's {@code Permute}: the non-batch axes reordered; {@code dims} are 1-based, as in Keras
 * ({@code Permute(2, 1)} swaps the two axes after the batch). The result is a transposed view.
 * Configuration: dims.
 */
public class Permute extends Layer {
    private final int[] dims;

    /** A permutation of {@code 1..n}. */
    public Permute(int... dims) {
        dev.vectorgrad.ndarray.Args.nonNull(dims, "dims");
        boolean[] seen = new boolean[dims.length + 1];
        for (int d : dims) {
            if (d < 1 || d > dims.length || seen[d]) {
                throw new IllegalArgumentException("Permute: dims must be a permutation of 1.." + dims.length
                        + ", got " + Shapes.format(dims));
            }
            seen[d] = true;
        }
        this.dims = dims.clone();
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        int[] s = x.shape();
        ConvSupport.checkRank(this, s, dims.length + 1);
        int[] perm = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            perm[i + 1] = dims[i];
        }
        return x.transpose(perm);
    }

    /** The 1-based permutation (a copy). */
    public int[] dims() {
        return dims.clone();
    }
}
