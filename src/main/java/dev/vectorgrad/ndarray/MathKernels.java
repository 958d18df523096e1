package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.LeakyReluKernel;

/**
 * Dispatch for issue 9's kernels that take a parameter, which the generated {@link KernelTable} (one
 * signature per shape) cannot express: today {@code leakyRelu}'s slope.
 */
final class MathKernels {

    /** {@code leakyRelu}, whose kernel takes its slope: the input read as {@code t} and made contiguous once. */
    static Strided leakyRelu(Strided x, double alpha, DType t) {
        int[] shape = x.shape();
        int n = Shapes.size(shape);
        boolean direct = x.dtype() == t && x.isContiguous();
        Object in = direct ? x.data() : Convert.contiguous(x, t);
        int inOff = direct ? x.offset() : 0;
        Object out = direct ? Convert.allocateForOverwrite(t, n) : in;   // a private copy may be overwritten in place
        if (t == DType.FLOAT32) {
            LeakyReluKernel.run((float[]) in, inOff, (float[]) out, 0, n, (float) alpha);
        } else {
            LeakyReluKernel.run((double[]) in, inOff, (double[]) out, 0, n, alpha);
        }
        return new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape));
    }

    private MathKernels() {}
}
