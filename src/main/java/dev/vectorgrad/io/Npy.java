package dev.vectorgrad.io;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.ComplexBuffer;
import dev.vectorgrad.ndarray.Convert;
import dev.vectorgrad.ndarray.NDArrayAccess;
import dev.vectorgrad.ndarray.Strided;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes NumPy's {@code .npy} format, so arrays round-trip with {@code numpy.save} and
 * {@code numpy.load}.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0 (UTF-8 header), the dtypes {@code <f4 <f8 <i4
 * <i8} and their big-endian forms {@code >f4 >f8 >i4 >i8} (read as {@code FLOAT32}, {@code FLOAT64},
 * {@code INT32}, {@code INT64}), {@code <c8 <c16} and {@code >c8 >c16} ({@code COMPLEX64},
 * {@code COMPLEX128}), {@code <U}n and {@code >U}n (fixed-width unicode, read as {@code STRING} with
 * trailing NULs dropped, as numpy drops them) and {@code |b1} ({@code BOOL}; a byte other than 0 or 1 is refused),
 * in C or Fortran order. A Fortran-order file comes back as a column-major view of its buffer, with
 * the logical shape and values, as numpy returns it; {@link NDArray#contiguous()} makes it row-major.
 * Bytes after the data are ignored, as {@code numpy.load} ignores them.
 *
 * <p>Writing always produces what {@code numpy.save} would for the same array: version 1.0 (numpy's rule
 * falls back to 2.0 only for a header over 64 KiB, which 64 dimensions never reach), little-endian, C order, the header padded with spaces and a final newline
 * so the data starts on a multiple of 64 bytes. The bytes are identical to numpy's. A STRING array is
 * written as {@code <U}n with n its longest element in code points (at least 1), as numpy chooses.
 *
 * <p>Malformed or hostile input fails with an {@link IOException} saying what is wrong, before
 * anything large is allocated: the element count times the item size is checked against the bytes
 * that are really there (the file size, or what a stream actually delivers), so a header claiming
 * 2^40 elements, a truncated file, a header length past the end of the file, a negative or
 * non-integer dimension, an unknown dtype or an object array ({@code |O}, which would need pickle and
 * is refused) never cause an {@code OutOfMemoryError}, a hang or a half-built array. The header, a
 * Python dict literal, is parsed by a strict parser, not evaluated.
 */
public final class Npy {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /**
     * The longest header accepted. numpy itself refuses more than 10000 characters by default; a header
     * vectorgrad can read is never near either limit, so this only stops a hostile length.
     */
    static final int MAX_HEADER_LENGTH = 1 << 16;

    /** Bytes converted per step; a multiple of every item size. */
    private static final int CHUNK = 1 << 16;

    /** Elements allocated up front when the input's true length is unknown; grown as data arrives. */
    private static final int INITIAL_ELEMENTS = 1 << 20;

    /**
     * Reads the array in the {@code .npy} file at {@code path}.
     *
     * @throws IOException if the file cannot be read or is not a well-formed {@code .npy} file of a
     *     supported dtype; the message names the file and the problem
     * @throws IllegalArgumentException if {@code path} is null
     */
    public static NDArray read(Path path) throws IOException {
        nonNull(path, "path");
        long size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, size, true, path.toString());
        }
    }

    /**
     * Reads one {@code .npy} array from {@code in}, consuming exactly its header and data and leaving
     * the stream just after them (so several arrays written one after another can be read in turn).
     * The stream is not closed. As the stream's length is unknown, memory grows with the data that
     * actually arrives, so a header that lies about the size costs at most about twice what was sent.
     *
     * @throws IOException if the stream fails or does not hold a well-formed {@code .npy} array of a
     *     supported dtype
     * @throws IllegalArgumentException if {@code in} is null
     */
    public static NDArray read(InputStream in) throws IOException {
        return read(nonNull(in, "in"), -1, false, "npy stream");
    }

    /**
     * Writes {@code array} to {@code path} as {@code numpy.save} would (replacing any existing file).
     * Any view is written as its logical row-major values.
     *
     * @throws IllegalArgumentException if {@code path} or {@code array} is null, or the array has more
     *     than 64 dimensions (numpy's limit); checked before the file is touched
     */
    public static void write(Path path, NDArray array) throws IOException {
        nonNull(path, "path");
        checkWritable(array);
        try (OutputStream out = Files.newOutputStream(path)) {
            write(out, array);
        }
    }

    /**
     * Writes {@code array} to {@code out} in the {@code .npy} format. The stream is neither flushed
     * nor closed.
     *
     * @throws IllegalArgumentException if {@code out} or {@code array} is null, or the array has more
     *     than 64 dimensions (numpy's limit)
     */
    public static void write(OutputStream out, NDArray array) throws IOException {
        nonNull(out, "out");
        Strided v = NDArrayAccess.view(checkWritable(array));
        Object data = v.data();
        int offset = v.offset();
        if (!v.isContiguous()) {
            data = Convert.contiguous(v, v.dtype());
            offset = 0;
        }
        if (v.dtype() == DType.STRING) {
            writeStrings(out, v.shape(), (String[]) data, offset, v.size());
            return;
        }
        out.write(NpyHeader.encode(v.dtype(), v.shape()));
        if (v.dtype().isComplex()) {
            writeComplex(out, v.dtype(), (ComplexBuffer) data, offset, v.size());
            return;
        }
        writeData(out, v.dtype(), data, offset, v.size());
    }

    static NDArray checkWritable(NDArray array) {
        nonNull(array, "array");
        if (array.rank() > NpyHeader.MAX_RANK) {
            throw new IllegalArgumentException("Npy.write: an array of rank " + array.rank()
                    + " cannot be saved; numpy supports at most " + NpyHeader.MAX_RANK + " dimensions");
        }
        return array;
    }

    /**
     * Reads one array; {@code available} is the number of bytes left in the input ({@code exact}) or an
     * upper bound on it, -1 if unknown. Problems are reported with {@code source} in front.
     */
    static NDArray read(InputStream in, long available, boolean exact, String source) throws IOException {
        try {
            return decode(in, available, exact);
        } catch (IOException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static NDArray decode(InputStream in, long available, boolean exact) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (magic.length == 0) {
            throw new IOException("empty input, not a .npy file");
        }
        for (int i = 0; i < magic.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException("not a .npy file: it starts with " + bytes(magic) + ", not the magic "
                        + bytes(MAGIC));
            }
        }
        if (magic.length < MAGIC.length) {
            throw new IOException("truncated: the input ends inside the magic string after " + magic.length + " bytes");
        }
        byte[] version = in.readNBytes(2);
        if (version.length < 2) {
            throw new IOException("truncated: the input ends before the format version");
        }
        int major = version[0] & 0xFF;
        int minor = version[1] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IOException("unsupported .npy format version " + major + "." + minor
                    + " (numpy writes 1.0, 2.0 and 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new IOException("truncated: the input ends inside the header length field");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (lengthField[i] & 0xFF);
        }
        long afterPrefix = available < 0 ? -1 : available - MAGIC.length - 2 - lengthBytes;
        if (afterPrefix >= 0 && headerLength > afterPrefix) {
            throw new IOException("header length " + headerLength + " runs past the end of the file (only "
                    + afterPrefix + " bytes follow the length field)");
        }
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IOException("header length " + headerLength + " exceeds the " + MAX_HEADER_LENGTH
                    + "-byte limit; a numpy header is a few hundred bytes");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new IOException("truncated: the header length field says " + headerLength
                    + " bytes but the input ends after " + headerBytes.length);
        }
        NpyHeader header = NpyHeader.parse(headerText(headerBytes, major), major);
        long need = header.dataBytes();
        long left = afterPrefix < 0 ? -1 : afterPrefix - headerLength;
        if (left >= 0 && need > left) {
            throw new IOException("truncated: the header claims shape " + NpyHeader.format(header.shape()) + " of "
                    + header.dtype() + ", " + need + " bytes of data, but " + (exact ? "only " : "at most ") + left
                    + " bytes follow the header");
        }
        Object data = readData(in, header, exact && left >= 0);
        int[] shape = header.shape();
        if (header.fortranOrder() && shape.length > 1) {
            int[] strides = new int[shape.length];
            int stride = 1;
            for (int k = 0; k < shape.length; k++) {
                strides[k] = stride;
                stride *= Math.max(shape[k], 1);
            }
            return NDArrayAccess.wrap(new Strided(header.dtype(), data, 0, shape, strides));
        }
        return NDArrayAccess.wrap(header.dtype(), data, shape);
    }

    private static String headerText(byte[] bytes, int major) throws IOException {
        if (major < 3) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the version 3.0 header is not valid UTF-8", e);
        }
    }

    /**
     * Reads the data in chunks. With a verified length the buffer is allocated once; otherwise it
     * starts small and doubles as data actually arrives, so a lying header cannot make it allocate
     * more than about twice what the input holds.
     */
    private static Object readData(InputStream in, NpyHeader h, boolean lengthVerified) throws IOException {
        if (h.dtype() == DType.STRING) {
            return readStrings(in, h);
        }
        if (h.dtype().isComplex()) {
            return readComplex(in, h, lengthVerified);
        }
        DType dtype = h.dtype();
        int n = h.count();
        int itemSize = dtype.byteSize();
        int capacity = lengthVerified ? n : Math.min(n, INITIAL_ELEMENTS);
        Object dst = Convert.allocate(dtype, capacity);
        byte[] buf = new byte[(int) Math.min(CHUNK, h.dataBytes())];
        int done = 0;
        while (done < n) {
            int elems = Math.min(n - done, CHUNK / itemSize);
            int bytes = elems * itemSize;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                throw new IOException("truncated: the header claims shape " + NpyHeader.format(h.shape()) + " of "
                        + dtype + ", " + h.dataBytes() + " bytes of data, but the data ends after "
                        + ((long) done * itemSize + got) + " bytes");
            }
            if (done + elems > capacity) {
                capacity = (int) Math.min(n, Math.max(2L * capacity, done + elems));
                Object bigger = Convert.allocate(dtype, capacity);
                System.arraycopy(dst, 0, bigger, 0, done);
                dst = bigger;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, bytes).order(h.order());
            switch (dst) {
                case float[] f -> bb.asFloatBuffer().get(f, done, elems);
                case double[] d -> bb.asDoubleBuffer().get(d, done, elems);
                case int[] i -> bb.asIntBuffer().get(i, done, elems);
                case long[] l -> bb.asLongBuffer().get(l, done, elems);
                case boolean[] b -> {
                    for (int k = 0; k < elems; k++) {
                        byte value = buf[k];
                        if (value != 0 && value != 1) {
                            throw new IOException("bool element " + (done + k) + " is the byte " + (value & 0xFF)
                                    + ", neither 0 nor 1");
                        }
                        b[done + k] = value == 1;
                    }
                }
                default -> throw new IllegalStateException("not a vectorgrad buffer: " + dst.getClass());
            }
            done += elems;
        }
        return dst;
    }

    private static void writeData(OutputStream out, DType dtype, Object data, int offset, int n) throws IOException {
        int itemSize = dtype.byteSize();
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) n * itemSize)];
        int done = 0;
        while (done < n) {
            int elems = Math.min(n - done, CHUNK / itemSize);
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            int at = offset + done;
            switch (data) {
                case float[] f -> bb.asFloatBuffer().put(f, at, elems);
                case double[] d -> bb.asDoubleBuffer().put(d, at, elems);
                case int[] i -> bb.asIntBuffer().put(i, at, elems);
                case long[] l -> bb.asLongBuffer().put(l, at, elems);
                case boolean[] b -> {
                    for (int k = 0; k < elems; k++) {
                        buf[k] = (byte) (b[at + k] ? 1 : 0);
                    }
                }
                default -> throw new IllegalStateException("not a vectorgrad buffer: " + data.getClass());
            }
            out.write(buf, 0, elems * itemSize);
            done += elems;
        }
    }

    // ---- more dtypes: string and complex ----

    /**
     * Reads {@code <U}n elements: n UTF-32 code units each, trailing NULs dropped (as numpy drops
     * them). Each element is read as it arrives, so a lying header costs no more than the bytes sent.
     */
    private static String[] readStrings(InputStream in, NpyHeader h) throws IOException {
        int n = h.count();
        int width = h.stringWidth();
        String[] out = new String[Math.min(n, INITIAL_ELEMENTS)];
        int[] units = null;
        for (int e = 0; e < n; e++) {
            // readNBytes(len) grows its buffer as bytes arrive, so a huge width costs only what is sent
            byte[] item = in.readNBytes(4 * width);
            if (item.length < 4 * width) {
                throw new IOException("truncated: the header claims shape " + NpyHeader.format(h.shape()) + " of <U"
                        + width + ", " + h.dataBytes() + " bytes of data, but the data ends after "
                        + ((long) e * 4 * width + item.length) + " bytes");
            }
            if (units == null) {
                units = new int[width];
            }
            ByteBuffer.wrap(item).order(h.order()).asIntBuffer().get(units);
            int len = width;
            while (len > 0 && units[len - 1] == 0) {
                len--;
            }
            for (int k = 0; k < len; k++) {
                if (!Character.isValidCodePoint(units[k])) {
                    throw new IOException("string element " + e + " holds " + Integer.toUnsignedString(units[k], 16)
                            + " (hex), which is not a Unicode code point");
                }
            }
            if (e == out.length) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
            }
            out[e] = new String(units, 0, len);
        }
        return out.length == n ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Writes {@code <U}n with n the longest element in code points (at least 1, as numpy chooses). */
    private static void writeStrings(OutputStream out, int[] shape, String[] data, int offset, int n) throws IOException {
        int width = 1;
        for (int i = 0; i < n; i++) {
            width = Math.max(width, data[offset + i].codePointCount(0, data[offset + i].length()));
        }
        out.write(NpyHeader.encode(NpyHeader.descr(DType.STRING, width), shape));
        ByteBuffer item = ByteBuffer.allocate(4 * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            item.clear();
            data[offset + i].codePoints().forEach(item::putInt);
            while (item.hasRemaining()) {
                item.putInt(0);
            }
            out.write(item.array());
        }
    }

    /** Reads interleaved {@code re, im} pairs into a split {@link ComplexBuffer}, in chunks. */
    private static ComplexBuffer readComplex(InputStream in, NpyHeader h, boolean lengthVerified) throws IOException {
        DType dtype = h.dtype();
        boolean single = dtype == DType.COMPLEX64;
        int n = h.count();
        int itemSize = dtype.byteSize();
        int capacity = lengthVerified ? n : Math.min(n, INITIAL_ELEMENTS);
        ComplexBuffer dst = ComplexBuffer.allocate(dtype, capacity);
        byte[] buf = new byte[(int) Math.min(CHUNK, h.dataBytes())];
        float[] fpairs = single ? new float[CHUNK / 4] : null;
        double[] dpairs = single ? null : new double[CHUNK / 8];
        int done = 0;
        while (done < n) {
            int elems = Math.min(n - done, CHUNK / itemSize);
            int bytes = elems * itemSize;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                throw new IOException("truncated: the header claims shape " + NpyHeader.format(h.shape()) + " of "
                        + dtype + ", " + h.dataBytes() + " bytes of data, but the data ends after "
                        + ((long) done * itemSize + got) + " bytes");
            }
            if (done + elems > capacity) {
                capacity = (int) Math.min(n, Math.max(2L * capacity, done + elems));
                ComplexBuffer bigger = ComplexBuffer.allocate(dtype, capacity);
                Convert.copy(dst, 0, bigger, 0, done);
                dst = bigger;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, bytes).order(h.order());
            // typed copies, never through double: widening would quiet a signalling NaN's payload
            if (dst instanceof ComplexBuffer.OfFloat(float[] re, float[] im)) {
                bb.asFloatBuffer().get(fpairs, 0, 2 * elems);
                for (int k = 0; k < elems; k++) {
                    re[done + k] = fpairs[2 * k];
                    im[done + k] = fpairs[2 * k + 1];
                }
            } else if (dst instanceof ComplexBuffer.OfDouble(double[] re, double[] im)) {
                bb.asDoubleBuffer().get(dpairs, 0, 2 * elems);
                for (int k = 0; k < elems; k++) {
                    re[done + k] = dpairs[2 * k];
                    im[done + k] = dpairs[2 * k + 1];
                }
            }
            done += elems;
        }
        return dst;
    }

    /** Writes a split {@link ComplexBuffer} as numpy's interleaved {@code re, im} pairs. */
    private static void writeComplex(OutputStream out, DType dtype, ComplexBuffer data, int offset, int n)
            throws IOException {
        int itemSize = dtype.byteSize();
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) n * itemSize)];
        int done = 0;
        while (done < n) {
            int elems = Math.min(n - done, CHUNK / itemSize);
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < elems; k++) {
                int at = offset + done + k;
                if (data instanceof ComplexBuffer.OfFloat(float[] re, float[] im)) {
                    bb.putFloat(re[at]).putFloat(im[at]);
                } else if (data instanceof ComplexBuffer.OfDouble(double[] re, double[] im)) {
                    bb.putDouble(re[at]).putDouble(im[at]);
                }
            }
            out.write(buf, 0, elems * itemSize);
            done += elems;
        }
    }

    /** Bytes as Python shows them, e.g. {@code b'\x93NUMPY'}. */
    static String bytes(byte[] b) {
        StringBuilder sb = new StringBuilder("b'");
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('\'').toString();
    }

    static <T> T nonNull(T x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        return x;
    }

    private Npy() {}
}
