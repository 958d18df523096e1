package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;

/**
 * The buffer of a complex array: the real parts and the imaginary parts in two parallel arrays
 * ("split" or structure-of-arrays layout), element {@code i} being {@code re[i] + im[i]·i}.
 *
 * <p>Why two arrays rather than NumPy's interleaved {@code re, im, re, im}: element indices, offsets
 * and strides then mean exactly what they mean for every other dtype, so views, {@link StridedLoop}
 * and {@link Convert} need no factor of two anywhere; each part is a plain {@code float[]} or
 * {@code double[]} that the real kernels and {@link ArrayPrinter} read unchanged (the real part of
 * a complex view is that view over {@code re}); and complex multiply vectorises lane by lane
 * ({@code re = ar·br − ai·bi}) with no shuffles. The {@code .npy} reader and writer interleave at the
 * boundary. The cost: a buffer is not a Java array, so generic code copies it with
 * {@link Convert#copy}, not {@code System.arraycopy}.
 */
public sealed interface ComplexBuffer {

    /** Number of elements. */
    int length();

    /** The real part of element {@code i}, widened to double. */
    double re(int i);

    /** The imaginary part of element {@code i}, widened to double. */
    double im(int i);

    /** Stores {@code re + im·i} at {@code i}, rounded to this buffer's precision. */
    void set(int i, double re, double im);

    /** The real parts, a {@code float[]} or {@code double[]}. */
    Object reals();

    /** The imaginary parts, of the same type as {@link #reals()}. */
    Object imags();

    /** A zeroed buffer of {@code n} elements of complex type {@code t}. */
    static ComplexBuffer allocate(DType t, int n) {
        return t == DType.COMPLEX64 ? new OfFloat(new float[n], new float[n]) : new OfDouble(new double[n], new double[n]);
    }

    /**
     * COMPLEX64's buffer.
     *
     * @param re the real parts
     * @param im the imaginary parts, as long as {@code re}
     */
    record OfFloat(float[] re, float[] im) implements ComplexBuffer {
        @Override
        public int length() {
            return re.length;
        }

        @Override
        public double re(int i) {
            return re[i];
        }

        @Override
        public double im(int i) {
            return im[i];
        }

        @Override
        public void set(int i, double r, double m) {
            re[i] = (float) r;
            im[i] = (float) m;
        }

        @Override
        public Object reals() {
            return re;
        }

        @Override
        public Object imags() {
            return im;
        }
    }

    /**
     * COMPLEX128's buffer.
     *
     * @param re the real parts
     * @param im the imaginary parts, as long as {@code re}
     */
    record OfDouble(double[] re, double[] im) implements ComplexBuffer {
        @Override
        public int length() {
            return re.length;
        }

        @Override
        public double re(int i) {
            return re[i];
        }

        @Override
        public double im(int i) {
            return im[i];
        }

        @Override
        public void set(int i, double r, double m) {
            re[i] = r;
            im[i] = m;
        }

        @Override
        public Object reals() {
            return re;
        }

        @Override
        public Object imags() {
            return im;
        }
    }
}
