package dev.vectorgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.vectorgrad.kernels.reduce.SumKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitTest {
    private static final String MIXED = "mixed mode, sharing";

    @Test
    void namesTheCompilerFromVmInfoAndFlags() {
        assertThat(Jit.describe(MIXED, List.of("-Xmx1g", "Main"))).isEqualTo("C2");
        assertThat(Jit.describe("interpreted mode, sharing", List.of("-Xint"))).isEqualTo("interpreter only (-Xint)");
        assertThat(Jit.describe("mixed mode, emulated-client, sharing", List.of("-XX:TieredStopAtLevel=1")))
                .isEqualTo("C1 only (TieredStopAtLevel=1)");
        // level 3 is C1 with full profiling: java.vm.info does not say so, the flag does
        assertThat(Jit.describe(MIXED, List.of("-XX:TieredStopAtLevel=3"))).isEqualTo("C1 only (TieredStopAtLevel=3)");
        assertThat(Jit.describe(MIXED, List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4"))).isEqualTo("C2");
        assertThat(Jit.describe(MIXED, List.of("-XX:+UseJVMCICompiler"))).isEqualTo("JVMCI compiler (Graal), not C2");
        assertThat(Jit.describe("mixed mode, emulated-client", List.of())).isEqualTo("C1 only (emulated client)");
    }

    /** Touches a kernel, and so loads Simd, in a JVM of its own (the test JVM loaded it long ago). */
    public static final class FirstKernelUse {
        public static void main(String[] args) {
            System.out.println(SumKernel.run(new float[] {1, 2, 3}, 0, 3));
        }
    }

    @Test
    void theFirstKernelUseLogsTheChoiceOnceAtDebug(@TempDir Path dir) throws Exception {
        // java.util.logging is System.Logger's default backend; DEBUG is its FINE
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, "handlers=java.util.logging.ConsoleHandler\n.level=INFO\n"
                + "dev.vectorgrad.level=ALL\njava.util.logging.ConsoleHandler.level=ALL\n");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.util.logging.config.file=" + config, "-Dvectorgrad.threads=3"));
        for (String forced : List.of("vectorgrad.simd", "vectorgrad.vectorBits")) {   // this suite's width or SIMD switch
            if (System.getProperty(forced) != null) {
                cmd.add("-D" + forced + "=" + System.getProperty(forced));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstKernelUse.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.contains("vectorgrad kernels: ")).toList()).as(out)
                .singleElement().asString()
                .contains(Simd.ENABLED ? "SIMD on, " + Simd.BITS + "-bit vectors" : "SIMD off")
                .contains("3 threads, JIT C2");
        assertThat(out).contains("FINE").contains("6.0");
    }
}
