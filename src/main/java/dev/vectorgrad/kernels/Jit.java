package dev.vectorgrad.kernels;

import java.util.List;

/**
 * Which JIT compiles this JVM's code, because the Vector API is fast only under C2.
 *
 * <p>C2 turns {@code FloatVector.fma} and friends into single instructions; without it (interpreter,
 * {@code -XX:TieredStopAtLevel=1..3}, {@code -Xint}) every vector op is a boxed Java fallback, tens to
 * hundreds of times slower than the scalar twins. Lucene checks the same thing before it enables its
 * vectorized provider. Read from {@code java.vm.info} (which names the interpreter-only and C1-only modes)
 * and from the JVM's own command line (which is the only place {@code TieredStopAtLevel=2|3} shows).
 */
public final class Jit {
    /** What compiles hot code: {@code "C2"}, or why it is not C2 (e.g. {@code "C1 only (TieredStopAtLevel=1)"}). */
    public static final String COMPILER = describe(System.getProperty("java.vm.info", ""),
            ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));

    /** True when C2 (the optimizing compiler the Vector API is intrinsified by) compiles hot code. */
    public static final boolean C2 = COMPILER.equals("C2");

    /**
     * Names the compiler from {@code java.vm.info} and the JVM's arguments; the last flag of a kind wins,
     * as it does for the JVM.
     *
     * @param vmInfo the {@code java.vm.info} property, e.g. {@code "mixed mode, emulated-client, sharing"}
     * @param args the JVM's command line (options, then main class and program arguments)
     * @return {@code "C2"} or a short reason why not
     */
    static String describe(String vmInfo, List<String> args) {
        if (vmInfo.contains("interpreted mode")) {
            return "interpreter only (-Xint)";
        }
        String result = "C2";
        for (String a : args) {
            if (a.startsWith("-XX:TieredStopAtLevel=")) {
                String level = a.substring("-XX:TieredStopAtLevel=".length());
                result = level.equals("4") ? "C2" : level.equals("0") ? "interpreter only (TieredStopAtLevel=0)"
                        : "C1 only (TieredStopAtLevel=" + level + ")";
            } else if (a.equals("-XX:-UseCompiler")) {
                result = "interpreter only (-XX:-UseCompiler)";
            } else if (a.equals("-XX:+UseJVMCICompiler")) {
                result = "JVMCI compiler (Graal), not C2";
            } else if (a.equals("-XX:CompilationMode=quick-only")) {
                result = "C1 only (CompilationMode=quick-only)";
            }
        }
        if (result.equals("C2") && vmInfo.contains("emulated-client")) {
            return "C1 only (emulated client)";
        }
        return result;
    }

    private Jit() {}
}
