package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.Complex;
import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Complex and string arrays print exactly as numpy's {@code str()} printed them in
 * {@code npy/dtypes/printed.txt} (written by make_dtype_fixtures.py; TensorFlow shows a tensor's
 * values with numpy's str, and a tf.string tensor as an object array of bytes).
 */
class MoreDtypesPrinterTest {

    static Map<String, String> printed() throws IOException {
        try (InputStream in = MoreDtypesPrinterTest.class.getResourceAsStream("/npy/dtypes/printed.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> cases = new LinkedHashMap<>();
            for (String block : text.split("(?m)^=== ")) {
                if (block.isEmpty()) {
                    continue;
                }
                int nl = block.indexOf('\n');
                cases.put(block.substring(0, nl), block.substring(nl + 1, block.length() - 1));
            }
            return cases;
        }
    }

    static Map<String, Supplier<NDArray>> arrays() {
        Map<String, Supplier<NDArray>> m = new LinkedHashMap<>();
        m.put("c8_scalar", () -> NDArray.of(Complex.of(4, 3)).cast(DType.COMPLEX64));
        m.put("c16_scalar", () -> NDArray.of(Complex.of(4, 3)));
        m.put("c16_scalar_pure_imag", () -> NDArray.of(Complex.of(0, 3)));
        m.put("c16_scalar_neg_zero_imag", () -> NDArray.of(Complex.of(1.5, -0.0)));
        m.put("c16_scalar_neg_real_zero", () -> NDArray.of(Complex.of(-0.0, 2)));
        m.put("c16_scalar_nan_inf", () -> NDArray.of(Complex.of(Double.NaN, Double.POSITIVE_INFINITY)));
        m.put("c16_scalar_small", () -> NDArray.of(Complex.of(1e-5, -2.5e20)));
        m.put("c8_scalar_digits", () -> NDArray.of(Complex.of(0.1, 0.2)).cast(DType.COMPLEX64));
        m.put("c8_vector", () -> NDArray.ofComplex(new float[] {1, 3.5f}, new float[] {2, -1}, 2));
        m.put("c16_matrix", () -> NDArray.ofComplex(new double[] {1, -3.25, 0.5, 7}, new double[] {2, 0, -1e-3, 100}, 2, 2));
        m.put("c16_sci", () -> NDArray.ofComplex(new double[] {1e-7, 123456789}, new double[] {1, -2}, 2));
        m.put("c16_nonfinite", () -> NDArray.ofComplex(new double[] {Double.NaN, 1, Double.NEGATIVE_INFINITY, 2},
                new double[] {1, Double.POSITIVE_INFINITY, Double.NaN, -3}, 4));
        m.put("c8_long", () -> {
            float[] re = new float[30];
            float[] im = new float[30];
            for (int i = 0; i < 30; i++) {
                re[i] = i / 3f;
                im[i] = i;
            }
            return NDArray.ofComplex(re, im, 30);
        });
        m.put("c8_summarised", () -> {
            float[] re = new float[2000];
            float[] im = new float[2000];
            for (int i = 0; i < 2000; i++) {
                re[i] = i;
                im[i] = 1;
            }
            return NDArray.ofComplex(re, im, 2000);
        });
        m.put("c16_neg_zero", () -> NDArray.ofComplex(new double[] {-0.0, 0.0}, new double[] {-0.0, 0.0}, 2));
        m.put("bytes_scalar", () -> NDArray.of("Hello"));
        m.put("bytes_vector", () -> NDArray.of("Hello", "World", "", "café"));
        m.put("bytes_quotes", () -> NDArray.of("it's", "say \"hi\"", "both ' and \"", "tab\tnew\nline\\"));
        m.put("bytes_matrix", () -> NDArray.of(new String[] {"a", "bb", "ccc", "€"}, 2, 2));
        m.put("bytes_long", () -> {
            String[] w = new String[20];
            for (int i = 0; i < 20; i++) w[i] = "word" + i;
            return NDArray.of(w);
        });
        return m;
    }

    @Test
    void everyCasePrintsAsNumpyPrintedIt() throws IOException {
        Map<String, String> expected = printed();
        Map<String, Supplier<NDArray>> arrays = arrays();
        assertThat(arrays.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            NDArray x = arrays.get(e.getKey()).get();
            assertThat(ArrayPrinter.str(NDArrayAccess.view(x))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void viewsPrintTheirOwnElements() {
        NDArray z = NDArray.ofComplex(new double[] {1, 2, 3, 4}, new double[] {-1, -2, -3, -4}, 2, 2);
        assertThat(ArrayPrinter.str(NDArrayAccess.view(z.transpose()))).isEqualTo("[[1.-1.j 3.-3.j]\n [2.-2.j 4.-4.j]]");
        NDArray s = NDArray.of(new String[] {"a", "b", "c", "d"}, 2, 2);
        assertThat(ArrayPrinter.str(NDArrayAccess.view(s.transpose().slice(0, 1, 2, 1)))).isEqualTo("[[b'b' b'd']]");
    }

    @Test
    void complexScalarsReadLikePython() {
        assertThat(Complex.of(4, 3)).hasToString("(4+3j)");
        assertThat(Complex.of(0, -1)).hasToString("-1j");
        assertThat(Complex.of(2.5, Double.NEGATIVE_INFINITY)).hasToString("(2.5-infj)");
        assertThat(Complex.of(1e16, 1e-5)).hasToString("(1e+16+1e-05j)");
    }
}
