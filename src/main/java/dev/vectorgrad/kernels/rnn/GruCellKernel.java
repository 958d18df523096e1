package dev.vectorgrad.kernels.rnn;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * One GRU step after its matrix products, Keras's {@code reset_after=True} form in its gate order z, r, h.
 *
 * <p>Forward: {@code xs [batch, 3·units]} ({@code x·W + b_in}), {@code hs [batch, 3·units]}
 * ({@code h·U + b_rec}) and the previous state {@code h [batch, units]} give {@code out [batch, units]}:
 * <pre>
 *   z = σ(xs_z + hs_z)   r = σ(xs_r + hs_r)   n = tanh(xs_h + r·hs_h)   h' = n + z·(h − n)
 * </pre>
 * Backward: with the upstream gradient {@code dh' [batch, units]} it recomputes the gates and writes one
 * {@code [batch, 7·units]} row each: the gradient w.r.t. {@code xs} (3 units), {@code hs} (3) and {@code h} (1):
 * <pre>
 *   dz = dh'·(h − n)·z(1 − z)   dn = dh'·(1 − z)·(1 − n²)   dr = dn·hs_h·r(1 − r)
 *   dxs = (dz, dr, dn)          dhs = (dz, dr, dn·r)          dh = dh'·z
 * </pre>
 * σ is the overflow-free form, as in {@link LstmCellKernel}. Rows shorter than a vector run on the twin.
 */
public final class GruCellKernel {

    // ------------------------------------------------------------------------------------------
    // Scalar twins
    // ------------------------------------------------------------------------------------------

    /** The reference forward in float arithmetic (gate functions in double, rounded once). */
    public static void forwardScalar(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff,
                                     float[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            forwardRow(xs, xOff + r * 3 * units, hs, hsOff + r * 3 * units, h, hOff + r * units, out,
                    outOff + r * units, units, 0);
        }
    }

    /** The reference forward in double. */
    public static void forwardScalar(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff,
                                     double[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            forwardRow(xs, xOff + r * 3 * units, hs, hsOff + r * 3 * units, h, hOff + r * units, out,
                    outOff + r * units, units, 0);
        }
    }

    /** The reference backward in float arithmetic. */
    public static void backwardScalar(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff,
                                      float[] d, int dOff, float[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            backwardRow(xs, xOff + r * 3 * units, hs, hsOff + r * 3 * units, h, hOff + r * units, d, dOff + r * units,
                    out, outOff + r * 7 * units, units, 0);
        }
    }

    /** The reference backward in double. */
    public static void backwardScalar(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff,
                                      double[] d, int dOff, double[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            backwardRow(xs, xOff + r * 3 * units, hs, hsOff + r * 3 * units, h, hOff + r * units, d, dOff + r * units,
                    out, outOff + r * 7 * units, units, 0);
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    private static double sigmoid(double x) {
        double t = Math.exp(-Math.abs(x));
        return (x < 0 ? t : 1.0) / (1.0 + t);
    }

    private static void forwardRow(float[] xs, int xr, float[] hs, int sr, float[] h, int hr, float[] out, int or,
                                   int u, int from) {
        for (int j = from; j < u; j++) {
            float z = sigmoid(xs[xr + j] + hs[sr + j]);
            float r = sigmoid(xs[xr + u + j] + hs[sr + u + j]);
            float n = (float) Math.tanh(xs[xr + 2 * u + j] + r * hs[sr + 2 * u + j]);
            out[or + j] = n + z * (h[hr + j] - n);
        }
    }

    private static void forwardRow(double[] xs, int xr, double[] hs, int sr, double[] h, int hr, double[] out, int or,
                                   int u, int from) {
        for (int j = from; j < u; j++) {
            double z = sigmoid(xs[xr + j] + hs[sr + j]);
            double r = sigmoid(xs[xr + u + j] + hs[sr + u + j]);
            double n = Math.tanh(xs[xr + 2 * u + j] + r * hs[sr + 2 * u + j]);
            out[or + j] = n + z * (h[hr + j] - n);
        }
    }

    private static void backwardRow(float[] xs, int xr, float[] hs, int sr, float[] h, int hr, float[] d, int dr,
                                    float[] out, int or, int u, int from) {
        for (int j = from; j < u; j++) {
            float z = sigmoid(xs[xr + j] + hs[sr + j]);
            float r = sigmoid(xs[xr + u + j] + hs[sr + u + j]);
            float hn = hs[sr + 2 * u + j];
            float n = (float) Math.tanh(xs[xr + 2 * u + j] + r * hn);
            float g = d[dr + j];
            float dz = g * (h[hr + j] - n) * z * (1f - z);
            float dn = g * (1f - z) * (1f - n * n);
            float dr2 = dn * hn * r * (1f - r);
            out[or + j] = dz;
            out[or + u + j] = dr2;
            out[or + 2 * u + j] = dn;
            out[or + 3 * u + j] = dz;
            out[or + 4 * u + j] = dr2;
            out[or + 5 * u + j] = dn * r;
            out[or + 6 * u + j] = g * z;
        }
    }

    private static void backwardRow(double[] xs, int xr, double[] hs, int sr, double[] h, int hr, double[] d, int dr,
                                    double[] out, int or, int u, int from) {
        for (int j = from; j < u; j++) {
            double z = sigmoid(xs[xr + j] + hs[sr + j]);
            double r = sigmoid(xs[xr + u + j] + hs[sr + u + j]);
            double hn = hs[sr + 2 * u + j];
            double n = Math.tanh(xs[xr + 2 * u + j] + r * hn);
            double g = d[dr + j];
            double dz = g * (h[hr + j] - n) * z * (1.0 - z);
            double dn = g * (1.0 - z) * (1.0 - n * n);
            double dr2 = dn * hn * r * (1.0 - r);
            out[or + j] = dz;
            out[or + u + j] = dr2;
            out[or + 2 * u + j] = dn;
            out[or + 3 * u + j] = dz;
            out[or + 4 * u + j] = dr2;
            out[or + 5 * u + j] = dn * r;
            out[or + 6 * u + j] = g * z;
        }
    }

    // ------------------------------------------------------------------------------------------
    // SIMD: lanes along the units of one row; the row's tail runs on the twin
    // ------------------------------------------------------------------------------------------

    private static FloatVector sigmoid(FloatVector x) {
        FloatVector t = x.abs().neg().lanewise(VectorOperators.EXP);
        FloatVector num = FloatVector.broadcast(Simd.F32, 1f).blend(t, x.compare(VectorOperators.LT, 0f));
        return num.div(t.add(1f));
    }

    private static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector t = x.abs().neg().lanewise(VectorOperators.EXP);
        DoubleVector num = DoubleVector.broadcast(Simd.F64, 1d).blend(t, x.compare(VectorOperators.LT, 0d));
        return num.div(t.add(1d));
    }

    /** The forward with lanes along the units. */
    public static void forwardSimd(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff,
                                   float[] out, int outOff, int batch, int u) {
        int upper = Simd.F32.loopBound(u);
        for (int b = 0; b < batch; b++) {
            int xr = xOff + b * 3 * u, sr = hsOff + b * 3 * u, hr = hOff + b * u, or = outOff + b * u;
            for (int j = 0; j < upper; j += Simd.F32.length()) {
                FloatVector z = sigmoid(FloatVector.fromArray(Simd.F32, xs, xr + j).add(FloatVector.fromArray(Simd.F32, hs, sr + j)));
                FloatVector r = sigmoid(FloatVector.fromArray(Simd.F32, xs, xr + u + j)
                        .add(FloatVector.fromArray(Simd.F32, hs, sr + u + j)));
                FloatVector n = FloatVector.fromArray(Simd.F32, xs, xr + 2 * u + j)
                        .add(r.mul(FloatVector.fromArray(Simd.F32, hs, sr + 2 * u + j))).lanewise(VectorOperators.TANH);
                n.add(z.mul(FloatVector.fromArray(Simd.F32, h, hr + j).sub(n))).intoArray(out, or + j);
            }
            forwardRow(xs, xr, hs, sr, h, hr, out, or, u, upper);
        }
    }

    /** The forward with lanes along the units. */
    public static void forwardSimd(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff,
                                   double[] out, int outOff, int batch, int u) {
        int upper = Simd.F64.loopBound(u);
        for (int b = 0; b < batch; b++) {
            int xr = xOff + b * 3 * u, sr = hsOff + b * 3 * u, hr = hOff + b * u, or = outOff + b * u;
            for (int j = 0; j < upper; j += Simd.F64.length()) {
                DoubleVector z = sigmoid(DoubleVector.fromArray(Simd.F64, xs, xr + j).add(DoubleVector.fromArray(Simd.F64, hs, sr + j)));
                DoubleVector r = sigmoid(DoubleVector.fromArray(Simd.F64, xs, xr + u + j)
                        .add(DoubleVector.fromArray(Simd.F64, hs, sr + u + j)));
                DoubleVector n = DoubleVector.fromArray(Simd.F64, xs, xr + 2 * u + j)
                        .add(r.mul(DoubleVector.fromArray(Simd.F64, hs, sr + 2 * u + j))).lanewise(VectorOperators.TANH);
                n.add(z.mul(DoubleVector.fromArray(Simd.F64, h, hr + j).sub(n))).intoArray(out, or + j);
            }
            forwardRow(xs, xr, hs, sr, h, hr, out, or, u, upper);
        }
    }

    /** The backward with lanes along the units. */
    public static void backwardSimd(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff,
                                    float[] d, int dOff, float[] out, int outOff, int batch, int u) {
        int upper = Simd.F32.loopBound(u);
        for (int b = 0; b < batch; b++) {
            int xr = xOff + b * 3 * u, sr = hsOff + b * 3 * u, hr = hOff + b * u, dr = dOff + b * u, or = outOff + b * 7 * u;
            for (int j = 0; j < upper; j += Simd.F32.length()) {
                FloatVector z = sigmoid(FloatVector.fromArray(Simd.F32, xs, xr + j).add(FloatVector.fromArray(Simd.F32, hs, sr + j)));
                FloatVector r = sigmoid(FloatVector.fromArray(Simd.F32, xs, xr + u + j)
                        .add(FloatVector.fromArray(Simd.F32, hs, sr + u + j)));
                FloatVector hn = FloatVector.fromArray(Simd.F32, hs, sr + 2 * u + j);
                FloatVector n = FloatVector.fromArray(Simd.F32, xs, xr + 2 * u + j).add(r.mul(hn)).lanewise(VectorOperators.TANH);
                FloatVector g = FloatVector.fromArray(Simd.F32, d, dr + j);
                FloatVector dz = g.mul(FloatVector.fromArray(Simd.F32, h, hr + j).sub(n)).mul(z).mul(z.neg().add(1f));
                FloatVector dn = g.mul(z.neg().add(1f)).mul(n.mul(n).neg().add(1f));
                FloatVector dr2 = dn.mul(hn).mul(r).mul(r.neg().add(1f));
                dz.intoArray(out, or + j);
                dr2.intoArray(out, or + u + j);
                dn.intoArray(out, or + 2 * u + j);
                dz.intoArray(out, or + 3 * u + j);
                dr2.intoArray(out, or + 4 * u + j);
                dn.mul(r).intoArray(out, or + 5 * u + j);
                g.mul(z).intoArray(out, or + 6 * u + j);
            }
            backwardRow(xs, xr, hs, sr, h, hr, d, dr, out, or, u, upper);
        }
    }

    /** The backward with lanes along the units. */
    public static void backwardSimd(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff,
                                    double[] d, int dOff, double[] out, int outOff, int batch, int u) {
        int upper = Simd.F64.loopBound(u);
        for (int b = 0; b < batch; b++) {
            int xr = xOff + b * 3 * u, sr = hsOff + b * 3 * u, hr = hOff + b * u, dr = dOff + b * u, or = outOff + b * 7 * u;
            for (int j = 0; j < upper; j += Simd.F64.length()) {
                DoubleVector z = sigmoid(DoubleVector.fromArray(Simd.F64, xs, xr + j).add(DoubleVector.fromArray(Simd.F64, hs, sr + j)));
                DoubleVector r = sigmoid(DoubleVector.fromArray(Simd.F64, xs, xr + u + j)
                        .add(DoubleVector.fromArray(Simd.F64, hs, sr + u + j)));
                DoubleVector hn = DoubleVector.fromArray(Simd.F64, hs, sr + 2 * u + j);
                DoubleVector n = DoubleVector.fromArray(Simd.F64, xs, xr + 2 * u + j).add(r.mul(hn)).lanewise(VectorOperators.TANH);
                DoubleVector g = DoubleVector.fromArray(Simd.F64, d, dr + j);
                DoubleVector dz = g.mul(DoubleVector.fromArray(Simd.F64, h, hr + j).sub(n)).mul(z).mul(z.neg().add(1d));
                DoubleVector dn = g.mul(z.neg().add(1d)).mul(n.mul(n).neg().add(1d));
                DoubleVector dr2 = dn.mul(hn).mul(r).mul(r.neg().add(1d));
                dz.intoArray(out, or + j);
                dr2.intoArray(out, or + u + j);
                dn.intoArray(out, or + 2 * u + j);
                dz.intoArray(out, or + 3 * u + j);
                dr2.intoArray(out, or + 4 * u + j);
                dn.mul(r).intoArray(out, or + 5 * u + j);
                g.mul(z).intoArray(out, or + 6 * u + j);
            }
            backwardRow(xs, xr, hs, sr, h, hr, d, dr, out, or, u, upper);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Dispatch
    // ------------------------------------------------------------------------------------------

    /** The forward: SIMD when enabled and a row holds at least one vector. */
    public static void forward(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff, float[] out, int outOff,
                               int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F32.length()) forwardSimd(xs, xOff, hs, hsOff, h, hOff, out, outOff, batch, units);
        else forwardScalar(xs, xOff, hs, hsOff, h, hOff, out, outOff, batch, units);
    }

    /** The forward: SIMD when enabled and a row holds at least one vector. */
    public static void forward(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff, double[] out,
                               int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F64.length()) forwardSimd(xs, xOff, hs, hsOff, h, hOff, out, outOff, batch, units);
        else forwardScalar(xs, xOff, hs, hsOff, h, hOff, out, outOff, batch, units);
    }

    /** The backward: SIMD when enabled and a row holds at least one vector. */
    public static void backward(float[] xs, int xOff, float[] hs, int hsOff, float[] h, int hOff, float[] d, int dOff,
                                float[] out, int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F32.length()) backwardSimd(xs, xOff, hs, hsOff, h, hOff, d, dOff, out, outOff, batch, units);
        else backwardScalar(xs, xOff, hs, hsOff, h, hOff, d, dOff, out, outOff, batch, units);
    }

    /** The backward: SIMD when enabled and a row holds at least one vector. */
    public static void backward(double[] xs, int xOff, double[] hs, int hsOff, double[] h, int hOff, double[] d, int dOff,
                                double[] out, int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F64.length()) backwardSimd(xs, xOff, hs, hsOff, h, hOff, d, dOff, out, outOff, batch, units);
        else backwardScalar(xs, xOff, hs, hsOff, h, hOff, d, dOff, out, outOff, batch, units);
    }

    private GruCellKernel() {}
}
