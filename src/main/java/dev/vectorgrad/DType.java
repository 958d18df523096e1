package dev.vectorgrad;

/**
 * Element types of an {@link NDArray}. {@link #FLOAT32} is the default float type.
 *
 * <p>Promotion between two arrays follows NumPy/PyTorch by category: bool &lt; integer &lt; float,
 * the wider type winning inside a category, and a float type winning over any integer type while
 * keeping its own width (int64 with float32 gives float32, as PyTorch does).
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT32("int32", 4),
    INT64("int64", 8),
    BOOL("bool", 1);

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

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The result type of a binary op between arrays of types {@code a} and {@code b}. */
    public static DType promote(DType a, DType b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("DType.promote: " + (a == null ? "a" : "b") + " is null");
        }
        if (a == b) {
            return a;
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

    /** NumPy's name: {@code float32}, {@code int64}, {@code bool}. */
    @Override
    public String toString() {
        return label;
    }
}
