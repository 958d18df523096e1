package dev.vectorgrad.io;

import dev.vectorgrad.DType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dictionary in a {@code .npy} header, checked as numpy's {@code _read_array_header} checks it:
 * exactly the keys {@code descr}, {@code fortran_order} and {@code shape}; a tuple of non-negative
 * integers; a bool; a dtype string vectorgrad supports. Also writes the header byte for byte as
 * numpy's {@code _write_array_header} does.
 *
 * @param count the element count, already checked to fit a Java array
 */
record NpyHeader(DType dtype, ByteOrder order, boolean fortranOrder, int[] shape, int count, int stringWidth) {

    /** The largest element count a Java array can reliably hold (some VMs reserve header words). */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** NumPy supports at most 64 dimensions. */
    static final int MAX_RANK = 64;

    /** numpy.lib.format.ARRAY_ALIGN: the data starts on a multiple of this. */
    static final int ARRAY_ALIGN = 64;

    /** numpy.lib.format.GROWTH_AXIS_MAX_DIGITS: spare room numpy leaves so a header can grow in place. */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    static final String SUPPORTED = "'<f4', '<f8', '<i4', '<i8', '<c8', '<c16', '<U<n>' (or big-endian '>f4', '>f8',"
            + " '>i4', '>i8', '>c8', '>c16', '>U<n>') and '|b1'";

    /** Bytes of element data that follow the header. */
    long dataBytes() {
        return (long) count * itemSize();
    }

    /** Bytes per element: a {@code <U}n string holds n UTF-32 code units (NumPy's fixed-width unicode). */
    long itemSize() {
        return dtype == DType.STRING ? 4L * stringWidth : dtype.byteSize();
    }

    /** Parses and validates the header text of a file in format {@code major}.0. */
    static NpyHeader parse(String text, int major) throws IOException {
        Object literal = PyLiteral.parse(text, major <= 2);
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new IOException("header is not a dict but " + abbreviate(PyLiteral.repr(literal)));
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new IOException("header lacks the key '" + key + "': " + abbreviate(PyLiteral.repr(dict)));
            }
        }
        for (Object key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IOException("header has the unexpected key " + abbreviate(PyLiteral.repr(key))
                        + " (numpy writes only 'descr', 'fortran_order' and 'shape')");
            }
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IOException("fortran_order is not True or False but " + abbreviate(PyLiteral.repr(dict.get("fortran_order"))));
        }
        int[] shape = shape(dict.get("shape"));
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            if (descr instanceof List<?>) {
                throw new IOException("structured dtype " + abbreviate(PyLiteral.repr(descr))
                        + " is not supported; vectorgrad reads " + SUPPORTED);
            }
            throw new IOException("descr is not a dtype string but " + abbreviate(PyLiteral.repr(descr)));
        }
        DType dtype = dtype(d);
        ByteOrder order = d.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int width = dtype == DType.STRING ? stringWidth(d) : 0;
        return new NpyHeader(dtype, order, fortran, shape, count(shape), width);
    }

    private static int[] shape(Object value) throws IOException {
        if (!(value instanceof PyLiteral.Tuple tuple)) {
            throw new IOException("shape is not a tuple but " + abbreviate(PyLiteral.repr(value)));
        }
        List<Object> dims = tuple.items();
        if (dims.size() > MAX_RANK) {
            throw new IOException("shape has " + dims.size() + " dimensions; NumPy allows at most " + MAX_RANK);
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = dims.get(i);
            if (!(d instanceof BigInteger n)) {
                throw new IOException("dimension " + i + " of shape " + abbreviate(tuple.toString()) + " is "
                        + abbreviate(PyLiteral.repr(d)) + ", not an integer");
            }
            if (n.signum() < 0) {
                throw new IOException("dimension " + i + " of shape " + abbreviate(tuple.toString()) + " is negative");
            }
            if (n.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
                throw new IOException("dimension " + i + " of shape " + abbreviate(tuple.toString()) + " is " + n
                        + ", more elements than a Java array can hold (" + MAX_ELEMENTS + ")");
            }
            shape[i] = n.intValue();
        }
        return shape;
    }

    /**
     * The element count, refusing shapes whose count (or, for a size-0 array, whose row-major strides)
     * would not fit a Java array. Computed in BigInteger so that no product can overflow.
     */
    private static int count(int[] shape) throws IOException {
        BigInteger strideSpan = BigInteger.ONE;
        boolean empty = false;
        for (int d : shape) {
            strideSpan = strideSpan.multiply(BigInteger.valueOf(Math.max(d, 1)));
            empty |= d == 0;
        }
        if (strideSpan.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            throw new IOException("shape " + format(shape) + " holds " + (empty ? "a span of " : "") + strideSpan
                    + " elements, more than a Java array can hold (" + MAX_ELEMENTS + ")");
        }
        return empty ? 0 : strideSpan.intValue();
    }

    private static DType dtype(String descr) throws IOException {
        String d = descr;
        if (d.equals("?") || d.equals("|?") || d.equals("b1") || d.equals("|b1") || d.equals("<b1") || d.equals(">b1")) {
            return DType.BOOL;
        }
        if (d.matches("[<>|=]?O\\d*")) {
            throw new IOException("descr '" + descr + "' is an object array; object arrays need pickle and are refused"
                    + " (vectorgrad never unpickles, as numpy.load(allow_pickle=False) refuses them)");
        }
        // ---- more dtypes: string and complex ----
        if (d.matches("[<>]c(8|16)")) {
            return d.endsWith("8") ? DType.COMPLEX64 : DType.COMPLEX128;
        }
        if (d.matches("[<>|=]?U\\d+")) {
            return DType.STRING;
        }
        if (d.length() == 3 && (d.charAt(0) == '<' || d.charAt(0) == '>')) {
            switch (d.substring(1)) {
                case "f4":
                    return DType.FLOAT32;
                case "f8":
                    return DType.FLOAT64;
                case "i4":
                    return DType.INT32;
                case "i8":
                    return DType.INT64;
                default:
                    break;
            }
        }
        throw new IOException("unsupported dtype " + abbreviate(PyLiteral.repr(descr)) + "; vectorgrad reads " + SUPPORTED);
    }

    /** The code units per element of a {@code <U}n descr, refused when one element could not be read into an array. */
    private static int stringWidth(String descr) throws IOException {
        String digits = descr.substring(descr.indexOf('U') + 1);
        if (digits.length() > 10 || Long.parseLong(digits) > MAX_ELEMENTS / 4) {
            throw new IOException("descr '" + descr + "': strings of " + digits + " characters are longer than a"
                    + " Java array can hold");
        }
        int width = Integer.parseInt(digits);
        if (width == 0) {
            throw new IOException("descr '" + descr + "' has zero-width strings, which numpy never writes");
        }
        return width;
    }

    /**
     * numpy's descr for an array of {@code dtype} written little-endian; {@code stringWidth} is the
     * {@code n} of {@code <U}n and is used only for STRING.
     */
    static String descr(DType dtype, int stringWidth) {
        return switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case BOOL -> "|b1";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            case STRING -> "<U" + stringWidth;
        };
    }

    /** numpy's descr for an array of {@code dtype} written little-endian. */
    static String descr(DType dtype) {
        return descr(dtype, 1);
    }

    /**
     * The whole prefix numpy writes for a little-endian C-order array: magic, version, header length and
     * the padded header. Version 1.0 when the header length fits 16 bits, else 2.0, as numpy chooses.
     */
    static byte[] encode(DType dtype, int[] shape) {
        return encode(descr(dtype), shape);
    }

    /** {@link #encode(DType, int[])} for an explicit descr, such as {@code <U5}. */
    static byte[] encode(String descr, int[] shape) {
        StringBuilder h = new StringBuilder();
        h.append("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': ")
                .append(format(shape)).append(", }");
        if (shape.length > 0) {
            h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1; // the final '\n'
        int major = 1;
        int lengthBytes = 2;
        int pad = ARRAY_ALIGN - (8 + lengthBytes + hlen) % ARRAY_ALIGN;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            lengthBytes = 4;
            pad = ARRAY_ALIGN - (8 + lengthBytes + hlen) % ARRAY_ALIGN;
        }
        int total = hlen + pad;
        byte[] out = new byte[8 + lengthBytes + total];
        System.arraycopy(Npy.MAGIC, 0, out, 0, Npy.MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[8 + i] = (byte) (total >>> (8 * i));
        }
        int at = 8 + lengthBytes;
        System.arraycopy(text, 0, out, at, text.length);
        at += text.length;
        for (int i = 0; i < pad; i++) {
            out[at++] = ' ';
        }
        out[at] = '\n';
        return out;
    }

    /** Python's tuple spelling of a shape: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String format(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
