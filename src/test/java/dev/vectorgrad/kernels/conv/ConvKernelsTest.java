package dev.vectorgrad.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Convolution and pooling kernels against an independent float64 oracle that walks the window taps one
 * by one ({@link #tap}), over random shapes, strides, dilations and SAME/VALID padding. The channel counts
 * cross every SIMD boundary (below one vector, exactly one, one plus a tail). Sums are checked against
 * {@code terms·ulp·Σ|terms|}; max pooling, and the SIMD-versus-scalar pairs of the direct kernels, exactly.
 */
class ConvKernelsTest {
    private static final int LANES = Simd.F32.length();

    /** A random geometry; null when VALID does not fit (the property then checks the error instead). */
    private static ConvGeometry geometry(SplittableRandom r, boolean same) {
        int batch = r.nextInt(0, 4), h = r.nextInt(1, 10), w = r.nextInt(1, 10);
        int c = r.nextInt(4) == 0 ? r.nextInt(1, 3) : r.nextInt(1, 2 * LANES + 3);
        int kh = r.nextInt(1, 5), kw = r.nextInt(1, 5), sh = r.nextInt(1, 4), sw = r.nextInt(1, 4);
        int dh = r.nextInt(3) == 0 ? r.nextInt(1, 4) : 1, dw = r.nextInt(3) == 0 ? r.nextInt(1, 4) : 1;
        if (same) {
            return ConvGeometry.same(batch, h, w, c, kh, kw, sh, sw, dh, dw);
        }
        if ((kh - 1) * dh + 1 > h || (kw - 1) * dw + 1 > w) {
            assertThrows(IllegalArgumentException.class, () -> ConvGeometry.valid(batch, h, w, c, kh, kw, sh, sw, dh, dw));
            return null;
        }
        return ConvGeometry.valid(batch, h, w, c, kh, kw, sh, sw, dh, dw);
    }

    /** Offset of the input element under tap (kh, kw) of output pixel (n, oh, ow), channel 0; -1 on padding. */
    private static int tap(ConvGeometry g, int n, int oh, int ow, int kh, int kw) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
        if (ih < 0 || ih >= g.height() || iw < 0 || iw >= g.width()) {
            return -1;
        }
        return ((n * g.height() + ih) * g.width() + iw) * g.channels();
    }

    private static float[] randomFloats(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-1, 1);
        return a;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** Each element within {@code 4·terms·ulp(1f)·Σ|terms|} (plus a hair for zero sums) of the oracle. */
    private static void assertClose(String what, double[] ref, double[] absSum, int terms, float[] actual, int off) {
        for (int i = 0; i < ref.length; i++) {
            double bound = 4.0 * (terms + 1) * Math.ulp(1f) * absSum[i] + 1e-30;
            double err = Math.abs(actual[off + i] - ref[i]);
            int at = i;
            assertTrue(err <= bound, () -> what + "[" + at + "]: " + actual[off + at] + " vs " + ref[at] + " (bound " + bound + ")");
        }
    }

    private static void assertCloseD(String what, double[] ref, double[] absSum, int terms, double[] actual) {
        for (int i = 0; i < ref.length; i++) {
            double bound = 4.0 * (terms + 1) * Math.ulp(1d) * absSum[i] + 1e-300;
            int at = i;
            assertTrue(Math.abs(actual[i] - ref[i]) <= bound, () -> what + "[" + at + "]: " + actual[at] + " vs " + ref[at]);
        }
    }

    @Test
    void sameAndValidMatchTensorFlowsArithmetic() {
        ConvGeometry s = ConvGeometry.same(1, 5, 4, 1, 3, 3, 2, 2, 1, 1);
        assertEquals(3, s.outH());          // ceil(5 / 2)
        assertEquals(1, s.padTop());        // total (3-1)·2 + 3 - 5 = 2, split 1 / 1
        assertEquals(2, s.outW());          // ceil(4 / 2)
        assertEquals(0, s.padLeft());       // total 1·2 + 3 - 4 = 1: the odd one goes right
        ConvGeometry d = ConvGeometry.same(1, 7, 7, 1, 3, 3, 1, 1, 2, 2);
        assertEquals(2, d.padTop());        // dilated window 5: total 4
        ConvGeometry v = ConvGeometry.valid(1, 7, 6, 1, 3, 2, 2, 3, 1, 1);
        assertEquals(3, v.outH());          // (7 - 3) / 2 + 1
        assertEquals(2, v.outW());          // (6 - 2) / 3 + 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.valid(1, 2, 2, 1, 3, 3, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("larger than the input 2x2"), e.getMessage());
    }

    @Test
    void knownAnswerThreeByThreeSame() {
        // x = 1..9 as a 3x3 image, kernel all ones: each output is the sum of its in-image 3x3 neighbourhood
        ConvGeometry g = ConvGeometry.same(1, 3, 3, 1, 3, 3, 1, 1, 1, 1);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] k = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] y = new float[9];
        Conv2dKernel.run(g, x, 0, k, 0, 1, y, 0);
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, y);
        float[] mp = new float[9];
        MaxPool2dKernel.forward(g, x, 0, mp, 0);
        assertArrayEquals(new float[] {5, 6, 6, 8, 9, 9, 8, 9, 9}, mp);
        float[] ap = new float[9];
        AvgPool2dKernel.forward(g, x, 0, ap, 0);
        assertArrayEquals(new float[] {3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7}, ap);
    }

    @Property(tries = 150)
    void convolutionAndItsGradientsMatchTheOracle(@ForAll long seed, @ForAll boolean same, @ForAll @IntRange(min = 1, max = 9) int filters) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvGeometry g = geometry(r, same);
        if (g == null) {
            return;
        }
        int c = g.channels(), kk = g.taps() * c, ySize = g.batch() * g.outputPixels() * filters;
        int xOff = r.nextInt(4), kOff = r.nextInt(4), yOff = r.nextInt(4);
        float[] x = randomFloats(r, xOff + g.inputSize());
        float[] k = randomFloats(r, kOff + kk * filters);
        float[] dy = randomFloats(r, yOff + ySize);

        double[] yRef = new double[ySize], yAbs = new double[ySize];
        double[] dxRef = new double[g.inputSize()], dxAbs = new double[g.inputSize()];
        double[] dkRef = new double[kk * filters], dkAbs = new double[kk * filters];
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * filters;
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        for (int kw = 0; kw < g.kernelW(); kw++) {
                            int t = tap(g, n, oh, ow, kh, kw);
                            if (t < 0) continue;
                            for (int ch = 0; ch < c; ch++) {
                                for (int f = 0; f < filters; f++) {
                                    int ki = ((kh * g.kernelW() + kw) * c + ch) * filters + f;
                                    double xv = x[xOff + t + ch], kv = k[kOff + ki], gv = dy[yOff + o + f];
                                    yRef[o + f] += xv * kv;
                                    yAbs[o + f] += Math.abs(xv * kv);
                                    dxRef[t + ch] += gv * kv;
                                    dxAbs[t + ch] += Math.abs(gv * kv);
                                    dkRef[ki] += xv * gv;
                                    dkAbs[ki] += Math.abs(xv * gv);
                                }
                            }
                        }
                    }
                }
            }
        }
        int dxTerms = g.taps() * filters;
        int dkTerms = g.batch() * g.outputPixels();
        for (boolean reference : new boolean[] {false, true}) {
            String path = reference ? "scalar " : "run ";
            float[] y = new float[yOff + ySize];
            float[] dx = nans(g.inputSize() + 3);
            float[] dk = nans(kk * filters + 2);
            if (reference) {
                Conv2dKernel.scalar(g, x, xOff, k, kOff, filters, y, yOff);
                Conv2dBackpropInputKernel.scalar(g, dy, yOff, k, kOff, filters, dx, 3);
                Conv2dBackpropFilterKernel.scalar(g, x, xOff, dy, yOff, filters, dk, 2);
            } else {
                Conv2dKernel.run(g, x, xOff, k, kOff, filters, y, yOff);
                Conv2dBackpropInputKernel.run(g, dy, yOff, k, kOff, filters, dx, 3);
                Conv2dBackpropFilterKernel.run(g, x, xOff, dy, yOff, filters, dk, 2);
            }
            assertClose(path + "conv2d " + g, yRef, yAbs, kk, y, yOff);
            assertClose(path + "backpropInput " + g, dxRef, dxAbs, dxTerms, dx, 3);
            assertClose(path + "backpropFilter " + g, dkRef, dkAbs, dkTerms, dk, 2);
        }
        // float64: the same oracle, on the double entry points
        double[] yd = new double[yOff + ySize];
        Conv2dKernel.run(g, toDouble(x), xOff, toDouble(k), kOff, filters, yd, yOff);
        double[] dxd = new double[g.inputSize()];
        Conv2dBackpropInputKernel.run(g, toDouble(dy), yOff, toDouble(k), kOff, filters, dxd, 0);
        double[] dkd = new double[kk * filters];
        Conv2dBackpropFilterKernel.run(g, toDouble(x), xOff, toDouble(dy), yOff, filters, dkd, 0);
        assertCloseD("conv2d f64", yRef, yAbs, kk, java.util.Arrays.copyOfRange(yd, yOff, yd.length));
        assertCloseD("backpropInput f64", dxRef, dxAbs, dxTerms, dxd);
        assertCloseD("backpropFilter f64", dkRef, dkAbs, dkTerms, dkd);
    }

    @Property(tries = 150)
    void depthwiseConvolutionMatchesTheOracle(@ForAll long seed, @ForAll boolean same, @ForAll @IntRange(min = 1, max = 3) int multiplier) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvGeometry g = geometry(r, same);
        if (g == null) {
            return;
        }
        int c = g.channels(), cm = c * multiplier, ySize = g.batch() * g.outputPixels() * cm;
        float[] x = randomFloats(r, g.inputSize());
        float[] k = randomFloats(r, g.taps() * cm);
        float[] dy = randomFloats(r, ySize);
        double[] yRef = new double[ySize], yAbs = new double[ySize];
        double[] dxRef = new double[g.inputSize()], dxAbs = new double[g.inputSize()];
        double[] dkRef = new double[k.length], dkAbs = new double[k.length];
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * cm;
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        for (int kw = 0; kw < g.kernelW(); kw++) {
                            int t = tap(g, n, oh, ow, kh, kw);
                            if (t < 0) continue;
                            for (int ch = 0; ch < c; ch++) {
                                for (int m = 0; m < multiplier; m++) {
                                    int ki = (kh * g.kernelW() + kw) * cm + ch * multiplier + m;
                                    int yi = o + ch * multiplier + m;
                                    double xv = x[t + ch], kv = k[ki], gv = dy[yi];
                                    yRef[yi] += xv * kv;
                                    yAbs[yi] += Math.abs(xv * kv);
                                    dxRef[t + ch] += gv * kv;
                                    dxAbs[t + ch] += Math.abs(gv * kv);
                                    dkRef[ki] += xv * gv;
                                    dkAbs[ki] += Math.abs(xv * gv);
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] y = new float[ySize];
        DepthwiseConv2dKernel.forward(g, x, 0, k, 0, multiplier, y, 0);
        assertClose("depthwise " + g, yRef, yAbs, g.taps(), y, 0);
        float[] yScalar = new float[ySize];
        DepthwiseConv2dKernel.forwardScalar(g, x, 0, k, 0, multiplier, yScalar, 0);
        assertArrayEquals(yScalar, y, "SIMD and scalar run the same fma chains");
        float[] dx = nans(g.inputSize());
        DepthwiseConv2dKernel.backpropInput(g, dy, 0, k, 0, multiplier, dx, 0);
        assertClose("depthwise backpropInput " + g, dxRef, dxAbs, g.taps() * multiplier, dx, 0);
        float[] dk = nans(k.length);
        DepthwiseConv2dKernel.backpropFilter(g, x, 0, dy, 0, multiplier, dk, 0);
        assertClose("depthwise backpropFilter " + g, dkRef, dkAbs, g.batch() * g.outputPixels(), dk, 0);
        double[] dd = new double[g.inputSize()];
        DepthwiseConv2dKernel.backpropInput(g, toDouble(dy), 0, toDouble(k), 0, multiplier, dd, 0);
        assertCloseD("depthwise backpropInput f64", dxRef, dxAbs, g.taps() * multiplier, dd);
    }

    @Property(tries = 150)
    void poolingMatchesTheOracle(@ForAll long seed, @ForAll boolean same) {
        SplittableRandom r = new SplittableRandom(seed);
        ConvGeometry g = geometry(r, same);
        if (g == null) {
            return;
        }
        int c = g.channels(), ySize = g.batch() * g.outputPixels() * c;
        float[] x = randomFloats(r, g.inputSize());
        if (r.nextBoolean() && x.length > 1) {
            x[r.nextInt(x.length)] = x[r.nextInt(x.length)]; // a tie now and then: the first tap must win
        }
        float[] dy = randomFloats(r, ySize);
        float[] u = randomFloats(r, g.inputSize());
        float[] maxRef = new float[ySize], selRef = new float[ySize], dxMaxRef = new float[g.inputSize()];
        double[] avgRef = new double[ySize], avgAbs = new double[ySize];
        double[] dxAvgRef = new double[g.inputSize()], dxAvgAbs = new double[g.inputSize()];
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    int o = ((n * g.outH() + oh) * g.outW() + ow) * c;
                    int count = 0;
                    for (int kh = 0; kh < g.kernelH(); kh++) {
                        for (int kw = 0; kw < g.kernelW(); kw++) {
                            if (tap(g, n, oh, ow, kh, kw) >= 0) count++;
                        }
                    }
                    for (int ch = 0; ch < c; ch++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int kh = 0; kh < g.kernelH(); kh++) {
                            for (int kw = 0; kw < g.kernelW(); kw++) {
                                int t = tap(g, n, oh, ow, kh, kw);
                                if (t < 0) continue;
                                if (at < 0 || x[t + ch] > best) {
                                    best = x[t + ch];
                                    at = t + ch;
                                }
                                avgRef[o + ch] += x[t + ch] / (double) count;
                                avgAbs[o + ch] += Math.abs(x[t + ch]) / count;
                                dxAvgRef[t + ch] += dy[o + ch] / (double) count;
                                dxAvgAbs[t + ch] += Math.abs(dy[o + ch]) / count;
                            }
                        }
                        maxRef[o + ch] = best;
                        if (at >= 0) { // a dilated SAME window can miss the image entirely: -inf, no gradient
                            selRef[o + ch] = u[at];
                            dxMaxRef[at] += dy[o + ch];
                        }
                    }
                }
            }
        }
        float[] y = new float[ySize];
        MaxPool2dKernel.forward(g, x, 0, y, 0);
        assertArrayEquals(maxRef, y, "maxPool " + g);
        float[] dx = nans(g.inputSize());
        MaxPool2dKernel.backward(g, x, 0, dy, 0, dx, 0);
        assertArrayEquals(dxMaxRef, dx, 1e-6f, "maxPool backward " + g);
        float[] sel = new float[ySize];
        MaxPool2dKernel.select(g, x, 0, u, 0, sel, 0);
        assertArrayEquals(selRef, sel, "maxPool select " + g);
        float[] selScalar = new float[ySize];
        MaxPool2dKernel.selectScalar(g, x, 0, u, 0, selScalar, 0);
        assertArrayEquals(selScalar, sel);
        float[] dxScalar = nans(g.inputSize());
        MaxPool2dKernel.backwardScalar(g, x, 0, dy, 0, dxScalar, 0);
        assertArrayEquals(dxScalar, dx, "max pool backward: SIMD and scalar add in the same order");

        float[] avg = new float[ySize];
        AvgPool2dKernel.forward(g, x, 0, avg, 0);
        assertClose("avgPool " + g, avgRef, avgAbs, g.taps(), avg, 0);
        float[] avgScalar = new float[ySize];
        AvgPool2dKernel.forwardScalar(g, x, 0, avgScalar, 0);
        assertArrayEquals(avgScalar, avg, "avg pool: SIMD and scalar are bit-identical");
        float[] dxAvg = nans(g.inputSize());
        AvgPool2dKernel.backward(g, dy, 0, dxAvg, 0);
        assertClose("avgPool backward " + g, dxAvgRef, dxAvgAbs, g.taps(), dxAvg, 0);
        double[] dxd = new double[g.inputSize()];
        AvgPool2dKernel.backward(g, toDouble(dy), 0, dxd, 0);
        assertCloseD("avgPool backward f64", dxAvgRef, dxAvgAbs, g.taps(), dxd);
        double[] yd = new double[ySize];
        MaxPool2dKernel.forward(g, toDouble(x), 0, yd, 0);
        assertArrayEquals(toDouble(maxRef), yd);
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }
}
