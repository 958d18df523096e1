package dev.vectorgrad;

/**
 * Element types of an {@link NDArray}. {@link #FLOAT32} is the default float type.
 *
 * <p>Promotion between two arrays follows NumPy/PyTorch by category: bool &lt; integer &lt; float,
 * the wider type winning inside a category, and a float type winning over any integer type while
 * keeping its own width (int64 with float32 gives float32, as PyTorch does). Complex types sit above
 * float: a complex type wins and is widened to COMPLEX128 only when the other side is FLOAT64 or
 * COMPLEX128 (complex64 with int64 gives complex64, as PyTorch does; NumPy would give complex128).
 * {@link #STRING} combines with nothing but itself.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT32("int32", 4),
    INT64("int64", 8),
    BOOL("bool", 1),
    // ---- more dtypes: string and complex ----
    /**
     * UTF-8 text, TensorFlow's {@code tf.string}; elements are Java {@link String}s (so {@link #byteSize()}
     * is 0: an element has no fixed width).
     */
    STRING("string", 0),
    /** A complex number of two float32 parts (NumPy's and TensorFlow's {@code complex64}). */
    COMPLEX64("complex64", 8),
    /** A complex number of two float64 parts ({@code complex128}). */
    COMPLEX128("complex128", 16);

    private final String label;
    private final int byteSize;

    DType(String label, int byteSize) {
        this.label = label;
        this.byteSize = byteSize;
    }

    /** True for FLOAT32 and FLOAT64, the only differentiable types. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** True for INT32 and INT64. */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** True for COMPLEX64 and COMPLEX128 (differentiable too, with TensorFlow's conjugate convention). */
    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /** Bytes per element; 0 for {@link #STRING}, whose elements have no fixed width. */
    public int byteSize() {
        return byteSize;
    }

    /**
     * The result type of a binary op between arrays of types {@code a} and {@code b}.
     *
     * @throws IllegalArgumentException if exactly one of them is {@link #STRING}
     */
    public static DType promote(DType a, DType b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("DType.promote: " + (a == null ? "a" : "b") + " is null");
        }
        if (a == b) {
            return a;
        }
        if (a == STRING || b == STRING) {
            throw new IllegalArgumentException("dtypes " + a + " and " + b + " cannot be combined");
        }
        if (a.isComplex() || b.isComplex()) {
            boolean wide = a == COMPLEX128 || b == COMPLEX128 || a == FLOAT64 || b == FLOAT64;
            return wide ? COMPLEX128 : COMPLEX64;
        }
        if (a.isFloating() || b.isFloating()) {
            if (a.isFloating() && b.isFloating()) {
                return FLOAT64;
            }
            return a.isFloating() ? a : b;
        }
        if (a == BOOL) {
            return b;
        }
        if (b == BOOL) {
            return a;
        }
        return INT64; // int32 with int64
    }

    /** NumPy's name: {@code float32}, {@code int64}, {@code bool}; TensorFlow's {@code string}. */
    @Override
    public String toString() {
        return label;
    }
}
