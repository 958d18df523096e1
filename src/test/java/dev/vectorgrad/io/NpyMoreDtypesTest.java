package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code <c8}, {@code <c16} and {@code <U} files written by real numpy (make_dtype_fixtures.py) read and write back byte for byte. */
class NpyMoreDtypesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "io_c8_scalar.npy, COMPLEX64, ''", "io_c8_5.npy, COMPLEX64, 5", "io_c8_2x3.npy, COMPLEX64, 2x3",
        "io_c16_scalar.npy, COMPLEX128, ''", "io_c16_5.npy, COMPLEX128, 5", "io_c16_2x3.npy, COMPLEX128, 2x3",
        "io_U_scalar.npy, STRING, ''", "io_U_5.npy, STRING, 5", "io_U_2x3.npy, STRING, 2x3", "io_U_empty.npy, STRING, 0",
    })
    void numpyFilesReadExactlyAndJavaWritesNumpysBytes(String file, DType dtype, String shapeText) throws IOException {
        int[] shape = shapeText.isEmpty() ? new int[0]
                : java.util.Arrays.stream(shapeText.split("x")).mapToInt(Integer::parseInt).toArray();
        NDArray expected = Fixtures.expected(dtype, shape);
        NDArray actual = Npy.read(Fixtures.dtypes(file));
        RoundTripProperties.assertBitIdentical(actual, expected);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, expected);
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(Fixtures.dtypes(file)));
    }

    @Test
    void bigEndianFilesReadAsTheirValues() throws IOException {
        RoundTripProperties.assertBitIdentical(Npy.read(Fixtures.dtypes("io_c8_big_endian.npy")),
                Fixtures.expected(DType.COMPLEX64, 4));
        RoundTripProperties.assertBitIdentical(Npy.read(Fixtures.dtypes("io_U_big_endian.npy")),
                Fixtures.expected(DType.STRING, 4));
    }

    @Test
    void theFormerlyRefusedComplexFixtureNowReads() throws IOException {
        // make_fixtures.py wrote it as an unsupported dtype: np.arange(4, dtype=np.complex128)
        NDArray z = Npy.read(Fixtures.hostile("complex128.npy"));
        assertThat(z.dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(z.real().toDoubleArray()).containsExactly(0, 1, 2, 3);
        assertThat(z.imag().toDoubleArray()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void aComplexViewIsWrittenAsItsRowMajorValues() throws IOException {
        NDArray z = Fixtures.expected(DType.COMPLEX128, 2, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, z.transpose());
        RoundTripProperties.assertBitIdentical(Npy.read(new ByteArrayInputStream(out.toByteArray())),
                z.transpose().contiguous());
    }

    @Test
    void badStringHeadersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(npy("<U0", "(1,)", new byte[0]))))
                .isInstanceOf(IOException.class).hasMessageContaining("zero-width");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(npy("<U99999999999", "(1,)", new byte[0]))))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than a Java array");
        byte[] notCodePoint = {0, 0, 0x20, 0}; // 0x00200000 little-endian, above U+10FFFF
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(npy("<U1", "(1,)", notCodePoint))))
                .isInstanceOf(IOException.class).hasMessageContaining("not a Unicode code point");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(npy("<U2", "(2,)", new byte[12]))))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
        // a stream claiming 2 GB strings: refused after reading what was sent, nothing huge allocated up front
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(npy("<U500000000", "(1,)", new byte[40]))))
                .isInstanceOf(IOException.class).hasMessageContaining("the data ends after 40 bytes");
    }

    private static byte[] npy(String descr, String shape, byte[] data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
            (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }
}
