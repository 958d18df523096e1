package dev.vectorgrad.kernels.rnn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.kernels.Simd;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused LSTM cell, forward and backward, float and double, SIMD and scalar twin, against an
 * independent float64 oracle written gate by gate (the textbook equations, not the kernel's loop), over
 * unit counts crossing every SIMD boundary (below one vector, exactly one, one plus a tail) and rows at
 * offsets. Runs in the kernel suites at 512, 256 and 128 bits and with SIMD off.
 */
class LstmCellKernelTest {
    private static final int LANES = Simd.F32.length();

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {out [b, 2u], grad [b, 5u]} for z, c, d in float64. */
    private static double[][] oracle(double[] z, double[] c, double[] d, int b, int u) {
        double[] out = new double[b * 2 * u];
        double[] grad = new double[b * 5 * u];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < u; j++) {
                double zi = z[r * 4 * u + j], zf = z[r * 4 * u + u + j], zc = z[r * 4 * u + 2 * u + j];
                double zo = z[r * 4 * u + 3 * u + j], cp = c[r * u + j];
                double i = sig(zi), f = sig(zf), g = Math.tanh(zc), o = sig(zo);
                double c2 = f * cp + i * g, h = o * Math.tanh(c2);
                out[r * 2 * u + j] = h;
                out[r * 2 * u + u + j] = c2;
                double dh = d[r * 2 * u + j], dc2 = d[r * 2 * u + u + j];
                // chain rule spelled out: dL/dc2 collects both the direct path and the one through h
                double dcTotal = dc2 + dh * o * (1 - Math.tanh(c2) * Math.tanh(c2));
                grad[r * 5 * u + j] = dcTotal * g * sig(zi) * (1 - sig(zi));
                grad[r * 5 * u + u + j] = dcTotal * cp * sig(zf) * (1 - sig(zf));
                grad[r * 5 * u + 2 * u + j] = dcTotal * i * (1 - Math.tanh(zc) * Math.tanh(zc));
                grad[r * 5 * u + 3 * u + j] = dh * Math.tanh(c2) * sig(zo) * (1 - sig(zo));
                grad[r * 5 * u + 4 * u + j] = dcTotal * f;
            }
        }
        return new double[][] {out, grad};
    }

    private static double[] random(SplittableRandom r, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextDouble(-scale, scale);
        return a;
    }

    private static float[] toFloat(double[] a, int pad) {
        float[] f = new float[a.length + pad];
        for (int i = 0; i < a.length; i++) f[pad + i] = (float) a[i];
        return f;
    }

    private static double[] roundTrip(double[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = (float) a[i];
        return d;
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

    @Property(tries = 60)
    void forwardAndBackwardMatchTheOracle(@ForAll @IntRange(min = 0, max = 4) int batch,
                                          @ForAll @IntRange(min = 1, max = 40) int unitsSeed,
                                          @ForAll @IntRange(min = 0, max = 3) int pad,
                                          @ForAll long seed) {
        int u = unitsSeed % 3 == 0 ? LANES * (unitsSeed % 4 + 1) + unitsSeed % 5 : unitsSeed;
        SplittableRandom r = new SplittableRandom(seed);
        // float-representable inputs, so float and double kernels see the same values
        double[] z = roundTrip(random(r, batch * 4 * u, 6));
        double[] c = roundTrip(random(r, batch * u, 3));
        double[] d = roundTrip(random(r, batch * 2 * u, 1));
        double[][] want = oracle(z, c, d, batch, u);
        for (int simd = 0; simd < 2; simd++) {
            String mode = simd == 1 ? "simd" : "scalar";
            float[] of = new float[pad + batch * 2 * u];
            float[] gf = new float[pad + batch * 5 * u];
            double[] od = new double[pad + batch * 2 * u];
            double[] gd = new double[pad + batch * 5 * u];
            if (simd == 1) {
                LstmCellKernel.forwardSimd(toFloat(z, pad), pad, toFloat(c, pad), pad, of, pad, batch, u);
                LstmCellKernel.backwardSimd(toFloat(z, pad), pad, toFloat(c, pad), pad, toFloat(d, pad), pad, gf, pad, batch, u);
                LstmCellKernel.forwardSimd(shift(z, pad), pad, shift(c, pad), pad, od, pad, batch, u);
                LstmCellKernel.backwardSimd(shift(z, pad), pad, shift(c, pad), pad, shift(d, pad), pad, gd, pad, batch, u);
            } else {
                LstmCellKernel.forwardScalar(toFloat(z, pad), pad, toFloat(c, pad), pad, of, pad, batch, u);
                LstmCellKernel.backwardScalar(toFloat(z, pad), pad, toFloat(c, pad), pad, toFloat(d, pad), pad, gf, pad, batch, u);
                LstmCellKernel.forwardScalar(shift(z, pad), pad, shift(c, pad), pad, od, pad, batch, u);
                LstmCellKernel.backwardScalar(shift(z, pad), pad, shift(c, pad), pad, shift(d, pad), pad, gd, pad, batch, u);
            }
            for (int k = 0; k < want[0].length; k++) {
                close(want[0][k], of[pad + k], 3e-6, mode + " float forward " + k + " (u=" + u + ")");
                close(want[0][k], od[pad + k], 1e-14, mode + " double forward " + k + " (u=" + u + ")");
            }
            for (int k = 0; k < want[1].length; k++) {
                close(want[1][k], gf[pad + k], 1e-5, mode + " float backward " + k + " (u=" + u + ")");
                close(want[1][k], gd[pad + k], 1e-13, mode + " double backward " + k + " (u=" + u + ")");
            }
        }
    }
}
