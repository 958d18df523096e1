package dev.vectorgrad.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.matmul.GemmBlocks;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The implicit-GEMM convolution paths ({@code implicit} of the three conv kernels, which pack image windows
 * straight into GEMM's panels) against the float64 scalar twins, on shapes chosen to cross every block edge
 * at the running vector width: channels whose window is deeper than {@link GemmBlocks#KC}, more output pixels
 * than {@link GemmBlocks#MC_F32} and than KC (the filter gradient's depth), filter counts around the
 * micropanel width, and, in {@link #blocksWiderThanNc}, more columns than {@link GemmBlocks#NC_F32}; also the
 * unpacked paths for thin windows ({@link #thinWindowsAcrossPixelBlocks}), and {@link Conv2dDirect}'s stride-1
 * forward and filter gradient over the padded image in place (and its thin-window forward). Each
 * error bound is {@code terms·ulp·Σ|x·k|}, where the absolute sum is the twin run on absolute values.
 */
class ImplicitConvTest {

    private static ConvGeometry geometry(SplittableRandom r, boolean same, int c) {
        int batch = r.nextInt(1, 4), h = r.nextInt(1, 16), w = r.nextInt(1, 16);
        int kh = r.nextInt(1, 4), kw = r.nextInt(1, 4), sh = r.nextInt(1, 3), sw = r.nextInt(1, 3);
        int dh = r.nextInt(4) == 0 ? 2 : 1, dw = r.nextInt(4) == 0 ? 2 : 1;
        if (!same && ((kh - 1) * dh + 1 > h || (kw - 1) * dw + 1 > w)) {
            same = true;
        }
        return same ? ConvGeometry.same(batch, h, w, c, kh, kw, sh, sw, dh, dw)
                : ConvGeometry.valid(batch, h, w, c, kh, kw, sh, sw, dh, dw);
    }

    @Property(tries = 60)
    void implicitPathsMatchTheScalarTwins(@ForAll long seed, @ForAll boolean same) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(1, 6);
            case 1 -> r.nextInt(6, 40);
            default -> GemmBlocks.KC / 4 + r.nextInt(1, 8); // with a 2x2 or larger window, deeper than KC
        };
        ConvGeometry g = geometry(r, same, c);
        int nr = GemmBlocks.NR_F32;
        int filters = r.nextBoolean() ? r.nextInt(1, 2 * nr + 4) : nr * r.nextInt(1, 3) + r.nextInt(-1, 2);
        check(g, Math.max(1, filters), r);
    }

    /** Column panels past NC: many filters (forward, input gradient) and a window deeper than NC (filter gradient). */
    @Test
    void blocksWiderThanNc() {
        SplittableRandom r = new SplittableRandom(7);
        check(ConvGeometry.same(1, 2, 3, 2, 3, 3, 1, 1, 1, 1), GemmBlocks.NC_F32 + 5, r);
        check(ConvGeometry.same(1, 2, 2, GemmBlocks.NC_F32 / 9 + 3, 3, 3, 1, 1, 1, 1), 3, r);
    }

    /** Large enough to be split over the kernel threads (when there are several), the CNN benchmark's second conv. */
    @Test
    void splitOverThreads() {
        ConvGeometry g = ConvGeometry.same(5, 14, 14, 32, 3, 3, 1, 1, 1, 1);
        assertTrue(KernelThreads.count() == 1 || Conv2dKernel.strips(g.batch() * g.outputPixels(), 9 * 32, 64) > 1);
        check(g, 64, new SplittableRandom(11));
    }

    /**
     * Thin windows (depth at most {@link Conv2dKernel#THIN_DEPTH}) through {@code run}: the unpacked forward over
     * hundreds of pixels, and the filter gradient beside it.
     */
    @Test
    void thinWindowsAcrossPixelBlocks() {
        SplittableRandom r = new SplittableRandom(3);
        for (ConvGeometry g : new ConvGeometry[] {ConvGeometry.same(3, 12, 11, 1, 3, 3, 1, 1, 1, 1),
                ConvGeometry.valid(3, 17, 13, 2, 2, 3, 1, 2, 2, 1), ConvGeometry.same(1, 30, 30, 1, 4, 4, 2, 1, 1, 1)}) {
            assertTrue(g.taps() * g.channels() <= Conv2dKernel.THIN_DEPTH && g.batch() * g.outputPixels() > 256, g::toString);
            int filters = 1 + r.nextInt(40), kk = g.taps() * g.channels(), ySize = g.batch() * g.outputPixels() * filters;
            double[] x = random(r, g.inputSize()), k = random(r, kk * filters), dy = random(r, ySize);
            double[] yRef = new double[ySize], yAbs = new double[ySize];
            Conv2dKernel.scalar(g, x, 0, k, 0, filters, yRef, 0);
            Conv2dKernel.scalar(g, abs(x), 0, abs(k), 0, filters, yAbs, 0);
            double[] dkRef = new double[kk * filters], dkAbs = new double[kk * filters];
            Conv2dBackpropFilterKernel.scalar(g, x, 0, dy, 0, filters, dkRef, 0);
            Conv2dBackpropFilterKernel.scalar(g, abs(x), 0, abs(dy), 0, filters, dkAbs, 0);
            float[] y = nans(ySize);
            Conv2dKernel.run(g, toFloat(x), 0, toFloat(k), 0, filters, y, 0);
            assertClose("thin conv2d " + g, yRef, yAbs, kk, y, 0, y.length, Math.ulp(1f));
            float[] dk = nans(kk * filters);
            Conv2dBackpropFilterKernel.run(g, toFloat(x), 0, toFloat(dy), 0, filters, dk, 0);
            assertClose("thin backpropFilter " + g, dkRef, dkAbs, g.batch() * g.outputPixels(), dk, 0, dk.length, Math.ulp(1f));
            double[] dkd = new double[kk * filters];
            Conv2dBackpropFilterKernel.run(g, x, 0, dy, 0, filters, dkd, 0);
            assertClose("thin backpropFilter f64 " + g, dkRef, dkAbs, g.batch() * g.outputPixels(), dkd, 0, Math.ulp(1d));
        }
    }

    // ---- Conv2dDirect: stride-1 forward and filter gradient over the padded image in place ----

    /**
     * {@link Conv2dDirect} against the float64 twins on stride-1 geometries: SAME and VALID, windows 1 to 5 wide
     * (asymmetric too), channels whose window row is deeper than {@link GemmBlocks#KC} (a kernel row split
     * across packB's blocks), rows narrower and wider than the micro-kernel's MR, more output pixels than KC
     * (the filter gradient's pixel blocks) and filter counts around the micropanel width.
     */
    @Property(tries = 60)
    void directPathsMatchTheScalarTwins(@ForAll long seed, @ForAll boolean same) {
        SplittableRandom r = new SplittableRandom(seed);
        int kh = r.nextInt(1, 6), kw = r.nextInt(1, 6);
        int c = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(1, 6);
            case 1 -> r.nextInt(6, 40);
            default -> GemmBlocks.KC / kw + r.nextInt(1, 8); // one kernel row deeper than KC
        };
        int h = r.nextInt(kh, kh + (c > 40 ? 4 : 30)), w = r.nextInt(kw, kw + (c > 40 ? 6 : 30));
        ConvGeometry g = same ? ConvGeometry.same(r.nextInt(1, 4), h, w, c, kh, kw, 1, 1, 1, 1)
                : ConvGeometry.valid(r.nextInt(1, 4), h, w, c, kh, kw, 1, 1, 1, 1);
        int nr = GemmBlocks.NR_F32;
        int filters = r.nextBoolean() ? r.nextInt(1, 2 * nr + 4) : nr * r.nextInt(1, 3) + r.nextInt(-1, 2);
        checkDirect(g, Math.max(1, filters), r);
    }

    /** The CNN benchmark's second convolution runs direct through {@code run}, split over the threads when there are several. */
    @Test
    void directTakesTheStrideOneLayer() {
        ConvGeometry g = ConvGeometry.same(5, 14, 14, 32, 3, 3, 1, 1, 1, 1);
        assertTrue(Conv2dDirect.applies(g, 64));
        assertTrue(!Conv2dDirect.applies(ConvGeometry.same(5, 14, 14, 32, 3, 3, 2, 2, 1, 1), 64), "strided stays implicit");
        assertTrue(!Conv2dDirect.applies(ConvGeometry.same(5, 14, 14, 32, 3, 3, 1, 1, 2, 2), 64), "dilated stays implicit");
        checkDirect(g, 64, new SplittableRandom(5));
        checkDirect(ConvGeometry.valid(3, 30, 20, 8, 3, 2, 1, 1, 1, 1), 40, new SplittableRandom(6));
    }

    /** More filters than {@link GemmBlocks#NC_F32} (forward column panels) and a window row deeper than NC (filter gradient). */
    @Test
    void directBlocksWiderThanNc() {
        SplittableRandom r = new SplittableRandom(9);
        checkDirect(ConvGeometry.same(1, 3, 4, 2, 3, 3, 1, 1, 1, 1), GemmBlocks.NC_F32 + 5, r);
        checkDirect(ConvGeometry.same(1, 3, 3, GemmBlocks.NC_F32 / 2 + 3, 3, 3, 1, 1, 1, 1), 3, r);
    }

    /**
     * {@link Conv2dDirect#thinForward} and (on one strip) {@link Conv2dDirect#thinBackpropFilter} are the float
     * and double twins bit for bit, and {@link Conv2dDirect#thinBackpropInput} is within the twin's bound, (one fma chain per element in the
     * twin's order) on thin stride-1 windows: SAME and VALID, rows shorter and longer than a tile, filter counts
     * with and without a masked tail; and writes nothing outside y.
     */
    @Property(tries = 60)
    void thinPathsAreTheTwinBitForBit(@ForAll long seed, @ForAll boolean same) {
        SplittableRandom r = new SplittableRandom(seed);
        int kh = r.nextInt(1, 4), kw = r.nextInt(1, 4), c = r.nextInt(1, Conv2dKernel.THIN_DEPTH / (kh * kw) + 1);
        int h = r.nextInt(kh, kh + 12), w = r.nextInt(kw, kw + 15), lanes = dev.vectorgrad.kernels.Simd.F32.length();
        ConvGeometry g = same ? ConvGeometry.same(r.nextInt(1, 4), h, w, c, kh, kw, 1, 1, 1, 1)
                : ConvGeometry.valid(r.nextInt(1, 4), h, w, c, kh, kw, 1, 1, 1, 1);
        int filters = 2 * lanes + r.nextInt(0, 3 * lanes + 2);
        assertTrue(Conv2dDirect.thinApplies(g, filters, lanes));
        int kk = g.taps() * c, ySize = g.batch() * g.outputPixels() * filters, xOff = r.nextInt(3), yOff = r.nextInt(3);
        double[] x = random(r, xOff + g.inputSize()), k = random(r, kk * filters);
        float[] yRef = new float[ySize], y = nans(yOff + ySize + 2);
        Conv2dKernel.scalar(g, toFloat(x), xOff, toFloat(k), 0, filters, yRef, 0);
        Conv2dDirect.thinForward(g, toFloat(x), xOff, toFloat(k), 0, filters, y, yOff);
        for (int i = 0; i < y.length; i++) {
            int idx = i;
            if (i < yOff || i >= yOff + ySize) {
                assertTrue(Float.isNaN(y[i]), () -> "thin forward wrote outside y at " + idx + " " + g);
            } else {
                assertTrue(Float.floatToIntBits(y[i]) == Float.floatToIntBits(yRef[i - yOff]),
                        () -> "thin forward " + g + " filters " + filters + " [" + idx + "]: " + y[idx] + " vs " + yRef[idx - yOff]);
            }
        }
        double[] ydRef = new double[ySize], yd = new double[ySize];
        Conv2dKernel.scalar(g, x, xOff, k, 0, filters, ydRef, 0);
        Conv2dDirect.thinForward(g, x, xOff, k, 0, filters, yd, 0);
        assertTrue(Arrays.equals(ydRef, yd), () -> "thin forward f64 " + g + " filters " + filters);

        // the filter gradient: on one strip the twin's fma chain, bit for bit
        assertTrue(Conv2dKernel.strips(g.batch() * g.outputPixels(), kk, filters) == 1, g::toString);
        double[] dy = random(r, yOff + ySize);
        float[] dkRef = new float[kk * filters], dk = nans(1 + kk * filters + 2);
        Conv2dBackpropFilterKernel.scalar(g, toFloat(x), xOff, toFloat(dy), yOff, filters, dkRef, 0);
        Conv2dDirect.thinBackpropFilter(g, toFloat(x), xOff, toFloat(dy), yOff, filters, dk, 1);
        for (int i = 0; i < dk.length; i++) {
            int idx = i;
            if (i < 1 || i >= 1 + dkRef.length) {
                assertTrue(Float.isNaN(dk[i]), () -> "thin filter gradient wrote outside dk at " + idx + " " + g);
            } else {
                assertTrue(Float.floatToIntBits(dk[i]) == Float.floatToIntBits(dkRef[i - 1]),
                        () -> "thin filter gradient " + g + " filters " + filters + " [" + idx + "]: " + dk[idx] + " vs " + dkRef[idx - 1]);
            }
        }
        double[] dkdRef = new double[kk * filters], dkd = new double[kk * filters];
        Conv2dBackpropFilterKernel.scalar(g, x, xOff, dy, yOff, filters, dkdRef, 0);
        Conv2dDirect.thinBackpropFilter(g, x, xOff, dy, yOff, filters, dkd, 0);
        assertTrue(Arrays.equals(dkdRef, dkd), () -> "thin filter gradient f64 " + g + " filters " + filters);

        // the input gradient: dot products in another order, within the twin's bound
        assertTrue(Conv2dDirect.thinInputApplies(g, filters, lanes));
        double[] dxRef = new double[g.inputSize()], dxAbs = new double[g.inputSize()];
        Conv2dBackpropInputKernel.scalar(g, dy, yOff, k, 0, filters, dxRef, 0);
        Conv2dBackpropInputKernel.scalar(g, abs(dy), yOff, abs(k), 0, filters, dxAbs, 0);
        float[] dx = nans(2 + g.inputSize() + 1);
        Conv2dDirect.thinBackpropInput(g, toFloat(dy), yOff, toFloat(k), 0, filters, dx, 2);
        assertClose("thin backpropInput " + g + " filters " + filters, dxRef, dxAbs, g.taps() * filters, dx, 2, dx.length, Math.ulp(1f));
        double[] dxd = new double[g.inputSize()];
        Conv2dDirect.thinBackpropInput(g, dy, yOff, k, 0, filters, dxd, 0);
        assertClose("thin backpropInput f64 " + g + " filters " + filters, dxRef, dxAbs, g.taps() * filters, dxd, 0, Math.ulp(1d));
    }

    /** The thin filter gradient split over the kernel threads (when there are several): partial sums added, within the bound. */
    @Test
    void thinFilterGradientAcrossStrips() {
        SplittableRandom r = new SplittableRandom(12);
        ConvGeometry g = ConvGeometry.same(12, 28, 28, 1, 3, 3, 1, 1, 1, 1);
        int filters = 32, kk = 9, ySize = g.batch() * g.outputPixels() * filters;
        assertTrue(KernelThreads.count() == 1 || Conv2dKernel.strips(g.batch() * g.outputPixels(), kk, filters) > 1);
        double[] x = random(r, g.inputSize()), dy = random(r, ySize);
        double[] dkRef = new double[kk * filters], dkAbs = new double[kk * filters];
        Conv2dBackpropFilterKernel.scalar(g, x, 0, dy, 0, filters, dkRef, 0);
        Conv2dBackpropFilterKernel.scalar(g, abs(x), 0, abs(dy), 0, filters, dkAbs, 0);
        float[] dk = nans(kk * filters);
        Conv2dDirect.thinBackpropFilter(g, toFloat(x), 0, toFloat(dy), 0, filters, dk, 0);
        assertClose("thin filter gradient " + g, dkRef, dkAbs, g.batch() * g.outputPixels(), dk, 0, dk.length, Math.ulp(1f));
    }

    private static void checkDirect(ConvGeometry g, int filters, SplittableRandom r) {
        int kk = g.taps() * g.channels(), ySize = g.batch() * g.outputPixels() * filters, xSize = g.inputSize();
        int xOff = r.nextInt(3), kOff = r.nextInt(3), yOff = r.nextInt(3);
        double[] x = random(r, xOff + xSize), k = random(r, kOff + kk * filters), dy = random(r, yOff + ySize);
        double[] yRef = new double[ySize], yAbs = new double[ySize];
        Conv2dKernel.scalar(g, x, xOff, k, kOff, filters, yRef, 0);
        Conv2dKernel.scalar(g, abs(x), xOff, abs(k), kOff, filters, yAbs, 0);
        double[] dkRef = new double[kk * filters], dkAbs = new double[kk * filters];
        Conv2dBackpropFilterKernel.scalar(g, x, xOff, dy, yOff, filters, dkRef, 0);
        Conv2dBackpropFilterKernel.scalar(g, abs(x), xOff, abs(dy), yOff, filters, dkAbs, 0);
        String at = "direct " + g + " filters " + filters;
        float[] y = nans(yOff + ySize + 2);
        Conv2dDirect.forward(g, toFloat(x), xOff, toFloat(k), kOff, filters, y, yOff);
        assertClose("conv2d " + at, yRef, yAbs, kk, y, yOff, y.length, Math.ulp(1f));
        float[] dk = nans(2 + kk * filters + 2);
        Conv2dDirect.backpropFilter(g, toFloat(x), xOff, toFloat(dy), yOff, filters, dk, 2);
        assertClose("backpropFilter " + at, dkRef, dkAbs, g.batch() * g.outputPixels(), dk, 2, dk.length, Math.ulp(1f));
        double[] yd = new double[yOff + ySize];
        Conv2dDirect.forward(g, x, xOff, k, kOff, filters, yd, yOff);
        assertClose("conv2d f64 " + at, yRef, yAbs, kk, yd, yOff, Math.ulp(1d));
        double[] dkd = new double[kk * filters];
        Conv2dDirect.backpropFilter(g, x, xOff, dy, yOff, filters, dkd, 0);
        assertClose("backpropFilter f64 " + at, dkRef, dkAbs, g.batch() * g.outputPixels(), dkd, 0, Math.ulp(1d));
    }

    private static void check(ConvGeometry g, int filters, SplittableRandom r) {
        int kk = g.taps() * g.channels(), ySize = g.batch() * g.outputPixels() * filters, xSize = g.inputSize();
        int xOff = r.nextInt(3), kOff = r.nextInt(3), yOff = r.nextInt(3);
        double[] x = random(r, xOff + xSize), k = random(r, kOff + kk * filters), dy = random(r, yOff + ySize);
        double[] ax = abs(x), ak = abs(k), ady = abs(dy);
        double[] yRef = new double[ySize], yAbs = new double[ySize];
        Conv2dKernel.scalar(g, x, xOff, k, kOff, filters, yRef, 0);
        Conv2dKernel.scalar(g, ax, xOff, ak, kOff, filters, yAbs, 0);
        double[] dxRef = new double[xSize], dxAbs = new double[xSize];
        Conv2dBackpropInputKernel.scalar(g, dy, yOff, k, kOff, filters, dxRef, 0);
        Conv2dBackpropInputKernel.scalar(g, ady, yOff, ak, kOff, filters, dxAbs, 0);
        double[] dkRef = new double[kk * filters], dkAbs = new double[kk * filters];
        Conv2dBackpropFilterKernel.scalar(g, x, xOff, dy, yOff, filters, dkRef, 0);
        Conv2dBackpropFilterKernel.scalar(g, ax, xOff, ady, yOff, filters, dkAbs, 0);
        String at = g + " filters " + filters;

        float[] xf = toFloat(x), kf = toFloat(k), dyf = toFloat(dy);
        float[] y = nans(yOff + ySize + 2);
        Conv2dKernel.implicit(g, xf, xOff, kf, kOff, filters, y, yOff);
        assertClose("conv2d " + at, yRef, yAbs, kk, y, yOff, y.length, Math.ulp(1f));
        float[] dx = nans(1 + xSize + 2);
        Arrays.fill(dx, 1, 1 + xSize, 0f); // the caller zeroes dx
        Conv2dBackpropInputKernel.implicit(g, dyf, yOff, kf, kOff, filters, dx, 1);
        assertClose("backpropInput " + at, dxRef, dxAbs, g.taps() * filters, dx, 1, dx.length, Math.ulp(1f));
        float[] dk = nans(2 + kk * filters + 2);
        Conv2dBackpropFilterKernel.implicit(g, xf, xOff, dyf, yOff, filters, dk, 2);
        assertClose("backpropFilter " + at, dkRef, dkAbs, g.batch() * g.outputPixels(), dk, 2, dk.length, Math.ulp(1f));

        // float64: the double halves of the same paths
        double[] yd = new double[yOff + ySize];
        Conv2dKernel.implicit(g, x, xOff, k, kOff, filters, yd, yOff);
        assertClose("conv2d f64 " + at, yRef, yAbs, kk, yd, yOff, Math.ulp(1d));
        double[] dxd = new double[xSize];
        Conv2dBackpropInputKernel.implicit(g, dy, yOff, k, kOff, filters, dxd, 0);
        assertClose("backpropInput f64 " + at, dxRef, dxAbs, g.taps() * filters, dxd, 0, Math.ulp(1d));
        double[] dkd = new double[kk * filters];
        Conv2dBackpropFilterKernel.implicit(g, x, xOff, dy, yOff, filters, dkd, 0);
        assertClose("backpropFilter f64 " + at, dkRef, dkAbs, g.batch() * g.outputPixels(), dkd, 0, Math.ulp(1d));
    }

    /** Within {@code 4·(terms + 1)·ulp·Σ|terms|} of the reference, and nothing written outside {@code [off, off + n)}. */
    private static void assertClose(String what, double[] ref, double[] absSum, int terms, float[] actual, int off, int length, double ulp) {
        for (int i = 0; i < ref.length; i++) {
            double bound = 4.0 * (terms + 1) * ulp * absSum[i] + 1e-30;
            int idx = i;
            assertTrue(Math.abs(actual[off + i] - ref[i]) <= bound,
                    () -> what + "[" + idx + "]: " + actual[off + idx] + " vs " + ref[idx] + " (bound " + bound + ")");
        }
        for (int i = 0; i < length; i++) {
            if (i < off || i >= off + ref.length) {
                int idx = i;
                assertTrue(Float.isNaN(actual[i]), () -> what + ": wrote outside its output at " + idx);
            }
        }
    }

    private static void assertClose(String what, double[] ref, double[] absSum, int terms, double[] actual, int off, double ulp) {
        for (int i = 0; i < ref.length; i++) {
            double bound = 4.0 * (terms + 1) * ulp * absSum[i] + 1e-300;
            int idx = i;
            assertTrue(Math.abs(actual[off + i] - ref[i]) <= bound,
                    () -> what + "[" + idx + "]: " + actual[off + idx] + " vs " + ref[idx] + " (bound " + bound + ")");
        }
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-1, 1); // float-representable: both halves see one input
        return a;
    }

    private static double[] abs(double[] a) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) b[i] = Math.abs(a[i]);
        return b;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
