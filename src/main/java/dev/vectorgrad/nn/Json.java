package dev.vectorgrad.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON a saved model's {@code config.json} needs: objects ({@code Map}), arrays ({@code List}), strings,
 * numbers ({@code Long} when integral, else {@code Double}), booleans and null. The parser is strict, bounded in depth,
 * and never instantiates anything beyond those types, so a hostile file can fail only with an IOException.
 */
final class Json {
    private static final int MAX_DEPTH = 64;

    // ---- writing ----

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean x -> b.append(x);
            case Double d when !Double.isFinite(d) -> throw new IllegalArgumentException("JSON cannot hold " + d);
            case Float f when !Float.isFinite(f) -> throw new IllegalArgumentException("JSON cannot hold " + f);
            case Number n -> b.append(n);
            case Enum<?> e -> string(b, e.name().toLowerCase(java.util.Locale.ROOT));
            case Map<?, ?> m -> {
                b.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(i++ == 0 ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    string(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), indent + 1);
                }
                b.append(m.isEmpty() ? "" : "\n" + "  ".repeat(indent)).append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    b.append(i == 0 ? "" : ", ");
                    write(b, l.get(i), indent + 1);
                }
                b.append(']');
            }
            case int[] a -> write(b, java.util.Arrays.stream(a).boxed().toList(), indent);
            default -> throw new IllegalArgumentException("JSON: cannot write a " + v.getClass().getName()
                    + "; configs hold strings, numbers, booleans, lists and maps");
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ---- reading ----

    static Object parse(String text) throws IOException {
        Json p = new Json(text);
        p.skip();
        Object v = p.value(0);
        p.skip();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (peek('}')) {
                    pos++;
                    return m;
                }
                while (true) {
                    skip();
                    if (!peek('"')) {
                        throw error("expected a key");
                    }
                    String key = string();
                    skip();
                    expect(':');
                    skip();
                    m.put(key, value(depth + 1));
                    skip();
                    if (peek(',')) {
                        pos++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[' -> {
                pos++;
                List<Object> l = new ArrayList<>();
                skip();
                if (peek(']')) {
                    pos++;
                    return l;
                }
                while (true) {
                    skip();
                    l.add(value(depth + 1));
                    skip();
                    if (peek(',')) {
                        pos++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                if (s.startsWith("true", pos)) {
                    pos += 4;
                    return Boolean.TRUE;
                }
                if (s.startsWith("false", pos)) {
                    pos += 5;
                    return Boolean.FALSE;
                }
                if (s.startsWith("null", pos)) {
                    pos += 4;
                    return null;
                }
                return number();
            }
        }
    }

    private String string() throws IOException {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    break;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("bad \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Object number() throws IOException {
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        String t = s.substring(start, pos);
        if (t.isEmpty()) {
            throw error("unexpected character '" + s.charAt(start) + "'");
        }
        try {
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
                return Long.parseLong(t);
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw error("bad number '" + t + "'");
        }
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) throws IOException {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IOException error(String what) {
        return new IOException("config.json: " + what + " at character " + pos);
    }
}
