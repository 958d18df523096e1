package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block in README.md and docs/*.md is compiled against the library and run, so the
 * documentation cannot drift from the code. A block is a self-contained method body (it may declare local
 * classes) with the imports in {@link #IMPORTS}, the list docs/KERAS_PYTORCH.md shows its readers.
 */
class DocsSnippetsTest {
    static final List<String> IMPORTS = List.of("dev.vectorgrad", "dev.vectorgrad.autodiff", "dev.vectorgrad.nn",
            "dev.vectorgrad.nn.losses", "dev.vectorgrad.nn.optimizers", "dev.vectorgrad.nn.metrics",
            "dev.vectorgrad.data", "dev.vectorgrad.io", "java.util");

    private static final Pattern JAVA_BLOCK = Pattern.compile("^```java\\n(.*?)^```", Pattern.MULTILINE | Pattern.DOTALL);

    record Snippet(Path file, int line, String code) {}

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Snippet> snippets(Path file) throws IOException {
        String text = Files.readString(file).replace("\r\n", "\n");
        List<Snippet> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Snippet(file, line, m.group(1)));
        }
        return out;
    }

    @Test
    void everyJavaBlockInTheDocsCompilesAndRuns(@TempDir Path out) throws Exception {
        List<Snippet> all = new ArrayList<>();
        for (Path doc : documents()) {
            all.addAll(snippets(doc));
        }
        assertThat(all).as("java blocks in README.md and docs/").hasSizeGreaterThan(20);

        // one class, one static method per block; remember which source line came from which doc line
        StringBuilder src = new StringBuilder("package docsnippets;\n");
        IMPORTS.forEach(p -> src.append("import ").append(p).append(".*;\n"));
        src.append("public final class Snippets {\n");
        List<String> origin = new ArrayList<>();
        for (int i = 0; i < src.toString().lines().count(); i++) {
            origin.add("(wrapper)");
        }
        for (int b = 0; b < all.size(); b++) {
            Snippet s = all.get(b);
            src.append("public static void block").append(b).append("() throws Exception {\n");
            origin.add("(wrapper)");
            String[] lines = s.code().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                src.append(lines[i]).append('\n');
                origin.add(s.file() + ":" + (s.line() + i));
            }
            src.append("}\n");
            origin.add("(wrapper)");
        }
        src.append("}\n");

        // javac through java.util.spi.ToolProvider (java.base): the tests are compiled into the library's
        // module, which does not read java.compiler
        Path source = out.resolve("docsnippets").resolve("Snippets.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, src);
        java.io.StringWriter log = new java.io.StringWriter();
        int rc = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(new java.io.PrintWriter(log),
                new java.io.PrintWriter(log), "-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                "--add-modules", "jdk.incubator.vector", "-proc:none", "-Xlint:-incubating", "-nowarn",
                "-encoding", "UTF-8", source.toString());
        List<String> errors = new ArrayList<>();
        Matcher error = Pattern.compile("Snippets\\.java:(\\d+): error: (.*)").matcher(log.toString());
        while (error.find()) {
            errors.add(origin.get(Integer.parseInt(error.group(1)) - 1) + ": " + error.group(2));
        }
        assertThat(errors).as("compile errors, by document line").isEmpty();
        assertThat(rc).as(log.toString()).isZero();

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> snippets = loader.loadClass("docsnippets.Snippets");
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            for (int b = 0; b < all.size(); b++) {
                Method block = snippets.getMethod("block" + b);
                try {
                    block.invoke(null);
                } catch (InvocationTargetException e) {
                    throw new AssertionError("the block at " + all.get(b).file() + ":" + all.get(b).line()
                            + " threw " + e.getCause(), e.getCause());
                }
            }
        } finally {
            System.setOut(stdout);
        }
        // the blocks print what their comments say
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("NDArray(6.0, shape=(), dtype=float32)\n<Variable 'Variable:0' shape=() dtype=float32, numpy=3.0>",
                "NDArray(9.8, shape=(), dtype=float32)", "hello, 4", "[NDArray([[2.]], shape=(1, 1), dtype=float32)]",
                "NDArray(5.0, shape=(), dtype=float32)", "FizzBuzz", "vectorgrad: SIMD ");
    }

    private static final Pattern NAME = Pattern.compile(
            "(?<![.\\w])([A-Z][A-Za-z0-9]*)(?:\\.([a-z][A-Za-z0-9]*)|\\.([A-Z][A-Z0-9_]*)\\b)?");

    @Test
    void everyVectorgradNameInTheNameTableExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String row : Files.readAllLines(Path.of("docs", "KERAS_PYTORCH.md"))) {
            String[] cells = row.split("(?<!\\\\)\\|");
            if (!row.startsWith("| `") || cells.length < 4) {
                continue;
            }
            Matcher code = Pattern.compile("`([^`]*)`").matcher(cells[3]);
            while (code.find()) {
                Matcher m = NAME.matcher(code.group(1));
                while (m.find()) {
                    checked++;
                    Class<?> type = resolve(m.group(1));
                    if (type == null) {
                        missing.add(m.group(1) + " in: " + row);
                    } else if (m.group(2) != null && Arrays.stream(type.getMethods())
                            .noneMatch(x -> x.getName().equals(m.group(2)) && Modifier.isPublic(x.getModifiers()))) {
                        missing.add(m.group(1) + "." + m.group(2) + " in: " + row);
                    } else if (m.group(3) != null && Arrays.stream(type.getFields())
                            .noneMatch(f -> f.getName().equals(m.group(3)))) {
                        missing.add(m.group(1) + "." + m.group(3) + " in: " + row);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    private static Class<?> resolve(String simpleName) {
        for (String p : IMPORTS) {
            try {
                return Class.forName(p + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // not in this package; try the next, as the imports would
            }
        }
        return null;
    }
}
