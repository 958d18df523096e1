package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Concatenate(axis=-1)}: joins inputs along {@code axis}; every other axis must agree. Differentiable:
 * each input's gradient is its slice of the output's.
 */
public class Concatenate extends Merge {
    private final int axis;

    /** Along the last axis, Keras's default. */
    public Concatenate() {
        this(-1);
    }

    /** Along {@code axis} (negative counts from the end; 0, the batch axis, is allowed as in Keras). */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    /** The axis joined along. */
    public int axis() {
        return axis;
    }

    @Override
    protected NDArray merge(List<NDArray> inputs) {
        int rank = inputs.get(0).rank();
        int[][] shapes = new int[inputs.size()][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = inputs.get(i).shape();
        }
        int[] out = outputShape(shapes);
        int a = axis(rank);
        NDArray result = NDArray.zeros(inputs.get(0).dtype(), out);
        int start = 0;
        for (NDArray x : inputs) {
            int n = x.shape()[a];
            result = NDArray.sliceScatter(result, x.dtype() == result.dtype() ? x : x.cast(result.dtype()), a, start, start + n, 1);
            start += n;
        }
        return result;
    }

    private int axis(int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("Concatenate: axis " + axis + " is out of range for inputs of rank " + rank);
        }
        return a;
    }

    @Override
    protected int[] outputShape(int[][] shapes) {
        int rank = shapes[0].length;
        int a = axis(rank);
        int[] out = shapes[0].clone();
        out[a] = 0;
        for (int[] s : shapes) {
            if (s.length != rank) {
                throw new IllegalArgumentException("Concatenate: inputs must have the same rank, got " + describe(shapes));
            }
            for (int i = 0; i < rank; i++) {
                if (i == a) {
                    continue;
                }
                if (out[i] < 0) {
                    out[i] = s[i];
                } else if (s[i] >= 0 && s[i] != out[i]) {
                    throw new IllegalArgumentException("A `Concatenate` layer requires inputs with matching shapes except for the"
                            + " concatenation axis. Received: input_shape=" + describe(shapes));
                }
            }
            out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
        }
        return out;
    }

    /**
     * Keras's {@code Concatenate.compute_mask}: along an axis the masks have (the time axis of {@code [batch,
     * time]} masks) they are joined, an input without a mask counting as all true; along the features axis they
     * are ANDed, as the other merges do.
     */
    @Override
    public NDArray computeMask(List<NDArray> inputs, List<NDArray> masks) {
        if (masks == null || masks.stream().allMatch(java.util.Objects::isNull)) {
            return null;
        }
        if (inputs == null || inputs.size() != masks.size() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Concatenate \"" + name() + "\": give one input per mask, got "
                    + (inputs == null ? "null" : inputs.size()) + " input(s) and " + masks.size() + " mask(s)");
        }
        int maskRank = masks.stream().filter(java.util.Objects::nonNull).findFirst().orElseThrow().rank();
        int a = axis(inputs.get(0).rank());
        if (a >= maskRank) {
            return super.computeMask(inputs, masks);
        }
        List<NDArray> parts = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            NDArray m = masks.get(i);
            int[] s = inputs.get(i).shape();
            if (s.length < maskRank || (m != null && m.rank() != maskRank)) {
                throw new IllegalArgumentException("Concatenate \"" + name() + "\": masks must all have rank " + maskRank
                        + " and inputs at least that rank");
            }
            parts.add(m != null ? Masks.bool(this, m)
                    : NDArray.ones(dev.vectorgrad.DType.FLOAT32, java.util.Arrays.copyOf(s, maskRank)).ne(0.0));
        }
        return NDArray.concat(parts, a);
    }

    /** The axis. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }
}
