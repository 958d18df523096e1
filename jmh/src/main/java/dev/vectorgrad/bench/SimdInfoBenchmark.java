package dev.vectorgrad.bench;

import dev.vectorgrad.kernels.Simd;
import org.openjdk.jmh.annotations.Benchmark;

/** Smoke benchmark: proves the JMH build sees the library and the Vector API. */
public class SimdInfoBenchmark {
    @Benchmark
    public int lanes() {
        return Simd.F32.length();
    }
}
