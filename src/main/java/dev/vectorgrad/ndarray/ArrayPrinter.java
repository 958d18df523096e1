package dev.vectorgrad.ndarray;

import dev.vectorgrad.DType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Prints array values as NumPy's {@code str()} does (the text TensorFlow shows inside
 * {@code tf.Tensor(...)}): one format for every element, chosen from the values shown
 * (maximum 8 fraction digits, the shortest digits that read back to the same float, scientific
 * notation when values are below 1e-4, at or above 1e8, or span more than 1e3), brackets per axis,
 * lines wrapped at 75 characters, and summarised with {@code ...} (3 items per edge) above 1000 elements.
 */
public final class ArrayPrinter {
    private static final int LINE_WIDTH = 75;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int PRECISION = 8;

    /** NumPy's {@code str(array)} of {@code x}. */
    public static String str(Strided x) {
        if (x.shape().length == 0) {
            return scalar(x.dtype(), x.data(), x.offset());
        }
        boolean summarise = x.size() > THRESHOLD;
        List<Integer> shown = new ArrayList<>();
        collect(x, 0, x.offset(), summarise, shown);
        IntFunction<String> format = formatter(x.dtype(), x.data(), shown);
        return recurse(x, 0, x.offset(), " ", LINE_WIDTH, summarise, format);
    }

    /** NumPy's {@code str()} of one element, as a rank-0 array prints. */
    public static String scalar(DType t, Object data, int index) {
        return switch (t) {
            case FLOAT32 -> floatScalar(((float[]) data)[index], true);
            case FLOAT64 -> floatScalar(((double[]) data)[index], false);
            case INT32 -> Integer.toString(((int[]) data)[index]);
            case INT64 -> Long.toString(((long[]) data)[index]);
            case BOOL -> ((boolean[]) data)[index] ? "True" : "False";
            case STRING -> bytesRepr(((String[]) data)[index]);
            case COMPLEX64, COMPLEX128 -> complexScalar(((ComplexBuffer) data).re(index), ((ComplexBuffer) data).im(index),
                    t == DType.COMPLEX64);
        };
    }

    private static void collect(Strided x, int axis, int off, boolean summarise, List<Integer> out) {
        int n = x.shape()[axis];
        int s = x.strides()[axis];
        boolean cut = summarise && n > 2 * EDGE_ITEMS;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE_ITEMS) {
                i = n - EDGE_ITEMS;
            }
            if (axis == x.shape().length - 1) {
                out.add(off + i * s);
            } else {
                collect(x, axis + 1, off + i * s, summarise, out);
            }
        }
    }

    private static String recurse(Strided x, int axis, int off, String hanging, int width, boolean summarise,
                                  IntFunction<String> format) {
        int rank = x.shape().length;
        int n = x.shape()[axis];
        int stride = x.strides()[axis];
        String nextHanging = hanging + " ";
        int nextWidth = width - 1; // room for the closing ']'
        boolean cut = summarise && n > 2 * EDGE_ITEMS;
        int leading = cut ? EDGE_ITEMS : 0;
        int trailing = cut ? EDGE_ITEMS : n;
        StringBuilder s = new StringBuilder();
        if (axis == rank - 1) {
            int elemWidth = width - 1;
            StringBuilder line = new StringBuilder(hanging);
            for (int i = 0; i < leading; i++) {
                extend(s, line, format.apply(off + i * stride), elemWidth, hanging);
                line.append(' ');
            }
            if (cut) {
                extend(s, line, "...", elemWidth, hanging);
                line.append(' ');
            }
            for (int i = trailing; i > 1; i--) {
                extend(s, line, format.apply(off + (n - i) * stride), elemWidth, hanging);
                line.append(' ');
            }
            if (n > 0) {
                extend(s, line, format.apply(off + (n - 1) * stride), elemWidth, hanging);
            }
            s.append(line);
        } else {
            String lineSep = "\n".repeat(rank - axis - 1);
            for (int i = 0; i < leading; i++) {
                s.append(hanging).append(recurse(x, axis + 1, off + i * stride, nextHanging, nextWidth, summarise, format))
                        .append(lineSep);
            }
            if (cut) {
                s.append(hanging).append("...").append(lineSep);
            }
            for (int i = trailing; i > 1; i--) {
                s.append(hanging).append(recurse(x, axis + 1, off + (n - i) * stride, nextHanging, nextWidth, summarise, format))
                        .append(lineSep);
            }
            if (n > 0) {
                s.append(hanging).append(recurse(x, axis + 1, off + (n - 1) * stride, nextHanging, nextWidth, summarise, format));
            }
        }
        return "[" + s.substring(Math.min(hanging.length(), s.length())) + "]";
    }

    private static void extend(StringBuilder s, StringBuilder line, String word, int width, String hanging) {
        boolean wrap = line.length() + word.length() > width && line.length() > hanging.length();
        if (wrap) {
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            s.append(line, 0, end).append('\n');
            line.setLength(0);
            line.append(hanging);
        }
        line.append(word);
    }

    private static IntFunction<String> formatter(DType t, Object data, List<Integer> shown) {
        switch (t) {
            case BOOL -> {
                boolean[] b = (boolean[]) data;
                return i -> b[i] ? " True" : "False";
            }
            case INT32, INT64 -> {
                int w = 1;
                for (int i : shown) {
                    w = Math.max(w, Long.toString(longAt(t, data, i)).length());
                }
                int width = w;
                return i -> pad(Long.toString(longAt(t, data, i)), width);
            }
            case STRING -> {
                String[] text = (String[]) data;
                return i -> bytesRepr(text[i]); // an object array of bytes: repr each, no padding
            }
            case COMPLEX64, COMPLEX128 -> {
                return complexFormatter(t == DType.COMPLEX64, (ComplexBuffer) data, shown);
            }
            default -> {
                return floatFormatter(t == DType.FLOAT32, data, shown);
            }
        }
    }

    private static long longAt(DType t, Object data, int i) {
        return t == DType.INT32 ? ((int[]) data)[i] : ((long[]) data)[i];
    }

    private static double doubleAt(boolean f32, Object data, int i) {
        return f32 ? ((float[]) data)[i] : ((double[]) data)[i];
    }

    private static IntFunction<String> floatFormatter(boolean f32, Object data, List<Integer> shown) {
        return floatFormatter(f32, data, shown, false);
    }

    /** NumPy's FloatingFormat; {@code plus} is its {@code sign='+'} (a '+' before non-negative values). */
    private static IntFunction<String> floatFormatter(boolean f32, Object data, List<Integer> shown, boolean plus) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        boolean anyFinite = false;
        boolean negInf = false;
        boolean nonFinite = false;
        for (int i : shown) {
            double v = doubleAt(f32, data, i);
            if (Double.isFinite(v)) {
                anyFinite = true;
                if (v != 0) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            } else {
                nonFinite = true;
                negInf |= v == Double.NEGATIVE_INFINITY;
            }
        }
        boolean exp = anyFinite && maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
        int padLeft = 0;
        int padRight = 0;
        int expSize = 0;
        for (int i : shown) {
            double v = doubleAt(f32, data, i);
            if (!Double.isFinite(v)) {
                continue;
            }
            BigDecimal d = exp ? shortest(v, f32) : digits(v, f32);
            if (exp) {
                String[] parts = signed(scientific(d, v, -1), plus);
                padLeft = Math.max(padLeft, parts[0].length());
                padRight = Math.max(padRight, parts[1].length());
                expSize = Math.max(expSize, parts[2].length());
            } else {
                String[] parts = signed(positional(d, v), plus);
                padLeft = Math.max(padLeft, parts[0].length());
                padRight = Math.max(padRight, parts[1].length());
            }
        }
        if (nonFinite) {
            int offset = exp ? expSize + 3 + padRight : padRight + 1;
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf || plus ? 1 : 0) - offset));
        }
        int left = padLeft;
        int right = padRight;
        int expDigits = Math.max(expSize, 2);
        boolean sci = exp;
        int total = sci ? left + 1 + right + 2 + expDigits : left + 1 + right;
        return i -> {
            double v = doubleAt(f32, data, i);
            if (!Double.isFinite(v)) {
                String r = (plus && !(v < 0) ? "+" : "") + (Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
                return " ".repeat(Math.max(0, total - r.length())) + r;
            }
            BigDecimal d = sci ? shortest(v, f32) : digits(v, f32);
            if (sci) {
                String[] p = signed(scientific(d, v, right), plus);
                String e = p[2];
                String sign = e.startsWith("-") ? "-" : "+";
                String mag = e.replace("-", "");
                return pad(p[0], left) + "." + p[1] + "e" + sign + "0".repeat(Math.max(0, expDigits - mag.length())) + mag;
            }
            String[] p = signed(positional(d, v), plus);
            return pad(p[0], left) + "." + p[1] + " ".repeat(right - p[1].length());
        };
    }

    // ---- more dtypes: string and complex ----

    /** Puts NumPy's '+' on a non-negative integer part when {@code plus}. */
    private static String[] signed(String[] parts, boolean plus) {
        if (plus && !parts[0].startsWith("-")) {
            parts[0] = "+" + parts[0];
        }
        return parts;
    }

    /**
     * NumPy's ComplexFloatingFormat: the real parts formatted together as floats, the imaginary parts
     * together with a forced sign, and the {@code j} placed before the imaginary part's padding
     * ({@code [1. +2.j 3.5-1.j]}).
     */
    private static IntFunction<String> complexFormatter(boolean f32, ComplexBuffer data, List<Integer> shown) {
        IntFunction<String> re = floatFormatter(f32, data.reals(), shown, false);
        IntFunction<String> im = floatFormatter(f32, data.imags(), shown, true);
        return i -> {
            String m = im.apply(i);
            int end = m.length();
            while (end > 0 && m.charAt(end - 1) == ' ') {
                end--;
            }
            return re.apply(i) + m.substring(0, end) + "j" + m.substring(end);
        };
    }

    /**
     * A complex scalar as NumPy's {@code str} and Python's {@code repr} print it: {@code (4+3j)},
     * {@code 3j} when the real part is +0, {@code (1.5-0j)}, {@code (nan+infj)}; each part in the
     * shortest digits of its precision ({@code f32}: float32), without a trailing {@code .0}.
     */
    public static String complexScalar(double re, double im, boolean f32) {
        if (re == 0 && 1 / re > 0) {
            return part(im, f32, false) + "j";
        }
        return "(" + part(re, f32, false) + part(im, f32, true) + "j)";
    }

    private static String part(double v, boolean f32, boolean plus) {
        String s = floatScalar(v, f32);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2); // NumPy's TrimMode_DptZeros
        }
        return plus && !s.startsWith("-") ? "+" + s : s;
    }

    /**
     * Python's {@code repr} of the UTF-8 bytes of {@code s}, as TensorFlow shows a string element:
     * {@code b'Hello'}, non-ASCII bytes as {@code \xNN}, double quotes when the text holds a single
     * quote and no double quote.
     */
    public static String bytesRepr(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean single = s.indexOf('\'') < 0 || s.indexOf('"') >= 0;
        char quote = single ? '\'' : '"';
        StringBuilder out = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.append(quote).toString();
    }

    /** The shortest decimal that reads back to {@code v} in its own precision. */
    private static BigDecimal shortest(double v, boolean f32) {
        return new BigDecimal(f32 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
    }

    /** {@link #shortest} cut to 8 fraction digits, for positional notation. */
    private static BigDecimal digits(double v, boolean f32) {
        BigDecimal shortest = shortest(v, f32);
        if (shortest.scale() > PRECISION) {
            return new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
        }
        return shortest;
    }

    /** {integer part with sign, fraction digits} for positional notation. */
    private static String[] positional(BigDecimal d, double v) {
        String plain = d.abs().toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return new String[] {(negative ? "-" : "") + ip, fp};
    }

    /**
     * {mantissa integer digit with sign, fraction digits, exponent} for scientific notation; with
     * {@code fracDigits} >= 0 the fraction is rounded or zero-padded to that many digits.
     */
    private static String[] scientific(BigDecimal d, double v, int fracDigits) {
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        BigDecimal a = d.abs();
        int exponent = a.signum() == 0 ? 0 : a.precision() - a.scale() - 1;
        BigDecimal mantissa = a.movePointLeft(exponent);
        if (fracDigits >= 0) {
            mantissa = mantissa.setScale(fracDigits, RoundingMode.HALF_EVEN);
            if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
                mantissa = mantissa.movePointLeft(1).setScale(fracDigits, RoundingMode.HALF_EVEN);
                exponent++;
            }
        } else {
            if (mantissa.scale() > PRECISION) {
                mantissa = mantissa.setScale(PRECISION, RoundingMode.HALF_EVEN);
            }
            mantissa = mantissa.stripTrailingZeros();
            if (mantissa.scale() < 0) {
                mantissa = mantissa.setScale(0);
            }
        }
        String plain = mantissa.toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        return new String[] {(negative ? "-" : "") + ip, fp, Integer.toString(exponent)};
    }

    /** A float scalar as Python's repr prints it: {@code 6.0}, {@code 9.8}, {@code 1e-05}, {@code 1.5e+20}. */
    private static String floatScalar(double v, boolean f32) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d = new BigDecimal(f32 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e16)) {
            String[] p = scientific(d, v, -1);
            int e = Integer.parseInt(p[2]);
            String mag = Integer.toString(Math.abs(e));
            return p[0] + (p[1].isEmpty() ? "" : "." + p[1]) + "e" + (e < 0 ? "-" : "+") + (mag.length() < 2 ? "0" : "") + mag;
        }
        String[] p = positional(d, v);
        return p[0] + "." + (p[1].isEmpty() ? "0" : p[1]);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private ArrayPrinter() {}
}
