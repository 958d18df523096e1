package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.AcosKernel;
import dev.vectorgrad.kernels.elementwise.AsinKernel;
import dev.vectorgrad.kernels.elementwise.AtanKernel;
import dev.vectorgrad.kernels.elementwise.CoshKernel;
import dev.vectorgrad.kernels.elementwise.EluKernel;
import dev.vectorgrad.kernels.elementwise.ErfKernel;
import dev.vectorgrad.kernels.elementwise.Expm1Kernel;
import dev.vectorgrad.kernels.elementwise.GeluKernel;
import dev.vectorgrad.kernels.elementwise.GeluTanhKernel;
import dev.vectorgrad.kernels.elementwise.HardSigmoidKernel;
import dev.vectorgrad.kernels.elementwise.LeakyReluKernel;
import dev.vectorgrad.kernels.elementwise.Log10Kernel;
import dev.vectorgrad.kernels.elementwise.Log1pKernel;
import dev.vectorgrad.kernels.elementwise.Log2Kernel;
import dev.vectorgrad.kernels.elementwise.SeluKernel;
import dev.vectorgrad.kernels.elementwise.SiluKernel;
import dev.vectorgrad.kernels.elementwise.SinhKernel;
import dev.vectorgrad.kernels.elementwise.SoftplusKernel;
import dev.vectorgrad.kernels.elementwise.SoftsignKernel;
import dev.vectorgrad.kernels.elementwise.TanKernel;

/**
 * Binds issue 9's unary math ops (float types only) to their hand-written kernels; {@link KernelTable}
 * falls back to this table for ops it does not know, so {@link Elementwise#unary} drives them like any other.
 */
final class MathKernels {
    private static final KernelTable.Unary[][] TABLE = new KernelTable.Unary[2][Op.values().length];

    static {
        put(Op.ERF, ErfKernel::run, ErfKernel::run);
        put(Op.LOG1P, Log1pKernel::run, Log1pKernel::run);
        put(Op.EXPM1, Expm1Kernel::run, Expm1Kernel::run);
        put(Op.LOG2, Log2Kernel::run, Log2Kernel::run);
        put(Op.LOG10, Log10Kernel::run, Log10Kernel::run);
        put(Op.TAN, TanKernel::run, TanKernel::run);
        put(Op.ASIN, AsinKernel::run, AsinKernel::run);
        put(Op.ACOS, AcosKernel::run, AcosKernel::run);
        put(Op.ATAN, AtanKernel::run, AtanKernel::run);
        put(Op.SINH, SinhKernel::run, SinhKernel::run);
        put(Op.COSH, CoshKernel::run, CoshKernel::run);
        put(Op.SOFTPLUS, SoftplusKernel::run, SoftplusKernel::run);
        put(Op.GELU, GeluKernel::run, GeluKernel::run);
        put(Op.GELU_TANH, GeluTanhKernel::run, GeluTanhKernel::run);
        put(Op.SILU, SiluKernel::run, SiluKernel::run);
        put(Op.ELU, EluKernel::run, EluKernel::run);
        put(Op.SELU, SeluKernel::run, SeluKernel::run);
        put(Op.SOFTSIGN, SoftsignKernel::run, SoftsignKernel::run);
        put(Op.HARD_SIGMOID, HardSigmoidKernel::run, HardSigmoidKernel::run);
    }

    private static void put(Op op, KernelTable.F32Unary f, KernelTable.F64Unary d) {
        TABLE[0][op.ordinal()] = (x, xo, out, oo, n) -> f.run((float[]) x, xo, (float[]) out, oo, n);
        TABLE[1][op.ordinal()] = (x, xo, out, oo, n) -> d.run((double[]) x, xo, (double[]) out, oo, n);
    }

    /** The kernel of {@code op} on {@code t}, or null (integer types have none: callers read them as float32). */
    static KernelTable.Unary unary(Op op, DType t) {
        return t == DType.FLOAT32 ? TABLE[0][op.ordinal()] : t == DType.FLOAT64 ? TABLE[1][op.ordinal()] : null;
    }

    /** {@code leakyRelu}, whose kernel takes its slope: the input read as {@code t} and made contiguous once. */
    static Strided leakyRelu(Strided x, double alpha, DType t) {
        int[] shape = x.shape();
        int n = Shapes.size(shape);
        boolean direct = x.dtype() == t && x.isContiguous();
        Object in = direct ? x.data() : Convert.contiguous(x, t);
        int inOff = direct ? x.offset() : 0;
        Object out = direct ? Convert.allocate(t, n) : in;   // a private copy may be overwritten in place
        if (t == DType.FLOAT32) {
            LeakyReluKernel.run((float[]) in, inOff, (float[]) out, 0, n, (float) alpha);
        } else {
            LeakyReluKernel.run((double[]) in, inOff, (double[]) out, 0, n, alpha);
        }
        return new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape));
    }

    private MathKernels() {}
}
