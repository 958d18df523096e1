package dev.vectorgrad.kernels;

import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector width and the SIMD switch, decided once at class-load time.
 *
 * <ul>
 *   <li>{@code -Dvectorgrad.simd=false} turns every kernel into its scalar twin.</li>
 *   <li>{@code -Dvectorgrad.vectorBits=128|256|512} forces a width, so tests can exercise every
 *       loop shape on one machine. A width wider than the CPU's is correct but slow.</li>
 *   <li>{@code -Dvectorgrad.coldTwinElements=N} sets how much work each gated entry point does on its twin
 *       before its SIMD body ({@link ColdGate}); 0 means SIMD from the first call.</li>
 * </ul>
 * The choice is logged once at DEBUG level through {@link System.Logger}.
 */
public final class Simd {
    /** False when {@code -Dvectorgrad.simd=false}: every kernel's {@code run} calls its scalar twin. */
    public static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("vectorgrad.simd"));

    /** The vector width in bits that every kernel uses. */
    public static final int BITS = chooseBits();

    // static final on purpose: the VectorSpecies Javadoc warns that species held elsewhere may not be
    // constant-folded, and a non-constant species defeats intrinsification.
    /** Float lanes at {@link #BITS}. */
    public static final VectorSpecies<Float> F32 = VectorShape.forBitSize(BITS).withLanes(float.class);
    /** Double lanes at {@link #BITS}. */
    public static final VectorSpecies<Double> F64 = VectorShape.forBitSize(BITS).withLanes(double.class);
    /** Int lanes at {@link #BITS}. */
    public static final VectorSpecies<Integer> I32 = VectorShape.forBitSize(BITS).withLanes(int.class);
    /** Long lanes at {@link #BITS}. */
    public static final VectorSpecies<Long> I64 = VectorShape.forBitSize(BITS).withLanes(long.class);

    static {
        System.getLogger("dev.vectorgrad.kernels").log(System.Logger.Level.DEBUG, Simd::describe);
    }

    /**
     * What the kernels chose, in one line: SIMD on or off, the vector width, the thread count and the
     * JIT, e.g. {@code "vectorgrad kernels: SIMD on, 256-bit vectors (8 float lanes, CPU prefers 256),
     * 2 threads, JIT C2"}. Logged once at DEBUG level when the first kernel loads, as Lucene logs its
     * vectorization provider.
     *
     * @return the one-line description
     */
    public static String describe() {
        String width = BITS + "-bit vectors (" + F32.length() + " float lanes, CPU prefers "
                + VectorShape.preferredShape().vectorBitSize() + ")";
        return "vectorgrad kernels: " + (ENABLED ? "SIMD on, " + width : "SIMD off (vectorgrad.simd=false), scalar twins")
                + ", " + KernelThreads.count() + (KernelThreads.count() == 1 ? " thread" : " threads")
                + ", JIT " + Jit.COMPILER + (Jit.C2 || !ENABLED ? "" : " (the Vector API runs slowly without C2)");
    }

    private static int chooseBits() {
        int preferred = VectorShape.preferredShape().vectorBitSize();
        int bits = IntProperty.read("vectorgrad.vectorBits", preferred, "64, 128, 256 or 512");
        if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("vectorgrad.vectorBits must be 64, 128, 256 or 512, got " + bits);
        }
        return bits;
    }

    private Simd() {}
}
