package dev.vectorgrad.kernels.rnn;

import dev.vectorgrad.kernels.matmul.Gemm;
import dev.vectorgrad.kernels.matmul.GemmPrepacked;

/**
 * A whole LSTM sequence (Keras's gate order i, f, c, o; zero initial state), forward and backpropagation
 * through time, in float: the driver around {@link GemmPrepacked} and {@link LstmCellKernel}.
 *
 * <p>Forward, with {@code x [batch, time, features]}, {@code W [features, 4·units]}, {@code U [units, 4·units]}:
 * <pre>
 *   Z = [X | 1]·[W; b]          one GEMM over all time·batch rows (X: x copied time-major), bias included
 *   per step t:  z_t += h_{t-1}·U          U packed once, accumulated into z_t
 *                (h_t, c_t) = cell(z_t, c_{t-1})
 * </pre>
 * Backward, from the upstream gradient of every step's h (or of the last one only):
 * <pre>
 *   per step t, last first:  (dz_t, dc_{t-1}) = cell'(z_t, c_{t-1}; dh_t + dh_carry, dc_t)
 *                            (dh_carry | dx_t) = dz_t·[U; W]ᵀ     packed once
 *   [dW; db; dU] = [X | 1 | Hprev]ᵀ·DZ     one GEMM over all time·batch rows
 * </pre>
 * so the per-step work is one small product against a packed operand and one fused cell call each way, and
 * the weight gradients are one large GEMM instead of a small product and a [units, 4·units] add per step.
 * The column of ones makes the bias one more row of the input projection (no pass adding it) and its
 * gradient one more row of the weight gradient (no column sum).
 *
 * <p>The caller owns the trace the forward fills and the backward reads (all row-major; "slot" means one
 * block of {@code batch} rows per step): {@code xh [time·batch, features + 1 + units]} (row (t, b) is
 * {@code [x_{t,b} | 1 | h_{t-1,b}]}), {@code z [time·batch·4·units]} (pre-activations), {@code cs
 * [(time+1)·batch·units]} (slot t is c_{t-1}, slot 0 zeros). The forward also writes the layer's output
 * {@code out}: every step's hidden state {@code [batch, time, units]} when {@code sequences}, else the last
 * step's {@code [batch, units]}.
 *
 * <p>There is no vector code here: every loop that matters is a GEMM or a cell call, and each of those takes
 * its own scalar twin with SIMD off; {@link #forwardScalar} and {@link #backwardScalar} run the same driver on
 * the twins directly, as the test oracle.
 */
public final class LstmSequenceKernel {
    // the backward's [time·batch, 5·units] rows (4 MB for the benchmark's shape) are reused per thread: a fresh
    // array that large is a humongous allocation in G1, zeroed for nothing, at every call
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Columns of a row of the {@code xh} trace: the features, the bias's 1, the previous hidden state. */
    public static int xhWidth(int features, int units) {
        return features + 1 + units;
    }

    /**
     * Fills the trace and {@code out} for {@code x [batch, time, features]} at {@code xOff}; {@code bias} may be
     * null.
     */
    public static void forward(float[] x, int xOff, float[] w, float[] u, float[] bias,
                               int batch, int time, int features, int units,
                               float[] xh, float[] z, float[] cs, float[] out, boolean sequences) {
        forward(x, xOff, w, u, bias, batch, time, features, units, xh, z, cs, out, sequences, false);
    }

    /** {@link #forward} on the GEMM and cell twins. */
    public static void forwardScalar(float[] x, int xOff, float[] w, float[] u, float[] bias,
                                     int batch, int time, int features, int units,
                                     float[] xh, float[] z, float[] cs, float[] out, boolean sequences) {
        forward(x, xOff, w, u, bias, batch, time, features, units, xh, z, cs, out, sequences, true);
    }

    private static void forward(float[] x, int xOff, float[] w, float[] u, float[] bias,
                                int batch, int time, int features, int units,
                                float[] xh, float[] z, float[] cs, float[] out, boolean sequences,
                                boolean scalar) {
        int g = 4 * units, rows = time * batch, ld = xhWidth(features, units);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int row = (t * batch + b) * ld;
                System.arraycopy(x, xOff + (b * time + t) * features, xh, row, features);
                xh[row + features] = 1f;
                if (t == 0) {
                    java.util.Arrays.fill(xh, row + features + 1, row + ld, 0f);
                }
            }
        }
        float[] wb = java.util.Arrays.copyOf(w, (features + 1) * g);
        if (bias != null) {
            System.arraycopy(bias, 0, wb, features * g, g);
        }
        gemm(scalar, rows, g, features + 1, xh, 0, ld, 1, wb, 0, g, 1, z, 0, g);
        GemmPrepacked.PackedF32 pu = GemmPrepacked.pack(units, g, u, 0, g, 1);
        java.util.Arrays.fill(cs, 0, batch * units, 0f);
        float[] hc = new float[batch * 2 * units]; // one step's cell output (h_t | c_t)
        for (int t = 0; t < time; t++) {
            int zt = t * batch * g;
            if (t > 0) {
                // h_{-1} is zero: the first step has no recurrent product
                int h = t * batch * ld + features + 1;
                if (scalar) {
                    GemmPrepacked.scalar(batch, xh, h, ld, 1, pu, z, zt, g, true);
                } else {
                    GemmPrepacked.run(batch, xh, h, ld, 1, pu, z, zt, g, true);
                }
            }
            if (scalar) {
                LstmCellKernel.forwardScalar(z, zt, cs, t * batch * units, hc, 0, batch, units);
            } else {
                LstmCellKernel.forward(z, zt, cs, t * batch * units, hc, 0, batch, units);
            }
            for (int r = 0; r < batch; r++) {
                System.arraycopy(hc, r * 2 * units + units, cs, (t + 1) * batch * units + r * units, units);
                if (t + 1 < time) {
                    System.arraycopy(hc, r * 2 * units, xh, ((t + 1) * batch + r) * ld + features + 1, units);
                }
                if (sequences || t + 1 == time) {
                    System.arraycopy(hc, r * 2 * units, out, sequences ? (r * time + t) * units : r * units, units);
                }
            }
        }
    }

    /**
     * Backpropagation through time from {@code dOut} ({@code [batch, time, units]} when {@code sequences}, else
     * {@code [batch, units]} for the last step) over a trace filled by {@link #forward}. Writes the gradients
     * whose arrays are not null: {@code dx [batch, time, features]}, {@code dw [features, 4·units]}, {@code du
     * [units, 4·units]}, {@code db [4·units]}.
     */
    public static void backward(float[] dOut, boolean sequences, float[] w, float[] u,
                                int batch, int time, int features, int units,
                                float[] xh, float[] z, float[] cs,
                                float[] dx, float[] dw, float[] du, float[] db) {
        backward(dOut, sequences, w, u, batch, time, features, units, xh, z, cs, dx, dw, du, db, false);
    }

    /** {@link #backward} on the GEMM and cell twins. */
    public static void backwardScalar(float[] dOut, boolean sequences, float[] w, float[] u,
                                      int batch, int time, int features, int units,
                                      float[] xh, float[] z, float[] cs,
                                      float[] dx, float[] dw, float[] du, float[] db) {
        backward(dOut, sequences, w, u, batch, time, features, units, xh, z, cs, dx, dw, du, db, true);
    }

    private static void backward(float[] dOut, boolean sequences, float[] w, float[] u,
                                 int batch, int time, int features, int units,
                                 float[] xh, float[] z, float[] cs,
                                 float[] dx, float[] dw, float[] du, float[] db, boolean scalar) {
        int g = 4 * units, g5 = 5 * units, rows = time * batch, ld = xhWidth(features, units);
        // per step: dz_t (4·units) then dc_{t-1} (units) in one row, the cell's backward layout
        float[] dzc = SCRATCH.get().dzc(rows * g5); // every element is written before it is read
        float[] d = new float[batch * 2 * units];
        // dz_t·[U; W]ᵀ gives dh_{t-1} and dx_t side by side: dz_t is packed once for both, and 128 + 64 columns
        // fill whole register tiles where 128 and 64 apart would each end in a mostly empty one
        int nOut = dx != null ? units + features : units;
        float[] uw = u;
        if (dx != null) {
            uw = java.util.Arrays.copyOf(u, (units + features) * g);
            System.arraycopy(w, 0, uw, units * g, features * g);
        }
        GemmPrepacked.PackedF32 put = GemmPrepacked.pack(g, nOut, uw, 0, 1, g);
        float[] dhx = new float[batch * nOut];
        for (int t = time - 1; t >= 0; t--) {
            boolean last = t == time - 1;
            for (int b = 0; b < batch; b++) {
                int dr = b * 2 * units;
                int gr = sequences ? (b * time + t) * units : b * units;
                boolean upstream = sequences || last;
                for (int j = 0; j < units; j++) {
                    float v = upstream ? dOut[gr + j] : 0f;
                    d[dr + j] = last ? v : v + dhx[b * nOut + j];
                }
                if (last) {
                    java.util.Arrays.fill(d, dr + units, dr + 2 * units, 0f);
                } else {
                    System.arraycopy(dzc, ((t + 1) * batch + b) * g5 + g, d, dr + units, units);
                }
            }
            int zt = t * batch * g, dt = t * batch * g5;
            if (scalar) {
                LstmCellKernel.backwardScalar(z, zt, cs, t * batch * units, d, 0, dzc, dt, batch, units);
            } else {
                LstmCellKernel.backward(z, zt, cs, t * batch * units, d, 0, dzc, dt, batch, units);
            }
            if (t > 0 || dx != null) {
                if (scalar) {
                    GemmPrepacked.scalar(batch, dzc, dt, g5, 1, put, dhx, 0, nOut, false);
                } else {
                    GemmPrepacked.run(batch, dzc, dt, g5, 1, put, dhx, 0, nOut, false);
                }
            }
            if (dx != null) {
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(dhx, b * nOut + units, dx, (b * time + t) * features, features);
                }
            }
        }
        if (dw != null || db != null || du != null) {
            // row p = t·batch + b of DZ is dz_t of sample b, and row p of xh is [x_t | 1 | h_{t-1}] of that sample
            float[] all = new float[ld * g];
            gemm(scalar, ld, g, rows, xh, 0, 1, ld, dzc, 0, g5, 1, all, 0, g);
            if (dw != null) {
                System.arraycopy(all, 0, dw, 0, features * g);
            }
            if (db != null) {
                System.arraycopy(all, features * g, db, 0, g);
            }
            if (du != null) {
                System.arraycopy(all, (features + 1) * g, du, 0, units * g);
            }
        }
    }

    private static void gemm(boolean scalar, int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                             float[] b, int bOff, int bRs, int bCs, float[] c, int cOff, int ldc) {
        if (scalar) {
            Gemm.scalar(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
        } else {
            Gemm.run(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, ldc);
        }
    }

    /** Per-thread backward rows, grown on demand. */
    private static final class Scratch {
        private float[] dzc = new float[0];

        float[] dzc(int size) {
            return dzc.length >= size ? dzc : (dzc = new float[size]);
        }
    }

    private LstmSequenceKernel() {}
}
