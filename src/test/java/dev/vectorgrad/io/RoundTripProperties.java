package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Java writes, Java reads back: every dtype, rank 0-4, any bits; views; archives; truncation and corruption. */
class RoundTripProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(0, 5).array(int[].class).ofMinSize(0).ofMaxSize(4);
    }

    /** Random values over the whole bit space: NaN payloads, infinities, -0.0, extremes. */
    static NDArray random(DType dtype, int[] shape, long seed) {
        Random r = new Random(seed);
        int n = 1;
        for (int d : shape) n *= d;
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = Float.intBitsToFloat(r.nextInt());
                yield NDArray.of(v, shape);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = Double.longBitsToDouble(r.nextLong());
                yield NDArray.of(v, shape);
            }
            case INT32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = r.nextInt();
                yield NDArray.of(v, shape);
            }
            case INT64 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = r.nextLong();
                yield NDArray.of(v, shape);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = r.nextBoolean();
                yield NDArray.of(v, shape);
            }
            case COMPLEX64, COMPLEX128 -> NDArray.complex(random(dtype == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64,
                    shape, seed), random(dtype == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64, shape, seed + 1));
            case STRING -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    // any code point but NUL, which numpy strips from the end of a <U element
                    v[i] = r.ints(r.nextInt(6), 1, Character.MAX_CODE_POINT + 1)
                            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                }
                yield NDArray.of(v, shape);
            }
        };
    }

    /** Same dtype, shape and raw bits (NaN payloads included). */
    static void assertBitIdentical(NDArray actual, NDArray expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).containsExactly(expected.shape());
        switch (expected.dtype()) {
            case FLOAT32 -> {
                float[] a = actual.toFloatArray();
                float[] e = expected.toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    assertThat(Float.floatToRawIntBits(a[i])).as("element %d", i).isEqualTo(Float.floatToRawIntBits(e[i]));
                }
            }
            case FLOAT64 -> {
                double[] a = actual.toDoubleArray();
                double[] e = expected.toDoubleArray();
                for (int i = 0; i < e.length; i++) {
                    assertThat(Double.doubleToRawLongBits(a[i])).as("element %d", i).isEqualTo(Double.doubleToRawLongBits(e[i]));
                }
            }
            case INT32 -> assertThat(actual.toIntArray()).containsExactly(expected.toIntArray());
            case INT64 -> assertThat(actual.toLongArray()).containsExactly(expected.toLongArray());
            case BOOL -> assertThat(actual.toBooleanArray()).containsExactly(expected.toBooleanArray());
            case COMPLEX64, COMPLEX128 -> {
                assertBitIdentical(actual.real(), expected.real());
                assertBitIdentical(actual.imag(), expected.imag());
            }
            case STRING -> assertThat(actual.toStringArray()).containsExactly(expected.toStringArray());
        }
    }

    static byte[] bytes(NDArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        return out.toByteArray();
    }

    @Property
    void writingThenReadingGivesBackTheSameDtypeShapeAndBits(@ForAll DType dtype, @ForAll("shapes") int[] shape,
                                                             @ForAll long seed) throws IOException {
        NDArray a = random(dtype, shape, seed);
        byte[] file = bytes(a);
        int headerLength = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(file[9 + headerLength]).isEqualTo((byte) '\n');
        long itemSize = dtype.byteSize();
        if (dtype == DType.STRING) { // <U n: 4 bytes per code point of the longest element, at least 1
            itemSize = 4L * java.util.Arrays.stream(a.toStringArray()).mapToInt(t -> t.codePointCount(0, t.length()))
                    .reduce(1, Math::max);
        }
        assertThat(file.length).isEqualTo(10 + headerLength + a.size() * itemSize);
        assertBitIdentical(Npy.read(new ByteArrayInputStream(file)), a);
    }

    @Property
    void aViewIsWrittenAsItsRowMajorValues(@ForAll DType dtype, @ForAll("shapes") int[] shape, @ForAll long seed,
                                           @ForAll @IntRange(max = 2) int kind) throws IOException {
        NDArray a = random(dtype, shape, seed);
        NDArray view = switch (kind) {
            case 0 -> a.transpose();
            case 1 -> a.rank() == 0 ? a : a.slice(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -2);
            default -> a.expandDims(0).broadcastTo(concat(3, shape));
        };
        NDArray back = Npy.read(new ByteArrayInputStream(bytes(view)));
        assertThat(back.isContiguous()).isTrue();
        assertBitIdentical(back, view);
        assertThat(bytes(view)).isEqualTo(bytes(view.contiguous()));
    }

    @Property(tries = 50)
    void archivesRoundTripStoredAndDeflatedInMapOrder(@ForAll @IntRange(max = 5) int count, @ForAll long seed,
                                                      @ForAll boolean compressed) throws IOException {
        Random r = new Random(seed);
        DType[] types = DType.values();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int[] shape = new int[r.nextInt(4)];
            for (int k = 0; k < shape.length; k++) shape[k] = r.nextInt(5);
            arrays.put("w" + (count - i) + "_" + r.nextInt(100), random(types[r.nextInt(types.length)], shape, r.nextLong()));
        }
        Path file = Files.createTempFile("vectorgrad", ".npz");
        try {
            if (compressed) {
                Npz.writeCompressed(file, arrays);
            } else {
                Npz.write(file, arrays);
            }
            Map<String, NDArray> back = Npz.read(file);
            Map<String, NDArray> streamed;
            try (InputStream in = Files.newInputStream(file)) {
                streamed = Npz.read(in);
            }
            for (Map<String, NDArray> m : java.util.List.of(back, streamed)) {
                assertThat(m.keySet()).containsExactlyElementsOf(arrays.keySet());
                arrays.forEach((k, v) -> assertBitIdentical(m.get(k), v));
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 50)
    void arraysWrittenOneAfterAnotherReadBackInTurnFromOneStream(@ForAll DType a, @ForAll DType b,
                                                                 @ForAll("shapes") int[] shape, @ForAll long seed)
            throws IOException {
        NDArray x = random(a, shape, seed);
        NDArray y = random(b, new int[] {shape.length}, seed + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, x);
        Npy.write(out, y);
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertBitIdentical(Npy.read(in), x);
        assertBitIdentical(Npy.read(in), y);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Property(tries = 20)
    void everyTruncationOfAFileIsAnIOException(@ForAll DType dtype, @ForAll("shapes") int[] shape, @ForAll long seed)
            throws IOException {
        NDArray a = random(dtype, shape, seed);
        byte[] file = bytes(a);
        int headerEnd = 10 + ((file[8] & 0xFF) | (file[9] & 0xFF) << 8);
        // Every cut inside the prefix and header, and a sample of cuts inside the data.
        Random r = new Random(seed);
        java.util.List<Integer> cuts = new java.util.ArrayList<>();
        for (int cut = 0; cut < Math.min(headerEnd, file.length); cut++) cuts.add(cut);
        for (int i = 0; i < 16 && file.length > headerEnd; i++) cuts.add(headerEnd + r.nextInt(file.length - headerEnd));
        Path p = Files.createTempFile("vectorgrad", ".npy");
        try {
            for (int cut : cuts) {
                byte[] prefix = Arrays.copyOf(file, cut);
                assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(prefix))).isExactlyInstanceOf(IOException.class);
                if (cut % 16 == 0 || cut >= headerEnd) {
                    Files.write(p, prefix);
                    assertThatThrownBy(() -> Npy.read(p)).isExactlyInstanceOf(IOException.class);
                }
            }
        } finally {
            Files.delete(p);
        }
    }

    @Property
    void anyCorruptedHeaderByteGivesAnArrayOrAnIOExceptionAndNothingElse(@ForAll DType dtype, @ForAll("shapes") int[] shape,
                                                                          @ForAll long seed, @ForAll @IntRange(max = 127) int at,
                                                                          @ForAll byte value) {
        byte[] file;
        try {
            file = bytes(random(dtype, shape, seed));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        file[at % file.length] = value;
        try {
            Npy.read(new ByteArrayInputStream(file));
        } catch (IOException expected) {
            assertThat(expected.getMessage()).startsWith("npy stream: ");
        }
    }

    private static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
