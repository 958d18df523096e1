package dev.vectorgrad;

import dev.vectorgrad.kernels.Jit;
import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.Simd;
import jdk.incubator.vector.VectorShape;

/**
 * What vectorgrad chose at run time, for a bug report or a startup log line:
 * {@code System.out.println(VectorgradInfo.describe())} prints, for example,
 * {@code vectorgrad: SIMD on, 256-bit vectors (8 float lanes, CPU prefers 256), 2 threads, JIT C2; Java 25.0.3
 * (OpenJDK 64-Bit Server VM) on amd64}.
 *
 * <p>The same facts (without the Java part) are logged once at DEBUG level through {@link System.Logger}
 * {@code dev.vectorgrad.kernels} when the first kernel loads, as Lucene logs its vectorization provider.
 * They are fixed for the life of the JVM: {@code -Dvectorgrad.simd}, {@code -Dvectorgrad.vectorBits} and
 * {@code -Dvectorgrad.threads} are read once.
 *
 * @param simd false when {@code -Dvectorgrad.simd=false} made every kernel run its scalar twin
 * @param vectorBits the vector width the kernels use, in bits ({@code -Dvectorgrad.vectorBits} or the CPU's)
 * @param preferredVectorBits the widest vector the CPU runs natively, as the Vector API reports it
 * @param floatLanes float32 lanes per vector at {@code vectorBits}
 * @param threads the kernel pool's size ({@code -Dvectorgrad.threads}, by default the available processors)
 * @param jit {@code "C2"}, or why hot code is not compiled by C2 (the Vector API is slow without it)
 * @param java the Java version, VM name and architecture
 */
public record VectorgradInfo(boolean simd, int vectorBits, int preferredVectorBits, int floatLanes, int threads,
                             String jit, String java) {

    /**
     * The choices of this JVM.
     *
     * @return the current choices
     */
    public static VectorgradInfo current() {
        return new VectorgradInfo(Simd.ENABLED, Simd.BITS, VectorShape.preferredShape().vectorBitSize(),
                Simd.F32.length(), KernelThreads.count(), Jit.COMPILER,
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ") on "
                        + System.getProperty("os.arch"));
    }

    /**
     * The one-line description of {@link #current()}.
     *
     * @return e.g. {@code "vectorgrad: SIMD on, 256-bit vectors (8 float lanes, CPU prefers 256), 2 threads, JIT C2; Java ..."}
     */
    public static String describe() {
        return current().toString();
    }

    /**
     * True when hot code is compiled by C2, which the Vector API needs to be fast.
     *
     * @return whether the JIT is C2
     */
    public boolean c2() {
        return jit.equals("C2");
    }

    /** The one-line description: SIMD, width, threads, JIT, then Java. */
    @Override
    public String toString() {
        String width = vectorBits + "-bit vectors (" + floatLanes + " float lanes, CPU prefers " + preferredVectorBits + ")";
        return "vectorgrad: " + (simd ? "SIMD on, " + width : "SIMD off (vectorgrad.simd=false), scalar twins")
                + ", " + threads + (threads == 1 ? " thread" : " threads") + ", JIT " + jit
                + (c2() || !simd ? "" : " (the Vector API runs slowly without C2)") + "; Java " + java;
    }
}
