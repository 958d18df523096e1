package dev.vectorgrad.ndarray;

/**
 * Walks the outer dimensions of one or more strided operands that share a shape, handing the
 * innermost run of each step to a kernel as {@code (offset, increment, length)} per operand.
 *
 * <p>Before walking, size-1 axes are dropped and adjacent axes are merged wherever every operand
 * allows it ({@code stride[i] == stride[i+1]·shape[i+1]}), so a contiguous array of any shape is a
 * single run and a broadcast row becomes one long run with increment 0. Kernels therefore see the
 * longest runs the layout permits, and no operand is ever copied as a whole.
 */
public final class StridedLoop {

    /** Receives one inner run: {@code off[k]} and {@code inc[k]} for operand {@code k}, {@code n} elements. */
    @FunctionalInterface
    public interface Run {
        void apply(int n, int[] off, int[] inc);
    }

    private final int[] dims;       // coalesced outer dims followed by the inner dim
    private final int[][] strides;  // [operand][dim], coalesced
    private final int[] base;
    private final boolean empty;

    private StridedLoop(int[] dims, int[][] strides, int[] base, boolean empty) {
        this.dims = dims;
        this.strides = strides;
        this.base = base;
        this.empty = empty;
    }

    /**
     * Plans a walk over {@code shape} for operands with the given strides (already broadcast to
     * {@code shape}) and base offsets.
     */
    public static StridedLoop plan(int[] shape, int[][] strides, int[] offsets) {
        int ops = strides.length;
        for (int d : shape) {
            if (d == 0) {
                return new StridedLoop(new int[0], new int[ops][0], offsets.clone(), true);
            }
        }
        int[] dims = new int[shape.length];
        int[][] st = new int[ops][shape.length];
        int r = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) {
                continue; // a size-1 axis contributes nothing to any offset
            }
            boolean merge = r > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = st[k][r - 1] == strides[k][i] * shape[i];
            }
            if (merge) {
                dims[r - 1] *= shape[i];
                for (int k = 0; k < ops; k++) {
                    st[k][r - 1] = strides[k][i];
                }
            } else {
                dims[r] = shape[i];
                for (int k = 0; k < ops; k++) {
                    st[k][r] = strides[k][i];
                }
                r++;
            }
        }
        int[] d = java.util.Arrays.copyOf(dims, r);
        int[][] s = new int[ops][];
        for (int k = 0; k < ops; k++) {
            s[k] = java.util.Arrays.copyOf(st[k], r);
        }
        return new StridedLoop(d, s, offsets.clone(), false);
    }

    /** Length of each inner run (1 for a scalar). */
    public int runLength() {
        return dims.length == 0 ? 1 : dims[dims.length - 1];
    }

    /** Calls {@code body} once per inner run, in row-major order of the outer dimensions. */
    public void forEach(Run body) {
        if (empty) {
            return;
        }
        int ops = base.length;
        int[] off = base.clone();
        int[] inc = new int[ops];
        int rank = dims.length;
        if (rank == 0) {
            body.apply(1, off, inc);
            return;
        }
        int inner = rank - 1;
        for (int k = 0; k < ops; k++) {
            inc[k] = strides[k][inner];
        }
        int n = dims[inner];
        if (inner == 0) {
            body.apply(n, off, inc);
            return;
        }
        int[] idx = new int[inner];
        int[] cur = off.clone();
        while (true) {
            System.arraycopy(cur, 0, off, 0, ops); // the body may not see our odometer state
            body.apply(n, off, inc);
            int d = inner - 1;
            while (d >= 0) {
                idx[d]++;
                for (int k = 0; k < ops; k++) {
                    cur[k] += strides[k][d];
                }
                if (idx[d] < dims[d]) {
                    break;
                }
                for (int k = 0; k < ops; k++) {
                    cur[k] -= strides[k][d] * dims[d];
                }
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
