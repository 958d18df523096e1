package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Complex arithmetic against numpy's own results (npy/dtypes/out_*.npy, from make_dtype_fixtures.py):
 * operands include 0, −2+0j and −2−0j, so the branch cuts and the zero cases are checked too.
 */
class ComplexOpsTest {

    static NDArray fixture(String name) {
        try (InputStream in = ComplexOpsTest.class.getResourceAsStream("/npy/dtypes/" + name + ".npy")) {
            return Npy.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("missing fixture " + name + "; run make_dtype_fixtures.py", e);
        }
    }

    /** numpy computes complex64 in float32; vectorgrad in double rounded once, so they may differ by an ulp or two. */
    static void assertMatches(NDArray actual, NDArray expected, String tag) {
        assertThat(actual.dtype()).as(tag + " dtype").isEqualTo(expected.dtype());
        assertThat(actual.shape()).as(tag + " shape").containsExactly(expected.shape());
        double rtol = tag.endsWith("c8") ? 1e-6 : 1e-14;
        if (expected.dtype().isComplex()) {
            assertClose(actual.real(), expected.real(), rtol, tag + " real");
            assertClose(actual.imag(), expected.imag(), rtol, tag + " imag");
        } else if (expected.dtype() == DType.BOOL) {
            assertThat(actual.toBooleanArray()).as(tag).containsExactly(expected.toBooleanArray());
        } else {
            assertClose(actual, expected, rtol, tag);
        }
    }

    private static void assertClose(NDArray actual, NDArray expected, double rtol, String tag) {
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i]) || Double.isInfinite(e[i]) || e[i] == 0) {
                assertThat(a[i]).as(tag + " element " + i).isEqualTo(e[i]); // NaN, ±inf and ±0 exactly
            } else {
                assertThat(a[i]).as(tag + " element " + i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(
                        rtol * Math.max(1, Math.abs(e[i]))));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c8", "c16"})
    void everyOpMatchesNumpy(String tag) {
        NDArray a = fixture("in_a_" + tag);
        NDArray b = fixture("in_b_" + tag);
        NDArray m = fixture("in_m_" + tag);
        check("add", a.add(b), tag);
        check("sub", a.sub(b), tag);
        check("mul", a.mul(b), tag);
        check("div", a.div(b), tag);
        check("neg", a.neg(), tag);
        check("exp", a.exp(), tag);
        check("log", a.log(), tag);
        check("sqrt", a.sqrt(), tag);
        check("square", a.square(), tag);
        check("abs", a.abs(), tag);
        check("angle", a.angle(), tag);
        check("conj", a.conj(), tag);
        check("real", a.real(), tag);
        check("imag", a.imag(), tag);
        check("sign", a.sign(), tag);
        check("sum", a.sum(), tag);
        check("sum0", a.sum(false, 0), tag);
        check("mean1", a.mean(false, 1), tag);
        check("matmul", a.matmul(m), tag);
        check("eq", a.eq(a.slice(1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1)), tag);
        check("transpose_mul", a.transpose().mul(b.slice(0, 0, 3, 1)), tag);
        check("to_float32", a.cast(DType.FLOAT32), tag);
        check("from_float64", a.cast(DType.FLOAT64).cast(a.dtype()), tag);
    }

    private static void check(String op, NDArray actual, String tag) {
        assertMatches(actual, fixture("out_" + op + "_" + tag), op + " " + tag);
    }

    @Test
    void promotionFollowsPyTorchForIntegersAndWidensWithFloat64() {
        NDArray c64 = NDArray.ofComplex(new float[] {1}, new float[] {2}, 1);
        assertThat(c64.add(NDArray.of(new long[] {3})).dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(c64.add(NDArray.of(new float[] {3})).dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(c64.add(NDArray.of(new double[] {3})).dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(c64.mul(2.0).getComplex(0)).isEqualTo(Complex.of(2, 4));
        assertThat(c64.mul(2L).getComplex(0)).isEqualTo(Complex.of(2, 4));
        assertThat(NDArray.of(new int[] {5}).mul(c64).getComplex(0)).isEqualTo(Complex.of(5, 10));
    }

    @Test
    void complexBuildsFromRealPartsAndBroadcasts() {
        NDArray z = NDArray.complex(NDArray.of(new float[] {1, 2}), NDArray.of(3f));
        assertThat(z.dtype()).isEqualTo(DType.COMPLEX64);
        assertThat(z.getComplex(1)).isEqualTo(Complex.of(2, 3));
        assertThat(NDArray.complex(NDArray.of(1.0), NDArray.of(2.0)).dtype()).isEqualTo(DType.COMPLEX128);
        assertThatThrownBy(() -> NDArray.complex(z, z)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("complex: parts must be real numbers, got dtypes complex64 and complex64");
    }

    @Test
    void viewsOfComplexArraysShareAndReadTheRightElements() {
        NDArray z = NDArray.ofComplex(new double[] {0, 1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1, 0}, 2, 3);
        assertThat(z.transpose().getComplex(2, 1)).isEqualTo(Complex.of(5, 0));
        assertThat(z.slice(1, 2, 0, -1).getComplex(1, 0)).isEqualTo(Complex.of(5, 0));
        assertThat(z.reshape(3, 2).getComplex(1, 0)).isEqualTo(Complex.of(2, 3));
        assertThat(z.get(1).broadcastTo(2, 3).getComplex(0, 0)).isEqualTo(Complex.of(3, 2));
        assertThat(z.transpose().contiguous().reshape(6).getComplex(1)).isEqualTo(Complex.of(3, 2));
        assertThat(z.expandDims(0).squeeze().equals(z)).isTrue();
        NDArray scattered = NDArray.sliceScatter(NDArray.zeros(DType.COMPLEX128, 2, 3), z.slice(1, 0, 1, 1), 1, 2, 3, 1);
        assertThat(scattered.getComplex(1, 2)).isEqualTo(Complex.of(3, 2));
        NDArray picked = NDArray.where(NDArray.of(new boolean[] {true, false, true}), z, NDArray.of(-1.0));
        assertThat(picked.getComplex(1, 1)).isEqualTo(Complex.of(-1, 0));
        assertThat(picked.getComplex(1, 2)).isEqualTo(Complex.of(5, 0));
    }

    @Test
    void castsFollowNumpy() {
        NDArray z = NDArray.ofComplex(new double[] {1.5, -2.5, 0}, new double[] {7, 0, 3}, 3);
        assertThat(z.cast(DType.FLOAT32).toFloatArray()).containsExactly(1.5f, -2.5f, 0f); // drops im
        assertThat(z.cast(DType.INT32).toIntArray()).containsExactly(1, -2, 0);
        assertThat(z.cast(DType.BOOL).toBooleanArray()).containsExactly(true, true, true); // 0+3j is true
        assertThat(NDArray.of(new int[] {4}).cast(DType.COMPLEX64).getComplex(0)).isEqualTo(Complex.of(4, 0));
        assertThat(z.cast(DType.COMPLEX64).cast(DType.COMPLEX128).equals(z)).isTrue();
        assertThat(z.getDouble(0)).isEqualTo(1.5);
        assertThat(NDArray.of(2.5).getComplex()).isEqualTo(Complex.of(2.5, 0));
    }

    @Test
    void realImagAndConjOfRealArraysFollowTensorFlow() {
        NDArray x = NDArray.of(new float[] {-1, 2});
        assertThat(x.real()).isSameAs(x);
        assertThat(x.conj()).isSameAs(x);
        assertThat(x.imag().toFloatArray()).containsExactly(0f, 0f);
        assertThat(x.angle().toFloatArray()).containsExactly((float) Math.PI, 0f);
    }

    @Test
    void unsupportedOpsNameTheOpAndTheDtype() {
        NDArray z = NDArray.of(Complex.of(1, 1));
        assertThatThrownBy(z::max).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("max: not supported for dtype complex128");
        assertThatThrownBy(() -> z.lt(z)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lt: not supported for dtype complex128");
        assertThatThrownBy(z::relu).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("relu: not supported for dtype complex128");
        assertThatThrownBy(() -> z.pow(z)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pow: not supported for dtype complex128");
        assertThatThrownBy(() -> z.softmax(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(z.eq(NDArray.of(Complex.of(1, 1))).getBoolean()).isTrue();
        assertThat(z.ne(NDArray.of(Complex.of(1, -1))).getBoolean()).isTrue();
    }

    @Test
    void allCloseUsesTheComplexDistance() {
        NDArray a = NDArray.ofComplex(new double[] {1, 2}, new double[] {1, 0}, 2);
        assertThat(a.allClose(NDArray.ofComplex(new double[] {1, 2}, new double[] {1 + 1e-9, 0}, 2), 0, 1e-8)).isTrue();
        assertThat(a.allClose(NDArray.ofComplex(new double[] {1, 2}, new double[] {1.1, 0}, 2), 0, 1e-8)).isFalse();
        assertThat(a.equals(a.add(0L))).isTrue();
        assertThat(a.hashCode()).isEqualTo(a.add(0L).hashCode());
    }
}
