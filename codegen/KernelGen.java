import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the mechanical elementwise kernels, their NDArray dispatch, the table-driven test rows, the JMH rows and
 * docs/OPS.md from one op table ({@code codegen/ops.table}) and one template per kernel shape
 * ({@code codegen/templates/*.template}), as the JDK writes its Vector API classes from
 * {@code X-Vector.java.template}. It also writes the mirror-pair kernels of {@code codegen/variants.table}
 * (MaxKernel/MinKernel, ArgMaxKernel/ArgMinKernel), each pair from one template. A single-file program run by the JDK's source launcher, so the build needs
 * nothing but the JDK:
 *
 * <pre>
 *   ./mvnw -q -Pcodegen validate          # regenerate (runs: java codegen/KernelGen.java)
 *   java codegen/KernelGen.java --check    # exit 1 and list the stale files; writes nothing
 * </pre>
 *
 * <h2>Template language</h2>
 * Line directives {@code #for NAME}, {@code #if FLAG}, {@code #if !FLAG}, {@code #else}, {@code #end}; inline
 * {@code $key$} (a binding of the current type or row) and {@code @key(arg, ...)@} (a row's expression with its
 * operands {@code {a}}, {@code {b}} or {@code {x}} replaced by the arguments). A row's key may be refined per type:
 * {@code scalar.int} wins over {@code scalar.integral}, which wins over {@code scalar}.
 */
public final class KernelGen {

    /** The one command that regenerates every output; printed by the freshness test when an output is stale. */
    static final String REGENERATE = "./mvnw -q -Pcodegen validate";

    static final Path ROOT = Path.of(".");
    static final Path TABLE = Path.of("codegen/ops.table");
    static final Path TEMPLATES = Path.of("codegen/templates");
    /** The hand-written sections of docs/OPS.md (ops that are not elementwise kernels), appended after the table. */
    static final Path OTHER_OPS = Path.of("codegen/ops-other.md");
    static final String KERNEL_PACKAGE_DIR = "src/main/java/dev/vectorgrad/kernels/elementwise/";
    /** Kernels generated per variant from one template each (max/min mirror pairs): kernel name and bindings. */
    static final Path VARIANTS = Path.of("codegen/variants.table");

    // ---- the element types a row can name ----

    /** One Java element type and the spellings the templates need. */
    record Type(String name, String boxed, String vector, String species, String dtype, String dtypeConstant,
                boolean floating, String zero, String one, int bits) {
        Map<String, String> bindings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("type", name);
            m.put("Type", Character.toUpperCase(name.charAt(0)) + name.substring(1));
            m.put("Boxed", boxed);
            m.put("Vector", vector);
            m.put("S", species);
            m.put("dtype", dtype);
            m.put("DTYPE", dtypeConstant);
            m.put("fp", Boolean.toString(floating));
            m.put("integral", Boolean.toString(!floating));
            m.put("zero", zero);
            m.put("one", one);
            m.put("bits", Integer.toString(bits));
            // what a float result of a double-valued Math method needs: "(float) Math.tanh(x)" in float, "Math.tanh(x)" in double
            m.put("narrow", name.equals("float") ? "(float) " : "");
            return m;
        }
    }

    static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        for (Type t : List.of(
                new Type("float", "Float", "FloatVector", "F32", "float32", "FLOAT32", true, "0f", "1f", 31),
                new Type("double", "Double", "DoubleVector", "F64", "float64", "FLOAT64", true, "0d", "1d", 63),
                new Type("int", "Integer", "IntVector", "I32", "int32", "INT32", false, "0", "1", 31),
                new Type("long", "Long", "LongVector", "I64", "int64", "INT64", false, "0L", "1L", 63))) {
            TYPES.put(t.name(), t);
        }
    }

    // ---- the op table ----

    /** One entry of the op table: its name and its keys, each with one or more lines. */
    record Row(String name, Map<String, List<String>> keys) {
        String get(String key) {
            List<String> v = keys.get(key);
            return v == null ? null : String.join("\n", v);
        }

        String get(String key, String fallback) {
            String v = get(key);
            return v == null ? fallback : v;
        }

        /** {@code key.float}, then {@code key.fp} / {@code key.integral}, then {@code key}. */
        String forType(String key, Type t) {
            String v = get(key + "." + t.name());
            if (v == null) v = get(key + "." + (t.floating() ? "fp" : "integral"));
            if (v == null) v = get(key);
            return v;
        }

        List<Type> types() {
            return List.of(get("types").trim().split("\\s+")).stream().map(n -> {
                Type t = TYPES.get(n);
                if (t == null) throw new IllegalArgumentException("[" + name + "] unknown type " + n);
                return t;
            }).toList();
        }

        String template() {
            return get("template");
        }

        /** binary, unary or compare: the template's name, or the {@code shape} key of a hand-written row. */
        String shape() {
            return template().equals("none") ? get("shape") : template();
        }

        String kernel() {
            return get("kernel");
        }

        String opConstant() {
            return get("op", name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    static List<Row> readTable(Path table) throws IOException {
        List<Row> rows = readSections(table);
        for (Row r : rows) {
            for (String required : List.of("kernel", "template", "types")) {
                if (r.get(required) == null) {
                    throw new IllegalArgumentException(table + ": [" + r.name() + "] has no '" + required + "'");
                }
            }
            if (!List.of("binary", "unary", "compare").contains(String.valueOf(r.shape()))) {
                throw new IllegalArgumentException(table + ": [" + r.name() + "] needs template binary, unary or"
                        + " compare, or template none with shape binary, unary or compare");
            }
        }
        return rows;
    }

    /** The {@code [name]} sections of a table file and their keys, unchecked. */
    static List<Row> readSections(Path table) throws IOException {
        List<Row> rows = new ArrayList<>();
        Row current = null;
        int lineNo = 0;
        for (String line : Files.readAllLines(table)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("[") && t.endsWith("]")) {
                current = new Row(t.substring(1, t.length() - 1), new LinkedHashMap<>());
                rows.add(current);
                continue;
            }
            if (current == null) throw new IllegalArgumentException(table + ":" + lineNo + ": a key before any [op]");
            int sp = indexOfSpace(t);
            String key = sp < 0 ? t : t.substring(0, sp);
            String value = sp < 0 ? "" : t.substring(sp).strip();
            current.keys().computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return rows;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    // ---- the template engine ----

    /** A scope: plain bindings, and optionally the row and type that {@code @key(...)@} and row keys resolve in. */
    record Scope(Map<String, String> vars, Row row, Type type) {}

    static final Pattern VAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_.]*)\\$");
    static final Pattern INDENT = Pattern.compile("\\s*(\\* )?");
    static final Pattern CALL = Pattern.compile("@([A-Za-z_][A-Za-z0-9_.]*)\\((.*?)\\)@");

    /** Expands {@code template} with {@code lists} (what each {@code #for NAME} iterates) and the root scope. */
    static String expand(String template, Map<String, Function<Deque<Scope>, List<Scope>>> lists, Scope root) {
        List<String> lines = List.of(template.split("\n", -1));
        StringBuilder out = new StringBuilder();
        Deque<Scope> scopes = new ArrayDeque<>();
        scopes.push(root);
        expandBlock(lines, 0, lines.size(), lists, scopes, out);
        return out.toString();
    }

    private static void expandBlock(List<String> lines, int from, int to,
                                    Map<String, Function<Deque<Scope>, List<Scope>>> lists,
                                    Deque<Scope> scopes, StringBuilder out) {
        int i = from;
        while (i < to) {
            String line = lines.get(i);
            String d = line.strip();
            if (d.startsWith("#for ")) {
                int end = matchingEnd(lines, i, to);
                String name = d.substring(5).strip();
                var list = lists.get(name);
                if (list == null) throw new IllegalArgumentException("template: no list '" + name + "'");
                for (Scope s : list.apply(scopes)) {
                    scopes.push(s);
                    expandBlock(lines, i + 1, end, lists, scopes, out);
                    scopes.pop();
                }
                i = end + 1;
            } else if (d.startsWith("#if ")) {
                int end = matchingEnd(lines, i, to);
                int elseAt = matchingElse(lines, i, end);
                String flag = d.substring(4).strip();
                boolean negate = flag.startsWith("!");
                String value = lookup(scopes, negate ? flag.substring(1) : flag, false);
                boolean on = value != null && !value.isEmpty() && !value.equals("false");
                if (on != negate) {
                    expandBlock(lines, i + 1, elseAt < 0 ? end : elseAt, lists, scopes, out);
                } else if (elseAt >= 0) {
                    expandBlock(lines, elseAt + 1, end, lists, scopes, out);
                }
                i = end + 1;
            } else {
                if (i < lines.size() - 1 || !line.isEmpty()) {
                    String text = substitute(line, scopes);
                    // a multi-line row value keeps the indentation (and Javadoc " * ") of the line it replaces
                    Matcher m = INDENT.matcher(line);
                    String indent = m.lookingAt() ? m.group() : "";
                    // (an empty value line stays empty: " *" in Javadoc, not " * ")
                    out.append(text.replace("\n", "\n" + indent).replace(indent + "\n", indent.stripTrailing() + "\n")
                            .replaceAll(java.util.regex.Pattern.quote(indent) + "$", indent.stripTrailing())).append('\n');
                }
                i++;
            }
        }
    }

    private static int matchingEnd(List<String> lines, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            String d = lines.get(i).strip();
            if (d.startsWith("#for ") || d.startsWith("#if ")) depth++;
            if (d.equals("#end")) {
                depth--;
                if (depth == 0) return i;
            }
        }
        throw new IllegalArgumentException("template: no #end for line " + (open + 1) + ": " + lines.get(open));
    }

    private static int matchingElse(List<String> lines, int open, int end) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            String d = lines.get(i).strip();
            if (d.startsWith("#for ") || d.startsWith("#if ")) depth++;
            if (d.equals("#end")) depth--;
            if (d.equals("#else") && depth == 1) return i;
        }
        return -1;
    }

    static String substitute(String line, Deque<Scope> scopes) {
        Matcher c = CALL.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (c.find()) {
            String expr = lookup(scopes, c.group(1), true);
            List<String> args = splitArgs(c.group(2));
            String[] names = expr.contains("{x}") ? new String[] {"{x}"} : new String[] {"{a}", "{b}"};
            for (int k = 0; k < names.length && k < args.size(); k++) {
                expr = expr.replace(names[k], args.get(k).strip());
            }
            c.appendReplacement(sb, Matcher.quoteReplacement(expr));
        }
        c.appendTail(sb);
        Matcher v = VAR.matcher(sb.toString());
        StringBuilder sb2 = new StringBuilder();
        while (v.find()) {
            v.appendReplacement(sb2, Matcher.quoteReplacement(lookup(scopes, v.group(1), true)));
        }
        v.appendTail(sb2);
        // a row's value may itself name type bindings ($zero$, $Boxed$, ...): one more pass
        String done = sb2.toString();
        return VAR.matcher(done).find() ? substitute(done, scopes) : done;
    }

    private static List<String> splitArgs(String s) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(' || ch == '[') depth++;
            if (ch == ')' || ch == ']') depth--;
            if (ch == ',' && depth == 0) {
                args.add(s.substring(start, i));
                start = i + 1;
            }
        }
        args.add(s.substring(start));
        return args;
    }

    static String lookup(Deque<Scope> scopes, String key, boolean required) {
        Type type = null;
        for (Scope s : scopes) {
            if (type == null) type = s.type();
        }
        for (Scope s : scopes) {
            if (s.vars().containsKey(key)) return s.vars().get(key);
            if (s.row() != null) {
                String v = type == null ? s.row().get(key) : s.row().forType(key, type);
                if (v != null) return v;
            }
        }
        if (required) throw new IllegalArgumentException("template: nothing bound to '" + key + "'");
        return null;
    }

    // ---- outputs ----

    /** What the generator writes: path relative to the repository root, and its text. */
    static Map<String, String> generate(List<Row> rows) throws IOException {
        Map<String, String> files = new TreeMap<>();
        // one kernel file per kernel class; a template sees all rows of its kernel (CompareKernel has six)
        Map<String, List<Row>> byKernel = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.template().equals("none")) byKernel.computeIfAbsent(r.kernel(), k -> new ArrayList<>()).add(r);
        }
        for (var e : byKernel.entrySet()) {
            Row first = e.getValue().get(0);
            String templateName = first.template() + ".java.template";
            String template = Files.readString(TEMPLATES.resolve(templateName));
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("Kernel", e.getKey());
            vars.put("header", header("codegen/templates/" + templateName));
            vars.put("typesInWords", inWords(first.types().stream().map(Type::name).toList()));
            vars.put("imports", imports(e.getValue(), template));
            Map<String, Function<Deque<Scope>, List<Scope>>> lists = new LinkedHashMap<>();
            lists.put("types", s -> first.types().stream().map(t -> new Scope(t.bindings(), null, t)).toList());
            lists.put("rows", s -> e.getValue().stream().map(r -> new Scope(rowVars(r), r, null)).toList());
            files.put(KERNEL_PACKAGE_DIR + e.getKey() + ".java", expand(template, lists, new Scope(vars, first, null)));
        }
        files.put("src/main/java/dev/vectorgrad/ndarray/KernelTable.java",
                fromTemplate("KernelTable.java.template", rows,
                        Map.of("kernelImports", kernelImports(rows, "dev.vectorgrad.kernels.elementwise."))));
        files.put("src/test/java/dev/vectorgrad/kernels/elementwise/OpTableRows.java",
                fromTemplate("OpTableRows.java.template", rows, Map.of()));
        for (var bench : JMH.entrySet()) {
            List<Row> generated = rows.stream()
                    .filter(r -> r.shape().equals(bench.getValue()) && !r.template().equals("none")).toList();
            List<String> params = new ArrayList<>();
            for (Row r : generated) for (Type t : r.types()) params.add(r.name() + "/" + t.dtype());
            files.put("jmh/src/main/java/dev/vectorgrad/bench/" + bench.getKey() + ".java",
                    fromTemplate(bench.getKey() + ".java.template", rows, Map.of(
                            "kernelImports", kernelImports(generated, "dev.vectorgrad.kernels.elementwise."),
                            "rowParams", paramAnnotation(params))));
        }
        // before docs/OPS.md, which links a variant-generated kernel's lines as it does a table-generated one's
        files.putAll(variants(readSections(VARIANTS)));
        files.put("docs/OPS.md", opsMarkdown(rows, files));
        return files;
    }

    /** One kernel file per entry of codegen/variants.table: its template with the entry's keys bound. */
    static Map<String, String> variants(List<Row> entries) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Row r : entries) {
            for (String required : List.of("template", "package")) {
                if (r.get(required) == null) {
                    throw new IllegalArgumentException(VARIANTS + ": [" + r.name() + "] has no '" + required + "'");
                }
            }
            // a value line "|..." keeps what follows the bar verbatim, leading blanks included (a code line
            // indented deeper than the template line it replaces)
            r.keys().replaceAll((key, lines) -> lines.stream().map(v -> v.startsWith("|") ? v.substring(1) : v).toList());
            String templateName = r.get("template") + ".java.template";
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("Kernel", r.name());
            vars.put("header", "// Generated by codegen/KernelGen.java from codegen/templates/" + templateName
                    + " and codegen/variants.table: do not edit.\n// Regenerate with: " + REGENERATE);
            // "types float double": #for types repeats a block per element type (the GEMM float/double twins)
            List<Type> types = r.get("types") == null ? List.of() : r.types();
            Map<String, Function<Deque<Scope>, List<Scope>>> lists =
                    Map.of("types", s -> types.stream().map(t -> new Scope(t.bindings(), null, t)).toList());
            files.put("src/main/java/dev/vectorgrad/kernels/" + r.get("package") + "/" + r.name() + ".java",
                    expand(Files.readString(TEMPLATES.resolve(templateName)), lists, new Scope(vars, r, null)));
        }
        return files;
    }

    /** The bindings of one row at one element type: what a dispatch entry, test row or JMH row needs. */
    static Scope cell(Row r, Type t) {
        Map<String, String> m = new LinkedHashMap<>(t.bindings());
        m.putAll(rowVars(r));
        m.put("Kernel", r.kernel());
        m.put("ELEM", t.name().toUpperCase(java.util.Locale.ROOT));
        m.put("generated", Boolean.toString(!r.template().equals("none")));
        m.put("comma", ",");
        m.put("tag", t.species().toLowerCase(java.util.Locale.ROOT));
        return new Scope(m, r, t);
    }

    /** Every (row, type) of the rows of one shape, in table order; the last of all shapes has no $comma$. */
    static List<Scope> cells(List<Row> rows, String shape) {
        List<Scope> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.shape().equals(shape)) for (Type t : r.types()) out.add(cell(r, t));
        }
        if (shape.equals("compare") && !out.isEmpty()) out.get(out.size() - 1).vars().put("comma", "");
        return out;
    }

    static Map<String, Function<Deque<Scope>, List<Scope>>> cellLists(List<Row> rows) {
        Map<String, Function<Deque<Scope>, List<Scope>>> lists = new LinkedHashMap<>();
        for (String shape : List.of("binary", "unary", "compare")) {
            lists.put(shape + "Cells", s -> cells(rows, shape));
            lists.put(shape + "Rows", s -> rows.stream().filter(r -> r.shape().equals(shape))
                    .map(r -> new Scope(rowVars(r), r, null)).toList());
        }
        return lists;
    }

    /** The JMH classes whose rows come from the table, and the shape of the rows each one runs. */
    static final Map<String, String> JMH = new LinkedHashMap<>();

    static {
        JMH.put("BinaryKernelBenchmark", "binary");
        JMH.put("CompareKernelBenchmark", "compare");
        JMH.put("SimpleUnaryKernelBenchmark", "unary");
    }

    /** {@code @Param({...})} of the row names, wrapped before 117 columns. */
    static String paramAnnotation(List<String> params) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("    @Param({");
        for (int i = 0; i < params.size(); i++) {
            String item = "\"" + params.get(i) + "\"" + (i < params.size() - 1 ? ", " : "})");
            if (line.length() + item.length() > 116) {
                out.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder("        ");
            }
            line.append(item);
        }
        return out.append(line).toString();
    }

    /** A file from a template that sees the whole table through {@link #cellLists}. */
    static String fromTemplate(String templateName, List<Row> rows, Map<String, String> extra) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("header", header("codegen/templates/" + templateName));
        vars.putAll(extra);
        return expand(Files.readString(TEMPLATES.resolve(templateName)), cellLists(rows), new Scope(vars, null, null));
    }

    /** One import per kernel class the table names (and Comparison when it has compare rows), sorted. */
    static String kernelImports(List<Row> rows, String pkg) {
        List<String> kernels = new ArrayList<>(rows.stream().map(Row::kernel).distinct().toList());
        if (rows.stream().anyMatch(r -> r.shape().equals("compare"))) kernels.add("Comparison");
        kernels.sort(null);
        return String.join("\n", kernels.stream().map(k -> "import " + pkg + k + ";").toList());
    }

    // ---- docs/OPS.md ----

    static final String MAIN = "../src/main/java/dev/vectorgrad/";
    static final String TEST = "../src/test/java/dev/vectorgrad/kernels/elementwise/";
    static final String BENCH = "../jmh/src/main/java/dev/vectorgrad/bench/";

    /** One line per op: kernel, scalar twin, gradient rule, tests and benchmark, each one link away. */
    static String opsMarkdown(List<Row> rows, Map<String, String> generated) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("<!-- Generated by codegen/KernelGen.java from codegen/ops.table: do not edit. Regenerate with: ")
                .append(REGENERATE).append(" -->\n");
        md.append("""
                # Elementwise ops

                One line per op of [codegen/ops.table](../codegen/ops.table), the single source of truth for the
                elementwise kernels: its forward kernel, the scalar twin (the reference, the tail and the
                `-Dvectorgrad.simd=false` path), its gradient rule, its tests and its benchmark. *Generated* kernels
                come from a template in [codegen/templates](../codegen/templates): a shape template and this table's
                expressions for the bit-identical ops or, where the numerics are the point (transcendentals, pow),
                the kernel's own template, written once over its element types
                ([codegen/variants.table](../codegen/variants.table)).
                *Hand-written* ones are the few left whose float and double halves differ in their numerics.

                **Adding an op** is one entry in the table (its header says what each key means), then
                `%s`. The kernel, its NDArray dispatch, its rows in
                [OpTableKernelTest](%sOpTableKernelTest.java) and in the JMH benchmarks, and its line here are
                generated; the `Op` constant, the `NDArray` method and the gradient rule are written by hand.
                `CodegenFreshnessTest` fails while a generated file and the table disagree.

                | op | dtypes | kernel | scalar twin | gradient rule | tests | benchmark |
                |---|---|---|---|---|---|---|
                """.formatted(REGENERATE, TEST));
        for (Row r : rows) {
            String kernelPath = KERNEL_PACKAGE_DIR + r.kernel() + ".java";
            String kernelLink = "../" + kernelPath;
            String text = generated.get(kernelPath);
            String twin;
            if (text != null) {
                twin = "[`" + r.kernel() + ".scalar`](" + kernelLink + "#L" + lineOf(text, "public static void scalar(") + ")";
            } else {
                twin = "[`" + r.kernel() + ".scalar`](" + kernelLink + ") (hand-written)";
            }
            // a 'template none' row whose kernel codegen/variants.table generates names that entry's template
            String template = r.template().equals("none") && text != null
                    ? text.replaceFirst("(?s)^// Generated by codegen/KernelGen.java from codegen/templates/([^.]+)\\.java\\.template.*", "$1")
                    : r.template();
            String kernel = "[`" + r.kernel() + "`](" + kernelLink + ")" + (text != null
                    ? " from [" + template + "](../codegen/templates/" + template + ".java.template)" : "");
            String grad = r.shape().equals("compare")
                    ? "not differentiable ([`GradientRules`](" + MAIN + "autodiff/GradientRules.java))"
                    : "[`Op." + r.opConstant() + "` in `GradientRules`](" + MAIN + "autodiff/GradientRules.java)";
            String tests = "[`OpTableKernelTest`](" + TEST + "OpTableKernelTest.java)"
                    + (r.get("test") != null ? ", [`" + r.get("test") + "`](" + TEST + r.get("test") + ".java)" : "");
            String bench;
            String b = r.get("bench");
            if (b != null && b.equals("-")) {
                bench = "—";
            } else {
                String cls = b != null ? b : JMH.entrySet().stream().filter(e -> e.getValue().equals(r.shape()))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                bench = "[`" + cls + "`](" + BENCH + cls + ".java)" + (b == null ? " `-p row=" + r.name() + "/...`" : "");
            }
            md.append("| `").append(r.name()).append("` | ")
                    .append(String.join(" ", r.types().stream().map(Type::dtype).toList())).append(" | ")
                    .append(kernel).append(" | ").append(twin).append(" | ").append(grad).append(" | ")
                    .append(tests).append(" | ").append(bench).append(" |\n");
        }
        if (Files.exists(OTHER_OPS)) {
            md.append('\n').append(Files.readString(OTHER_OPS));
        }
        return md.toString();
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    static Map<String, String> rowVars(Row r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("OP", r.opConstant());
        return m;
    }

    static String header(String template) {
        return "// Generated by codegen/KernelGen.java from " + template + " and codegen/ops.table: do not edit.\n"
                + "// Regenerate with: " + REGENERATE;
    }

    static String inWords(List<String> words) {
        if (words.size() == 1) return words.get(0);
        if (words.size() == 2) return words.get(0) + " and " + words.get(1);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** The imports of a kernel file: ColdGate if the template gates, Simd, the vector classes of its types, VectorOperators if any text uses it. */
    static String imports(List<Row> group, String template) {
        List<String> lines = new ArrayList<>();
        if (template.contains("ColdGate")) lines.add("import dev.vectorgrad.kernels.ColdGate;");
        lines.add("import dev.vectorgrad.kernels.Simd;");
        List<Type> types = group.get(0).types();
        for (Type t : TYPES.values().stream().sorted((x, y) -> x.vector().compareTo(y.vector())).toList()) {
            if (types.contains(t)) lines.add("import jdk.incubator.vector." + t.vector() + ";");
        }
        boolean operators = template.contains("VectorOperators.")
                || group.stream().anyMatch(r -> r.keys().values().stream().flatMap(List::stream)
                        .anyMatch(v -> v.contains("VectorOperators.")));
        if (operators) lines.add("import jdk.incubator.vector.VectorOperators;");
        if (template.contains("VectorSpecies<")) lines.add("import jdk.incubator.vector.VectorSpecies;");
        return String.join("\n", lines);
    }

    // ---- main: write, or check ----

    public static void main(String[] args) throws IOException {
        boolean check = List.of(args).contains("--check");
        Map<String, String> files = generate(readTable(TABLE));
        List<String> stale = new ArrayList<>();
        for (var e : files.entrySet()) {
            Path p = ROOT.resolve(e.getKey());
            String now = Files.exists(p) ? Files.readString(p) : null;
            if (e.getValue().equals(now)) continue;
            stale.add(e.getKey());
            if (!check) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
            }
        }
        if (check) {
            if (stale.isEmpty()) {
                System.out.println("KernelGen: all " + files.size() + " generated files match codegen/ops.table and codegen/templates");
                return;
            }
            System.out.println("KernelGen: " + stale.size() + " generated file(s) differ from codegen/ops.table and"
                    + " codegen/templates:");
            stale.forEach(s -> System.out.println("  " + s));
            System.out.println("Regenerate with: " + REGENERATE);
            System.exit(1);
        }
        System.out.println("KernelGen: wrote " + stale.size() + " of " + files.size() + " files"
                + (stale.isEmpty() ? "" : ": " + stale));
    }
}
