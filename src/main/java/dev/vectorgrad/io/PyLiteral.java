package dev.vectorgrad.io;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the subset of Python literals that a {@code .npy} header can hold (what
 * {@code ast.literal_eval} would accept there): dicts, tuples, lists, single- or double-quoted
 * strings, decimal integers, floats, {@code True}, {@code False} and {@code None}.
 *
 * <p>Values come back as {@link String}, {@link BigInteger} (an integer of any size, so an
 * overflowing dimension is reported rather than wrapped), {@link Double}, {@link Boolean},
 * {@link #NONE}, {@link Tuple}, {@link List} and {@link Map} (insertion order). Anything else, an
 * unclosed bracket, a stray character or text after the value fails with an {@link IOException}
 * saying what was expected where. Nesting is bounded so that a hostile header cannot overflow the
 * stack, and the parser is linear in the header's length.
 */
final class PyLiteral {

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple (distinct from a list, as numpy's header check requires for the shape). */
    record Tuple(List<Object> items) {
        @Override
        public String toString() {
            if (items.size() == 1) {
                return "(" + repr(items.get(0)) + ",)";
            }
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(items.get(i)));
            }
            return sb.append(')').toString();
        }
    }

    /** Deeper nesting than any numpy header needs (a structured dtype nests a few levels). */
    static final int MAX_DEPTH = 32;

    private final String text;
    private final boolean python2Longs;
    private int pos;

    private PyLiteral(String text, boolean python2Longs) {
        this.text = text;
        this.python2Longs = python2Longs;
    }

    /**
     * Parses {@code text} as one literal, surrounded by nothing but whitespace.
     *
     * @param python2Longs accept Python 2's {@code 3L} integers (numpy does for format 1.0 and 2.0)
     */
    static Object parse(String text, boolean python2Longs) throws IOException {
        PyLiteral p = new PyLiteral(text, python2Longs);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the literal");
        }
        return value;
    }

    /** Python's {@code repr} of a parsed value, for error messages. */
    static String repr(Object v) {
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    private Object value(int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw error("literal nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("expected a value but the header ended");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict(depth);
            case '(' -> parenthesised(depth);
            case '[' -> list(depth);
            case '\'', '"' -> string();
            case 'u', 'U' -> {
                if (pos + 1 < text.length() && (text.charAt(pos + 1) == '\'' || text.charAt(pos + 1) == '"')) {
                    pos++; // Python 2 headers may spell strings u'...'; the prefix means nothing in Python 3
                    yield string();
                }
                yield word();
            }
            case '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> word();
        };
    }

    private Map<Object, Object> dict(int depth) throws IOException {
        pos++; // '{'
        Map<Object, Object> out = new LinkedHashMap<>();
        skipSpace();
        while (!peek('}')) {
            int keyAt = pos;
            Object key = value(depth + 1);
            if (!(key instanceof String) && !(key instanceof BigInteger) && !(key instanceof Boolean)) {
                pos = keyAt;
                throw error("dict key " + repr(key) + " is not a string");
            }
            if (out.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate dict key " + repr(key));
            }
            skipSpace();
            expect(':');
            skipSpace();
            out.put(key, value(depth + 1));
            skipSpace();
            if (!peek('}')) {
                expect(',');
                skipSpace();
            }
        }
        pos++; // '}'
        return out;
    }

    private Object parenthesised(int depth) throws IOException {
        pos++; // '('
        skipSpace();
        if (peek(')')) {
            pos++;
            return new Tuple(List.of());
        }
        Object first = value(depth + 1);
        skipSpace();
        if (peek(')')) {
            pos++;
            return first; // (x) is x, not a tuple
        }
        expect(',');
        List<Object> items = new ArrayList<>();
        items.add(first);
        items.addAll(sequenceTail(')', depth));
        return new Tuple(List.copyOf(items));
    }

    private List<Object> list(int depth) throws IOException {
        pos++; // '['
        skipSpace();
        if (peek(']')) {
            pos++;
            return List.of();
        }
        List<Object> items = new ArrayList<>();
        items.add(value(depth + 1));
        skipSpace();
        if (!peek(']')) {
            expect(',');
            items.addAll(sequenceTail(']', depth));
        } else {
            pos++;
        }
        return List.copyOf(items);
    }

    /** After the first item and its comma: more items, an optional trailing comma, then {@code close}. */
    private List<Object> sequenceTail(char close, int depth) throws IOException {
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!peek(close)) {
            items.add(value(depth + 1));
            skipSpace();
            if (!peek(close)) {
                expect(',');
                skipSpace();
            }
        }
        pos++;
        return items;
    }

    private String string() throws IOException {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.append((char) hex(4));
                default -> {
                    pos -= 2;
                    throw error("unsupported escape \\" + e + " in string");
                }
            }
        }
    }

    private int hex(int digits) throws IOException {
        if (pos + digits > text.length()) {
            throw error("truncated \\x or \\u escape");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad hex digit in escape");
            }
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    /** A decimal integer (any size) or float; Python's rules for leading zeros and underscores. */
    private Object number() throws IOException {
        int start = pos;
        boolean negative = false;
        if (peek('-') || peek('+')) {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        int digitsStart = pos;
        String intPart = digits();
        boolean isFloat = false;
        String fraction = "";
        if (peek('.')) {
            pos++;
            isFloat = true;
            fraction = digits();
        }
        if (intPart.isEmpty() && fraction.isEmpty()) {
            pos = start;
            throw error("expected a number");
        }
        String exponent = "";
        if (peek('e') || peek('E')) {
            int at = pos++;
            String sign = "";
            if (peek('-') || peek('+')) {
                sign = String.valueOf(text.charAt(pos++));
            }
            String expDigits = digits();
            if (expDigits.isEmpty()) {
                pos = at;
                throw error("malformed exponent");
            }
            exponent = "e" + sign + expDigits;
            isFloat = true;
        }
        if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            if (!isFloat && python2Longs && (peek('L') || peek('l'))) {
                pos++; // Python 2 long: 3L
            } else {
                throw error("malformed number");
            }
        }
        if (isFloat) {
            return Double.parseDouble((negative ? "-" : "") + (intPart.isEmpty() ? "0" : intPart) + "."
                    + (fraction.isEmpty() ? "0" : fraction) + exponent);
        }
        if (intPart.length() > 1 && intPart.charAt(0) == '0' && !intPart.chars().allMatch(ch -> ch == '0')) {
            pos = digitsStart;
            throw error("leading zeros in a decimal integer are not allowed in Python");
        }
        BigInteger v = new BigInteger(intPart);
        return negative ? v.negate() : v;
    }

    /** Decimal digits, Python-style single underscores between them allowed; returned without them. */
    private String digits() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9') {
                sb.append(c);
                pos++;
            } else if (c == '_' && !sb.isEmpty() && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        return sb.toString();
    }

    private Object word() throws IOException {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String w = text.substring(start, pos);
        switch (w) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            default:
                pos = start;
                throw error(w.isEmpty() ? "unexpected " + describeHere() : "'" + abbreviate(w) + "' is not a literal");
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) throws IOException {
        if (!peek(c)) {
            throw error("expected '" + c + "' but found " + describeHere());
        }
        pos++;
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "the end of the header";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private IOException error(String what) {
        return new IOException("malformed header literal: " + what + " at offset " + pos + " of " + quote(text));
    }

    /** The header as Python would show it, cut short when long, so messages stay one readable line. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int limit = Math.min(s.length(), 160);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
        if (s.length() > limit) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static String abbreviate(String w) {
        return w.length() > 40 ? w.substring(0, 40) + "..." : w;
    }
}
