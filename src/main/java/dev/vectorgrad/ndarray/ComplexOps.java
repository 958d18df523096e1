package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.kernels.elementwise.ComplexMulKernel;

/**
 * Complex arithmetic on {@link ComplexBuffer}s, NumPy's semantics. NDArray branches here at the top
 * of each op when an operand is complex, so the real dispatch ({@link Elementwise}, the kernel
 * table) never sees a complex buffer.
 *
 * <p>Wherever an op is linear in the parts it is done on the parts with the real machinery, which
 * is vectorised and already handles strides and broadcasting: {@code sum} reduces the real and the
 * imaginary parts separately, {@code matmul} is four real GEMMs
 * ({@code (A+iB)(C+iD) = (AC−BD) + i(AD+BC)}), {@code where} selects each part, {@code real()} and
 * {@code imag()} are views. Multiply goes to {@link ComplexMulKernel} (SIMD on the split parts, in
 * the parts' own precision, as NumPy computes). The rest (divide, exp, log, sqrt, abs) walk the
 * broadcast operands with {@link StridedLoop} in plain loops, one per op, computed in double and
 * rounded once to the result's precision. Division uses Smith's algorithm (as NumPy does) so that
 * {@code |b|²} never overflows or underflows on its own; exp, log and sqrt follow C99's
 * {@code cexp}, {@code clog}, {@code csqrt} (principal branches, the cut of log and sqrt along the
 * negative real axis, the sign of a zero imaginary part choosing the side).
 */
public final class ComplexOps {

    /** The real type of each part of complex type {@code t}. */
    public static DType partType(DType t) {
        return t == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
    }

    /** The complex type holding values of real type {@code t} without loss of the part type. */
    public static DType complexOf(DType t) {
        return t.isComplex() ? t : t == DType.FLOAT64 ? DType.COMPLEX128 : DType.COMPLEX64;
    }

    /** The real parts of {@code x} as a view (no copy); a real {@code x} is its own real part. */
    public static Strided real(Strided x) {
        if (!x.dtype().isComplex()) {
            return x;
        }
        return new Strided(partType(x.dtype()), ((ComplexBuffer) x.data()).reals(), x.offset(), x.shape(), x.strides());
    }

    /** The imaginary parts of {@code x} as a view; a real {@code x} gives a broadcast zero of its shape. */
    public static Strided imag(Strided x) {
        if (!x.dtype().isComplex()) {
            DType t = x.dtype().isFloating() ? x.dtype() : DType.FLOAT32;
            return new Strided(t, Convert.allocate(t, 1), 0, x.shape(), new int[x.shape().length]);
        }
        return new Strided(partType(x.dtype()), ((ComplexBuffer) x.data()).imags(), x.offset(), x.shape(), x.strides());
    }

    /** {@code re + i·im} (TensorFlow's {@code tf.complex}), broadcasting, of complex type {@code t}. */
    public static Strided complex(Strided re, Strided im, DType t) {
        int[] shape = Shapes.broadcast("complex", re.shape(), im.shape());
        DType pt = partType(t);
        Strided r = Convert.contiguousAs(re, pt, shape);
        Strided i = Convert.contiguousAs(im, pt, shape);
        ComplexBuffer out = pt == DType.FLOAT32
                ? new ComplexBuffer.OfFloat((float[]) r.data(), (float[]) i.data())
                : new ComplexBuffer.OfDouble((double[]) r.data(), (double[]) i.data());
        return new Strided(t, out, 0, shape, Shapes.rowMajorStrides(shape));
    }

    /** Joins two real results of one shape, both row-major, into a complex array of type {@code t}. */
    private static Strided join(Strided re, Strided im, DType t) {
        return complex(re, im, t);
    }

    /** {@code a op b} for ADD, SUB, MUL and DIV, broadcasting, both read as complex type {@code t}. */
    public static Strided binary(Op op, String name, Strided a, Strided b, DType t) {
        DType pt = partType(t);
        switch (op) {
            case ADD, SUB -> {
                // linear: the real kernels do each part, broadcasting included
                Strided re = Elementwise.binary(op, name, real(a), real(b), pt);
                Strided im = Elementwise.binary(op, name, imag(a), imag(b), pt);
                return join(re, im, t);
            }
            case MUL, DIV -> {
                return pointwise(op, name, a, b, t);
            }
            default -> throw new IllegalArgumentException(name + ": not supported for dtype " + t
                    + " (complex numbers are not ordered and have no " + name + " in TensorFlow)");
        }
    }

    private static Strided pointwise(Op op, String name, Strided a, Strided b, DType t) {
        int[] shape = Shapes.broadcast(name, a.shape(), b.shape());
        Strided ca = as(a, t);
        Strided cb = as(b, t);
        int n = Shapes.size(shape);
        ComplexBuffer out = ComplexBuffer.allocate(t, n);
        int[] outStrides = Shapes.rowMajorStrides(shape);
        ComplexBuffer x = (ComplexBuffer) ca.data();
        ComplexBuffer y = (ComplexBuffer) cb.data();
        StridedLoop.plan(shape, new int[][] {ca.stridesFor(shape), cb.stridesFor(shape), outStrides},
                new int[] {ca.offset(), cb.offset(), 0}).forEach((len, off, inc) -> {
                    if (op == Op.MUL) {
                        mul(x, off[0], inc[0], y, off[1], inc[1], out, off[2], len);
                    } else {
                        div(x, off[0], inc[0], y, off[1], inc[1], out, off[2], len);
                    }
                });
        return new Strided(t, out, 0, shape, outStrides);
    }

    /**
     * {@code (a+bi)(c+di) = (ac−bd) + (ad+bc)i} in the buffers' own precision: dense runs go to
     * {@link ComplexMulKernel}, strided and broadcast runs to the same arithmetic one element at a time.
     */
    static void mul(ComplexBuffer x, int xOff, int xInc, ComplexBuffer y, int yOff, int yInc, ComplexBuffer out,
                    int outOff, int n) {
        if (x instanceof ComplexBuffer.OfFloat(float[] ar, float[] ai)
                && y instanceof ComplexBuffer.OfFloat(float[] br, float[] bi)
                && out instanceof ComplexBuffer.OfFloat(float[] cr, float[] ci)) {
            if (xInc == 1 && yInc == 1) {
                ComplexMulKernel.run(ar, ai, xOff, br, bi, yOff, cr, ci, outOff, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                float a = ar[xOff + i * xInc], b = ai[xOff + i * xInc], c = br[yOff + i * yInc], d = bi[yOff + i * yInc];
                cr[outOff + i] = a * c - b * d;
                ci[outOff + i] = a * d + b * c;
            }
        } else if (x instanceof ComplexBuffer.OfDouble(double[] ar, double[] ai)
                && y instanceof ComplexBuffer.OfDouble(double[] br, double[] bi)
                && out instanceof ComplexBuffer.OfDouble(double[] cr, double[] ci)) {
            if (xInc == 1 && yInc == 1) {
                ComplexMulKernel.run(ar, ai, xOff, br, bi, yOff, cr, ci, outOff, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                double a = ar[xOff + i * xInc], b = ai[xOff + i * xInc], c = br[yOff + i * yInc], d = bi[yOff + i * yInc];
                cr[outOff + i] = a * c - b * d;
                ci[outOff + i] = a * d + b * c;
            }
        } else {
            throw new IllegalStateException("mul: operands of mixed complex precision");
        }
    }

    /** Smith's algorithm: scale by the larger part of the divisor, so nothing squares into overflow. */
    static void div(ComplexBuffer x, int xOff, int xInc, ComplexBuffer y, int yOff, int yInc, ComplexBuffer out,
                    int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(xOff + i * xInc), b = x.im(xOff + i * xInc);
            double c = y.re(yOff + i * yInc), d = y.im(yOff + i * yInc);
            double re;
            double im;
            if (Math.abs(c) >= Math.abs(d)) {
                if (c == 0 && d == 0) {
                    re = a / Math.abs(c); // NumPy: division by complex zero gives inf/nan parts
                    im = b / Math.abs(d);
                } else {
                    double r = d / c;
                    double den = c + d * r;
                    re = (a + b * r) / den;
                    im = (b - a * r) / den;
                }
            } else {
                double r = c / d;
                double den = c * r + d;
                re = (a * r + b) / den;
                im = (b * r - a) / den;
            }
            out.set(outOff + i, re, im);
        }
    }

    /** {@code a == b} or {@code a != b} on both parts; a BOOL result. */
    public static Strided compare(Op op, String name, Strided a, Strided b, DType t) {
        DType pt = partType(t);
        Strided re = Elementwise.compare(op, name, real(a), real(b), pt);
        Strided im = Elementwise.compare(op, name, imag(a), imag(b), pt);
        boolean[] r = (boolean[]) re.data();
        boolean[] m = (boolean[]) im.data();
        for (int i = 0; i < r.length; i++) {
            r[i] = op == Op.EQ ? r[i] && m[i] : r[i] || m[i];
        }
        return re;
    }

    /** Elementwise NEG, SQUARE, EXP, LOG, SQRT, SIGN ({@code z/|z|}) and CONJ of complex {@code x}. */
    public static Strided unary(Op op, String name, Strided x) {
        DType t = x.dtype();
        DType pt = partType(t);
        if (op == Op.NEG) {
            return join(Elementwise.unary(Op.NEG, name, real(x), pt), Elementwise.unary(Op.NEG, name, imag(x), pt), t);
        }
        if (op == Op.CONJ) {
            return join(Convert.contiguousAs(real(x), pt, x.shape()), Elementwise.unary(Op.NEG, name, imag(x), pt), t);
        }
        int[] shape = x.shape();
        int n = Shapes.size(shape);
        ComplexBuffer out = ComplexBuffer.allocate(t, n);
        int[] outStrides = Shapes.rowMajorStrides(shape);
        ComplexBuffer in = (ComplexBuffer) x.data();
        StridedLoop.plan(shape, new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    switch (op) {
                        case SQUARE -> square(in, off[0], inc[0], out, off[1], len);
                        case EXP -> exp(in, off[0], inc[0], out, off[1], len);
                        case LOG -> log(in, off[0], inc[0], out, off[1], len);
                        case SQRT -> sqrt(in, off[0], inc[0], out, off[1], len);
                        case SIGN -> sign(in, off[0], inc[0], out, off[1], len);
                        default -> throw new IllegalArgumentException(name + ": not supported for dtype " + t);
                    }
                });
        return new Strided(t, out, 0, shape, outStrides);
    }

    /** {@code (a+bi)² = (a−b)(a+b) + 2abi}; the factored real part avoids cancellation (as NumPy). */
    static void square(ComplexBuffer x, int off, int inc, ComplexBuffer out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(off + i * inc), b = x.im(off + i * inc);
            out.set(outOff + i, (a - b) * (a + b), 2 * a * b);
        }
    }

    /** {@code e^(a+bi) = e^a (cos b + i sin b)}; a zero imaginary part stays exactly zero (C99 cexp). */
    static void exp(ComplexBuffer x, int off, int inc, ComplexBuffer out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(off + i * inc), b = x.im(off + i * inc);
            double e = Math.exp(a);
            if (b == 0) {
                out.set(outOff + i, e, b); // keeps the sign of the zero, and inf·0 never makes a NaN
            } else {
                out.set(outOff + i, e * Math.cos(b), e * Math.sin(b));
            }
        }
    }

    /** Principal {@code log z = ln|z| + i·arg z}, arg in {@code (−π, π]}; {@code log 0 = −inf}. */
    static void log(ComplexBuffer x, int off, int inc, ComplexBuffer out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(off + i * inc), b = x.im(off + i * inc);
            out.set(outOff + i, Math.log(Math.hypot(a, b)), Math.atan2(b, a));
        }
    }

    /**
     * Principal square root (C99 csqrt): {@code t = √((|a| + |z|)/2)}; for {@code a ≥ 0} the root is
     * {@code t + i·b/(2t)}, else {@code |b|/(2t) ± i·t} with the sign of {@code b}.
     */
    static void sqrt(ComplexBuffer x, int off, int inc, ComplexBuffer out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(off + i * inc), b = x.im(off + i * inc);
            double re;
            double im;
            if (a == 0 && b == 0) {
                re = 0;
                im = b;
            } else if (Double.isInfinite(b)) {
                re = Double.POSITIVE_INFINITY;
                im = b;
            } else {
                double t = Math.sqrt((Math.abs(a) + Math.hypot(a, b)) / 2);
                if (a >= 0) {
                    re = t;
                    im = b / (2 * t);
                } else {
                    re = Math.abs(b) / (2 * t);
                    im = Math.copySign(t, b);
                }
            }
            out.set(outOff + i, re, im);
        }
    }

    /** {@code z/|z|}, 0 at 0 (NumPy 2's and TensorFlow's complex sign). */
    static void sign(ComplexBuffer x, int off, int inc, ComplexBuffer out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            double a = x.re(off + i * inc), b = x.im(off + i * inc);
            double m = Math.hypot(a, b);
            if (m == 0) {
                out.set(outOff + i, 0, 0);
            } else {
                out.set(outOff + i, a / m, b / m);
            }
        }
    }

    /** {@code |z|} ({@code hypot}, no overflow for large parts), of the part type. */
    public static Strided abs(Strided x) {
        return partwise(x, true);
    }

    /** {@code arg z = atan2(im, re)} in {@code (−π, π]}, of the part type. */
    public static Strided angle(Strided x) {
        return partwise(x, false);
    }

    private static Strided partwise(Strided x, boolean magnitude) {
        DType pt = partType(x.dtype());
        int[] shape = x.shape();
        int n = Shapes.size(shape);
        double[] v = new double[n];
        int[] outStrides = Shapes.rowMajorStrides(shape);
        ComplexBuffer in = (ComplexBuffer) x.data();
        StridedLoop.plan(shape, new int[][] {x.strides(), outStrides}, new int[] {x.offset(), 0})
                .forEach((len, off, inc) -> {
                    for (int i = 0; i < len; i++) {
                        double a = in.re(off[0] + i * inc[0]), b = in.im(off[0] + i * inc[0]);
                        v[off[1] + i] = magnitude ? Math.hypot(a, b) : Math.atan2(b, a);
                    }
                });
        Strided d = new Strided(DType.FLOAT64, v, 0, shape, outStrides);
        return pt == DType.FLOAT64 ? d : new Strided(pt, Convert.contiguous(d, pt), 0, shape, outStrides);
    }

    /** Sum over {@code axes}: the real and imaginary parts reduced apart by the real kernels. */
    public static Strided sum(String name, Strided x, int[] axes, boolean keepDims, DType t) {
        DType pt = partType(t);
        Strided re = Reductions.reduce(Reductions.Kind.SUM, name, real(x), axes, keepDims, pt);
        Strided im = Reductions.reduce(Reductions.Kind.SUM, name, imag(x).dtype() == pt ? imag(x)
                : Convert.contiguousAs(imag(x), pt, x.shape()), axes, keepDims, pt);
        return join(re, im, t);
    }

    /** NumPy's matmul as four real GEMMs on the parts (three when an operand is real, two when both are). */
    public static Strided matmul(Strided a, Strided b, DType t) {
        DType pt = partType(t);
        Strided ar = real(a);
        Strided br = real(b);
        boolean aComplex = a.dtype().isComplex();
        boolean bComplex = b.dtype().isComplex();
        Strided re = MatMul.matmul(ar, br, pt);
        Strided im;
        if (aComplex && bComplex) {
            re = Elementwise.binary(Op.SUB, "matmul", re, MatMul.matmul(imag(a), imag(b), pt), pt);
            im = Elementwise.binary(Op.ADD, "matmul", MatMul.matmul(ar, imag(b), pt), MatMul.matmul(imag(a), br, pt), pt);
        } else if (aComplex) {
            im = MatMul.matmul(imag(a), br, pt);
        } else {
            im = MatMul.matmul(ar, imag(b), pt);
        }
        return join(re, im, t);
    }

    /** {@code cond ? a : b} with broadcasting, each part selected by the real {@code where}. */
    public static Strided where(Strided cond, Strided a, Strided b, DType t) {
        DType pt = partType(t);
        Strided re = Elementwise.where(cond, real(a), real(b), pt);
        Strided im = Elementwise.where(cond, imag(a), imag(b), pt);
        return join(re, im, t);
    }

    /** {@code x} read as complex type {@code t}: itself when it already is, else a converted copy. */
    private static Strided as(Strided x, DType t) {
        if (x.dtype() == t) {
            return x;
        }
        return new Strided(t, Convert.contiguous(x, t), 0, x.shape(), Shapes.rowMajorStrides(x.shape()));
    }

    private ComplexOps() {}
}
