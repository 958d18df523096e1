package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.reduce.ArgMaxKernel;
import dev.vectorgrad.kernels.reduce.ArgMinKernel;
import dev.vectorgrad.kernels.reduce.LogSoftmaxKernel;
import dev.vectorgrad.kernels.reduce.LogSumExpKernel;
import dev.vectorgrad.kernels.reduce.SoftmaxKernel;

/**
 * Ops that read one whole lane along an axis at a time: softmax, logSoftmax, logSumExp, argMax,
 * argMin. A lane with stride 1 goes to the kernel in place; any other lane is gathered into a
 * lane-sized scratch buffer first (and, for softmax, scattered back).
 */
public final class AlongAxis {

    /** The per-lane kernels this class drives. */
    public enum Lane { SOFTMAX, LOG_SOFTMAX, LOG_SUM_EXP, ARG_MAX, ARG_MIN }

    /**
     * Applies {@code lane} along {@code axis} of {@code x} read as {@code t} (float types for the
     * softmax family). Softmax-like lanes keep the shape; reducing lanes drop the axis unless
     * {@code keepDims}; arg lanes give INT64.
     */
    public static Strided apply(Lane lane, Strided x, int axis, boolean keepDims, DType t) {
        int[] shape = x.shape();
        int laneLen = shape[axis];
        boolean reduces = lane != Lane.SOFTMAX && lane != Lane.LOG_SOFTMAX;
        int[] outShape = reduces ? Shapes.reducedShape(shape, new int[] {axis}, keepDims) : shape;
        DType outType = lane == Lane.ARG_MAX || lane == Lane.ARG_MIN ? DType.INT64 : t;
        Object out = Convert.allocateResult(outType, Shapes.size(outShape));
        Strided result = new Strided(outType, out, 0, outShape, Shapes.rowMajorStrides(outShape));
        if (Shapes.size(outShape) == 0) {
            return result;
        }
        if (laneLen == 0) {
            if (lane == Lane.ARG_MAX || lane == Lane.ARG_MIN) {
                throw new IllegalArgumentException((lane == Lane.ARG_MAX ? "argMax" : "argMin")
                        + ": attempt to get the arg of an empty sequence along axis " + axis + " of shape " + Shapes.format(shape));
            }
            if (lane == Lane.LOG_SUM_EXP) {
                fillNegInf(out);
            }
            return result;
        }
        if (axis == shape.length - 1 && x.dtype() == t && x.isContiguous()) {
            // the common case, softmax over the last axis of a dense batch: one kernel call per row
            int rows = x.size() / laneLen;
            for (int r = 0; r < rows; r++) {
                runLane(lane, x.data(), x.offset() + r * laneLen, laneLen, out, reduces ? r : r * laneLen, 1, null);
            }
            return result;
        }
        // the out strides as seen from x's shape (the reduced axis contributes 0)
        int[] keepShape = Shapes.reducedShape(shape, new int[] {axis}, true);
        int[] outStrides = reduces ? Shapes.rowMajorStrides(keepShape) : Shapes.rowMajorStrides(shape);
        int outLaneStride = reduces ? 0 : outStrides[axis];
        int xLaneStride = x.strides()[axis];
        int[] others = shape.clone();
        others[axis] = 1;
        boolean direct = x.dtype() == t && xLaneStride == 1;
        Object in = direct ? null : Convert.allocate(t, laneLen);
        Object tmp = reduces || outLaneStride == 1 ? null : Convert.allocate(t, laneLen);
        StridedLoop.plan(others, new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    for (int j = 0; j < len; j++) {
                        int xo = off[0] + j * inc[0];
                        int oo = off[1] + j * inc[1];
                        Object src = x.data();
                        int so = xo;
                        if (!direct) {
                            Convert.gather(x.dtype(), x.data(), xo, xLaneStride, laneLen, in, 0);
                            src = in;
                            so = 0;
                        }
                        runLane(lane, src, so, laneLen, out, oo, outLaneStride, tmp);
                    }
                });
        return result;
    }

    private static void runLane(Lane lane, Object src, int so, int n, Object out, int oo, int outStride, Object tmp) {
        switch (lane) {
            case ARG_MAX -> ((long[]) out)[oo] = switch (src) {
                case float[] s -> ArgMaxKernel.run(s, so, n);
                case double[] s -> ArgMaxKernel.run(s, so, n);
                case int[] s -> ArgMaxKernel.run(s, so, n);
                case long[] s -> ArgMaxKernel.run(s, so, n);
                default -> throw new IllegalStateException();
            };
            case ARG_MIN -> ((long[]) out)[oo] = switch (src) {
                case float[] s -> ArgMinKernel.run(s, so, n);
                case double[] s -> ArgMinKernel.run(s, so, n);
                case int[] s -> ArgMinKernel.run(s, so, n);
                case long[] s -> ArgMinKernel.run(s, so, n);
                default -> throw new IllegalStateException();
            };
            case LOG_SUM_EXP -> {
                if (src instanceof float[] s) {
                    ((float[]) out)[oo] = LogSumExpKernel.run(s, so, n);
                } else {
                    ((double[]) out)[oo] = LogSumExpKernel.run((double[]) src, so, n);
                }
            }
            case SOFTMAX, LOG_SOFTMAX -> {
                Object dst = outStride == 1 ? out : tmp;
                int dOff = outStride == 1 ? oo : 0;
                if (src instanceof float[] s) {
                    if (lane == Lane.SOFTMAX) {
                        SoftmaxKernel.run(s, so, (float[]) dst, dOff, n);
                    } else {
                        LogSoftmaxKernel.run(s, so, (float[]) dst, dOff, n);
                    }
                } else if (lane == Lane.SOFTMAX) {
                    SoftmaxKernel.run((double[]) src, so, (double[]) dst, dOff, n);
                } else {
                    LogSoftmaxKernel.run((double[]) src, so, (double[]) dst, dOff, n);
                }
                if (outStride != 1) {
                    Convert.scatter(tmp, n, out, oo, outStride);
                }
            }
        }
    }

    private static void fillNegInf(Object out) {
        if (out instanceof float[] f) {
            java.util.Arrays.fill(f, Float.NEGATIVE_INFINITY);
        } else {
            java.util.Arrays.fill((double[]) out, Double.NEGATIVE_INFINITY);
        }
    }

    private AlongAxis() {}
}
