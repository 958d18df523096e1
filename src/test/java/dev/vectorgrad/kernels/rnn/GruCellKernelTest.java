package dev.vectorgrad.kernels.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused GRU cell, forward and backward, float and double, SIMD and scalar twin, against a float64 oracle
 * that differentiates the cell by central differences (independent of the kernel's hand-derived backward),
 * over unit counts crossing every SIMD boundary and rows at offsets. Runs in every kernel suite.
 */
class GruCellKernelTest {
    private static final int LANES = Simd.F32.length();

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** h' of one unit from its five inputs. */
    private static double cell(double xz, double xr, double xn, double hz, double hr, double hn, double h) {
        double z = sig(xz + hz), r = sig(xr + hr), n = Math.tanh(xn + r * hn);
        return (1 - z) * n + z * h;
    }

    private static double[] random(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-scale, scale);
        return a;
    }

    private static float[] toFloat(double[] a, int pad) {
        float[] f = new float[a.length + pad];
        for (int i = 0; i < a.length; i++) f[pad + i] = (float) a[i];
        return f;
    }

    private static double[] shift(double[] a, int pad) {
        double[] d = new double[a.length + pad];
        System.arraycopy(a, 0, d, pad, a.length);
        return d;
    }

    private static void close(double expected, double got, double tol, String what) {
        assertTrue(Math.abs(expected - got) <= tol * (1 + Math.abs(expected)), () -> what + ": expected " + expected
                + " got " + got);
    }

    @Property(tries = 50)
    void forwardAndBackwardMatchTheOracle(@ForAll @IntRange(min = 0, max = 3) int batch,
                                          @ForAll @IntRange(min = 1, max = 40) int unitsSeed,
                                          @ForAll @IntRange(min = 0, max = 3) int pad,
                                          @ForAll long seed) {
        int u = unitsSeed % 3 == 0 ? LANES * (unitsSeed % 4 + 1) + unitsSeed % 5 : unitsSeed;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] xs = random(rnd, batch * 3 * u, 3), hs = random(rnd, batch * 3 * u, 3);
        double[] h = random(rnd, batch * u, 1), d = random(rnd, batch * u, 1);
        double[] y = new double[batch * u];
        double[] grad = new double[batch * 7 * u];
        double eps = 1e-6;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < u; j++) {
                int x0 = b * 3 * u + j;
                double[] in = {xs[x0], xs[x0 + u], xs[x0 + 2 * u], hs[x0], hs[x0 + u], hs[x0 + 2 * u], h[b * u + j]};
                y[b * u + j] = cell(in[0], in[1], in[2], in[3], in[4], in[5], in[6]);
                int[] slot = {0, 1, 2, 3, 4, 5, 6};
                for (int k = 0; k < 7; k++) {
                    double[] p = in.clone(), m = in.clone();
                    p[k] += eps;
                    m[k] -= eps;
                    double dd = (cell(p[0], p[1], p[2], p[3], p[4], p[5], p[6])
                            - cell(m[0], m[1], m[2], m[3], m[4], m[5], m[6])) / (2 * eps);
                    grad[b * 7 * u + slot[k] * u + j] = d[b * u + j] * dd;
                }
            }
        }
        for (int simd = 0; simd < 2; simd++) {
            String mode = simd == 1 ? "simd" : "scalar";
            float[] of = new float[pad + batch * u], gf = new float[pad + batch * 7 * u];
            double[] od = new double[pad + batch * u], gd = new double[pad + batch * 7 * u];
            if (simd == 1) {
                GruCellKernel.forwardSimd(toFloat(xs, pad), pad, toFloat(hs, pad), pad, toFloat(h, pad), pad, of, pad, batch, u);
                GruCellKernel.backwardSimd(toFloat(xs, pad), pad, toFloat(hs, pad), pad, toFloat(h, pad), pad,
                        toFloat(d, pad), pad, gf, pad, batch, u);
                GruCellKernel.forwardSimd(shift(xs, pad), pad, shift(hs, pad), pad, shift(h, pad), pad, od, pad, batch, u);
                GruCellKernel.backwardSimd(shift(xs, pad), pad, shift(hs, pad), pad, shift(h, pad), pad,
                        shift(d, pad), pad, gd, pad, batch, u);
            } else {
                GruCellKernel.forwardScalar(toFloat(xs, pad), pad, toFloat(hs, pad), pad, toFloat(h, pad), pad, of, pad, batch, u);
                GruCellKernel.backwardScalar(toFloat(xs, pad), pad, toFloat(hs, pad), pad, toFloat(h, pad), pad,
                        toFloat(d, pad), pad, gf, pad, batch, u);
                GruCellKernel.forwardScalar(shift(xs, pad), pad, shift(hs, pad), pad, shift(h, pad), pad, od, pad, batch, u);
                GruCellKernel.backwardScalar(shift(xs, pad), pad, shift(hs, pad), pad, shift(h, pad), pad,
                        shift(d, pad), pad, gd, pad, batch, u);
            }
            for (int k = 0; k < y.length; k++) {
                close(y[k], of[pad + k], 3e-6, mode + " float forward " + k + " (u=" + u + ")");
                close(y[k], od[pad + k], 1e-14, mode + " double forward " + k + " (u=" + u + ")");
            }
            for (int k = 0; k < grad.length; k++) {
                close(grad[k], gf[pad + k], 1e-5, mode + " float backward " + k + " (u=" + u + ")");
                close(grad[k], gd[pad + k], 1e-8, mode + " double backward " + k + " (u=" + u + ")");
            }
        }
    }
}
