package dev.vectorgrad.io;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the numpy-written fixtures (see src/test/resources/npy/make_fixtures.py) and recomputes their values. */
final class Fixtures {

    static Path dtypes(String name) {
        return resource("/npy/dtypes/" + name);
    }

    static Path good(String name) {
        return resource("/npy/good/" + name);
    }

    static Path hostile(String name) {
        return resource("/npy/hostile/" + name);
    }

    private static Path resource(String name) {
        URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name + "; run make_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The array make_fixtures.py's {@code values(kind, shape)} builds: flat row-major index i gives
     * {@code (i - 3) / 7.0} for floats, {@code (i - 3) * 12345678} for int32,
     * {@code (i - 3) * 1234567890123} for int64 and {@code i % 3 == 0} for bool.
     */
    static NDArray expected(DType dtype, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) ((i - 3) / 7.0);
                yield NDArray.of(v, shape);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = (i - 3) / 7.0;
                yield NDArray.of(v, shape);
            }
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = (i - 3) * 12345678;
                yield NDArray.of(v, shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = (i - 3) * 1234567890123L;
                yield NDArray.of(v, shape);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = i % 3 == 0;
                yield NDArray.of(v, shape);
            }
            case COMPLEX64, COMPLEX128 -> { // make_dtype_fixtures.py: (i - 3) / 7 + 1j * (2 - i) / 3, in complex128
                double[] re = new double[n];
                double[] im = new double[n];
                for (int i = 0; i < n; i++) {
                    re[i] = (i - 3) / 7.0;
                    im[i] = (2 - i) / 3.0;
                }
                yield NDArray.ofComplex(re, im, shape).cast(dtype);
            }
            case STRING -> { // make_dtype_fixtures.py: 's' + str(i) + 'é' * (i % 3)
                String[] v = new String[n];
                for (int i = 0; i < n; i++) v[i] = "s" + i + "\u00e9".repeat(i % 3);
                yield NDArray.of(v, shape);
            }
        };
    }

    /** The vectorgrad dtype of a numpy descr such as {@code >f4}. */
    static DType dtypeOf(String descr) {
        return switch (descr.substring(1)) {
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "b1" -> DType.BOOL;
            default -> throw new IllegalArgumentException(descr);
        };
    }

    private Fixtures() {}
}
