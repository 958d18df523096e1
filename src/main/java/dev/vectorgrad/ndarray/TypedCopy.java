package dev.vectorgrad.ndarray;

import dev.vectorgrad.kernels.copy.GatherRowsKernel;

/**
 * The copy loops of gather and concat with the buffer type known to the JIT. A
 * {@code System.arraycopy(Object, ...)} whose array types C2 cannot see goes through the generic,
 * type-checking stub on every call: that per-call cost, paid once per gathered row or concatenated
 * block, made an embedding lookup of 16-float rows five times slower than NumPy's {@code take}. Here
 * each buffer type has its own loop; a short run is a plain element loop (cheaper than any call for a
 * few elements), a longer one a typed {@code arraycopy}, which C2 turns into its type-specific stub, except
 * gathered float rows, which {@link GatherRowsKernel} copies by whole vectors (no call per row at all).
 * A complex buffer is its two part buffers in turn; bool and string buffers take the generic path.
 */
final class TypedCopy {

    // runs up to this many elements are copied by an inlined loop, longer ones by a typed arraycopy: at 16- and
    // 20-float rows (1e5 floats gathered, rows concatenated) arraycopy was 1.5x faster than the loop (JMH, loaded)
    static final int SHORT_RUN = 8;

    /**
     * Gather's copy: {@code out[(o·m + j)·inner + t] = src[base + (o·n + w(at[atOff + j]))·inner + t]} for
     * {@code o < outer}, {@code j < m}, {@code t < inner}, where {@code w(i) = i + n} for negative {@code i}.
     * Every index must already lie in {@code [-n, n)}.
     */
    static void gather(Object src, int base, int outer, int n, int inner, int[] at, int atOff, int m, Object out) {
        switch (out) {
            case float[] d -> gather((float[]) src, base, outer, n, inner, at, atOff, m, d);
            case double[] d -> gather((double[]) src, base, outer, n, inner, at, atOff, m, d);
            case int[] d -> gather((int[]) src, base, outer, n, inner, at, atOff, m, d);
            case long[] d -> gather((long[]) src, base, outer, n, inner, at, atOff, m, d);
            case ComplexBuffer d -> {
                ComplexBuffer s = (ComplexBuffer) src;
                gather(s.reals(), base, outer, n, inner, at, atOff, m, d.reals());
                gather(s.imags(), base, outer, n, inner, at, atOff, m, d.imags());
            }
            default -> { // bool and string buffers: one generic copy per slab
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < m; j++) {
                        int i = at[atOff + j];
                        Convert.copy(src, base + (o * n + i + (i >> 31 & n)) * inner, out, (o * m + j) * inner, inner);
                    }
                }
            }
        }
    }

    // i >> 31 & n is n for a negative i and 0 otherwise: the wrap without a branch on data
    private static void gather(float[] s, int base, int outer, int n, int inner, int[] at, int atOff, int m, float[] d) {
        for (int o = 0, to = 0; o < outer; o++) {
            int row = base + o * n * inner;
            if (inner == 1) {
                for (int j = 0; j < m; j++) {
                    int i = at[atOff + j];
                    d[to + j] = s[row + i + (i >> 31 & n)];
                }
                to += m;
            } else if (inner <= SHORT_RUN) {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    int from = row + (i + (i >> 31 & n)) * inner;
                    for (int t = 0; t < inner; t++) d[to + t] = s[from + t];
                }
            } else {
                // an embedding lookup: whole-vector row copies (kernels/copy), not an arraycopy call per row
                GatherRowsKernel.run(s, row, n, inner, at, atOff, m, d, to);
                to += m * inner;
            }
        }
    }

    private static void gather(double[] s, int base, int outer, int n, int inner, int[] at, int atOff, int m, double[] d) {
        for (int o = 0, to = 0; o < outer; o++) {
            int row = base + o * n * inner;
            if (inner == 1) {
                for (int j = 0; j < m; j++) {
                    int i = at[atOff + j];
                    d[to + j] = s[row + i + (i >> 31 & n)];
                }
                to += m;
            } else if (inner <= SHORT_RUN) {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    int from = row + (i + (i >> 31 & n)) * inner;
                    for (int t = 0; t < inner; t++) d[to + t] = s[from + t];
                }
            } else {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    System.arraycopy(s, row + (i + (i >> 31 & n)) * inner, d, to, inner);
                }
            }
        }
    }

    private static void gather(int[] s, int base, int outer, int n, int inner, int[] at, int atOff, int m, int[] d) {
        for (int o = 0, to = 0; o < outer; o++) {
            int row = base + o * n * inner;
            if (inner == 1) {
                for (int j = 0; j < m; j++) {
                    int i = at[atOff + j];
                    d[to + j] = s[row + i + (i >> 31 & n)];
                }
                to += m;
            } else if (inner <= SHORT_RUN) {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    int from = row + (i + (i >> 31 & n)) * inner;
                    for (int t = 0; t < inner; t++) d[to + t] = s[from + t];
                }
            } else {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    System.arraycopy(s, row + (i + (i >> 31 & n)) * inner, d, to, inner);
                }
            }
        }
    }

    private static void gather(long[] s, int base, int outer, int n, int inner, int[] at, int atOff, int m, long[] d) {
        for (int o = 0, to = 0; o < outer; o++) {
            int row = base + o * n * inner;
            if (inner == 1) {
                for (int j = 0; j < m; j++) {
                    int i = at[atOff + j];
                    d[to + j] = s[row + i + (i >> 31 & n)];
                }
                to += m;
            } else if (inner <= SHORT_RUN) {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    int from = row + (i + (i >> 31 & n)) * inner;
                    for (int t = 0; t < inner; t++) d[to + t] = s[from + t];
                }
            } else {
                for (int j = 0; j < m; j++, to += inner) {
                    int i = at[atOff + j];
                    System.arraycopy(s, row + (i + (i >> 31 & n)) * inner, d, to, inner);
                }
            }
        }
    }

    /**
     * Concat's copy of row-major parts: for each {@code o < outer}, part {@code k}'s block of
     * {@code block[k]} elements from {@code src[k]} at {@code sOff[k] + o·block[k]}, the parts side by side in
     * {@code out}. Part buffers have {@code out}'s type.
     */
    static void concat(Object[] src, int[] sOff, int[] block, int outer, Object out) {
        switch (out) {
            case float[] d -> {
                for (int o = 0, to = 0; o < outer; o++) {
                    for (int k = 0; k < src.length; k++) {
                        float[] s = (float[]) src[k];
                        int b = block[k], from = sOff[k] + o * b;
                        if (b <= SHORT_RUN) for (int t = 0; t < b; t++) d[to + t] = s[from + t];
                        else System.arraycopy(s, from, d, to, b);
                        to += b;
                    }
                }
            }
            case double[] d -> {
                for (int o = 0, to = 0; o < outer; o++) {
                    for (int k = 0; k < src.length; k++) {
                        double[] s = (double[]) src[k];
                        int b = block[k], from = sOff[k] + o * b;
                        if (b <= SHORT_RUN) for (int t = 0; t < b; t++) d[to + t] = s[from + t];
                        else System.arraycopy(s, from, d, to, b);
                        to += b;
                    }
                }
            }
            case int[] d -> {
                for (int o = 0, to = 0; o < outer; o++) {
                    for (int k = 0; k < src.length; k++) {
                        int[] s = (int[]) src[k];
                        int b = block[k], from = sOff[k] + o * b;
                        if (b <= SHORT_RUN) for (int t = 0; t < b; t++) d[to + t] = s[from + t];
                        else System.arraycopy(s, from, d, to, b);
                        to += b;
                    }
                }
            }
            case long[] d -> {
                for (int o = 0, to = 0; o < outer; o++) {
                    for (int k = 0; k < src.length; k++) {
                        long[] s = (long[]) src[k];
                        int b = block[k], from = sOff[k] + o * b;
                        if (b <= SHORT_RUN) for (int t = 0; t < b; t++) d[to + t] = s[from + t];
                        else System.arraycopy(s, from, d, to, b);
                        to += b;
                    }
                }
            }
            default -> { // bool, string and complex buffers: one generic copy per block (complex: two)
                for (int o = 0, to = 0; o < outer; o++) {
                    for (int k = 0; k < src.length; k++) {
                        if (block[k] > 0) { // an empty part's offset may lie past its buffer's end
                            Convert.copy(src[k], sOff[k] + o * block[k], out, to, block[k]);
                        }
                        to += block[k];
                    }
                }
            }
        }
    }

    private TypedCopy() {}
}
