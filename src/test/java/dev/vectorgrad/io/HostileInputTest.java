package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every hostile fixture of make_fixtures.py fails with an IOException that names the file and says what
 * is wrong, read from a path and from a stream, and nothing large is allocated on the way.
 */
class HostileInputTest {

    /** File, message fragment when read from its path, fragment when read as a stream. */
    static Stream<Arguments> npyFiles() {
        return Stream.of(
                row("empty.npy", "empty input, not a .npy file"),
                row("magic_only.npy", "truncated: the input ends before the format version"),
                row("truncated_magic.npy", "truncated: the input ends inside the magic string after 3 bytes"),
                row("truncated_header.npy", "header length 118 runs past the end of the file (only 20 bytes",
                        "truncated: the header length field says 118 bytes but the input ends after 20"),
                row("truncated_data.npy", "header claims shape (2, 3) of float64, 48 bytes of data, but only 43 bytes follow",
                        "48 bytes of data, but the data ends after 43 bytes"),
                row("bad_magic.npy", "not a .npy file: it starts with b'\\x93NUMPX', not the magic b'\\x93NUMPY'"),
                row("not_npy.npy", "not a .npy file: it starts with b'hello,'"),
                row("version_4.npy", "unsupported .npy format version 4.0"),
                row("version_1_1.npy", "unsupported .npy format version 1.1"),
                row("header_past_eof.npy", "header length 5000 runs past the end of the file",
                        "the header length field says 5000 bytes but the input ends after 90"),
                row("huge_header_length.npy", "header length 4294967280 runs past the end of the file",
                        "header length 4294967280 exceeds the 65536-byte limit"),
                row("elements_2pow40.npy", "shape (1024, 1024, 1024, 1024) holds 1099511627776 elements, more than a Java array can hold"),
                row("dim_2pow40.npy", "dimension 0 of shape (1099511627776,) is 1099511627776, more elements than a Java array can hold"),
                row("dim_2pow64.npy", "dimension 0 of shape (18446744073709551616, 0) is 18446744073709551616"),
                row("claims_2gib.npy", "2147483640 bytes of data, but only 64 bytes follow the header",
                        "2147483640 bytes of data, but the data ends after 64 bytes"),
                row("negative_dim.npy", "dimension 1 of shape (2, -3) is negative"),
                row("float_dim.npy", "dimension 0 of shape (2.5, 3) is 2.5, not an integer"),
                row("string_dim.npy", "dimension 0 of shape ('2', 3) is '2', not an integer"),
                row("shape_list.npy", "shape is not a tuple but [2, 3]"),
                row("shape_int.npy", "shape is not a tuple but 6"),
                row("fortran_int.npy", "fortran_order is not True or False but 0"),
                row("missing_key.npy", "header lacks the key 'fortran_order'"),
                row("extra_key.npy", "header has the unexpected key 'x'"),
                row("duplicate_key.npy", "duplicate dict key 'descr'"),
                row("unclosed_tuple.npy", "malformed header literal: expected ',' but found '}' at offset 55"),
                row("missing_comma.npy", "malformed header literal: expected ',' but found ''' at offset 16"),
                row("code_in_header.npy", "'__import__' is not a literal"),
                row("trailing_garbage.npy", "unexpected 'j' after the literal"),
                row("not_dict.npy", "header is not a dict but [1, 2]"),
                row("deep_nesting.npy", "literal nested deeper than 32 levels"),
                row("bad_utf8_v3.npy", "the version 3.0 header is not valid UTF-8"),
                row("bool_byte_2.npy", "bool element 2 is the byte 2, neither 0 nor 1"),
                row("float16.npy", "unsupported dtype '<f2'"),
                row("object.npy", "object arrays need pickle and are refused"),
                row("structured.npy", "structured dtype [('x', '<f4'), ('y', '<i4')] is not supported"));
    }

    static Stream<Arguments> npzFiles() {
        return Stream.of(
                row("not_a_zip.npz", "not a valid .npz (zip) archive", "not a zip archive: it starts with b'this'"),
                row("truncated.npz", "not a valid .npz (zip) archive", "unexpected EOF"),
                row("text_entry.npz", "entry 'readme.txt': not a .npy entry"),
                row("bad_entry.npz", "entry 'b.npy': not a .npy file: it starts with b'\\x93NUMPX'"),
                row("truncated_entry.npz", "entry 'a.npy': truncated: the header claims shape (2, 3) of float64, 48 bytes of data, but at most 40"),
                row("object_entry.npz", "entry 'obj.npy': descr '|O' is an object array; object arrays need pickle and are refused"),
                row("bomb.npz", "entry 'a.npy': unexpected bytes after the array data"),
                row("claims_2gib.npz", "entry 'big.npy': truncated: the header claims shape (268435455,) of float64, 2147483640 bytes"),
                row("claims_2gib_stored.npz", "entry 'big.npy': truncated: the header claims shape (268435455,) of float64, 2147483640 bytes"),
                row("duplicate_entry.npz", "entry 'a.npy': duplicate entry name"));
    }

    private static Arguments row(String file, String fragment) {
        return Arguments.of(file, fragment, fragment);
    }

    private static Arguments row(String file, String pathFragment, String streamFragment) {
        return Arguments.of(file, pathFragment, streamFragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void aHostileNpyFileFailsWithAClearIOException(String file, String pathFragment, String streamFragment) throws IOException {
        Path p = Fixtures.hostile(file);
        assertThatThrownBy(() -> Npy.read(p)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(p + ": ").hasMessageContaining(pathFragment);
        try (InputStream in = Files.newInputStream(p)) {
            assertThatThrownBy(() -> Npy.read(in)).isExactlyInstanceOf(IOException.class)
                    .hasMessageStartingWith("npy stream: ").hasMessageContaining(streamFragment);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npzFiles")
    void aHostileNpzArchiveFailsWithAClearIOException(String file, String pathFragment, String streamFragment) throws IOException {
        Path p = Fixtures.hostile(file);
        assertThatThrownBy(() -> Npz.read(p)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(p.toString()).hasMessageContaining(pathFragment);
        try (InputStream in = Files.newInputStream(p)) {
            assertThatThrownBy(() -> Npz.read(in)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("npz stream").hasMessageContaining(streamFragment);
        }
    }

    @Test
    void aStreamThatLiesAboutItsLengthIsRefusedAfterTheBytesItSent() {
        // 2^31 - 9 float32 elements claimed, 1 MiB sent: memory grows with what arrives, not with the claim.
        byte[] header = header("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483639,), }");
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(header), new ByteArrayInputStream(new byte[1 << 20]));
        assertThatThrownBy(() -> Npy.read(in)).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("8589934556 bytes of data, but the data ends after 1048576 bytes");
    }

    @Test
    void aFileThatEndsExactlyAfterItsHeaderHoldsOnlyAnEmptyArray() throws IOException {
        byte[] header = header("{'descr': '<i8', 'fortran_order': True, 'shape': (0, 3), }");
        assertThat(Npy.read(new ByteArrayInputStream(header)).shape()).containsExactly(0, 3);
        byte[] scalar = header("{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(scalar))).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("shape () of int64, 8 bytes of data, but the data ends after 0 bytes");
    }

    @Test
    void headersInPython2AndOddButValidSpellingsAreAccepted() throws IOException {
        String[] valid = {
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
            "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
            "  {'shape': (2, 3,), 'fortran_order': False, 'descr': u'<f4'}",
            "{'descr':'<f4','fortran_order':False,'shape':(2,3)}\n\t",
        };
        for (String h : valid) {
            byte[] bytes = concat(header(h), new byte[24]);
            assertThat(Npy.read(new ByteArrayInputStream(bytes)).shape()).as(h).containsExactly(2, 3);
        }
    }

    @Test
    void python2LongsAreRefusedInAVersion3Header() {
        byte[] v3 = header("{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }");
        v3 = concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 3, 0, (byte) (v3.length - 10), 0, 0, 0},
                java.util.Arrays.copyOfRange(v3, 10, v3.length));
        byte[] file = concat(v3, new byte[24]);
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(file))).isExactlyInstanceOf(IOException.class)
                .hasMessageContaining("malformed number");
    }

    /** A version 1.0 prefix around {@code text} (unpadded). */
    static byte[] header(String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) t.length, (byte) (t.length >>> 8)});
        out.writeBytes(t);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
