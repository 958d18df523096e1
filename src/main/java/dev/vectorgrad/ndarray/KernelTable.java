package dev.vectorgrad.ndarray;

import dev.vectorgrad.kernels.elementwise.*;

/**
 * Binds each elementwise {@link Op} to its kernel class, per element type. The NDArray layer only
 * decides which of the three run shapes applies (both operands contiguous, right operand broadcast,
 * left operand broadcast); the kernel does the arithmetic.
 */
final class KernelTable {

    // ---- run shapes, one set per element type ----
    interface F32Run { void run(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n); }
    interface F32Right { void run(float[] a, int aOff, float b, float[] out, int outOff, int n); }
    interface F32Left { void run(float a, float[] b, int bOff, float[] out, int outOff, int n); }
    interface F64Run { void run(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n); }
    interface F64Right { void run(double[] a, int aOff, double b, double[] out, int outOff, int n); }
    interface F64Left { void run(double a, double[] b, int bOff, double[] out, int outOff, int n); }
    interface I32Run { void run(int[] a, int aOff, int[] b, int bOff, int[] out, int outOff, int n); }
    interface I32Right { void run(int[] a, int aOff, int b, int[] out, int outOff, int n); }
    interface I32Left { void run(int a, int[] b, int bOff, int[] out, int outOff, int n); }
    interface I64Run { void run(long[] a, int aOff, long[] b, int bOff, long[] out, int outOff, int n); }
    interface I64Right { void run(long[] a, int aOff, long b, long[] out, int outOff, int n); }
    interface I64Left { void run(long a, long[] b, int bOff, long[] out, int outOff, int n); }

    record F32(F32Run run, F32Right right, F32Left left) {}
    record F64(F64Run run, F64Right right, F64Left left) {}
    record I32(I32Run run, I32Right right, I32Left left) {}
    record I64(I64Run run, I64Right right, I64Left left) {}

    interface F32Unary { void run(float[] x, int xOff, float[] out, int outOff, int n); }
    interface F64Unary { void run(double[] x, int xOff, double[] out, int outOff, int n); }
    interface I32Unary { void run(int[] x, int xOff, int[] out, int outOff, int n); }
    interface I64Unary { void run(long[] x, int xOff, long[] out, int outOff, int n); }

    private static F32 f32(Op op) {
        return switch (op) {
            case ADD -> new F32(AddKernel::run, AddKernel::runBroadcastRight, AddKernel::runBroadcastLeft);
            case SUB -> new F32(SubKernel::run, SubKernel::runBroadcastRight, SubKernel::runBroadcastLeft);
            case MUL -> new F32(MulKernel::run, MulKernel::runBroadcastRight, MulKernel::runBroadcastLeft);
            case DIV -> new F32(DivKernel::run, DivKernel::runBroadcastRight, DivKernel::runBroadcastLeft);
            case POW -> new F32(PowKernel::run, PowKernel::runBroadcastRight, PowKernel::runBroadcastLeft);
            case MAXIMUM -> new F32(MaximumKernel::run, MaximumKernel::runBroadcastRight, MaximumKernel::runBroadcastLeft);
            case MINIMUM -> new F32(MinimumKernel::run, MinimumKernel::runBroadcastRight, MinimumKernel::runBroadcastLeft);
            default -> throw new IllegalStateException("no float32 binary kernel for " + op);
        };
    }

    private static F64 f64(Op op) {
        return switch (op) {
            case ADD -> new F64(AddKernel::run, AddKernel::runBroadcastRight, AddKernel::runBroadcastLeft);
            case SUB -> new F64(SubKernel::run, SubKernel::runBroadcastRight, SubKernel::runBroadcastLeft);
            case MUL -> new F64(MulKernel::run, MulKernel::runBroadcastRight, MulKernel::runBroadcastLeft);
            case DIV -> new F64(DivKernel::run, DivKernel::runBroadcastRight, DivKernel::runBroadcastLeft);
            case POW -> new F64(PowKernel::run, PowKernel::runBroadcastRight, PowKernel::runBroadcastLeft);
            case MAXIMUM -> new F64(MaximumKernel::run, MaximumKernel::runBroadcastRight, MaximumKernel::runBroadcastLeft);
            case MINIMUM -> new F64(MinimumKernel::run, MinimumKernel::runBroadcastRight, MinimumKernel::runBroadcastLeft);
            default -> throw new IllegalStateException("no float64 binary kernel for " + op);
        };
    }

    private static I32 i32(Op op) {
        return switch (op) {
            case ADD -> new I32(AddKernel::run, AddKernel::runBroadcastRight, AddKernel::runBroadcastLeft);
            case SUB -> new I32(SubKernel::run, SubKernel::runBroadcastRight, SubKernel::runBroadcastLeft);
            case MUL -> new I32(MulKernel::run, MulKernel::runBroadcastRight, MulKernel::runBroadcastLeft);
            case POW -> new I32(PowKernel::run, PowKernel::runBroadcastRight, PowKernel::runBroadcastLeft);
            case MAXIMUM -> new I32(MaximumKernel::run, MaximumKernel::runBroadcastRight, MaximumKernel::runBroadcastLeft);
            case MINIMUM -> new I32(MinimumKernel::run, MinimumKernel::runBroadcastRight, MinimumKernel::runBroadcastLeft);
            default -> throw new IllegalStateException("no int32 binary kernel for " + op);
        };
    }

    private static I64 i64(Op op) {
        return switch (op) {
            case ADD -> new I64(AddKernel::run, AddKernel::runBroadcastRight, AddKernel::runBroadcastLeft);
            case SUB -> new I64(SubKernel::run, SubKernel::runBroadcastRight, SubKernel::runBroadcastLeft);
            case MUL -> new I64(MulKernel::run, MulKernel::runBroadcastRight, MulKernel::runBroadcastLeft);
            case POW -> new I64(PowKernel::run, PowKernel::runBroadcastRight, PowKernel::runBroadcastLeft);
            case MAXIMUM -> new I64(MaximumKernel::run, MaximumKernel::runBroadcastRight, MaximumKernel::runBroadcastLeft);
            case MINIMUM -> new I64(MinimumKernel::run, MinimumKernel::runBroadcastRight, MinimumKernel::runBroadcastLeft);
            default -> throw new IllegalStateException("no int64 binary kernel for " + op);
        };
    }

    private static F32Unary f32Unary(Op op) {
        return switch (op) {
            case NEG -> NegKernel::run;
            case ABS -> AbsKernel::run;
            case SQUARE -> SquareKernel::run;
            case SQRT -> SqrtKernel::run;
            case EXP -> ExpKernel::run;
            case LOG -> LogKernel::run;
            case SIN -> SinKernel::run;
            case COS -> CosKernel::run;
            case TANH -> TanhKernel::run;
            case SIGMOID -> SigmoidKernel::run;
            case RELU -> ReluKernel::run;
            case SIGN -> SignKernel::run;
            default -> throw new IllegalStateException("no float32 unary kernel for " + op);
        };
    }

    private static F64Unary f64Unary(Op op) {
        return switch (op) {
            case NEG -> NegKernel::run;
            case ABS -> AbsKernel::run;
            case SQUARE -> SquareKernel::run;
            case SQRT -> SqrtKernel::run;
            case EXP -> ExpKernel::run;
            case LOG -> LogKernel::run;
            case SIN -> SinKernel::run;
            case COS -> CosKernel::run;
            case TANH -> TanhKernel::run;
            case SIGMOID -> SigmoidKernel::run;
            case RELU -> ReluKernel::run;
            case SIGN -> SignKernel::run;
            default -> throw new IllegalStateException("no float64 unary kernel for " + op);
        };
    }

    private static I32Unary i32Unary(Op op) {
        return switch (op) {
            case NEG -> NegKernel::run;
            case ABS -> AbsKernel::run;
            case SQUARE -> SquareKernel::run;
            case RELU -> ReluKernel::run;
            case SIGN -> SignKernel::run;
            default -> throw new IllegalStateException("no int32 unary kernel for " + op);
        };
    }

    private static I64Unary i64Unary(Op op) {
        return switch (op) {
            case NEG -> NegKernel::run;
            case ABS -> AbsKernel::run;
            case SQUARE -> SquareKernel::run;
            case RELU -> ReluKernel::run;
            case SIGN -> SignKernel::run;
            default -> throw new IllegalStateException("no int64 unary kernel for " + op);
        };
    }

    /** A binary kernel on untyped buffers: the engine's one loop serves every element type. */
    interface Binary {
        void run(Object a, int aOff, Object b, int bOff, Object out, int outOff, int n);

        /** {@code b[bIdx]} is broadcast along the run. */
        void right(Object a, int aOff, Object b, int bIdx, Object out, int outOff, int n);

        /** {@code a[aIdx]} is broadcast along the run. */
        void left(Object a, int aIdx, Object b, int bOff, Object out, int outOff, int n);
    }

    /** A unary kernel on untyped buffers. */
    interface Unary {
        void run(Object x, int xOff, Object out, int outOff, int n);
    }

    private static final Op[] BINARY = {Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.MAXIMUM, Op.MINIMUM};
    private static final Op[] INT_BINARY = {Op.ADD, Op.SUB, Op.MUL, Op.POW, Op.MAXIMUM, Op.MINIMUM};
    private static final Op[] UNARY = {Op.NEG, Op.ABS, Op.SQUARE, Op.SQRT, Op.EXP, Op.LOG, Op.SIN, Op.COS,
        Op.TANH, Op.SIGMOID, Op.RELU, Op.SIGN};
    private static final Op[] INT_UNARY = {Op.NEG, Op.ABS, Op.SQUARE, Op.RELU, Op.SIGN};
    private static final Op[] COMPARE = {Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE};

    // [dtype][op]: built once, so dispatch allocates nothing per call
    private static final Binary[][] BINARY_TABLE = new Binary[5][Op.values().length];
    private static final Unary[][] UNARY_TABLE = new Unary[5][Op.values().length];
    private static final Binary[][] COMPARE_TABLE = new Binary[5][Op.values().length];

    static {
        for (Op op : BINARY) {
            BINARY_TABLE[0][op.ordinal()] = wrap(f32(op));
            BINARY_TABLE[1][op.ordinal()] = wrap(f64(op));
        }
        for (Op op : INT_BINARY) {
            BINARY_TABLE[2][op.ordinal()] = wrap(i32(op));
            BINARY_TABLE[3][op.ordinal()] = wrap(i64(op));
        }
        for (Op op : UNARY) {
            F32Unary f = f32Unary(op);
            F64Unary d = f64Unary(op);
            UNARY_TABLE[0][op.ordinal()] = (x, xo, out, oo, n) -> f.run((float[]) x, xo, (float[]) out, oo, n);
            UNARY_TABLE[1][op.ordinal()] = (x, xo, out, oo, n) -> d.run((double[]) x, xo, (double[]) out, oo, n);
        }
        for (Op op : INT_UNARY) {
            I32Unary i = i32Unary(op);
            I64Unary l = i64Unary(op);
            UNARY_TABLE[2][op.ordinal()] = (x, xo, out, oo, n) -> i.run((int[]) x, xo, (int[]) out, oo, n);
            UNARY_TABLE[3][op.ordinal()] = (x, xo, out, oo, n) -> l.run((long[]) x, xo, (long[]) out, oo, n);
        }
        for (Op op : COMPARE) {
            Comparison c = comparison(op);
            COMPARE_TABLE[0][op.ordinal()] = new Binary() {
                public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.run(c, (float[]) a, ao, (float[]) b, bo, (boolean[]) out, oo, n);
                }
                public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                    CompareKernel.runBroadcastRight(c, (float[]) a, ao, ((float[]) b)[bi], (boolean[]) out, oo, n);
                }
                public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.runBroadcastLeft(c, ((float[]) a)[ai], (float[]) b, bo, (boolean[]) out, oo, n);
                }
            };
            COMPARE_TABLE[1][op.ordinal()] = new Binary() {
                public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.run(c, (double[]) a, ao, (double[]) b, bo, (boolean[]) out, oo, n);
                }
                public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                    CompareKernel.runBroadcastRight(c, (double[]) a, ao, ((double[]) b)[bi], (boolean[]) out, oo, n);
                }
                public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.runBroadcastLeft(c, ((double[]) a)[ai], (double[]) b, bo, (boolean[]) out, oo, n);
                }
            };
            COMPARE_TABLE[2][op.ordinal()] = new Binary() {
                public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.run(c, (int[]) a, ao, (int[]) b, bo, (boolean[]) out, oo, n);
                }
                public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                    CompareKernel.runBroadcastRight(c, (int[]) a, ao, ((int[]) b)[bi], (boolean[]) out, oo, n);
                }
                public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.runBroadcastLeft(c, ((int[]) a)[ai], (int[]) b, bo, (boolean[]) out, oo, n);
                }
            };
            COMPARE_TABLE[3][op.ordinal()] = new Binary() {
                public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.run(c, (long[]) a, ao, (long[]) b, bo, (boolean[]) out, oo, n);
                }
                public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                    CompareKernel.runBroadcastRight(c, (long[]) a, ao, ((long[]) b)[bi], (boolean[]) out, oo, n);
                }
                public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                    CompareKernel.runBroadcastLeft(c, ((long[]) a)[ai], (long[]) b, bo, (boolean[]) out, oo, n);
                }
            };
        }
    }

    /** The kernel of binary {@code op} on element type {@code t}, or null when there is none. */
    static Binary binary(Op op, dev.vectorgrad.DType t) {
        return BINARY_TABLE[t.ordinal()][op.ordinal()];
    }

    /** The kernel of unary {@code op} on element type {@code t}, or null when there is none. */
    static Unary unary(Op op, dev.vectorgrad.DType t) {
        Unary k = UNARY_TABLE[t.ordinal()][op.ordinal()];
        return k != null ? k : MathKernels.unary(op, t);  // issue 9's unary math lives in its own table
    }

    /** The comparison kernel of {@code op} on element type {@code t} (writes boolean[]). */
    static Binary compare(Op op, dev.vectorgrad.DType t) {
        return COMPARE_TABLE[t.ordinal()][op.ordinal()];
    }

    private static Binary wrap(F32 k) {
        return new Binary() {
            public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                k.run().run((float[]) a, ao, (float[]) b, bo, (float[]) out, oo, n);
            }
            public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                k.right().run((float[]) a, ao, ((float[]) b)[bi], (float[]) out, oo, n);
            }
            public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                k.left().run(((float[]) a)[ai], (float[]) b, bo, (float[]) out, oo, n);
            }
        };
    }

    private static Binary wrap(F64 k) {
        return new Binary() {
            public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                k.run().run((double[]) a, ao, (double[]) b, bo, (double[]) out, oo, n);
            }
            public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                k.right().run((double[]) a, ao, ((double[]) b)[bi], (double[]) out, oo, n);
            }
            public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                k.left().run(((double[]) a)[ai], (double[]) b, bo, (double[]) out, oo, n);
            }
        };
    }

    private static Binary wrap(I32 k) {
        return new Binary() {
            public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                k.run().run((int[]) a, ao, (int[]) b, bo, (int[]) out, oo, n);
            }
            public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                k.right().run((int[]) a, ao, ((int[]) b)[bi], (int[]) out, oo, n);
            }
            public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                k.left().run(((int[]) a)[ai], (int[]) b, bo, (int[]) out, oo, n);
            }
        };
    }

    private static Binary wrap(I64 k) {
        return new Binary() {
            public void run(Object a, int ao, Object b, int bo, Object out, int oo, int n) {
                k.run().run((long[]) a, ao, (long[]) b, bo, (long[]) out, oo, n);
            }
            public void right(Object a, int ao, Object b, int bi, Object out, int oo, int n) {
                k.right().run((long[]) a, ao, ((long[]) b)[bi], (long[]) out, oo, n);
            }
            public void left(Object a, int ai, Object b, int bo, Object out, int oo, int n) {
                k.left().run(((long[]) a)[ai], (long[]) b, bo, (long[]) out, oo, n);
            }
        };
    }

    private static Comparison comparison(Op op) {
        return switch (op) {
            case EQ -> Comparison.EQ;
            case NE -> Comparison.NE;
            case LT -> Comparison.LT;
            case LE -> Comparison.LE;
            case GT -> Comparison.GT;
            case GE -> Comparison.GE;
            default -> throw new IllegalStateException(op + " is not a comparison");
        };
    }

    private KernelTable() {}
}
