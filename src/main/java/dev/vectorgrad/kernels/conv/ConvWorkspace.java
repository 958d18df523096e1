package dev.vectorgrad.kernels.conv;

/**
 * Per-thread scratch buffers for the unrolled (im2col) matrices, so that a training loop's convolutions
 * stop allocating once each thread has run its largest one. A slot keeps one block: at most
 * {@link Conv2dKernel#COL_BLOCK_ELEMENTS} elements (4 MB of floats, 8 MB of doubles), or one image's unrolled
 * matrix when that alone is larger; GEMM keeps its packing buffers per thread the same way. Every
 * user overwrites what it reads (im2col fills every element; GEMM with beta = 0 never reads C), so stale
 * contents never leak. Two slots: the unrolled matrix and a partial kernel gradient.
 */
final class ConvWorkspace {
    private static final ThreadLocal<ConvWorkspace> CURRENT = ThreadLocal.withInitial(ConvWorkspace::new);

    private final float[][] floats = new float[2][];
    private final double[][] doubles = new double[2][];

    /** A float buffer of at least {@code n} elements for {@code slot} (0 or 1) of the calling thread. */
    static float[] floats(int slot, int n) {
        ConvWorkspace w = CURRENT.get();
        float[] a = w.floats[slot];
        if (a == null || a.length < n) {
            a = new float[n];
            w.floats[slot] = a;
        }
        return a;
    }

    /** A double buffer of at least {@code n} elements for {@code slot} (0 or 1) of the calling thread. */
    static double[] doubles(int slot, int n) {
        ConvWorkspace w = CURRENT.get();
        double[] a = w.doubles[slot];
        if (a == null || a.length < n) {
            a = new double[n];
            w.doubles[slot] = a;
        }
        return a;
    }

    private ConvWorkspace() {}
}
