package dev.vectorgrad;

import dev.vectorgrad.ndarray.AlongAxis;
import dev.vectorgrad.ndarray.Args;
import dev.vectorgrad.ndarray.ArrayPrinter;
import dev.vectorgrad.ndarray.ComplexBuffer;
import dev.vectorgrad.ndarray.ComplexOps;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.ndarray.Elementwise;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Leases;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Logical;
import dev.vectorgrad.ndarray.MatMul;
import dev.vectorgrad.ndarray.MathOps;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Op;
import dev.vectorgrad.ndarray.OpHook;
import dev.vectorgrad.ndarray.OpRecorder;
import dev.vectorgrad.ndarray.ReduceAttrs;
import dev.vectorgrad.ndarray.Reductions;
import dev.vectorgrad.ndarray.Shapes;
import dev.vectorgrad.ndarray.StringOps;
import dev.vectorgrad.ndarray.Strided;
import dev.vectorgrad.ndarray.Views;
import java.util.Arrays;

/**
 * An immutable n-dimensional array of one {@link DType}: a primitive buffer, an offset, a shape
 * and element strides, as in NumPy. Element {@code (i0, i1, ...)} lives at
 * {@code offset + Σ strides[k]·ik}; a stride of 0 repeats an element (broadcasting).
 *
 * <p>Views ({@link #reshape}, {@link #transpose()}, {@link #slice}, {@link #broadcastTo}, ...) share
 * the buffer and copy nothing. Every op returns a new array and never changes its inputs; only a
 * {@code Variable} (autodiff) changes what it holds, by replacing its buffer. Binary ops broadcast
 * as NumPy does and promote types as NumPy/PyTorch do ({@link DType#promote}); a Java {@code double}
 * scalar keeps a float array's type and makes an integer array float32; a Java {@code long} scalar
 * keeps the array's type (NumPy's rule for Python ints).
 *
 * <p>Deliberate differences from NumPy, each for TensorFlow/PyTorch compatibility: an integer
 * {@code sum} keeps its dtype (TensorFlow); {@code div} of integers and {@code mean} of integers give
 * float32 (PyTorch's default float, not float64); int64 with float32 gives float32 (PyTorch).
 */
public class NDArray {
    private static final int[] SCALAR_SHAPE = new int[0];

    static {
        NDArrayAccess.register(new NDArrayAccess.Access() {
            @Override
            public Strided view(NDArray a) {
                return a.view();
            }

            @Override
            public NDArray wrap(DType dtype, Object data, int[] shape, int[] strides, int offset) {
                return new NDArray(dtype, data, shape, strides, offset);
            }
        });
    }

    private final DType dtype;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    // Replaced (never written into) when a Variable is assigned, so views stay immutable snapshots.
    private volatile Object data;
    // ---- buffer recycling (see ndarray.Leases) ----
    // Non-null when this array was made inside a training step on a buffer the optimizer may later overwrite:
    // once revoked, reading this array throws instead of returning the new values. Null for Variables.
    private final Leases.Generation generation;

    NDArray(DType dtype, Object data, int[] shape, int[] strides, int offset) {
        this.dtype = dtype;
        this.data = data;
        this.generation = Leases.track(data);
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /**
     * For {@code Variable}: a new array holding a row-major copy of {@code initial}'s values.
     *
     * @throws IllegalArgumentException if {@code initial} is null
     */
    protected NDArray(NDArray initial) {
        if (initial == null) {
            throw new IllegalArgumentException("Variable: initial value is null");
        }
        Strided v = initial.view();
        this.dtype = v.dtype();
        this.shape = v.shape().clone();
        this.strides = Shapes.rowMajorStrides(shape);
        this.offset = 0;
        this.data = Convert.contiguous(v, dtype);
        this.generation = null;
    }

    /**
     * For {@code Variable}: replaces the values this array holds with {@code value}'s, which must have
     * the same shape and dtype (checked by the caller). Existing views keep the old values.
     */
    protected void replaceValues(NDArray value) {
        Strided v = value.view();
        if (v.offset() == 0 && v.isContiguous() && Shapes.size(v.shape()) == Convert.length(v.data())) {
            // Buffers are never written after creation, so sharing is safe; an optimizer or a closing NDArray.scope()
            // must not recycle a buffer that a variable adopted, so pin it (false: a scope on another thread just did).
            if (!Leases.pin(v.data())) {
                throw new IllegalStateException("assign: the value was made inside an NDArray.scope() that has closed "
                        + "on another thread meanwhile; keep it with scope.keep(value) to assign it");
            }
            this.data = v.data();
        } else {
            this.data = Convert.contiguous(v, dtype);
        }
    }

    Strided view() {
        return new Strided(dtype, data(), offset, shape, strides);
    }

    /** The buffer, after checking that a training step has not recycled it under this array. */
    private Object data() {
        Leases.Generation g = generation;
        if (g != null && g.revoked()) {
            throw new IllegalStateException(g.staleMessage()); // a training step's lease, or a closed NDArray.scope()
        }
        return data;
    }

    private static NDArray wrap(Strided s) {
        return new NDArray(s.dtype(), s.data(), s.shape(), s.strides(), s.offset());
    }

    private static NDArray dense(DType t, Object data, int[] shape) {
        return new NDArray(t, data, shape, Shapes.rowMajorStrides(shape), 0);
    }

    // ---- result scopes ----

    /**
     * Opens a scope on this thread in which ops take their results' buffers from those that earlier scopes released,
     * instead of fresh memory: {@code try (ArrayScope s = NDArray.scope()) { ... return s.keep(y); }}. Arrays made
     * inside it become unreadable when it closes unless {@linkplain ArrayScope#keep kept}; see {@link ArrayScope} for
     * why it pays and the rules.
     */
    public static ArrayScope scope() {
        return new ArrayScope();
    }

    // ------------------------------------------------------------------------------------------
    // Creation (every factory copies its input)
    // ------------------------------------------------------------------------------------------

    /** A rank-0 float32 array. */
    public static NDArray of(float value) {
        return dense(DType.FLOAT32, new float[] {value}, SCALAR_SHAPE);
    }

    /** A rank-0 float64 array. */
    public static NDArray of(double value) {
        return dense(DType.FLOAT64, new double[] {value}, SCALAR_SHAPE);
    }

    /** A rank-0 int32 array. */
    public static NDArray of(int value) {
        return dense(DType.INT32, new int[] {value}, SCALAR_SHAPE);
    }

    /** A rank-0 int64 array. */
    public static NDArray of(long value) {
        return dense(DType.INT64, new long[] {value}, SCALAR_SHAPE);
    }

    /** A rank-0 bool array. */
    public static NDArray of(boolean value) {
        return dense(DType.BOOL, new boolean[] {value}, SCALAR_SHAPE);
    }

    public static NDArray of(float[] values) {
        return dense(DType.FLOAT32, nonNull(values, "values").clone(), new int[] {values.length});
    }

    public static NDArray of(double[] values) {
        return dense(DType.FLOAT64, nonNull(values, "values").clone(), new int[] {values.length});
    }

    public static NDArray of(int[] values) {
        return dense(DType.INT32, nonNull(values, "values").clone(), new int[] {values.length});
    }

    public static NDArray of(long[] values) {
        return dense(DType.INT64, nonNull(values, "values").clone(), new int[] {values.length});
    }

    public static NDArray of(boolean[] values) {
        return dense(DType.BOOL, nonNull(values, "values").clone(), new int[] {values.length});
    }

    public static NDArray of(float[][] rows) {
        int cols = rectangular(rows, r -> ((float[]) r).length);
        float[] flat = new float[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return dense(DType.FLOAT32, flat, new int[] {rows.length, cols});
    }

    public static NDArray of(double[][] rows) {
        int cols = rectangular(rows, r -> ((double[]) r).length);
        double[] flat = new double[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return dense(DType.FLOAT64, flat, new int[] {rows.length, cols});
    }

    public static NDArray of(int[][] rows) {
        int cols = rectangular(rows, r -> ((int[]) r).length);
        int[] flat = new int[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return dense(DType.INT32, flat, new int[] {rows.length, cols});
    }

    public static NDArray of(long[][] rows) {
        int cols = rectangular(rows, r -> ((long[]) r).length);
        long[] flat = new long[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return dense(DType.INT64, flat, new int[] {rows.length, cols});
    }

    public static NDArray of(boolean[][] rows) {
        int cols = rectangular(rows, r -> ((boolean[]) r).length);
        boolean[] flat = new boolean[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * cols, cols);
        return dense(DType.BOOL, flat, new int[] {rows.length, cols});
    }

    public static NDArray of(float[][][] blocks) {
        NDArray[] parts = new NDArray[nonNull(blocks, "blocks").length];
        for (int i = 0; i < blocks.length; i++) parts[i] = of(blocks[i]);
        return stack(DType.FLOAT32, parts);
    }

    public static NDArray of(double[][][] blocks) {
        NDArray[] parts = new NDArray[nonNull(blocks, "blocks").length];
        for (int i = 0; i < blocks.length; i++) parts[i] = of(blocks[i]);
        return stack(DType.FLOAT64, parts);
    }

    public static NDArray of(int[][][] blocks) {
        NDArray[] parts = new NDArray[nonNull(blocks, "blocks").length];
        for (int i = 0; i < blocks.length; i++) parts[i] = of(blocks[i]);
        return stack(DType.INT32, parts);
    }

    public static NDArray of(long[][][] blocks) {
        NDArray[] parts = new NDArray[nonNull(blocks, "blocks").length];
        for (int i = 0; i < blocks.length; i++) parts[i] = of(blocks[i]);
        return stack(DType.INT64, parts);
    }

    /** Flat row-major {@code data} read as {@code shape} (TensorFlow's {@code tf.constant(data, shape=...)}). */
    public static NDArray of(float[] data, int... shape) {
        return shaped(DType.FLOAT32, nonNull(data, "data").clone(), data.length, shape);
    }

    public static NDArray of(double[] data, int... shape) {
        return shaped(DType.FLOAT64, nonNull(data, "data").clone(), data.length, shape);
    }

    public static NDArray of(int[] data, int... shape) {
        return shaped(DType.INT32, nonNull(data, "data").clone(), data.length, shape);
    }

    public static NDArray of(long[] data, int... shape) {
        return shaped(DType.INT64, nonNull(data, "data").clone(), data.length, shape);
    }

    public static NDArray of(boolean[] data, int... shape) {
        return shaped(DType.BOOL, nonNull(data, "data").clone(), data.length, shape);
    }

    /** An array of zeros. */
    public static NDArray zeros(DType dtype, int... shape) {
        int[] s = Shapes.checkShape("zeros", shape);
        return dense(nonNull(dtype, "dtype"), Convert.allocate(dtype, Shapes.size(s)), s);
    }

    /** An array of ones. */
    public static NDArray ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** An array of {@code value} converted to {@code dtype} (TensorFlow's {@code tf.constant(-1.0, shape=[2, 3])}). */
    public static NDArray full(DType dtype, double value, int... shape) {
        int[] s = Shapes.checkShape("full", shape);
        Object data = Convert.allocate(nonNull(dtype, "dtype"), Shapes.size(s));
        switch (data) {
            case float[] f -> Arrays.fill(f, (float) value);
            case double[] d -> Arrays.fill(d, value);
            case int[] i -> Arrays.fill(i, (int) value);
            case long[] l -> Arrays.fill(l, (long) value);
            case boolean[] b -> Arrays.fill(b, value != 0);
            case ComplexBuffer c -> Convert.toComplex(DType.FLOAT64, new double[] {value}, 0, 0, c.length(), c, 0);
            case String[] text -> throw new IllegalArgumentException("full: dtype string cannot hold the number " + value
                    + " (use NDArray.of(String[], int...) for text)");
            default -> throw new IllegalStateException();
        }
        return dense(dtype, data, s);
    }

    /** {@code start, start+step, ...} below {@code stop} (above it for a negative step), as NumPy's arange. */
    public static NDArray arange(DType dtype, double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        int n = arangeLength(start, stop, step);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = i == 0 ? start : start + i * step; // i == 0: inf step gives start
        NDArray d = dense(DType.FLOAT64, values, new int[] {n});
        return dtype == DType.FLOAT64 ? d : wrap(new Strided(nonNull(dtype, "dtype"), Convert.contiguous(d.view(), dtype), 0,
                new int[] {n}, new int[] {1}));
    }

    /** NumPy's {@code PyArray_Arange} length rule, with the same two errors. */
    private static int arangeLength(double start, double stop, double step) {
        double delta = stop - start;
        double len = delta / step;
        if (len == 0 && delta != 0) {
            return Math.copySign(1.0, len) < 0 ? 0 : 1; // an infinite step: one element, or none going the wrong way
        }
        if (Double.isNaN(len)) {
            throw new IllegalArgumentException("arange: cannot compute length of start=" + start + " stop=" + stop
                    + " step=" + step);
        }
        double count = Math.ceil(len);
        if (Double.isInfinite(count) || count > Shapes.MAX_SIZE) {
            throw new IllegalArgumentException("arange: start=" + start + " stop=" + stop + " step=" + step + " gives "
                    + count + " elements; an array holds at most " + Shapes.MAX_SIZE);
        }
        return (int) Math.max(0, count);
    }

    private static NDArray shaped(DType t, Object data, int length, int[] shape) {
        int[] s = Shapes.checkShape("of", shape);
        if (Shapes.size(s) != length) {
            throw new IllegalArgumentException("of: " + length + " values cannot fill shape " + Shapes.format(s)
                    + " (" + Shapes.size(s) + " elements)");
        }
        return dense(t, data, s);
    }

    private static int rectangular(Object[] rows, java.util.function.ToIntFunction<Object> len) {
        nonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : len.applyAsInt(nonNull(rows[0], "rows[0]"));
        for (int i = 0; i < rows.length; i++) {
            if (len.applyAsInt(nonNull(rows[i], "rows[" + i + "]")) != cols) {
                throw new IllegalArgumentException("of: ragged rows: row 0 has " + cols + " values, row " + i + " has "
                        + len.applyAsInt(rows[i]));
            }
        }
        return cols;
    }

    private static NDArray stack(DType t, NDArray[] parts) {
        int[] inner = parts.length == 0 ? new int[] {0, 0} : parts[0].shape;
        int block = Shapes.size(inner);
        Object out = Convert.allocate(t, Shapes.size(new int[] {parts.length, inner[0], inner[1]}));
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape, inner)) {
                throw new IllegalArgumentException("of: ragged blocks: block 0 has shape " + Shapes.format(inner)
                        + ", block " + i + " has shape " + Shapes.format(parts[i].shape));
            }
            System.arraycopy(parts[i].data(), 0, out, i * block, block);
        }
        return dense(t, out, new int[] {parts.length, inner[0], inner[1]});
    }

    private static <T> T nonNull(T x, String arg) {
        return Args.nonNull(x, arg);
    }

    // ------------------------------------------------------------------------------------------
    // Inspection
    // ------------------------------------------------------------------------------------------

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public long size() {
        return Shapes.size(shape);
    }

    public float getFloat(int... index) {
        Strided v = view();
        int i = flatIndex("getFloat", index);
        float[] one = new float[1];
        Convert.toF32(dtype, v.data(), i, 1, 1, one, 0);
        return one[0];
    }

    public double getDouble(int... index) {
        Strided v = view();
        int i = flatIndex("getDouble", index);
        double[] one = new double[1];
        Convert.toF64(dtype, v.data(), i, 1, 1, one, 0);
        return one[0];
    }

    public int getInt(int... index) {
        Strided v = view();
        int i = flatIndex("getInt", index);
        int[] one = new int[1];
        Convert.toI32(dtype, v.data(), i, 1, 1, one, 0);
        return one[0];
    }

    public long getLong(int... index) {
        Strided v = view();
        int i = flatIndex("getLong", index);
        long[] one = new long[1];
        Convert.toI64(dtype, v.data(), i, 1, 1, one, 0);
        return one[0];
    }

    public boolean getBoolean(int... index) {
        Strided v = view();
        int i = flatIndex("getBoolean", index);
        boolean[] one = new boolean[1];
        Convert.toBool(dtype, v.data(), i, 1, 1, one, 0);
        return one[0];
    }

    private int flatIndex(String op, int[] index) {
        if (index == null || index.length != shape.length) {
            throw new IllegalArgumentException(op + ": expected " + shape.length + " indices for shape "
                    + Shapes.format(shape) + ", got " + (index == null ? 0 : index.length));
        }
        int at = offset;
        for (int k = 0; k < index.length; k++) {
            int i = index[k] < 0 ? index[k] + shape[k] : index[k];
            if (i < 0 || i >= shape[k]) {
                throw new IllegalArgumentException(op + ": index " + index[k] + " is out of bounds for axis " + k
                        + " with size " + shape[k]);
            }
            at += i * strides[k];
        }
        return at;
    }

    /** Row-major copy of the values, converted to float. */
    public float[] toFloatArray() {
        return (float[]) Convert.contiguous(view(), DType.FLOAT32);
    }

    /** Row-major copy of the values, converted to double. */
    public double[] toDoubleArray() {
        return (double[]) Convert.contiguous(view(), DType.FLOAT64);
    }

    /** Row-major copy of the values, converted to int (floats truncate toward zero). */
    public int[] toIntArray() {
        return (int[]) Convert.contiguous(view(), DType.INT32);
    }

    /** Row-major copy of the values, converted to long. */
    public long[] toLongArray() {
        return (long[]) Convert.contiguous(view(), DType.INT64);
    }

    /** Row-major copy of the values, converted to boolean ({@code != 0}). */
    public boolean[] toBooleanArray() {
        return (boolean[]) Convert.contiguous(view(), DType.BOOL);
    }

    /** The single value of a one-element array, as a double. */
    public double item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item: only one-element arrays can be converted to a scalar, shape is "
                    + Shapes.format(shape));
        }
        return toDoubleArray()[0];
    }

    // ------------------------------------------------------------------------------------------
    // Printing and comparison
    // ------------------------------------------------------------------------------------------

    /** TensorFlow's style: {@code NDArray([4 6], shape=(2,), dtype=int32)}. */
    @Override
    public String toString() {
        String values = ArrayPrinter.str(view());
        return "NDArray(" + (values.contains("\n") ? "\n" : "") + values + ", shape=" + Shapes.format(shape)
                + ", dtype=" + dtype + ")";
    }

    /** Equal dtype, shape and values (NaN equals NaN here, so equality is reflexive). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NDArray other) || other.dtype != dtype || !Arrays.equals(other.shape, shape)) {
            return false;
        }
        return switch (dtype) {
            case FLOAT32 -> {
                float[] a = toFloatArray(), b = other.toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    if (a[i] != b[i] && !(Float.isNaN(a[i]) && Float.isNaN(b[i]))) yield false;
                }
                yield true;
            }
            case FLOAT64 -> {
                double[] a = toDoubleArray(), b = other.toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    if (a[i] != b[i] && !(Double.isNaN(a[i]) && Double.isNaN(b[i]))) yield false;
                }
                yield true;
            }
            case INT32 -> Arrays.equals(toIntArray(), other.toIntArray());
            case INT64 -> Arrays.equals(toLongArray(), other.toLongArray());
            case BOOL -> Arrays.equals(toBooleanArray(), other.toBooleanArray());
            case STRING -> Arrays.equals(toStringArray(), other.toStringArray());
            case COMPLEX64, COMPLEX128 -> sameValues(parts(true), other.parts(true))
                    && sameValues(parts(false), other.parts(false));
        };
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
        if (dtype == DType.STRING) {
            return h * 31 + Arrays.hashCode(toStringArray());
        }
        if (dtype.isComplex()) {
            double[] re = parts(true);
            double[] im = parts(false);
            for (int i = 0; i < re.length; i++) {
                h = (h * 31 + Double.hashCode(re[i] == 0 ? 0.0 : re[i])) * 31 + Double.hashCode(im[i] == 0 ? 0.0 : im[i]);
            }
            return h;
        }
        double[] v = toDoubleArray();
        for (double d : v) {
            h = h * 31 + Double.hashCode(d == 0 ? 0.0 : d); // -0.0 == 0.0, so they must hash alike
        }
        return h;
    }

    /**
     * NumPy's {@code allclose}: {@code |a - b| <= atol + rtol·|b|} for every broadcast pair; NaN is never
     * close, infinities are close only to themselves.
     */
    public boolean allClose(NDArray other, double rtol, double atol) {
        int[] s = Shapes.broadcast("allClose", shape, nonNull(other, "other").shape);
        if (dtype == DType.STRING || other.dtype == DType.STRING) {
            throw new IllegalArgumentException("allClose: not supported for dtype string (use equals)");
        }
        if (dtype.isComplex() || other.dtype.isComplex()) {
            return complexClose(other, s, rtol, atol);
        }
        double[] a = broadcastTo(s).toDoubleArray();
        double[] b = other.broadcastTo(s).toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            if (Double.isNaN(a[i]) || Double.isNaN(b[i]) || Double.isInfinite(a[i]) || Double.isInfinite(b[i])
                    || !(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------

    /** The same values in a new shape; one dimension may be -1. A view whenever strides allow, else a copy. */
    public NDArray reshape(int... newShape) {
        NDArray out = wrap(Views.reshape(view(), nonNull(newShape, "newShape")));
        record1(Op.RESHAPE, out, this, null);
        return out;
    }

    /** Reverses the axes. */
    public NDArray transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
        return transpose(perm);
    }

    /** Permutes the axes: axis {@code i} of the result is axis {@code perm[i]} of this array. */
    public NDArray transpose(int... perm) {
        int[] p = Views.checkPermutation(nonNull(perm, "perm"), shape.length);
        NDArray out = wrap(Views.permute(view(), p));
        record1(Op.TRANSPOSE, out, this, p);
        return out;
    }

    /** Inserts a size-1 axis at {@code axis} (in {@code [-rank-1, rank]}). */
    public NDArray expandDims(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (a < 0 || a > shape.length) {
            throw new IllegalArgumentException("expandDims: axis " + axis + " is out of range for an array of rank "
                    + shape.length);
        }
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == a ? 1 : shape[j++];
        return reshape(s);
    }

    /** Removes every size-1 axis. */
    public NDArray squeeze() {
        return reshape(Arrays.stream(shape).filter(d -> d != 1).toArray());
    }

    /** Removes axis {@code axis}, which must have size 1. */
    public NDArray squeeze(int axis) {
        int a = Shapes.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shapes.format(shape)
                    + " has size " + shape[a] + ", not 1");
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != a) s[j++] = shape[i];
        return reshape(s);
    }

    /** A read-only view repeating this array along new or size-1 axes (stride 0). */
    public NDArray broadcastTo(int... target) {
        int[] t = Shapes.checkShape("broadcastTo", target);
        if (!Shapes.canBroadcastTo(shape, t)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shapes.format(shape) + " cannot broadcast to "
                    + Shapes.format(t));
        }
        if (Arrays.equals(t, shape)) {
            return this;
        }
        NDArray out = new NDArray(dtype, data(), t, Shapes.broadcastStrides(shape, strides, t), offset);
        record1(Op.BROADCAST_TO, out, this, null);
        return out;
    }

    /**
     * Python's {@code a[start:stop:step]} along {@code axis}: bounds clamp, negative indices count from the
     * end. For a negative step, {@code Integer.MAX_VALUE} as start and {@code Integer.MIN_VALUE} as stop
     * mean Python's omitted bounds ({@code a[::-1]} is {@code slice(axis, MAX_VALUE, MIN_VALUE, -1)}).
     */
    public NDArray slice(int axis, int start, int stop, int step) {
        int a = Shapes.axis("slice", axis, shape.length);
        int[] norm = Views.normaliseSlice(shape[a], start, stop, step);
        NDArray out = wrap(Views.slice(view(), a, norm));
        record1(Op.SLICE, out, this, new int[] {a, norm[0], norm[1], norm[2]});
        return out;
    }

    /**
     * PyTorch's {@code slice_scatter}: a copy of {@code base} whose slice {@code [start:stop:step]} along
     * {@code axis} holds {@code src} (broadcast to the slice's shape). It is the adjoint of {@link #slice},
     * which is how slicing's gradient stays differentiable.
     */
    public static NDArray sliceScatter(NDArray base, NDArray src, int axis, int start, int stop, int step) {
        nonNull(base, "base");
        nonNull(src, "src");
        int a = Shapes.axis("sliceScatter", axis, base.shape.length);
        int[] norm = Views.normaliseSlice(base.shape[a], start, stop, step);
        DType t = DType.promote(base.dtype, src.dtype);
        NDArray out = wrap(Views.sliceScatter(base.view(), src.view(), a, norm, t));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.SLICE_SCATTER, out, new NDArray[] {base, src}, new int[] {a, norm[0], norm[1], norm[2]});
        }
        return out;
    }

    /** Row {@code index} along axis 0 (negative counts from the end); the axis is dropped. */
    public NDArray get(int index) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("get: a rank-0 array cannot be indexed");
        }
        int i = index < 0 ? index + shape[0] : index;
        if (i < 0 || i >= shape[0]) {
            throw new IllegalArgumentException("get: index " + index + " is out of bounds for axis 0 with size " + shape[0]);
        }
        return slice(0, i, i + 1, 1).squeeze(0);
    }

    /** True when the elements are row-major and dense. */
    public boolean isContiguous() {
        return view().isContiguous();
    }

    /** This array if it is contiguous, else a row-major copy. */
    public NDArray contiguous() {
        Strided v = view();
        if (v.isContiguous()) {
            return this;
        }
        NDArray out = dense(dtype, Convert.contiguousResult(v, dtype), shape);
        record1(Op.COPY, out, this, null);
        return out;
    }

    /** The same values with no gradient flowing through (TensorFlow's {@code tf.stop_gradient}). */
    public NDArray stopGradient() {
        return new NDArray(dtype, data(), shape, strides, offset);
    }

    // ------------------------------------------------------------------------------------------
    // Elementwise
    // ------------------------------------------------------------------------------------------

    public NDArray add(NDArray other) {
        return arithmetic(Op.ADD, "add", other);
    }

    public NDArray sub(NDArray other) {
        return arithmetic(Op.SUB, "sub", other);
    }

    public NDArray mul(NDArray other) {
        return arithmetic(Op.MUL, "mul", other);
    }

    /** True division; integer operands give float32. */
    public NDArray div(NDArray other) {
        return arithmetic(Op.DIV, "div", other);
    }

    /** {@code this ** other}; integers to negative integer powers are an error, as in NumPy. */
    public NDArray pow(NDArray other) {
        return arithmetic(Op.POW, "pow", other);
    }

    /** Elementwise maximum; NaN propagates. */
    public NDArray maximum(NDArray other) {
        return arithmetic(Op.MAXIMUM, "maximum", other);
    }

    /** Elementwise minimum; NaN propagates. */
    public NDArray minimum(NDArray other) {
        return arithmetic(Op.MINIMUM, "minimum", other);
    }

    public NDArray add(double s) {
        return add(scalarLike(s));
    }

    public NDArray sub(double s) {
        return sub(scalarLike(s));
    }

    public NDArray mul(double s) {
        return mul(scalarLike(s));
    }

    public NDArray div(double s) {
        return div(scalarLike(s));
    }

    public NDArray pow(double s) {
        return pow(scalarLike(s));
    }

    public NDArray maximum(double s) {
        return maximum(scalarLike(s));
    }

    public NDArray minimum(double s) {
        return minimum(scalarLike(s));
    }

    /** Adds an integer scalar, keeping an integer array's dtype (NumPy's rule for Python ints). */
    public NDArray add(long s) {
        return add(scalarLike(s));
    }

    public NDArray sub(long s) {
        return sub(scalarLike(s));
    }

    public NDArray mul(long s) {
        return mul(scalarLike(s));
    }

    public NDArray div(long s) {
        return div(scalarLike(s));
    }

    public NDArray pow(long s) {
        return pow(scalarLike(s));
    }

    public NDArray maximum(long s) {
        return maximum(scalarLike(s));
    }

    public NDArray minimum(long s) {
        return minimum(scalarLike(s));
    }

    public NDArray neg() {
        return unary(Op.NEG, "neg", false);
    }

    public NDArray abs() {
        return unary(Op.ABS, "abs", false);
    }

    public NDArray square() {
        return unary(Op.SQUARE, "square", false);
    }

    /** Square root; integers give float32. */
    public NDArray sqrt() {
        return unary(Op.SQRT, "sqrt", true);
    }

    public NDArray exp() {
        return unary(Op.EXP, "exp", true);
    }

    public NDArray log() {
        return unary(Op.LOG, "log", true);
    }

    public NDArray sin() {
        return unary(Op.SIN, "sin", true);
    }

    public NDArray cos() {
        return unary(Op.COS, "cos", true);
    }

    public NDArray tanh() {
        return unary(Op.TANH, "tanh", true);
    }

    /** {@code 1 / (1 + e^-x)}. */
    public NDArray sigmoid() {
        return unary(Op.SIGMOID, "sigmoid", true);
    }

    /** {@code max(x, 0)}. */
    public NDArray relu() {
        return unary(Op.RELU, "relu", false);
    }

    /** -1, 0 or 1 (NaN stays NaN). */
    public NDArray sign() {
        return unary(Op.SIGN, "sign", false);
    }

    public NDArray eq(NDArray other) {
        return compare(Op.EQ, "eq", other);
    }

    public NDArray ne(NDArray other) {
        return compare(Op.NE, "ne", other);
    }

    public NDArray lt(NDArray other) {
        return compare(Op.LT, "lt", other);
    }

    public NDArray le(NDArray other) {
        return compare(Op.LE, "le", other);
    }

    public NDArray gt(NDArray other) {
        return compare(Op.GT, "gt", other);
    }

    public NDArray ge(NDArray other) {
        return compare(Op.GE, "ge", other);
    }

    public NDArray eq(double s) {
        return eq(scalarLike(s));
    }

    public NDArray ne(double s) {
        return ne(scalarLike(s));
    }

    public NDArray lt(double s) {
        return lt(scalarLike(s));
    }

    public NDArray le(double s) {
        return le(scalarLike(s));
    }

    public NDArray gt(double s) {
        return gt(scalarLike(s));
    }

    public NDArray ge(double s) {
        return ge(scalarLike(s));
    }

    /** {@code cond ? a : b} elementwise, all three broadcast together; {@code cond} must be BOOL. */
    public static NDArray where(NDArray cond, NDArray a, NDArray b) {
        nonNull(cond, "cond");
        nonNull(a, "a");
        nonNull(b, "b");
        if (cond.dtype != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be bool, got " + cond.dtype);
        }
        NDArray out;
        if (a.dtype == DType.STRING || b.dtype == DType.STRING) {
            out = wrap(StringOps.where(cond.view(), a.view(), b.view()));
        } else if (a.dtype.isComplex() || b.dtype.isComplex()) {
            out = wrap(ComplexOps.where(cond.view(), a.view(), b.view(), DType.promote(a.dtype, b.dtype)));
        } else {
            DType t = DType.promote(a.dtype, b.dtype);
            out = wrap(Elementwise.where(cond.view(), a.view(), b.view(), t));
        }
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.WHERE, out, new NDArray[] {cond, a, b}, null);
        }
        return out;
    }

    /**
     * The values converted to {@code target}; this array itself when it already has that type.
     *
     * <p>Conversion rules, which match NumPy's {@code astype} and TensorFlow's {@code tf.cast} wherever those
     * are defined:
     * <ul>
     *   <li>float to int: truncation toward zero ({@code -1.7} gives {@code -1});</li>
     *   <li>float64 to float32: round to nearest even; beyond float32's range gives ±inf;</li>
     *   <li>int64 to int32: the low 32 bits (two's-complement wrap-around, as NumPy and C);</li>
     *   <li>to bool: zero is false, anything else (NaN included) is true; bool to a number: 0 or 1.</li>
     * </ul>
     * Deliberate difference: a float that has no integer value in the target type (NaN, ±inf, or out of range)
     * saturates, as Java's own cast does (JLS 5.1.3): NaN gives 0, +inf and values above the range give
     * {@code MAX_VALUE}, -inf and values below give {@code MIN_VALUE}. NumPy leaves these undefined (it warns
     * "invalid value encountered in cast" and, on x86, returns {@code MIN_VALUE} for all of them) and TensorFlow
     * inherits the platform's C++ behaviour; saturating gives the same answer on every machine.
     */
    public NDArray cast(DType target) {
        if (nonNull(target, "target") == dtype) {
            return this;
        }
        if ((dtype == DType.STRING) != (target == DType.STRING)) {
            throw new IllegalArgumentException("cast: " + dtype + " cannot be cast to " + target
                    + " (as in TensorFlow, whose tf.cast refuses strings)");
        }
        NDArray out = dense(target, Convert.contiguousResult(view(), target), shape);
        record1(Op.CAST, out, this, dtype);
        return out;
    }

    private NDArray arithmetic(Op op, String name, NDArray other) {
        nonNull(other, "other");
        if (dtype == DType.STRING || other.dtype == DType.STRING) {
            throw notForString(name);
        }
        if (dtype.isComplex() || other.dtype.isComplex()) {
            NDArray out = wrap(ComplexOps.binary(op, name, view(), other.view(), DType.promote(dtype, other.dtype)));
            record2(op, out, this, other);
            return out;
        }
        DType t = DType.promote(dtype, other.dtype);
        if (t == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool (cast to int32 or float32 first)");
        }
        if (op == Op.DIV && !t.isFloating()) {
            t = DType.FLOAT32;
        }
        if (op == Op.POW && !t.isFloating() && other.size() > 0 && minOf(other) < 0) {
            throw new IllegalArgumentException("pow: integers to negative integer powers are not allowed, exponent "
                    + other);
        }
        NDArray out = wrap(Elementwise.binary(op, name, view(), other.view(), t));
        record2(op, out, this, other);
        return out;
    }

    private static long minOf(NDArray x) {
        Strided m = Reductions.reduce(Reductions.Kind.MIN, "pow", x.view(), Shapes.axes("pow", null, x.rank()), false,
                x.dtype == DType.INT64 ? DType.INT64 : DType.INT32);
        return m.data() instanceof long[] l ? l[0] : ((int[]) m.data())[0];
    }

    private NDArray compare(Op op, String name, NDArray other) {
        nonNull(other, "other");
        if (dtype == DType.STRING || other.dtype == DType.STRING || dtype.isComplex() || other.dtype.isComplex()) {
            return compareMoreDtypes(op, name, other);
        }
        DType t = DType.promote(dtype, other.dtype);
        if (t == DType.BOOL) {
            t = DType.INT32; // bools compare as 0 and 1
        }
        NDArray out = wrap(Elementwise.compare(op, name, view(), other.view(), t));
        record2(op, out, this, other);
        return out;
    }

    private NDArray unary(Op op, String name, boolean floatResult) {
        if (dtype == DType.STRING) {
            throw notForString(name);
        }
        if (dtype.isComplex()) {
            NDArray out = wrap(op == Op.ABS ? ComplexOps.abs(view()) : ComplexOps.unary(op, name, view()));
            record1(op, out, this, null);
            return out;
        }
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool");
        }
        DType t = floatResult && !dtype.isFloating() ? DType.FLOAT32 : dtype;
        NDArray out = wrap(Elementwise.unary(op, name, view(), t));
        record1(op, out, this, null);
        return out;
    }

    private NDArray scalarLike(double s) {
        if (dtype.isComplex()) {
            return complexScalar(dtype, s, 0);
        }
        DType t = dtype.isFloating() ? dtype : DType.FLOAT32;
        return t == DType.FLOAT64 ? dense(t, new double[] {s}, SCALAR_SHAPE) : dense(t, new float[] {(float) s}, SCALAR_SHAPE);
    }

    private NDArray scalarLike(long s) {
        return switch (dtype) {
            case FLOAT32 -> dense(DType.FLOAT32, new float[] {s}, SCALAR_SHAPE);
            case FLOAT64 -> dense(DType.FLOAT64, new double[] {s}, SCALAR_SHAPE);
            case INT64 -> dense(DType.INT64, new long[] {s}, SCALAR_SHAPE);
            case INT32, BOOL -> dense(DType.INT32, new int[] {(int) s}, SCALAR_SHAPE);
            case COMPLEX64, COMPLEX128 -> complexScalar(dtype, s, 0);
            case STRING -> dense(DType.INT64, new long[] {s}, SCALAR_SHAPE); // refused, by name, by the op
        };
    }

    // ------------------------------------------------------------------------------------------
    // Reductions
    // ------------------------------------------------------------------------------------------

    /** Sum of all elements (rank 0); integer sums keep their dtype, bools sum as int32. */
    public NDArray sum() {
        return sum(false);
    }

    /** Sum over {@code axes} (none given: all), keeping them as size 1 when {@code keepDims}. */
    public NDArray sum(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.SUM, Op.SUM, "sum", keepDims, axes);
    }

    /** Mean of all elements; integers give float32. */
    public NDArray mean() {
        return mean(false);
    }

    public NDArray mean(boolean keepDims, int... axes) {
        int[] ax = Shapes.axes("mean", axes, shape.length);
        if (dtype == DType.STRING) {
            throw notForString("mean");
        }
        if (dtype.isComplex()) {
            long count = 1;
            for (int a : ax) count *= shape[a];
            Strided total = ComplexOps.sum("mean", view(), ax, keepDims, dtype);
            NDArray out = wrap(ComplexOps.binary(Op.DIV, "mean", total, complexScalar(dtype, count, 0).view(), dtype));
            record1(Op.MEAN, out, this, new ReduceAttrs(ax, keepDims));
            return out;
        }
        DType t = dtype.isFloating() ? dtype : DType.FLOAT32;
        Strided s = Reductions.reduce(Reductions.Kind.SUM, "mean", view(), ax, keepDims, t);
        long count = 1;
        for (int a : ax) count *= shape[a];
        Strided scaled = Elementwise.binary(Op.DIV, "mean", s, scalarOf(t, count), t);
        NDArray out = wrap(scaled);
        record1(Op.MEAN, out, this, new ReduceAttrs(ax, keepDims));
        return out;
    }

    public NDArray max() {
        return max(false);
    }

    public NDArray max(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.MAX, Op.MAX, "max", keepDims, axes);
    }

    public NDArray min() {
        return min(false);
    }

    public NDArray min(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.MIN, Op.MIN, "min", keepDims, axes);
    }

    public NDArray prod() {
        return prod(false);
    }

    public NDArray prod(boolean keepDims, int... axes) {
        return reduce(Reductions.Kind.PROD, Op.PROD, "prod", keepDims, axes);
    }

    /** Index of the largest value along {@code axis} (the first on ties), as INT64. */
    public NDArray argMax(int axis) {
        return along(AlongAxis.Lane.ARG_MAX, Op.ARG_MAX, "argMax", axis, false, false);
    }

    /** Index of the smallest value along {@code axis} (the first on ties), as INT64. */
    public NDArray argMin(int axis) {
        return along(AlongAxis.Lane.ARG_MIN, Op.ARG_MIN, "argMin", axis, false, false);
    }

    private NDArray reduce(Reductions.Kind kind, Op op, String name, boolean keepDims, int[] axes) {
        int[] ax = Shapes.axes(name, axes, shape.length);
        if (dtype == DType.STRING) {
            throw notForString(name);
        }
        if (dtype.isComplex()) {
            if (kind != Reductions.Kind.SUM) {
                throw new IllegalArgumentException(name + ": not supported for dtype " + dtype
                        + " (complex numbers are not ordered; reduce abs() or real() instead)");
            }
            NDArray out = wrap(ComplexOps.sum(name, view(), ax, keepDims, dtype));
            record1(op, out, this, new ReduceAttrs(ax, keepDims));
            return out;
        }
        DType t = dtype == DType.BOOL ? DType.INT32 : dtype;
        NDArray out = wrap(Reductions.reduce(kind, name, view(), ax, keepDims, t));
        record1(op, out, this, new ReduceAttrs(ax, keepDims));
        return out;
    }

    private static Strided scalarOf(DType t, double v) {
        Object d = Convert.allocate(t, 1);
        switch (d) {
            case float[] f -> f[0] = (float) v;
            case double[] x -> x[0] = v;
            default -> throw new IllegalStateException();
        }
        return new Strided(t, d, 0, SCALAR_SHAPE, SCALAR_SHAPE);
    }

    // ------------------------------------------------------------------------------------------
    // Linear algebra and nn helpers
    // ------------------------------------------------------------------------------------------

    /** NumPy's {@code matmul}: vectors, matrices, and stacks of matrices with broadcast batch axes. */
    public NDArray matmul(NDArray other) {
        nonNull(other, "other");
        if (dtype == DType.STRING || other.dtype == DType.STRING) {
            throw notForString("matmul");
        }
        DType t = DType.promote(dtype, other.dtype);
        NDArray out = wrap(t.isComplex() ? ComplexOps.matmul(view(), other.view(), t) : MatMul.matmul(view(), other.view(), t));
        record2(Op.MATMUL, out, this, other);
        return out;
    }

    /** {@code e^x / Σ e^x} along {@code axis}, computed stably (shifted by the lane maximum). */
    public NDArray softmax(int axis) {
        return along(AlongAxis.Lane.SOFTMAX, Op.SOFTMAX, "softmax", axis, false, true);
    }

    /** {@code x - logSumExp(x)} along {@code axis}. */
    public NDArray logSoftmax(int axis) {
        return along(AlongAxis.Lane.LOG_SOFTMAX, Op.LOG_SOFTMAX, "logSoftmax", axis, false, true);
    }

    /** {@code log Σ e^x} along {@code axis}, stable for large logits. */
    public NDArray logSumExp(int axis, boolean keepDims) {
        return along(AlongAxis.Lane.LOG_SUM_EXP, Op.LOG_SUM_EXP, "logSumExp", axis, keepDims, true);
    }

    private NDArray along(AlongAxis.Lane lane, Op op, String name, int axis, boolean keepDims, boolean floating) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + ": needs an array of rank >= 1, got shape ()");
        }
        int a = Shapes.axis(name, axis, shape.length);
        if (dtype == DType.STRING || dtype.isComplex()) {
            throw new IllegalArgumentException(name + ": not supported for dtype " + dtype);
        }
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool");
        }
        DType t = floating && !dtype.isFloating() ? DType.FLOAT32 : dtype;
        NDArray out = wrap(AlongAxis.apply(lane, view(), a, keepDims, t));
        Object attrs = op == Op.SOFTMAX || op == Op.LOG_SOFTMAX ? (Object) a : new ReduceAttrs(new int[] {a}, keepDims);
        record1(op, out, this, attrs);
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // ---- math (issue 9): statistics, scans, sorting, clipping, logic ----
    // ------------------------------------------------------------------------------------------

    /** Population variance of all elements ({@code tf.math.reduce_variance}); integers and bools give float32. */
    public NDArray variance() {
        return variance(false);
    }

    /**
     * Population variance (divisor N, NumPy's {@code ddof=0}) over {@code axes} (none: all), computed in two
     * passes (mean, then squared deviations) so large offsets do not cancel; NaN for an empty lane.
     */
    public NDArray variance(boolean keepDims, int... axes) {
        return MathOps.variance(this, keepDims, axes);
    }

    /** Population standard deviation of all elements ({@code tf.math.reduce_std}). */
    public NDArray std() {
        return std(false);
    }

    /** {@code sqrt(variance(keepDims, axes))}. */
    public NDArray std(boolean keepDims, int... axes) {
        return MathOps.std(this, keepDims, axes);
    }

    /** The L2 norm of all elements, {@code sqrt(Σ x²)} ({@code tf.norm}). */
    public NDArray norm() {
        return norm(false);
    }

    /**
     * The L2 norm over {@code axes} (none: all), {@code tf.norm(x, axis=axes)} for one axis or all. Its gradient
     * at a zero lane is 0 (PyTorch's subgradient); TensorFlow gives NaN there, which poisons a whole training step.
     */
    public NDArray norm(boolean keepDims, int... axes) {
        return MathOps.norm(this, keepDims, axes);
    }

    /** Inclusive cumulative sum along {@code axis} ({@code tf.math.cumsum}); integers keep their dtype. */
    public NDArray cumsum(int axis) {
        return cumsum(axis, false, false);
    }

    /**
     * {@code tf.math.cumsum(x, axis, exclusive, reverse)}: {@code exclusive} leaves each element out of its own
     * sum (the first is 0), {@code reverse} sums from the end of the axis.
     */
    public NDArray cumsum(int axis, boolean exclusive, boolean reverse) {
        return MathOps.scan(false, this, axis, exclusive, reverse);
    }

    /** Inclusive cumulative product along {@code axis} ({@code tf.math.cumprod}). */
    public NDArray cumprod(int axis) {
        return cumprod(axis, false, false);
    }

    /**
     * {@code tf.math.cumprod(x, axis, exclusive, reverse)}. Its gradient divides by {@code x}, as TensorFlow's
     * does, so it is not finite where an input is exactly 0.
     */
    public NDArray cumprod(int axis, boolean exclusive, boolean reverse) {
        return MathOps.scan(true, this, axis, exclusive, reverse);
    }

    /** Sorted along the last axis, ascending. */
    public NDArray sort() {
        return sort(-1, false);
    }

    /**
     * Sorted along {@code axis} ({@code tf.sort}); NaN sorts above {@code +Inf} (NumPy's order), so it comes last
     * ascending and first descending. The gradient routes each upstream value back to its element's position.
     */
    public NDArray sort(int axis, boolean descending) {
        return MathOps.sort(this, axis, descending);
    }

    /** Stable ascending argsort along the last axis. */
    public NDArray argsort() {
        return argsort(-1, false);
    }

    /**
     * The INT64 positions that sort each lane along {@code axis} ({@code tf.argsort(stable=True)}); equal values
     * keep their order in both directions. INT64 rather than TensorFlow's int32: one index type with
     * {@link #argMax}, NumPy and PyTorch.
     */
    public NDArray argsort(int axis, boolean descending) {
        return MathOps.argsort(this, axis, descending);
    }

    /**
     * The {@code k} largest values along the last axis and their INT64 indices ({@code tf.math.top_k}, sorted,
     * ties to the lower index); {@code 0 <= k <=} the axis length. Indices are INT64 rather than TensorFlow's int32,
     * as for {@link #argsort}.
     */
    public TopK topK(int k) {
        NDArray[] vi = MathOps.topK(this, k);
        return new TopK(vi[0], vi[1]);
    }

    /**
     * {@code tf.clip_by_value}: each element limited to {@code [min, max]}; NaN stays NaN; the gradient passes
     * where {@code min <= x <= max}. An integer array gives float32, as with {@code add(double)}; use
     * {@link #clip(long, long)} to keep its type. {@code min > max} is an error (NumPy silently returns max).
     */
    public NDArray clip(double min, double max) {
        return MathOps.clip(this, min, max, false);
    }

    /** {@link #clip(double, double)} with integer bounds, keeping an integer array's dtype. */
    public NDArray clip(long min, long max) {
        return MathOps.clip(this, min, max, true);
    }

    /** {@code tf.clip_by_norm}: {@code x · clipNorm / max(norm(x), clipNorm)}, the L2 norm over all elements. */
    public NDArray clipByNorm(double clipNorm) {
        return MathOps.clipByNorm(this, clipNorm);
    }

    /** Elementwise AND of two BOOL arrays, broadcasting. */
    public NDArray logicalAnd(NDArray other) {
        return MathOps.logical(Logical.Connective.AND, "logicalAnd", this, other);
    }

    /** Elementwise OR of two BOOL arrays, broadcasting. */
    public NDArray logicalOr(NDArray other) {
        return MathOps.logical(Logical.Connective.OR, "logicalOr", this, other);
    }

    /** Elementwise XOR of two BOOL arrays, broadcasting. */
    public NDArray logicalXor(NDArray other) {
        return MathOps.logical(Logical.Connective.XOR, "logicalXor", this, other);
    }

    /** Elementwise NOT of a BOOL array. */
    public NDArray logicalNot() {
        return MathOps.logicalNot(this);
    }

    /** True when any element is true (non-zero, as NumPy reads numbers); false for an empty array. */
    public NDArray any() {
        return any(false);
    }

    /** {@code tf.reduce_any} over {@code axes} (none: all). */
    public NDArray any(boolean keepDims, int... axes) {
        return MathOps.anyAll(false, this, keepDims, axes);
    }

    /** True when every element is true (non-zero); true for an empty array. */
    public NDArray all() {
        return all(false);
    }

    /** {@code tf.reduce_all} over {@code axes} (none: all). */
    public NDArray all(boolean keepDims, int... axes) {
        return MathOps.anyAll(true, this, keepDims, axes);
    }

    // ------------------------------------------------------------------------------------------
    // ---- math (issue 9): unary functions and activations (float results; integers give float32) ----
    // ------------------------------------------------------------------------------------------

    /** The error function {@code (2/√π) ∫₀ˣ e^(-t²) dt} ({@code tf.math.erf}); within 1 ulp (float), 2 ulp (double). */
    public NDArray erf() {
        return unary(Op.ERF, "erf", true);
    }

    /** {@code ln(1 + x)}, accurate for tiny x ({@code tf.math.log1p}). */
    public NDArray log1p() {
        return unary(Op.LOG1P, "log1p", true);
    }

    /** {@code e^x - 1}, accurate for tiny x ({@code tf.math.expm1}). */
    public NDArray expm1() {
        return unary(Op.EXPM1, "expm1", true);
    }

    /** Base-2 logarithm, exact at powers of two. */
    public NDArray log2() {
        return unary(Op.LOG2, "log2", true);
    }

    /** Base-10 logarithm. */
    public NDArray log10() {
        return unary(Op.LOG10, "log10", true);
    }

    /** Tangent ({@code tf.math.tan}). */
    public NDArray tan() {
        return unary(Op.TAN, "tan", true);
    }

    /** Arcsine; NaN outside [-1, 1]. */
    public NDArray asin() {
        return unary(Op.ASIN, "asin", true);
    }

    /** Arccosine; NaN outside [-1, 1]. */
    public NDArray acos() {
        return unary(Op.ACOS, "acos", true);
    }

    /** Arctangent, in {@code [-π/2, π/2]} ({@code tf.math.atan}). */
    public NDArray atan() {
        return unary(Op.ATAN, "atan", true);
    }

    /** Hyperbolic sine ({@code tf.math.sinh}). */
    public NDArray sinh() {
        return unary(Op.SINH, "sinh", true);
    }

    /** Hyperbolic cosine ({@code tf.math.cosh}). */
    public NDArray cosh() {
        return unary(Op.COSH, "cosh", true);
    }

    /** {@code ln(1 + e^x)} computed as {@code max(x, 0) + log1p(e^-|x|)}, so it never overflows ({@code tf.nn.softplus}). */
    public NDArray softplus() {
        return unary(Op.SOFTPLUS, "softplus", true);
    }

    /**
     * The exact GELU {@code x·Φ(x) = x·(1 + erf(x/√2))/2} ({@code tf.nn.gelu(approximate=False)}, Keras's default).
     * Computed with {@code erfc} for negative x, so it keeps full relative accuracy where TensorFlow's formula
     * cancels to 0; {@code gelu(-Inf) = -0}.
     */
    public NDArray gelu() {
        return gelu(false);
    }

    /** GELU, exact ({@code approximate = false}) or in the tanh form {@code 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³)))}. */
    public NDArray gelu(boolean approximate) {
        return approximate ? unary(Op.GELU_TANH, "gelu", true) : unary(Op.GELU, "gelu", true);
    }

    /** SiLU (swish) {@code x·σ(x)} ({@code tf.nn.silu}). */
    public NDArray silu() {
        return unary(Op.SILU, "silu", true);
    }

    /** ELU with alpha 1: {@code x > 0 ? x : e^x - 1} ({@code tf.nn.elu}). */
    public NDArray elu() {
        return unary(Op.ELU, "elu", true);
    }

    /** SELU {@code λ·(x > 0 ? x : α(e^x - 1))} with Keras's α and λ ({@code tf.nn.selu}). */
    public NDArray selu() {
        return unary(Op.SELU, "selu", true);
    }

    /** {@code x > 0 ? x : alpha·x} ({@code tf.nn.leaky_relu}; for {@code alpha > 1} PyTorch's definition, not TF's max). */
    public NDArray leakyRelu(double alpha) {
        return MathOps.leakyRelu(this, alpha);
    }

    /** {@link #leakyRelu(double)} with TensorFlow's and Keras 3's default slope 0.2. */
    public NDArray leakyRelu() {
        return leakyRelu(0.2);
    }

    /** {@code x / (1 + |x|)} ({@code tf.nn.softsign}); {@code ±Inf} give {@code ±1} (TensorFlow gives NaN). */
    public NDArray softsign() {
        return unary(Op.SOFTSIGN, "softsign", true);
    }

    /** Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6} (Keras 2 used {@code clip(0.2x + 0.5, 0, 1)}). */
    public NDArray hardSigmoid() {
        return unary(Op.HARD_SIGMOID, "hardSigmoid", true);
    }

    // ---- indexing and manipulation ----
    // Logic lives in ndarray.Manipulation, ndarray.Indexing and ndarray.Einsum; what a strided view
    // can express (split, unstack, tile and repeat of size-1 axes) is composed from views here, and
    // the composite ops (stack, tile, repeat, reflect padding, gatherNd, takeAlongAxis, booleanMask,
    // scatterNd, tril/triu, einsum) are built from recorded ops, so their gradients need no rule of
    // their own and nested tapes differentiate them again.
    // ------------------------------------------------------------------------------------------

    /**
     * Joins arrays along an existing {@code axis} ({@code tf.concat}, {@code np.concatenate}); their
     * shapes must agree on every other axis. Mixed dtypes are promoted as NumPy does (TensorFlow
     * requires one dtype). One copy: each input's contiguous runs go to {@code System.arraycopy}.
     *
     * @throws IllegalArgumentException for no arrays, rank-0 arrays or shapes that differ off {@code axis}
     */
    public static NDArray concat(java.util.List<NDArray> arrays, int axis) {
        NDArray[] parts = parts("concat", arrays);
        if (parts[0].rank() == 0) {
            throw new IllegalArgumentException("concat: rank-0 arrays cannot be concatenated (use stack)");
        }
        int a = Shapes.axis("concat", axis, parts[0].rank());
        DType t = parts[0].dtype;
        for (NDArray p : parts) {
            t = DType.promote(t, p.dtype);
        }
        int[][] shapes = new int[parts.length][];
        Strided[] views = new Strided[parts.length];
        int[] attrs = new int[parts.length + 1];
        attrs[0] = a;
        for (int k = 0; k < parts.length; k++) {
            parts[k] = parts[k].cast(t);
            shapes[k] = parts[k].shape;
            views[k] = parts[k].view();
            attrs[k + 1] = parts[k].shape.length > a ? parts[k].shape[a] : 0;
        }
        int[] outShape = dev.vectorgrad.ndarray.Manipulation.concatShape("concat", shapes, a);
        if (parts.length == 1) {
            return parts[0];
        }
        NDArray out = wrap(dev.vectorgrad.ndarray.Manipulation.concat(views, a, outShape));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.CONCAT, out, parts, attrs);
        }
        return out;
    }

    /**
     * Joins arrays of one shape along a new {@code axis} in {@code [-rank-1, rank]} ({@code tf.stack}):
     * each gains a size-1 axis (a view) and they are concatenated (one copy).
     */
    public static NDArray stack(java.util.List<NDArray> arrays, int axis) {
        NDArray[] parts = parts("stack", arrays);
        int rank = parts[0].rank();
        int a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank) {
            throw new IllegalArgumentException("stack: axis " + axis + " is out of range for arrays of rank " + rank);
        }
        for (int k = 1; k < parts.length; k++) {
            if (!Arrays.equals(parts[k].shape, parts[0].shape)) {
                throw new IllegalArgumentException("stack: array 0 has shape " + Shapes.format(parts[0].shape)
                        + " but array " + k + " has shape " + Shapes.format(parts[k].shape));
            }
        }
        java.util.List<NDArray> expanded = new java.util.ArrayList<>(parts.length);
        for (NDArray p : parts) {
            expanded.add(p.expandDims(a));
        }
        return concat(expanded, a);
    }

    private static NDArray[] parts(String op, java.util.List<NDArray> arrays) {
        if (arrays == null || arrays.isEmpty()) {
            throw new IllegalArgumentException(op + ": needs at least one array");
        }
        NDArray[] parts = arrays.toArray(new NDArray[0]);
        for (int k = 0; k < parts.length; k++) {
            if (parts[k] == null) {
                throw new IllegalArgumentException(op + ": array " + k + " is null");
            }
        }
        return parts;
    }

    /** The slices along {@code axis}, each without that axis ({@code tf.unstack}); views, no copy. */
    public java.util.List<NDArray> unstack(int axis) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("unstack: a rank-0 array cannot be unstacked");
        }
        int a = Shapes.axis("unstack", axis, shape.length);
        java.util.List<NDArray> out = new java.util.ArrayList<>(shape[a]);
        for (int i = 0; i < shape[a]; i++) {
            out.add(slice(a, i, i + 1, 1).squeeze(a));
        }
        return out;
    }

    /**
     * {@code numSplits} equal views along {@code axis} ({@code tf.split(x, n, axis)}); no copy.
     *
     * @throws IllegalArgumentException when the axis size is not a multiple of {@code numSplits}
     */
    public java.util.List<NDArray> split(int numSplits, int axis) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("split: a rank-0 array cannot be split");
        }
        int a = Shapes.axis("split", axis, shape.length);
        if (numSplits <= 0 || shape[a] % numSplits != 0) {
            throw new IllegalArgumentException("split: axis " + axis + " of shape " + Shapes.format(shape)
                    + " cannot be split into " + numSplits + " equal parts");
        }
        int[] sizes = new int[numSplits];
        Arrays.fill(sizes, shape[a] / numSplits);
        return split(sizes, a);
    }

    /**
     * Views of the given {@code sizes} along {@code axis} ({@code tf.split(x, [2, 3, -1], axis)}); one
     * size may be -1 for the rest. No copy.
     *
     * @throws IllegalArgumentException when the sizes do not add up to the axis size
     */
    public java.util.List<NDArray> split(int[] sizes, int axis) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("split: a rank-0 array cannot be split");
        }
        int a = Shapes.axis("split", axis, shape.length);
        int[] s = nonNull(sizes, "sizes").clone();
        int unknown = -1;
        long total = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes)
                        + " may hold one -1 and otherwise non-negative sizes");
            } else {
                total += s[i];
            }
        }
        if (unknown >= 0 && total <= shape[a]) {
            s[unknown] = (int) (shape[a] - total);
            total = shape[a];
        }
        if (total != shape[a]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " do not add up to size "
                    + shape[a] + " of axis " + axis + " of shape " + Shapes.format(shape));
        }
        java.util.List<NDArray> out = new java.util.ArrayList<>(s.length);
        int at = 0;
        for (int n : s) {
            out.add(slice(a, at, at + n, 1));
            at += n;
        }
        return out;
    }

    /**
     * This array repeated {@code multiples[i]} times along axis {@code i} ({@code tf.tile}, {@code np.tile}:
     * a shorter {@code multiples} is padded with leading 1s, a longer one adds leading axes). Built as
     * a broadcast view that is reshaped, so it is a view whenever the tiled axes have size 1.
     */
    public NDArray tile(int... multiples) {
        int[] m = nonNull(multiples, "multiples");
        int rank = Math.max(m.length, shape.length);
        int[] mm = new int[rank];
        int[] ss = new int[rank];
        Arrays.fill(mm, 1);
        Arrays.fill(ss, 1);
        System.arraycopy(m, 0, mm, rank - m.length, m.length);
        System.arraycopy(shape, 0, ss, rank - shape.length, shape.length);
        int[] pairs = new int[2 * rank];
        int[] wide = new int[2 * rank];
        int[] result = new int[rank];
        boolean same = rank == shape.length;
        for (int i = 0; i < rank; i++) {
            if (mm[i] < 0) {
                throw new IllegalArgumentException("tile: multiples " + Arrays.toString(multiples) + " must be non-negative");
            }
            pairs[2 * i] = 1;
            pairs[2 * i + 1] = ss[i];
            wide[2 * i] = mm[i];
            wide[2 * i + 1] = ss[i];
            long r = (long) mm[i] * ss[i];
            if (r > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tile: multiples " + Arrays.toString(multiples) + " of shape "
                        + Shapes.format(shape) + " give " + r + " entries on axis " + i);
            }
            result[i] = (int) r;
            same &= mm[i] == 1;
        }
        if (same) {
            return this;
        }
        Shapes.checkShape("tile", result);
        return reshape(pairs).broadcastTo(wide).reshape(result);
    }

    /**
     * Each element repeated {@code repeats} times along {@code axis} ({@code tf.repeat}, {@code np.repeat}
     * with an axis): a broadcast view reshaped, so a view when the axis has size 1.
     */
    public NDArray repeat(int repeats, int axis) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("repeat: a rank-0 array has no axis to repeat along");
        }
        int a = Shapes.axis("repeat", axis, shape.length);
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat: repeats must be non-negative, got " + repeats);
        }
        if (repeats == 1) {
            return this;
        }
        int[] wide = new int[shape.length + 1];
        for (int i = 0, j = 0; i < wide.length; i++) {
            wide[i] = i == a + 1 ? repeats : shape[j++];
        }
        int[] result = shape.clone();
        long r = (long) shape[a] * repeats;
        if (r > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("repeat: " + repeats + " repeats of axis " + axis + " of shape "
                    + Shapes.format(shape) + " give " + r + " entries");
        }
        result[a] = (int) r;
        Shapes.checkShape("repeat", result);
        return expandDims(a + 1).broadcastTo(wide).reshape(result);
    }

    /** Zero padding: {@code paddings[i] = {before, after}} for each axis ({@code tf.pad(x, paddings)}). */
    public NDArray pad(int[][] paddings) {
        return pad(paddings, PadMode.CONSTANT, 0);
    }

    /**
     * {@code tf.pad(x, paddings, mode, constant_values)}: CONSTANT fills the border with {@code constant};
     * REFLECT mirrors without repeating the edge (each side at most the axis size - 1) and SYMMETRIC
     * with it (at most the axis size), bounded as TensorFlow bounds them. Either way {@code x} is
     * copied once and the border is written from the output itself.
     */
    public NDArray pad(int[][] paddings, PadMode mode, double constant) {
        int[][] p = dev.vectorgrad.ndarray.Manipulation.checkPaddings("pad", paddings, shape);
        if (mode == null) {
            throw new IllegalArgumentException("pad: mode is null");
        }
        boolean none = true;
        for (int[] q : p) {
            none &= q[0] == 0 && q[1] == 0;
        }
        if (none) {
            return this;
        }
        if (mode != PadMode.CONSTANT) {
            int edge = mode == PadMode.REFLECT ? 1 : 0; // reflect leaves the edge element out of the mirror
            for (int d = 0; d < shape.length; d++) {
                boolean padded = p[d][0] > 0 || p[d][1] > 0; // an unpadded axis may be empty
                if (padded && (p[d][0] > shape[d] - edge || p[d][1] > shape[d] - edge)) {
                    throw new IllegalArgumentException("pad: " + mode + " padding " + Arrays.toString(p[d]) + " on axis "
                            + d + " of shape " + Shapes.format(shape) + " must be at most " + (shape[d] - edge)
                            + " on each side");
                }
            }
        }
        Strided padded = mode == PadMode.CONSTANT ? dev.vectorgrad.ndarray.Manipulation.padConstant(view(), p, constant)
                : dev.vectorgrad.ndarray.Manipulation.padMirror(view(), p, mode == PadMode.REFLECT);
        NDArray out = wrap(padded);
        record1(Op.PAD, out, this, new dev.vectorgrad.ndarray.PadAttrs(p, mode));
        return out;
    }

    /**
     * {@code tf.gather(x, indices, axis)}: the slices at {@code indices} (int32/int64, any shape) along
     * {@code axis}; the result's shape is {@code shape[:axis] + indices.shape + shape[axis+1:]}. Negative
     * indices count from the end, as in NumPy's {@code take} (TensorFlow rejects them).
     *
     * @throws IllegalArgumentException for an index out of range: {@code gather: index 7 out of range for axis 0 of size 5}
     */
    public NDArray gather(NDArray indices, int axis) {
        nonNull(indices, "indices");
        if (shape.length == 0) {
            throw new IllegalArgumentException("gather: a rank-0 array cannot be gathered from");
        }
        int a = Shapes.axis("gather", axis, shape.length);
        NDArray out = wrap(dev.vectorgrad.ndarray.Indexing.gather(view(), indices.view(), a));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.GATHER, out, new NDArray[] {this, indices}, a);
        }
        return out;
    }

    /**
     * {@code tf.math.unsorted_segment_sum}: {@code out[segmentIds[i...]] += data[i...]}, shape
     * {@code [numSegments] + data.shape[segmentIds.rank:]}; gather's adjoint, so gather's gradient.
     * Ids must lie in {@code [0, numSegments)} (TensorFlow silently drops negative ids; here they are
     * an error, because a dropped id is far more often a bug than an intent).
     */
    public static NDArray unsortedSegmentSum(NDArray data, NDArray segmentIds, int numSegments) {
        nonNull(data, "data");
        nonNull(segmentIds, "segmentIds");
        long[] ids = dev.vectorgrad.ndarray.Indexing.indices("unsortedSegmentSum", segmentIds.view());
        NDArray out = wrap(dev.vectorgrad.ndarray.Indexing.segmentSum(data.view(), ids, segmentIds.shape, numSegments));
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(Op.SEGMENT_SUM, out, new NDArray[] {data, segmentIds}, numSegments);
        }
        return out;
    }

    /**
     * {@code tf.gather_nd}: the last axis of {@code indices} holds coordinates into this array's
     * leading axes; the result has shape {@code indices.shape[:-1] + shape[depth:]}.
     */
    public NDArray gatherNd(NDArray indices) {
        nonNull(indices, "indices");
        int[] is = indices.shape;
        int depth = is.length == 0 ? -1 : is[is.length - 1];
        if (depth < 0 || depth > shape.length) {
            throw new IllegalArgumentException("gatherNd: indices of shape " + Shapes.format(is)
                    + " need a last axis of at most the rank " + shape.length + " of shape " + Shapes.format(shape));
        }
        long[] idx = dev.vectorgrad.ndarray.Indexing.indices("gatherNd", indices.view());
        long[] flat = dev.vectorgrad.ndarray.Indexing.flatNd("gatherNd", idx, is, shape);
        int[] rows = new int[shape.length - depth + 1];
        rows[0] = Shapes.size(Arrays.copyOf(shape, depth));
        System.arraycopy(shape, depth, rows, 1, shape.length - depth);
        return reshape(rows).gather(dense(DType.INT64, flat, Arrays.copyOf(is, is.length - 1)), 0);
    }

    /**
     * NumPy's {@code take_along_axis}: {@code indices} has this array's rank and broadcasts against it
     * on every axis but {@code axis}; each result element takes the element at its index along {@code axis}.
     */
    public NDArray takeAlongAxis(NDArray indices, int axis) {
        nonNull(indices, "indices");
        if (indices.rank() != shape.length || shape.length == 0) {
            throw new IllegalArgumentException("takeAlongAxis: indices of shape " + Shapes.format(indices.shape)
                    + " must have the rank of shape " + Shapes.format(shape) + " (at least 1)");
        }
        int a = Shapes.axis("takeAlongAxis", axis, shape.length);
        int[] xs = shape.clone();
        int[] out = indices.shape.clone();
        for (int d = 0; d < xs.length; d++) {
            if (d == a) {
                continue;
            }
            if (xs[d] != out[d] && xs[d] != 1 && out[d] != 1) {
                throw new IllegalArgumentException("takeAlongAxis: shapes " + Shapes.format(shape) + " and "
                        + Shapes.format(indices.shape) + " cannot broadcast on axis " + d);
            }
            xs[d] = out[d] = Math.max(xs[d], out[d]);
            if (shape[d] == 0 || indices.shape[d] == 0) {
                xs[d] = out[d] = 0;
            }
        }
        NDArray x = broadcastTo(xs);
        long[] idx = dev.vectorgrad.ndarray.Indexing.indices("takeAlongAxis", indices.broadcastTo(out).view());
        long[] flat = dev.vectorgrad.ndarray.Indexing.flatAlongAxis(idx, xs, out, a);
        return x.reshape(-1).gather(dense(DType.INT64, flat, out), 0);
    }

    /**
     * {@code tf.scatter_nd}: zeros of {@code shape} with {@code updates} added at the coordinates in the
     * last axis of {@code indices} (duplicates add up). {@code updates} has shape
     * {@code indices.shape[:-1] + shape[depth:]}.
     */
    public static NDArray scatterNd(NDArray indices, NDArray updates, int... shape) {
        nonNull(indices, "indices");
        nonNull(updates, "updates");
        int[] s = Shapes.checkShape("scatterNd", shape);
        int[] is = indices.shape;
        int depth = is.length == 0 ? -1 : is[is.length - 1];
        if (depth < 0 || depth > s.length) {
            throw new IllegalArgumentException("scatterNd: indices of shape " + Shapes.format(is)
                    + " need a last axis of at most the rank " + s.length + " of shape " + Shapes.format(s));
        }
        int[] expected = new int[is.length - 1 + s.length - depth];
        System.arraycopy(is, 0, expected, 0, is.length - 1);
        System.arraycopy(s, depth, expected, is.length - 1, s.length - depth);
        if (!Arrays.equals(expected, updates.shape)) {
            throw new IllegalArgumentException("scatterNd: updates of shape " + Shapes.format(updates.shape)
                    + " must have shape " + Shapes.format(expected) + " for indices of shape " + Shapes.format(is)
                    + " and output shape " + Shapes.format(s));
        }
        if (updates.dtype == DType.BOOL) {
            throw new IllegalArgumentException("scatterNd: updates of dtype bool cannot be added");
        }
        long[] idx = dev.vectorgrad.ndarray.Indexing.indices("scatterNd", indices.view());
        long[] flat = dev.vectorgrad.ndarray.Indexing.flatNd("scatterNd", idx, is, s);
        NDArray ids = dense(DType.INT64, flat, Arrays.copyOf(is, is.length - 1));
        return unsortedSegmentSum(updates, ids, Shapes.size(Arrays.copyOf(s, depth))).reshape(s);
    }

    /**
     * {@code tf.boolean_mask}: the entries where {@code mask} (bool, shaped as this array's leading axes)
     * is true, flattened over the masked axes into one: shape {@code [count] + shape[mask.rank:]}.
     */
    public NDArray booleanMask(NDArray mask) {
        nonNull(mask, "mask");
        if (mask.dtype != DType.BOOL) {
            throw new IllegalArgumentException("booleanMask: mask must be bool, got " + mask.dtype);
        }
        int k = mask.shape.length;
        if (k == 0 || k > shape.length || !Arrays.equals(mask.shape, Arrays.copyOf(shape, k))) {
            throw new IllegalArgumentException("booleanMask: mask of shape " + Shapes.format(mask.shape)
                    + " must match the leading axes of shape " + Shapes.format(shape));
        }
        long[] at = dev.vectorgrad.ndarray.Indexing.trueIndices(mask.toBooleanArray());
        int[] rows = new int[shape.length - k + 1];
        rows[0] = Shapes.size(mask.shape);
        System.arraycopy(shape, k, rows, 1, shape.length - k);
        return reshape(rows).gather(dense(DType.INT64, at, new int[] {at.length}), 0);
    }

    /** {@code tf.where(x)} with one argument: int64 {@code [n, rank]} coordinates of the non-zero elements, in row-major order. */
    public NDArray argWhere() {
        NDArray out = wrap(dev.vectorgrad.ndarray.Indexing.argWhere(view()));
        record1(Op.ARG_WHERE, out, this, null);
        return out;
    }

    /** {@code tf.one_hot(indices, depth)} as float32. */
    public static NDArray oneHot(NDArray indices, int depth) {
        return oneHot(indices, depth, DType.FLOAT32);
    }

    /**
     * {@code tf.one_hot}: shape {@code indices.shape + [depth]}, 1 where the last axis equals the index;
     * an index outside {@code [0, depth)}, negative included, gives a row of zeros (TensorFlow's rule).
     */
    public static NDArray oneHot(NDArray indices, int depth, DType dtype) {
        nonNull(indices, "indices");
        long[] idx = dev.vectorgrad.ndarray.Indexing.indices("oneHot", indices.view());
        NDArray out = wrap(dev.vectorgrad.ndarray.Manipulation.oneHot(idx, indices.shape, depth, nonNull(dtype, "dtype")));
        record1(Op.ONE_HOT, out, indices, null);
        return out;
    }

    /** The {@code n × n} identity ({@code tf.eye}). */
    public static NDArray eye(DType dtype, int n) {
        return eye(dtype, n, n);
    }

    /** {@code n × m} with ones on the main diagonal ({@code tf.eye(n, m)}). */
    public static NDArray eye(DType dtype, int n, int m) {
        return wrap(dev.vectorgrad.ndarray.Manipulation.eye(nonNull(dtype, "dtype"), n, m, 0));
    }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop} inclusive ({@code np.linspace},
     * {@code tf.linspace}); computed in float64 with the last value exactly {@code stop}, then cast
     * (integer dtypes round toward −∞, as NumPy 2 does).
     */
    public static NDArray linspace(DType dtype, double start, double stop, int num) {
        return wrap(dev.vectorgrad.ndarray.Manipulation.linspace(nonNull(dtype, "dtype"), start, stop, num));
    }

    /** The lower triangle of the last two axes: entries with {@code col - row <= k} kept, the rest zero ({@code np.tril}). */
    public NDArray tril(int k) {
        return triangle("tril", k, true);
    }

    /** The upper triangle of the last two axes: entries with {@code col - row >= k} kept, the rest zero ({@code np.triu}). */
    public NDArray triu(int k) {
        return triangle("triu", k, false);
    }

    /** A mask of the last two axes applied with {@link #where}, so the gradient is where's. */
    private NDArray triangle(String op, int k, boolean lower) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": needs rank >= 2, got shape " + Shapes.format(shape));
        }
        int n = shape[shape.length - 2];
        int m = shape[shape.length - 1];
        NDArray rows = arange(DType.INT64, 0, n, 1).reshape(n, 1);
        NDArray cols = arange(DType.INT64, 0, m, 1).reshape(1, m);
        NDArray diff = cols.sub(rows);
        NDArray mask = lower ? diff.le(of((long) k)) : diff.ge(of((long) k));
        return where(mask, this, zeros(dtype));
    }

    /** Zeros of {@code x}'s shape and dtype ({@code tf.zeros_like}). */
    public static NDArray zerosLike(NDArray x) {
        return zeros(nonNull(x, "x").dtype, x.shape);
    }

    /** Ones of {@code x}'s shape and dtype ({@code tf.ones_like}). */
    public static NDArray onesLike(NDArray x) {
        return ones(nonNull(x, "x").dtype, x.shape);
    }

    /**
     * {@code np.einsum}/{@code tf.einsum}: labels are letters, {@code ...} stands for broadcast axes,
     * and without {@code ->} the output is the {@code ...} axes then the labels used once, sorted.
     * Contractions run as transposes and reshapes around {@link #matmul} (GEMM); repeated labels in one
     * operand take a diagonal.
     */
    public static NDArray einsum(String equation, NDArray... operands) {
        return dev.vectorgrad.ndarray.Einsum.einsum(equation, operands);
    }

    // ---- more dtypes: string and complex ----
    // ------------------------------------------------------------------------------------------

    /** A rank-0 STRING array (TensorFlow's {@code tf.constant("Hello")}). */
    public static NDArray of(String value) {
        return dense(DType.STRING, new String[] {checkText(value, 0)}, SCALAR_SHAPE);
    }

    /** A rank-1 STRING array of {@code values}; none may be null. */
    public static NDArray of(String... values) {
        return of(values, nonNull(values, "values").length);
    }

    /**
     * Flat row-major {@code data} read as {@code shape}, a STRING array. Elements are Java strings, shown
     * and saved as their UTF-8 bytes (TensorFlow's {@code tf.string} holds bytes).
     *
     * @throws IllegalArgumentException if {@code data} or an element is null, or the sizes differ
     */
    public static NDArray of(String[] data, int... shape) {
        String[] copy = nonNull(data, "data").clone();
        for (int i = 0; i < copy.length; i++) {
            checkText(copy[i], i);
        }
        return shaped(DType.STRING, copy, copy.length, shape);
    }

    /** A rank-0 COMPLEX128 array (Python's complex, as {@code tf.constant(4 + 3j)} gives complex128). */
    public static NDArray of(Complex value) {
        return complexScalar(DType.COMPLEX128, nonNull(value, "value").re(), value.im());
    }

    /** A rank-1 COMPLEX128 array; {@code .cast(DType.COMPLEX64)} for single precision. */
    public static NDArray of(Complex... values) {
        int n = nonNull(values, "values").length;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = nonNull(values[i], "values[" + i + "]").re();
            im[i] = values[i].im();
        }
        return dense(DType.COMPLEX128, new ComplexBuffer.OfDouble(re, im), new int[] {n});
    }

    /** A COMPLEX64 array of {@code shape} from row-major real and imaginary parts of equal length. */
    public static NDArray ofComplex(float[] re, float[] im, int... shape) {
        if (nonNull(re, "re").length != nonNull(im, "im").length) {
            throw new IllegalArgumentException("ofComplex: " + re.length + " real parts but " + im.length
                    + " imaginary parts");
        }
        return shaped(DType.COMPLEX64, new ComplexBuffer.OfFloat(re.clone(), im.clone()), re.length, shape);
    }

    /** A COMPLEX128 array of {@code shape} from row-major real and imaginary parts of equal length. */
    public static NDArray ofComplex(double[] re, double[] im, int... shape) {
        if (nonNull(re, "re").length != nonNull(im, "im").length) {
            throw new IllegalArgumentException("ofComplex: " + re.length + " real parts but " + im.length
                    + " imaginary parts");
        }
        return shaped(DType.COMPLEX128, new ComplexBuffer.OfDouble(re.clone(), im.clone()), re.length, shape);
    }

    /**
     * {@code real + i·imag} elementwise, broadcasting (TensorFlow's {@code tf.complex}): float32 parts give
     * COMPLEX64, float64 parts COMPLEX128. Integer parts are read as float32 (TensorFlow refuses them;
     * NumPy's {@code re + 1j*im} accepts them). Differentiable: the parts get the real and imaginary
     * parts of the upstream gradient.
     *
     * @throws IllegalArgumentException if either part is complex, bool or string, or the shapes cannot broadcast
     */
    public static NDArray complex(NDArray real, NDArray imag) {
        nonNull(real, "real");
        nonNull(imag, "imag");
        for (NDArray part : new NDArray[] {real, imag}) {
            if (!part.dtype.isFloating() && !part.dtype.isInteger()) {
                throw new IllegalArgumentException("complex: parts must be real numbers, got dtypes " + real.dtype
                        + " and " + imag.dtype);
            }
        }
        DType t = ComplexOps.complexOf(real.dtype == DType.FLOAT64 || imag.dtype == DType.FLOAT64
                ? DType.FLOAT64 : DType.FLOAT32);
        NDArray out = wrap(ComplexOps.complex(real.view(), imag.view(), t));
        record2(Op.COMPLEX, out, real, imag);
        return out;
    }

    /** The text at {@code index} of a STRING array. */
    public String getString(int... index) {
        if (dtype != DType.STRING) {
            throw new IllegalArgumentException("getString: the array has dtype " + dtype + ", not string");
        }
        return ((String[]) data())[flatIndex("getString", index)];
    }

    /** The element at {@code index} as a complex number (a real array's element with imaginary part 0). */
    public Complex getComplex(int... index) {
        if (dtype == DType.STRING) {
            throw new IllegalArgumentException("getComplex: the array has dtype string");
        }
        int i = flatIndex("getComplex", index);
        if (data() instanceof ComplexBuffer c) {
            return new Complex(c.re(i), c.im(i));
        }
        double[] one = new double[1];
        Convert.toF64(dtype, data(), i, 1, 1, one, 0);
        return new Complex(one[0], 0);
    }

    /** Row-major copy of the values of a STRING array. */
    public String[] toStringArray() {
        if (dtype != DType.STRING) {
            throw new IllegalArgumentException("toStringArray: the array has dtype " + dtype + ", not string");
        }
        return (String[]) Convert.contiguous(view(), DType.STRING);
    }

    /**
     * The real parts (TensorFlow's {@code tf.math.real}), of the part type (complex64 gives float32); a
     * view, no copy. A real array is returned as it is.
     */
    public NDArray real() {
        return part(Op.REAL, "real");
    }

    /** The imaginary parts ({@code tf.math.imag}), a view; zeros for a real array. */
    public NDArray imag() {
        return part(Op.IMAG, "imag");
    }

    /** The complex conjugate ({@code tf.math.conj}); a real array is returned as it is. */
    public NDArray conj() {
        if (dtype == DType.STRING) {
            throw notForString("conj");
        }
        if (!dtype.isComplex()) {
            return this;
        }
        NDArray out = wrap(ComplexOps.unary(Op.CONJ, "conj", view()));
        record1(Op.CONJ, out, this, null);
        return out;
    }

    /**
     * The argument {@code atan2(imag, real)} in {@code (−π, π]} ({@code tf.math.angle}), of the part type;
     * for a real array 0 or π (float32 for integers).
     */
    public NDArray angle() {
        if (dtype == DType.STRING || dtype == DType.BOOL) {
            throw new IllegalArgumentException("angle: not supported for dtype " + dtype);
        }
        Strided z = dtype.isComplex() ? view()
                : new Strided(ComplexOps.complexOf(dtype), Convert.contiguous(view(), ComplexOps.complexOf(dtype)), 0,
                        shape, Shapes.rowMajorStrides(shape));
        NDArray out = wrap(ComplexOps.angle(z));
        record1(Op.ANGLE, out, this, null);
        return out;
    }

    private NDArray part(Op op, String name) {
        if (dtype == DType.STRING || dtype == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype " + dtype);
        }
        if (!dtype.isComplex()) {
            return op == Op.REAL ? this : zeros(dtype.isFloating() ? dtype : DType.FLOAT32, shape);
        }
        NDArray out = wrap(op == Op.REAL ? ComplexOps.real(view()) : ComplexOps.imag(view()));
        record1(op, out, this, null);
        return out;
    }

    /** Equal as the float cases above: NaN equals NaN, and -0.0 equals 0.0. */
    private static boolean sameValues(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !(Double.isNaN(a[i]) && Double.isNaN(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The real or imaginary parts as float64, row-major, without recording anything on a tape. */
    private double[] parts(boolean real) {
        Strided v = view();
        return (double[]) Convert.contiguous(real ? ComplexOps.real(v) : ComplexOps.imag(v), DType.FLOAT64);
    }

    private NDArray compareMoreDtypes(Op op, String name, NDArray other) {
        NDArray out;
        if (dtype == DType.STRING || other.dtype == DType.STRING) {
            out = wrap(StringOps.compare(op, name, view(), other.view()));
        } else if (op == Op.EQ || op == Op.NE) {
            out = wrap(ComplexOps.compare(op, name, view(), other.view(), DType.promote(dtype, other.dtype)));
        } else {
            throw new IllegalArgumentException(name + ": not supported for dtype "
                    + (dtype.isComplex() ? dtype : other.dtype) + " (complex numbers are not ordered)");
        }
        record2(op, out, this, other);
        return out;
    }

    private boolean complexClose(NDArray other, int[] s, double rtol, double atol) {
        NDArray a = broadcastTo(s).cast(DType.COMPLEX128);
        NDArray b = other.broadcastTo(s).cast(DType.COMPLEX128);
        ComplexBuffer x = (ComplexBuffer) Convert.contiguous(a.view(), DType.COMPLEX128);
        ComplexBuffer y = (ComplexBuffer) Convert.contiguous(b.view(), DType.COMPLEX128);
        for (int i = 0; i < x.length(); i++) {
            double ar = x.re(i), ai = x.im(i), br = y.re(i), bi = y.im(i);
            if (ar == br && ai == bi) {
                continue;
            }
            if (!Double.isFinite(ar) || !Double.isFinite(ai) || !Double.isFinite(br) || !Double.isFinite(bi)
                    || !(Math.hypot(ar - br, ai - bi) <= atol + rtol * Math.hypot(br, bi))) {
                return false;
            }
        }
        return true;
    }

    private static NDArray complexScalar(DType t, double re, double im) {
        ComplexBuffer c = ComplexBuffer.allocate(t, 1);
        c.set(0, re, im);
        return dense(t, c, SCALAR_SHAPE);
    }

    private static String checkText(String s, int i) {
        if (s == null) {
            throw new IllegalArgumentException("of: string element " + i + " is null");
        }
        return s;
    }

    private static IllegalArgumentException notForString(String name) {
        return new IllegalArgumentException(name + ": not supported for dtype string (TensorFlow has no arithmetic"
                + " on tf.string; eq, ne, where and the view ops are what strings support)");
    }

    // ------------------------------------------------------------------------------------------
    // ---- math (issue 9): rounding, reciprocals, float classes, Python's // and %, atan2 ----
    // ------------------------------------------------------------------------------------------

    /** The largest integer not above each element ({@code tf.math.floor}); integer arrays are returned as they are. */
    public NDArray floor() {
        return rounding(Op.FLOOR, "floor");
    }

    /** The smallest integer not below each element ({@code tf.math.ceil}); integer arrays are returned as they are. */
    public NDArray ceil() {
        return rounding(Op.CEIL, "ceil");
    }

    /** The nearest integer, ties to even ({@code round(2.5) = 2}), as {@code tf.round} and {@code np.round}. */
    public NDArray round() {
        return rounding(Op.ROUND, "round");
    }

    private NDArray rounding(Op op, String name) {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool");
        }
        return dtype.isFloating() ? unary(op, name, false) : this;
    }

    /** {@code 1 / x} ({@code tf.math.reciprocal}); integers give float32, as {@link #div} does. */
    public NDArray reciprocal() {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("reciprocal: not supported for dtype bool");
        }
        return NDArray.ones(dtype.isFloating() ? dtype : DType.FLOAT32).div(this);
    }

    /** {@code 1 / sqrt(x)} ({@code tf.math.rsqrt}), rounded twice as TensorFlow's CPU kernel does. */
    public NDArray rsqrt() {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException("rsqrt: not supported for dtype bool");
        }
        return sqrt().reciprocal();
    }

    /** True where the element is NaN (never for integers). */
    public NDArray isNaN() {
        floatClassCheck("isNaN");
        return ne(this);
    }

    /** True where the element is {@code +Inf} or {@code -Inf}. */
    public NDArray isInf() {
        floatClassCheck("isInf");
        return abs().eq(Double.POSITIVE_INFINITY);
    }

    /** True where the element is neither infinite nor NaN (always for integers). */
    public NDArray isFinite() {
        floatClassCheck("isFinite");
        return abs().lt(Double.POSITIVE_INFINITY);
    }

    private void floatClassCheck(String name) {
        if (dtype == DType.BOOL) {
            throw new IllegalArgumentException(name + ": not supported for dtype bool");
        }
    }

    /**
     * Python's {@code a // b}, broadcasting ({@code tf.math.floordiv}): rounds toward minus infinity. Integers: division
     * by zero throws {@code ArithmeticException} naming the op. Floats as NumPy's {@code floor_divide}.
     */
    public NDArray floorDiv(NDArray other) {
        return MathOps.binary(Op.FLOOR_DIV, "floorDiv", this, other);
    }

    /** {@link #floorDiv(NDArray)} by a scalar, with {@link #add(double)}'s type rule. */
    public NDArray floorDiv(double s) {
        return floorDiv(scalarLike(s));
    }

    /** {@link #floorDiv(NDArray)} by an integer scalar, keeping an integer array's type. */
    public NDArray floorDiv(long s) {
        return floorDiv(scalarLike(s));
    }

    /**
     * Python's {@code a % b}, broadcasting ({@code tf.math.floormod}): the result takes the divisor's sign
     * ({@code -7 % 3 == 2}, {@code 7 % -3 == -2}); integer division by zero throws {@code ArithmeticException}
     * naming the op; floats as NumPy's {@code remainder} ({@code x % 0.0} is NaN).
     */
    public NDArray floorMod(NDArray other) {
        return MathOps.binary(Op.FLOOR_MOD, "floorMod", this, other);
    }

    /** {@link #floorMod(NDArray)} by a scalar, with {@link #add(double)}'s type rule. */
    public NDArray floorMod(double s) {
        return floorMod(scalarLike(s));
    }

    /** {@link #floorMod(NDArray)} by an integer scalar, keeping an integer array's type (seed 004's {@code num % 3}). */
    public NDArray floorMod(long s) {
        return floorMod(scalarLike(s));
    }

    /** The angle of the point {@code (other, this)}: {@code atan2(y = this, x = other)} in {@code [-π, π]}; integers give float32. */
    public NDArray atan2(NDArray other) {
        return MathOps.binary(Op.ATAN2, "atan2", this, other);
    }

    /** {@link #atan2(NDArray)} with a scalar {@code x}. */
    public NDArray atan2(double s) {
        return atan2(scalarLike(s));
    }

    /** {@link #atan2(NDArray)} with an integer scalar {@code x}. */
    public NDArray atan2(long s) {
        return atan2(scalarLike(s));
    }

    /** {@code (this - other)²}, broadcasting ({@code tf.math.squared_difference}). */
    public NDArray squaredDifference(NDArray other) {
        return sub(other).square();
    }

    /** {@link #squaredDifference(NDArray)} with a scalar. */
    public NDArray squaredDifference(double s) {
        return squaredDifference(scalarLike(s));
    }

    /** {@link #squaredDifference(NDArray)} with an integer scalar, keeping an integer array's type. */
    public NDArray squaredDifference(long s) {
        return squaredDifference(scalarLike(s));
    }

    // ------------------------------------------------------------------------------------------
    // Recording: one thread-local read when no tape is open
    // ------------------------------------------------------------------------------------------

    private static void record1(Op op, NDArray out, NDArray in, Object attrs) {
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, out, new NDArray[] {in}, attrs);
        }
    }

    private static void record2(Op op, NDArray out, NDArray a, NDArray b) {
        OpRecorder r = OpHook.current();
        if (r != null) {
            r.record(op, out, new NDArray[] {a, b}, null);
        }
    }
}
