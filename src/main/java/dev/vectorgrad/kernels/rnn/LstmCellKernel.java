package dev.vectorgrad.kernels.rnn;

import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * One LSTM step after its matrix products, in Keras's gate order i, f, c, o.
 *
 * <p>Forward: {@code z [batch, 4·units]} (the pre-activations {@code x·W + h·U + b}) and the previous cell
 * state {@code c [batch, units]} give {@code out [batch, 2·units]} holding the new hidden state then the new
 * cell state, per row:
 * <pre>
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_c)   o = σ(z_o)
 *   c' = f·c + i·g            h' = o·tanh(c')
 * </pre>
 * Backward: with the upstream gradient {@code dout [batch, 2·units]} = (dh', dc') it recomputes the gates
 * from {@code z} (cheaper than storing them) and writes {@code dz [batch, 4·units]} then {@code dc [batch,
 * units]} into one {@code [batch, 5·units]} row each:
 * <pre>
 *   t = tanh(c')    dc'' = dc' + dh'·o·(1 − t²)
 *   dz_i = dc''·g·i(1 − i)   dz_f = dc''·c·f(1 − f)   dz_c = dc''·i·(1 − g²)   dz_o = dh'·t·o(1 − o)
 *   dc = dc''·f
 * </pre>
 * σ is evaluated in the overflow-free form {@code (x < 0 ? e^-|x| : 1) / (1 + e^-|x|)}, as SigmoidKernel does.
 * Arrays are row-major and dense from their offsets; rows shorter than a vector run on the twin.
 */
public final class LstmCellKernel {

    // ------------------------------------------------------------------------------------------
    // Scalar twins
    // ------------------------------------------------------------------------------------------

    /** The reference forward in float arithmetic (gate functions in double, rounded once). */
    public static void forwardScalar(float[] z, int zOff, float[] c, int cOff, float[] out, int outOff,
                                     int batch, int units) {
        for (int r = 0; r < batch; r++) {
            forwardRow(z, zOff + r * 4 * units, c, cOff + r * units, out, outOff + r * 2 * units, units, 0);
        }
    }

    /** The reference forward in double. */
    public static void forwardScalar(double[] z, int zOff, double[] c, int cOff, double[] out, int outOff,
                                     int batch, int units) {
        for (int r = 0; r < batch; r++) {
            forwardRow(z, zOff + r * 4 * units, c, cOff + r * units, out, outOff + r * 2 * units, units, 0);
        }
    }

    /** The reference backward in float arithmetic. */
    public static void backwardScalar(float[] z, int zOff, float[] c, int cOff, float[] dout, int dOff,
                                      float[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            backwardRow(z, zOff + r * 4 * units, c, cOff + r * units, dout, dOff + r * 2 * units,
                    out, outOff + r * 5 * units, units, 0);
        }
    }

    /** The reference backward in double. */
    public static void backwardScalar(double[] z, int zOff, double[] c, int cOff, double[] dout, int dOff,
                                      double[] out, int outOff, int batch, int units) {
        for (int r = 0; r < batch; r++) {
            backwardRow(z, zOff + r * 4 * units, c, cOff + r * units, dout, dOff + r * 2 * units,
                    out, outOff + r * 5 * units, units, 0);
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    private static double sigmoid(double x) {
        double t = Math.exp(-Math.abs(x));
        return (x < 0 ? t : 1.0) / (1.0 + t);
    }

    private static void forwardRow(float[] z, int zr, float[] c, int cr, float[] out, int or, int u, int from) {
        for (int j = from; j < u; j++) {
            float i = sigmoid(z[zr + j]);
            float f = sigmoid(z[zr + u + j]);
            float g = (float) Math.tanh(z[zr + 2 * u + j]);
            float o = sigmoid(z[zr + 3 * u + j]);
            float c2 = f * c[cr + j] + i * g;
            out[or + j] = o * (float) Math.tanh(c2);
            out[or + u + j] = c2;
        }
    }

    private static void forwardRow(double[] z, int zr, double[] c, int cr, double[] out, int or, int u, int from) {
        for (int j = from; j < u; j++) {
            double i = sigmoid(z[zr + j]);
            double f = sigmoid(z[zr + u + j]);
            double g = Math.tanh(z[zr + 2 * u + j]);
            double o = sigmoid(z[zr + 3 * u + j]);
            double c2 = f * c[cr + j] + i * g;
            out[or + j] = o * Math.tanh(c2);
            out[or + u + j] = c2;
        }
    }

    private static void backwardRow(float[] z, int zr, float[] c, int cr, float[] d, int dr, float[] out, int or,
                                    int u, int from) {
        for (int j = from; j < u; j++) {
            float i = sigmoid(z[zr + j]);
            float f = sigmoid(z[zr + u + j]);
            float g = (float) Math.tanh(z[zr + 2 * u + j]);
            float o = sigmoid(z[zr + 3 * u + j]);
            float cPrev = c[cr + j];
            float t = (float) Math.tanh(f * cPrev + i * g);
            float dh = d[dr + j];
            float dc = d[dr + u + j] + dh * o * (1f - t * t);
            out[or + j] = dc * g * i * (1f - i);
            out[or + u + j] = dc * cPrev * f * (1f - f);
            out[or + 2 * u + j] = dc * i * (1f - g * g);
            out[or + 3 * u + j] = dh * t * o * (1f - o);
            out[or + 4 * u + j] = dc * f;
        }
    }

    private static void backwardRow(double[] z, int zr, double[] c, int cr, double[] d, int dr, double[] out, int or,
                                    int u, int from) {
        for (int j = from; j < u; j++) {
            double i = sigmoid(z[zr + j]);
            double f = sigmoid(z[zr + u + j]);
            double g = Math.tanh(z[zr + 2 * u + j]);
            double o = sigmoid(z[zr + 3 * u + j]);
            double cPrev = c[cr + j];
            double t = Math.tanh(f * cPrev + i * g);
            double dh = d[dr + j];
            double dc = d[dr + u + j] + dh * o * (1.0 - t * t);
            out[or + j] = dc * g * i * (1.0 - i);
            out[or + u + j] = dc * cPrev * f * (1.0 - f);
            out[or + 2 * u + j] = dc * i * (1.0 - g * g);
            out[or + 3 * u + j] = dh * t * o * (1.0 - o);
            out[or + 4 * u + j] = dc * f;
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
    public static void forwardSimd(float[] z, int zOff, float[] c, int cOff, float[] out, int outOff,
                                   int batch, int u) {
        int upper = Simd.F32.loopBound(u);
        for (int r = 0; r < batch; r++) {
            int zr = zOff + r * 4 * u, cr = cOff + r * u, or = outOff + r * 2 * u;
            for (int j = 0; j < upper; j += Simd.F32.length()) {
                FloatVector i = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + j));
                FloatVector f = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + u + j));
                FloatVector g = FloatVector.fromArray(Simd.F32, z, zr + 2 * u + j).lanewise(VectorOperators.TANH);
                FloatVector o = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + 3 * u + j));
                FloatVector c2 = f.mul(FloatVector.fromArray(Simd.F32, c, cr + j)).add(i.mul(g));
                o.mul(c2.lanewise(VectorOperators.TANH)).intoArray(out, or + j);
                c2.intoArray(out, or + u + j);
            }
            forwardRow(z, zr, c, cr, out, or, u, upper);
        }
    }

    /** The forward with lanes along the units. */
    public static void forwardSimd(double[] z, int zOff, double[] c, int cOff, double[] out, int outOff,
                                   int batch, int u) {
        int upper = Simd.F64.loopBound(u);
        for (int r = 0; r < batch; r++) {
            int zr = zOff + r * 4 * u, cr = cOff + r * u, or = outOff + r * 2 * u;
            for (int j = 0; j < upper; j += Simd.F64.length()) {
                DoubleVector i = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + j));
                DoubleVector f = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + u + j));
                DoubleVector g = DoubleVector.fromArray(Simd.F64, z, zr + 2 * u + j).lanewise(VectorOperators.TANH);
                DoubleVector o = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + 3 * u + j));
                DoubleVector c2 = f.mul(DoubleVector.fromArray(Simd.F64, c, cr + j)).add(i.mul(g));
                o.mul(c2.lanewise(VectorOperators.TANH)).intoArray(out, or + j);
                c2.intoArray(out, or + u + j);
            }
            forwardRow(z, zr, c, cr, out, or, u, upper);
        }
    }

    /** The backward with lanes along the units. */
    public static void backwardSimd(float[] z, int zOff, float[] c, int cOff, float[] d, int dOff,
                                    float[] out, int outOff, int batch, int u) {
        int upper = Simd.F32.loopBound(u);
        for (int r = 0; r < batch; r++) {
            int zr = zOff + r * 4 * u, cr = cOff + r * u, dr = dOff + r * 2 * u, or = outOff + r * 5 * u;
            for (int j = 0; j < upper; j += Simd.F32.length()) {
                FloatVector i = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + j));
                FloatVector f = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + u + j));
                FloatVector g = FloatVector.fromArray(Simd.F32, z, zr + 2 * u + j).lanewise(VectorOperators.TANH);
                FloatVector o = sigmoid(FloatVector.fromArray(Simd.F32, z, zr + 3 * u + j));
                FloatVector cPrev = FloatVector.fromArray(Simd.F32, c, cr + j);
                FloatVector t = f.mul(cPrev).add(i.mul(g)).lanewise(VectorOperators.TANH);
                FloatVector dh = FloatVector.fromArray(Simd.F32, d, dr + j);
                FloatVector dc = FloatVector.fromArray(Simd.F32, d, dr + u + j)
                        .add(dh.mul(o).mul(t.mul(t).neg().add(1f)));
                dc.mul(g).mul(i).mul(i.neg().add(1f)).intoArray(out, or + j);
                dc.mul(cPrev).mul(f).mul(f.neg().add(1f)).intoArray(out, or + u + j);
                dc.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(out, or + 2 * u + j);
                dh.mul(t).mul(o).mul(o.neg().add(1f)).intoArray(out, or + 3 * u + j);
                dc.mul(f).intoArray(out, or + 4 * u + j);
            }
            backwardRow(z, zr, c, cr, d, dr, out, or, u, upper);
        }
    }

    /** The backward with lanes along the units. */
    public static void backwardSimd(double[] z, int zOff, double[] c, int cOff, double[] d, int dOff,
                                    double[] out, int outOff, int batch, int u) {
        int upper = Simd.F64.loopBound(u);
        for (int r = 0; r < batch; r++) {
            int zr = zOff + r * 4 * u, cr = cOff + r * u, dr = dOff + r * 2 * u, or = outOff + r * 5 * u;
            for (int j = 0; j < upper; j += Simd.F64.length()) {
                DoubleVector i = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + j));
                DoubleVector f = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + u + j));
                DoubleVector g = DoubleVector.fromArray(Simd.F64, z, zr + 2 * u + j).lanewise(VectorOperators.TANH);
                DoubleVector o = sigmoid(DoubleVector.fromArray(Simd.F64, z, zr + 3 * u + j));
                DoubleVector cPrev = DoubleVector.fromArray(Simd.F64, c, cr + j);
                DoubleVector t = f.mul(cPrev).add(i.mul(g)).lanewise(VectorOperators.TANH);
                DoubleVector dh = DoubleVector.fromArray(Simd.F64, d, dr + j);
                DoubleVector dc = DoubleVector.fromArray(Simd.F64, d, dr + u + j)
                        .add(dh.mul(o).mul(t.mul(t).neg().add(1d)));
                dc.mul(g).mul(i).mul(i.neg().add(1d)).intoArray(out, or + j);
                dc.mul(cPrev).mul(f).mul(f.neg().add(1d)).intoArray(out, or + u + j);
                dc.mul(i).mul(g.mul(g).neg().add(1d)).intoArray(out, or + 2 * u + j);
                dh.mul(t).mul(o).mul(o.neg().add(1d)).intoArray(out, or + 3 * u + j);
                dc.mul(f).intoArray(out, or + 4 * u + j);
            }
            backwardRow(z, zr, c, cr, d, dr, out, or, u, upper);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Dispatch
    // ------------------------------------------------------------------------------------------

    /** The forward: SIMD when enabled and a row holds at least one vector. */
    public static void forward(float[] z, int zOff, float[] c, int cOff, float[] out, int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F32.length()) forwardSimd(z, zOff, c, cOff, out, outOff, batch, units);
        else forwardScalar(z, zOff, c, cOff, out, outOff, batch, units);
    }

    /** The forward: SIMD when enabled and a row holds at least one vector. */
    public static void forward(double[] z, int zOff, double[] c, int cOff, double[] out, int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F64.length()) forwardSimd(z, zOff, c, cOff, out, outOff, batch, units);
        else forwardScalar(z, zOff, c, cOff, out, outOff, batch, units);
    }

    /** The backward: SIMD when enabled and a row holds at least one vector. */
    public static void backward(float[] z, int zOff, float[] c, int cOff, float[] d, int dOff, float[] out, int outOff,
                                int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F32.length()) backwardSimd(z, zOff, c, cOff, d, dOff, out, outOff, batch, units);
        else backwardScalar(z, zOff, c, cOff, d, dOff, out, outOff, batch, units);
    }

    /** The backward: SIMD when enabled and a row holds at least one vector. */
    public static void backward(double[] z, int zOff, double[] c, int cOff, double[] d, int dOff, double[] out,
                                int outOff, int batch, int units) {
        if (Simd.ENABLED && units >= Simd.F64.length()) backwardSimd(z, zOff, c, cOff, d, dOff, out, outOff, batch, units);
        else backwardScalar(z, zOff, c, cOff, d, dOff, out, outOff, batch, units);
    }

    private LstmCellKernel() {}
}
