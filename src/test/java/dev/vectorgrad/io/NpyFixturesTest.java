package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files written by real numpy (make_fixtures.py) read back with exact values, and Java writes numpy's bytes. */
class NpyFixturesTest {

    record Fixture(String file, String descr, boolean fortran, int[] shape) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        return Files.readAllLines(Fixtures.good("manifest.txt")).stream().filter(l -> !l.isBlank()).map(line -> {
            String[] f = line.split(" ");
            int[] shape = f[3].equals("-") ? new int[0] : Arrays.stream(f[3].split("x")).mapToInt(Integer::parseInt).toArray();
            return new Fixture(f[0], f[1], Boolean.parseBoolean(f[2]), shape);
        });
    }

    static void assertSameArray(NDArray actual, NDArray expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).containsExactly(expected.shape());
        switch (expected.dtype()) {
            case FLOAT32 -> assertThat(Arrays.equals(actual.toFloatArray(), expected.toFloatArray())).isTrue();
            case FLOAT64 -> assertThat(Arrays.equals(actual.toDoubleArray(), expected.toDoubleArray())).isTrue();
            case INT32 -> assertThat(actual.toIntArray()).containsExactly(expected.toIntArray());
            case INT64 -> assertThat(actual.toLongArray()).containsExactly(expected.toLongArray());
            case BOOL -> assertThat(actual.toBooleanArray()).containsExactly(expected.toBooleanArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyNumpyFixtureReadsWithItsShapeDtypeAndExactValues(Fixture f) throws IOException {
        NDArray expected = Fixtures.expected(Fixtures.dtypeOf(f.descr()), f.shape());
        assertSameArray(Npy.read(Fixtures.good(f.file())), expected);
        try (InputStream in = Files.newInputStream(Fixtures.good(f.file()))) {
            assertSameArray(Npy.read(in), expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writingAnyFixtureGivesTheBytesNumpySaveWritesForItsLittleEndianCOrderTwin(Fixture f) throws IOException {
        String tag = switch (f.descr()) {
            case "<f4", ">f4" -> "f4_le_c_";
            case "<f8", ">f8" -> "f8_le_c_";
            case "<i4", ">i4" -> "i4_le_c_";
            case "<i8", ">i8" -> "i8_le_c_";
            default -> "b1_c_";
        };
        String shape = f.shape().length == 0 ? "-" : String.join("x", Arrays.stream(f.shape()).mapToObj(Integer::toString).toList());
        Path twin = Fixtures.good(tag + shape + ".npy");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Npy.read(Fixtures.good(f.file())));
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(twin));
    }

    @Test
    void aFortranOrderFileIsAColumnMajorViewWithTheLogicalValues() throws IOException {
        NDArray a = Npy.read(Fixtures.good("f8_be_f_2x3x4.npy"));
        assertThat(a.isContiguous()).isFalse();
        assertThat(a.getDouble(1, 2, 3)).isEqualTo((23 - 3) / 7.0);
        assertThat(a.getDouble(0, 1, 2)).isEqualTo((6 - 3) / 7.0);
        assertSameArray(a.contiguous(), Fixtures.expected(DType.FLOAT64, 2, 3, 4));
    }

    @Test
    void versionsOneTwoAndThreeAllRead() throws IOException {
        for (int v = 1; v <= 3; v++) {
            byte[] raw = Files.readAllBytes(Fixtures.good("f8_le_c_2x3_v" + v + ".npy"));
            assertThat(raw[6]).isEqualTo((byte) v);
            assertSameArray(Npy.read(Fixtures.good("f8_le_c_2x3_v" + v + ".npy")), Fixtures.expected(DType.FLOAT64, 2, 3));
            assertSameArray(Npy.read(Fixtures.good("i4_be_f_2x3x4_v" + v + ".npy")), Fixtures.expected(DType.INT32, 2, 3, 4));
        }
    }

    static Stream<Arguments> archives() {
        return Stream.of(Arguments.of("savez.npz"), Arguments.of("savez_compressed.npz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("archives")
    void numpySavezArchivesReadInOrderWithKeysWithoutTheSuffix(String file) throws IOException {
        Map<String, NDArray> fromPath = Npz.read(Fixtures.good(file));
        Map<String, NDArray> fromStream;
        try (InputStream in = Files.newInputStream(Fixtures.good(file))) {
            fromStream = Npz.read(in);
        }
        for (Map<String, NDArray> m : List.of(fromPath, fromStream)) {
            assertThat(m.keySet()).containsExactly("weights", "bias", "labels", "mask", "scalar", "fortran");
            assertSameArray(m.get("weights"), Fixtures.expected(DType.FLOAT32, 3, 4));
            assertSameArray(m.get("bias"), Fixtures.expected(DType.FLOAT64, 4));
            assertSameArray(m.get("labels"), Fixtures.expected(DType.INT64, 5));
            assertSameArray(m.get("mask"), Fixtures.expected(DType.BOOL, 2, 2));
            assertSameArray(m.get("scalar"), Fixtures.expected(DType.INT32));
            assertSameArray(m.get("fortran"), Fixtures.expected(DType.FLOAT64, 2, 3));
        }
    }

    @Test
    void positionalSavezArraysAreNamedArr0Arr1AndAnEmptyArchiveIsAnEmptyMap() throws IOException {
        Map<String, NDArray> m = Npz.read(Fixtures.good("positional.npz"));
        assertThat(m.keySet()).containsExactly("arr_0", "arr_1");
        assertSameArray(m.get("arr_0"), Fixtures.expected(DType.FLOAT32, 2));
        assertSameArray(m.get("arr_1"), Fixtures.expected(DType.INT32, 3));
        assertThat(Npz.read(Fixtures.good("empty.npz"))).isEmpty();
        try (InputStream in = Files.newInputStream(Fixtures.good("empty.npz"))) {
            assertThat(Npz.read(in)).isEmpty();
        }
    }
}
