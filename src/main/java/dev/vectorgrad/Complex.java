package dev.vectorgrad;

/**
 * A complex scalar, for creating and reading {@link DType#COMPLEX64} and {@link DType#COMPLEX128}
 * arrays ({@link NDArray#of(Complex...)}, {@link NDArray#getComplex(int...)}). Arithmetic lives on
 * NDArray, where it broadcasts and is differentiable; this record only carries the two parts.
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record Complex(double re, double im) {

    /** {@code re + im·i}; reads like Python's {@code complex(re, im)}. */
    public static Complex of(double re, double im) {
        return new Complex(re, im);
    }

    /** Python's {@code repr}: {@code (4+3j)}, {@code 3j}, {@code (1.5-0j)}, {@code (nan+infj)}. */
    @Override
    public String toString() {
        return dev.vectorgrad.ndarray.ArrayPrinter.complexScalar(re, im, false);
    }
}
