package dev.vectorgrad.ndarray;

/**
 * Copies between buffers of one type, whatever that type is: a unit-stride run goes to
 * {@link System#arraycopy}, which takes any array, so the copying ops (concat, pad, stack, gather)
 * work unchanged for a buffer type added later. Only strided runs need a typed loop, and those fall
 * back to one for any reference-typed buffer ({@code Object[]}); a complex buffer is its two part
 * buffers copied in turn.
 */
public final class Blit {

    /** Copies {@code n} elements, reading {@code src} from {@code sOff} by {@code sInc} and writing {@code dst} from {@code dOff} by {@code dInc}. */
    public static void run(Object src, int sOff, int sInc, Object dst, int dOff, int dInc, int n) {
        if (n == 0) {
            return;
        }
        if (src instanceof ComplexBuffer s && dst instanceof ComplexBuffer d) { // two parallel part buffers
            run(s.reals(), sOff, sInc, d.reals(), dOff, dInc, n);
            run(s.imags(), sOff, sInc, d.imags(), dOff, dInc, n);
            return;
        }
        if (sInc == 1 && dInc == 1) {
            System.arraycopy(src, sOff, dst, dOff, n);
            return;
        }
        switch (dst) {
            case float[] d -> { float[] s = (float[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            case double[] d -> { double[] s = (double[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            case int[] d -> { int[] s = (int[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            case long[] d -> { long[] s = (long[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            case boolean[] d -> { boolean[] s = (boolean[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            case Object[] d -> { Object[] s = (Object[]) src; for (int i = 0; i < n; i++) d[dOff + i * dInc] = s[sOff + i * sInc]; }
            default -> throw new IllegalStateException("not a vectorgrad buffer: " + dst.getClass());
        }
    }

    /**
     * Copies the values of {@code src} (same buffer type, broadcast to {@code dst}'s shape) into the
     * view {@code dst}, walking both with one {@link StridedLoop} so each inner run is one call.
     */
    public static void copy(Strided src, Strided dst) {
        StridedLoop.plan(dst.shape(), new int[][] {src.stridesFor(dst.shape()), dst.strides()},
                new int[] {src.offset(), dst.offset()})
                .forEach((n, off, inc) -> run(src.data(), off[0], inc[0], dst.data(), off[1], inc[1], n));
    }

    /** A writable row-major view over all of {@code data} read as {@code shape}. */
    public static Strided dense(dev.vectorgrad.DType t, Object data, int[] shape) {
        return new Strided(t, data, 0, shape, Shapes.rowMajorStrides(shape));
    }

    private Blit() {}
}
