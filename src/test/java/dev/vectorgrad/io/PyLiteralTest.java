package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header's Python-literal parser accepts what ast.literal_eval accepts there, and nothing looser. */
class PyLiteralTest {

    @Test
    void aNumpyHeaderParsesToAnOrderedDictWithATupleShape() throws IOException {
        Object v = PyLiteral.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n", false);
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(List.copyOf(m.keySet())).isEqualTo(List.of("descr", "fortran_order", "shape"));
        assertThat(m.get("descr")).isEqualTo("<f4");
        assertThat(m.get("fortran_order")).isEqualTo(false);
        assertThat(m.get("shape")).isEqualTo(new PyLiteral.Tuple(List.of(BigInteger.TWO, BigInteger.valueOf(3))));
    }

    @Test
    void tuplesFollowPythonsCommaRules() throws IOException {
        assertThat(PyLiteral.parse("()", false)).isEqualTo(new PyLiteral.Tuple(List.of()));
        assertThat(PyLiteral.parse("(5,)", false)).isEqualTo(new PyLiteral.Tuple(List.of(BigInteger.valueOf(5))));
        assertThat(PyLiteral.parse("(5)", false)).isEqualTo(BigInteger.valueOf(5));
        assertThat(PyLiteral.parse("( 1 , 2 , )", false)).hasToString("(1, 2)");
        assertThat(PyLiteral.parse("[1, [2, (3,)]]", false)).isEqualTo(List.of(BigInteger.ONE,
                List.of(BigInteger.TWO, new PyLiteral.Tuple(List.of(BigInteger.valueOf(3))))));
    }

    @Test
    void numbersStringsAndConstantsAreReadAsPythonReadsThem() throws IOException {
        assertThat(PyLiteral.parse("-12_345", false)).isEqualTo(BigInteger.valueOf(-12345));
        assertThat(PyLiteral.parse("18446744073709551616", false)).isEqualTo(BigInteger.TWO.pow(64));
        assertThat(PyLiteral.parse("2.5e3", false)).isEqualTo(2500.0);
        assertThat(PyLiteral.parse("000", false)).isEqualTo(BigInteger.ZERO);
        assertThat(PyLiteral.parse("7L", true)).isEqualTo(BigInteger.valueOf(7));
        assertThat(PyLiteral.parse("\"it's\"", false)).isEqualTo("it's");
        assertThat(PyLiteral.parse("'a\\'b\\\\c\\x41\\u00e9'", false)).isEqualTo("a'b\\cA\u00e9");
        assertThat(PyLiteral.parse("u'<f4'", false)).isEqualTo("<f4");
        assertThat(PyLiteral.parse("None", false)).isSameAs(PyLiteral.NONE);
        assertThat(PyLiteral.parse("True", false)).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "{'a': 1", "{'a' 1}", "{'a': 1,, }", "{,}", "(,)", "(1 2)", "(1,,)", "[1", "'abc", "'ab\ncd'",
        "007", "0x10", "1L", "1__0", "1e", "-", "+x", ".", "Truex", "true", "none", "__import__('os')", "{'a': 1} x",
        "{(1, 2): 3}", "{'a': 1, 'a': 2}", "'\\q'", "'\\x4'", "b'x'", "1j", "{'a': lambda: 0}", "[1, 2,, 3]",
    })
    void malformedLiteralsAreRefusedWithTheirOffset(String text) {
        assertThatThrownBy(() -> PyLiteral.parse(text, false)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith("malformed header literal: ").hasMessageContaining(" at offset ");
    }

    @Test
    void nestingIsBoundedSoAHostileHeaderCannotOverflowTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> PyLiteral.parse(deep, false)).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("nested deeper than " + PyLiteral.MAX_DEPTH);
    }

    @Test
    void aHeaderTooLongForVersion1IsWrittenAsVersion2AlignedTo64Bytes() {
        int[] shape = new int[30_000];
        Arrays.fill(shape, 1);
        byte[] prefix = NpyHeader.encode(DType.FLOAT32, shape);
        assertThat(prefix[6]).isEqualTo((byte) 2);
        long length = (prefix[8] & 0xFFL) | (prefix[9] & 0xFFL) << 8 | (prefix[10] & 0xFFL) << 16 | (prefix[11] & 0xFFL) << 24;
        assertThat(12 + length).isEqualTo(prefix.length);
        assertThat(prefix.length % 64).isZero();
        assertThat(prefix[prefix.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(prefix, 12, 60, StandardCharsets.ISO_8859_1)).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, ");
    }
}
