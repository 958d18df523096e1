package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.elementwise.MulKernel;
import dev.vectorgrad.kernels.matmul.Gemm;
import dev.vectorgrad.kernels.reduce.SoftmaxKernel;

/**
 * Scaled dot-product attention's core, {@code softmax(where(mask, q·kᵀ, maskValue))·v}, one (batch, head)
 * at a time for a caller that records nothing (inference): each head's {@code [tq, tv]} scores stay in a
 * cache-sized scratch buffer between the two GEMMs and the in-place softmax, instead of three passes
 * over a stored {@code [batch, heads, tq, tv]} tensor, and the context is written by the second GEMM
 * straight into the {@code [batch, tq, heads·dv]} layout the output projection reads, so no transposed copy
 * is made. The products and the softmax are the same {@link Gemm} and {@link SoftmaxKernel} calls, with
 * the same operand strides, as the composed ops {@code matmul}, {@code where}, {@code softmax},
 * {@code matmul}, {@code transpose}, {@code reshape}, so both round alike (the same bits unless the JIT
 * switches a kernel's tier between the two).
 *
 * <p>Not a recorded op: a caller under a tape composes the same formula from differentiable ops instead
 * ({@link OpHook#current()} says which).
 */
public final class AttentionOps {

    /**
     * The context {@code [b, tq, h·dv]} and, when {@code keepProbabilities}, the probabilities
     * {@code [b, h, tq, tv]} (else null).
     *
     * @param q float32 {@code [b, h, tq, d]}, any strides
     * @param k float32 {@code [b, h, tv, d]}, any strides
     * @param v float32 {@code [b, h, tv, dv]}, any strides
     * @param mask bool, broadcastable to {@code [b, 1, tq, tv]} (true: may attend), or null for none
     * @param scale multiplies every score {@code q·kᵀ} before the mask (1 for none); a power of two gives
     *     the same bits as scaling {@code q} first (Keras's order), since it commutes with every rounding
     * @param maskValue the score a masked position gets before the softmax
     */
    public static NDArray[] attend(NDArray q, NDArray k, NDArray v, NDArray mask, float scale, float maskValue,
            boolean keepProbabilities) {
        Strided sq = NDArrayAccess.view(q), sk = NDArrayAccess.view(k), sv = NDArrayAccess.view(v);
        int[] qs = sq.shape(), ks = sk.shape(), vs = sv.shape();
        if (qs.length != 4 || ks.length != 4 || vs.length != 4 || sq.dtype() != DType.FLOAT32
                || sk.dtype() != DType.FLOAT32 || sv.dtype() != DType.FLOAT32
                || ks[0] != qs[0] || vs[0] != qs[0] || ks[1] != qs[1] || vs[1] != qs[1]
                || ks[3] != qs[3] || vs[2] != ks[2]) {
            throw new IllegalArgumentException("attend: q " + Shapes.format(qs) + ", k " + Shapes.format(ks) + " and v "
                    + Shapes.format(vs) + " must be float32 [b, h, tq, d], [b, h, tv, d] and [b, h, tv, dv]");
        }
        int b = qs[0], h = qs[1], tq = qs[2], d = qs[3], tv = ks[2], dv = vs[3];
        int[] maskStrides = null;
        boolean[] maskData = null;
        int maskOff = 0;
        if (mask != null) {
            Strided sm = NDArrayAccess.view(mask);
            if (sm.dtype() != DType.BOOL || sm.shape().length != 4) {
                throw new IllegalArgumentException("attend: mask must be a rank-4 bool array, got "
                        + sm.dtype() + " " + Shapes.format(sm.shape()));
            }
            int[] target = {b, 1, tq, tv};
            if (!java.util.Arrays.equals(Shapes.broadcast("attend", sm.shape(), target), target)) {
                throw new IllegalArgumentException("attend: mask " + Shapes.format(sm.shape())
                        + " does not broadcast to " + Shapes.format(target));
            }
            maskStrides = Shapes.broadcastStrides(sm.shape(), sm.strides(), target);
            maskData = (boolean[]) sm.data();
            maskOff = sm.offset();
        }
        // both are written in full: recycled buffers inside an NDArray.scope() are fine
        float[] context = (float[]) Convert.allocateForOverwrite(DType.FLOAT32, b * tq * h * dv);
        float[] probabilities = keepProbabilities
                ? (float[]) Convert.allocateForOverwrite(DType.FLOAT32, b * h * tq * tv) : null;
        int heads = b * h;
        int tasks = Math.max(1, Math.min(heads, KernelThreads.isKernelThread() ? 1 : KernelThreads.count()));
        int[] ms = maskStrides;
        boolean[] md = maskData;
        int mo = maskOff;
        KernelThreads.parallelFor(tasks, task -> {
            float[] scratch = probabilities == null ? new float[tq * tv] : null;
            for (int bh = (int) ((long) heads * task / tasks), end = (int) ((long) heads * (task + 1) / tasks); bh < end; bh++) {
                int bi = bh / h, hi = bh % h;
                float[] s = probabilities == null ? scratch : probabilities;
                int so = probabilities == null ? 0 : bh * tq * tv;
                int qo = sq.offset() + bi * sq.strides()[0] + hi * sq.strides()[1];
                int ko = sk.offset() + bi * sk.strides()[0] + hi * sk.strides()[1];
                Gemm.run(tq, tv, d, (float[]) sq.data(), qo, sq.strides()[2], sq.strides()[3],
                        (float[]) sk.data(), ko, sk.strides()[3], sk.strides()[2], s, so, tv);
                for (int i = 0; i < tq; i++) {
                    if (scale != 1f) {
                        // a pass over a row still in L1 from the GEMM, not one over a stored [b, h, tq, d] copy of q
                        MulKernel.runBroadcastRight(s, so + i * tv, scale, s, so + i * tv, tv);
                    }
                    if (md != null) {
                        int rowMask = mo + bi * ms[0] + i * ms[2];
                        for (int j = 0; j < tv; j++) {
                            if (!md[rowMask + j * ms[3]]) {
                                s[so + i * tv + j] = maskValue;
                            }
                        }
                    }
                    SoftmaxKernel.run(s, so + i * tv, s, so + i * tv, tv);
                }
                int vo = sv.offset() + bi * sv.strides()[0] + hi * sv.strides()[1];
                Gemm.run(tq, dv, tv, s, so, tv, 1, (float[]) sv.data(), vo, sv.strides()[2], sv.strides()[3],
                        context, bi * tq * h * dv + hi * dv, h * dv);
            }
        });
        NDArray out = NDArrayAccess.wrap(DType.FLOAT32, context, b, tq, h * dv);
        return new NDArray[] {out, keepProbabilities ? NDArrayAccess.wrap(DType.FLOAT32, probabilities, b, h, tq, tv) : null};
    }

    private AttentionOps() {}
}
