package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed generated files (kernels, dispatch, test rows, JMH rows, docs/OPS.md) are exactly what
 * codegen/KernelGen.java makes of codegen/ops.table and codegen/templates: an edit to a generated file, or a table
 * or template change without regenerating, fails here with the one command that regenerates.
 */
class CodegenFreshnessTest {

    @Test
    void generatedFilesMatchTheOpTableAndTemplates() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve("codegen/KernelGen.java")).as("run from the repository root").exists();
        // the JDK running this test runs the generator too, in its source-launcher mode: no build step of its own
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "codegen/KernelGen.java", "--check")
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("KernelGen --check finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("match codegen/ops.table");
        assertThat(Files.readString(root.resolve("codegen/ops.table"))).contains("./mvnw -q -Pcodegen validate");
    }
}
