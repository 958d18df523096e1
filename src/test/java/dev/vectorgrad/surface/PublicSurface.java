package dev.vectorgrad.surface;

import dev.vectorgrad.NDArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library's public surface, found by reflection: every public constructor and method of every public class in
 * the packages that {@code module-info} exports. A method another branch adds joins the bad-input test without
 * anyone listing it; what is left out is left out here, by name, with the reason.
 */
final class PublicSurface {

    /**
     * Packages left out, with why. The kernel layer takes raw Java arrays with offsets and lengths and follows
     * {@code System.arraycopy}'s contract (NullPointerException and IndexOutOfBoundsException for bad arrays and
     * ranges); checking every range in the hot loops is the price NDArray's dispatch already pays once.
     */
    static final Set<String> EXCLUDED_PACKAGE_PREFIXES = Set.of("dev.vectorgrad.kernels");

    /**
     * Members that cannot be called with arbitrary arguments, each with its reason. Keys are
     * {@code Class.member} as {@link #name} spells them (every overload).
     */
    static final Set<String> EXCLUDED_MEMBERS = Set.of(
            // process-wide state other tests depend on: layer numbering (Keras's clear_session) and the seed
            "Layer.resetNames", "Layer.setSeed",
            // an enum's implicit valueOf(String) is the JDK's (NullPointerException for null, by Enum.valueOf)
            "DType.valueOf", "Activation.valueOf", "UnconnectedGradients.valueOf", "Padding.valueOf", "PadMode.valueOf");

    private PublicSurface() {}

    /** Every public class of the exported packages (nested public classes included), sorted by name. */
    static List<Class<?>> classes() {
        Path root = classesRoot();
        Set<String> exported = exportedPackages(root);
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                String name = rel.substring(0, rel.length() - ".class".length());
                if (name.equals("module-info") || !name.contains(".")) {
                    continue;
                }
                String pkg = name.substring(0, name.lastIndexOf('.'));
                if (!exported.contains(pkg) || EXCLUDED_PACKAGE_PREFIXES.stream().anyMatch(pkg::startsWith)) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, NDArray.class.getClassLoader());
                if (isPublicApi(c)) {
                    out.add(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    private static boolean isPublicApi(Class<?> c) {
        if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass() || c.getName().equals("package-info")) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** Public, non-synthetic constructors and declared methods of {@code c}, minus {@link #EXCLUDED_MEMBERS}. */
    static List<Executable> members(Class<?> c) {
        List<Executable> out = new ArrayList<>();
        if (!Modifier.isAbstract(c.getModifiers()) && !c.isInterface() && !c.isEnum()) {
            for (Constructor<?> k : c.getConstructors()) {
                if (!k.isSynthetic()) {
                    out.add(k);
                }
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()
                    && !(c.isEnum() && m.getName().equals("values") && m.getParameterCount() == 0)
                    && !isImplicitEnumValueOf(c, m)) {
                out.add(m);
            }
        }
        out.removeIf(e -> EXCLUDED_MEMBERS.contains(owner(e) + "." + simpleName(e)));
        out.sort(Comparator.comparing(PublicSurface::signature));
        return out;
    }

    /**
     * Every enum's implicit {@code valueOf(String)} is left out: the compiler writes it and it is the JDK's
     * {@code Enum.valueOf} (NullPointerException for null, by its contract), so no enum the library adds can
     * change it. {@link #EXCLUDED_MEMBERS} names the enums known when this was written; this rule covers any enum
     * added later without another entry. An enum's own static factories (say {@code DType.of}) are still called.
     */
    private static boolean isImplicitEnumValueOf(Class<?> c, Method m) {
        return c.isEnum() && Modifier.isStatic(m.getModifiers()) && m.getName().equals("valueOf")
                && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class;
    }

        static String owner(Executable e) {
        return e.getDeclaringClass().getSimpleName();
    }

    static String simpleName(Executable e) {
        return e instanceof Constructor<?> ? "new" : e.getName();
    }

    /** {@code Ops.add(NDArray, NDArray)}, {@code new Dense(int)}. */
    static String signature(Executable e) {
        String params = Stream.of(e.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        return e instanceof Constructor<?> ? "new " + owner(e) + "(" + params + ")"
                : owner(e) + "." + e.getName() + "(" + params + ")";
    }

    private static Path classesRoot() {
        try {
            return Path.of(NDArray.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> exportedPackages(Path root) {
        try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream().filter(x -> !x.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
