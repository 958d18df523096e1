package dev.vectorgrad.examples;

import dev.vectorgrad.kernels.Simd;

/** Placeholder main proving the examples build; replaced by the seed tours. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("lanes " + Simd.F32.length());
    }
}
