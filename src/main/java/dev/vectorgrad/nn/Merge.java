package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Shapes;
import java.util.List;

/**
 * The base of Keras's merge layers ({@link Concatenate}, {@link Add}, {@link Multiply}, {@link Average}): layers of
 * several inputs, used in functional models ({@code new Add().apply(a, b)}) or called directly on a list.
 */
public abstract class Merge extends Layer {

    /** For subclasses. */
    protected Merge() {}

    /** Merges {@code inputs} (at least two). */
    public final NDArray call(List<NDArray> inputs) {
        if (inputs == null || inputs.size() < 2) {
            throw new IllegalArgumentException("A merge layer (\"" + name() + "\") should be called on a list of at least 2 "
                    + "inputs. Got " + (inputs == null ? "null" : inputs.size() + " input(s)"));
        }
        return merge(inputs);
    }

    /**
     * The mask of the merged output (Keras's {@code _Merge.compute_mask}): null when no input carries one, else
     * the AND of the inputs' masks (all of one shape, as the inputs are).
     *
     * @param inputs the merged inputs
     * @param masks one mask per input, null entries for inputs without one
     */
    public NDArray computeMask(List<NDArray> inputs, List<NDArray> masks) {
        if (masks == null) {
            return null;
        }
        NDArray out = null;
        for (NDArray m : masks) {
            if (m != null) {
                NDArray b = Masks.bool(this, m);
                if (out != null && !java.util.Arrays.equals(out.shape(), b.shape())) {
                    throw new IllegalArgumentException("Layer \"" + name() + "\": masks of shapes "
                            + Shapes.format(out.shape()) + " and " + Shapes.format(b.shape()) + " cannot be merged");
                }
                out = out == null ? b : out.logicalAnd(b);
            }
        }
        return out;
    }

    /** The merge itself, in differentiable NDArray ops. */
    protected abstract NDArray merge(List<NDArray> inputs);

    /** The output shape for inputs of these shapes (also checks that they fit together). */
    protected abstract int[] outputShape(int[][] shapes);

    final int[] outputShape(List<KerasTensor> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("A merge layer (\"" + name() + "\") should be called on a list of at least 2 "
                    + "inputs. Got " + inputs.size() + " input(s)");
        }
        int[][] shapes = new int[inputs.size()][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = inputs.get(i).shape();
        }
        return outputShape(shapes);
    }

    /** A merge layer takes a list: this single-input form is refused. */
    @Override
    public final NDArray call(NDArray x, boolean training) {
        throw new IllegalArgumentException("A merge layer (\"" + name() + "\") should be called on a list of inputs: use "
                + "call(List.of(a, b)) or apply(kerasTensorA, kerasTensorB)");
    }

    /** The same shape for every input (the elementwise merges); -1 (unknown batch) matches anything. */
    static int[] sameShape(String who, int[][] shapes) {
        int[] out = shapes[0].clone();
        for (int[] s : shapes) {
            if (s.length != out.length) {
                throw new IllegalArgumentException(who + ": inputs must have the same shape, got " + describe(shapes));
            }
            for (int i = 0; i < s.length; i++) {
                if (out[i] < 0) {
                    out[i] = s[i];
                } else if (s[i] >= 0 && s[i] != out[i]) {
                    throw new IllegalArgumentException(who + ": inputs must have the same shape, got " + describe(shapes));
                }
            }
        }
        return out;
    }

    static String describe(int[][] shapes) {
        StringBuilder b = new StringBuilder();
        for (int[] s : shapes) {
            b.append(b.length() == 0 ? "" : ", ").append(Shapes.format(s).replace("-1", "None"));
        }
        return b.toString();
    }

    /** No arguments to save. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        return new java.util.LinkedHashMap<>(java.util.Map.of("name", name()));
    }
}
