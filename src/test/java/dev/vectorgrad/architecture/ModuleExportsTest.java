package dev.vectorgrad.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * module-info exports every package of the library except the NDArray internals (STYLE.md: kernels are
 * public low-level API, {@code dev.vectorgrad.ndarray} is not). A package added without an export, or an
 * export of the internals, fails here rather than in a user's module path.
 */
class ModuleExportsTest {
    private static final Set<String> INTERNAL = Set.of("dev.vectorgrad.ndarray");

    @Test
    void exportsExactlyThePublicPackages() throws IOException {
        Path classes = Path.of("target", "classes");
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Set<String> packages;
        try (Stream<Path> files = Files.walk(classes)) {
            packages = files.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class"))
                    .map(p -> classes.relativize(p.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> exported = module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> expected = new TreeSet<>(packages);
        expected.removeAll(INTERNAL);
        assertThat(packages).containsAll(INTERNAL);
        assertThat(exported).isEqualTo(expected);
    }
}
