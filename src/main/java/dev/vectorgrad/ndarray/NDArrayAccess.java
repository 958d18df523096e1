package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;

/**
 * Module-internal access to an NDArray's buffer, for the layers above (autodiff, nn, io) that need
 * raw arrays for kernels without widening NDArray's public API. NDArray registers the
 * implementation when it is initialised (the JDK's "shared secrets" pattern). Not exported.
 */
public final class NDArrayAccess {

    /** What NDArray lets the engine do. */
    public interface Access {
        /** The current raw view (for a Variable, of its current value). */
        Strided view(NDArray a);

        /** Wraps a buffer without copying; the caller hands over ownership. */
        NDArray wrap(DType dtype, Object data, int[] shape, int[] strides, int offset);
    }

    private static volatile Access access;

    /** Called once by NDArray's static initialiser. */
    public static void register(Access a) {
        access = a;
    }

    static Access access() {
        Access a = access;
        if (a == null) {
            try {
                Class.forName(NDArray.class.getName(), true, NDArray.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }

    /** The raw view of {@code a}. */
    public static Strided view(NDArray a) {
        return access().view(a);
    }

    /** Wraps a contiguous result without copying. */
    public static NDArray wrap(Strided s) {
        return access().wrap(s.dtype(), s.data(), s.shape(), s.strides(), s.offset());
    }

    /** Wraps a row-major buffer of {@code shape} without copying. */
    public static NDArray wrap(DType dtype, Object data, int... shape) {
        return access().wrap(dtype, data, shape, Shapes.rowMajorStrides(shape), 0);
    }

    private NDArrayAccess() {}
}
