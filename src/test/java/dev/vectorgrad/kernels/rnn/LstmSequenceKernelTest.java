package dev.vectorgrad.kernels.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link LstmSequenceKernel} and its twin against a float64 LSTM written out here step by step (forward, then
 * backpropagation through time with the textbook formulas), on odd sizes around the vector widths, with the
 * upstream gradient on every step or on the last one only.
 */
class LstmSequenceKernelTest {

    @Property(tries = 60)
    void matchesAFloat64Recurrence(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 6) int time,
                                   @ForAll @IntRange(min = 1, max = 9) int features, @ForAll @IntRange(min = 1, max = 37) int units,
                                   @ForAll boolean sequences, @ForAll long seed) {
        check(batch, time, features, units, sequences, seed);
    }

    /** The benchmark's inner sizes (units 128: 4·units = 512 columns, two KC-free GEMM shapes) on fewer steps. */
    @Test
    void benchmarkWidths() {
        check(32, 3, 64, 128, false, 1);
        check(7, 4, 13, 67, true, 2);
    }

    private static void check(int batch, int time, int features, int units, boolean sequences, long seed) {
        var rng = new SplittableRandom(seed);
        int g = 4 * units;
        float[] x = values(batch * time * features, 1, rng), w = values(features * g, 0.5, rng);
        float[] u = values(units * g, 0.5, rng), bias = values(g, 0.3, rng);
        float[] dOut = values(sequences ? batch * time * units : batch * units, 1, rng);
        Reference ref = new Reference(x, w, u, bias, dOut, sequences, batch, time, features, units);
        for (boolean scalar : new boolean[] {false, true}) {
            int rows = time * batch;
            float[] xh = new float[rows * LstmSequenceKernel.xhWidth(features, units)], z = new float[rows * g];
            float[] cs = new float[(time + 1) * batch * units], out = new float[dOut.length];
            if (scalar) {
                LstmSequenceKernel.forwardScalar(x, 0, w, u, bias, batch, time, features, units, xh, z, cs, out, sequences);
            } else {
                LstmSequenceKernel.forward(x, 0, w, u, bias, batch, time, features, units, xh, z, cs, out, sequences);
            }
            float[] dx = new float[x.length], dw = new float[w.length], du = new float[u.length], db = new float[g];
            if (scalar) {
                LstmSequenceKernel.backwardScalar(dOut, sequences, w, u, batch, time, features, units, xh, z, cs,
                        dx, dw, du, db);
            } else {
                LstmSequenceKernel.backward(dOut, sequences, w, u, batch, time, features, units, xh, z, cs,
                        dx, dw, du, db);
            }
            String what = (scalar ? "twin" : "kernel") + " b" + batch + " t" + time + " f" + features + " u" + units;
            close(what + " h", out, ref.out);
            close(what + " dx", dx, ref.dx);
            close(what + " dW", dw, ref.dw);
            close(what + " dU", du, ref.du);
            close(what + " db", db, ref.db);
        }
        // null gradients are skipped, not required
        float[] xh = new float[time * batch * LstmSequenceKernel.xhWidth(features, units)], z = new float[time * batch * g];
        float[] cs = new float[(time + 1) * batch * units];
        LstmSequenceKernel.forward(x, 0, w, u, bias, batch, time, features, units, xh, z, cs, new float[dOut.length],
                sequences);
        float[] du = new float[u.length];
        LstmSequenceKernel.backward(dOut, sequences, w, u, batch, time, features, units, xh, z, cs,
                null, null, du, null);
        close("dU alone", du, ref.du);
    }

    private static void close(String what, float[] got, double[] want) {
        assertThat(got).as(what).hasSize(want.length);
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < got.length; i++) {
            double err = Math.abs(got[i] - want[i]);
            if (!(err <= 2e-5 * (1 + scale) + 1e-4 * Math.abs(want[i]))) {
                throw new AssertionError(what + "[" + i + "] = " + got[i] + ", float64 reference " + want[i]);
            }
        }
    }

    private static float[] values(int n, double scale, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * rng.nextDouble(-1, 1));
        }
        return v;
    }

    /** The LSTM in float64, one sample and one unit at a time. */
    private static final class Reference {
        final double[] out;
        final double[] dx;
        final double[] dw;
        final double[] du;
        final double[] db;

        Reference(float[] x, float[] w, float[] u, float[] bias, float[] dOut, boolean sequences,
                  int batch, int time, int features, int units) {
            int g = 4 * units;
            double[][][] gates = new double[time][batch][g]; // i, f, g, o after their activations
            double[][][] h = new double[time + 1][batch][units], c = new double[time + 1][batch][units];
            out = new double[dOut.length];
            for (int t = 0; t < time; t++) {
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < g; j++) {
                        double z = bias[j];
                        for (int f = 0; f < features; f++) {
                            z += x[(b * time + t) * features + f] * (double) w[f * g + j];
                        }
                        for (int k = 0; k < units; k++) {
                            z += h[t][b][k] * u[k * g + j];
                        }
                        gates[t][b][j] = j >= 2 * units && j < 3 * units ? Math.tanh(z) : 1 / (1 + Math.exp(-z));
                    }
                    for (int k = 0; k < units; k++) {
                        double[] a = gates[t][b];
                        c[t + 1][b][k] = a[units + k] * c[t][b][k] + a[k] * a[2 * units + k];
                        h[t + 1][b][k] = a[3 * units + k] * Math.tanh(c[t + 1][b][k]);
                        if (sequences) {
                            out[(b * time + t) * units + k] = h[t + 1][b][k];
                        } else if (t == time - 1) {
                            out[b * units + k] = h[t + 1][b][k];
                        }
                    }
                }
            }
            dx = new double[x.length];
            dw = new double[w.length];
            du = new double[u.length];
            db = new double[g];
            double[][] dh = new double[batch][units], dc = new double[batch][units];
            for (int t = time - 1; t >= 0; t--) {
                double[][] dhPrev = new double[batch][units];
                for (int b = 0; b < batch; b++) {
                    double[] a = gates[t][b];
                    double[] dz = new double[g];
                    for (int k = 0; k < units; k++) {
                        double up = sequences ? dOut[(b * time + t) * units + k] : t == time - 1 ? dOut[b * units + k] : 0;
                        double dhk = dh[b][k] + up;
                        double tc = Math.tanh(c[t + 1][b][k]);
                        double dck = dc[b][k] + dhk * a[3 * units + k] * (1 - tc * tc);
                        dz[k] = dck * a[2 * units + k] * a[k] * (1 - a[k]);
                        dz[units + k] = dck * c[t][b][k] * a[units + k] * (1 - a[units + k]);
                        dz[2 * units + k] = dck * a[k] * (1 - a[2 * units + k] * a[2 * units + k]);
                        dz[3 * units + k] = dhk * tc * a[3 * units + k] * (1 - a[3 * units + k]);
                        dc[b][k] = dck * a[units + k];
                    }
                    for (int j = 0; j < g; j++) {
                        db[j] += dz[j];
                        for (int f = 0; f < features; f++) {
                            dw[f * g + j] += x[(b * time + t) * features + f] * dz[j];
                            dx[(b * time + t) * features + f] += w[f * g + j] * dz[j];
                        }
                        for (int k = 0; k < units; k++) {
                            du[k * g + j] += h[t][b][k] * dz[j];
                            dhPrev[b][k] += u[k * g + j] * dz[j];
                        }
                    }
                }
                dh = dhPrev;
            }
        }
    }
}
