package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.kernels.KernelThreads;
import dev.vectorgrad.kernels.Simd;
import org.junit.jupiter.api.Test;

class VectorgradInfoTest {

    @Test
    void reportsWhatTheKernelsUse() {
        VectorgradInfo info = VectorgradInfo.current();
        assertThat(info.simd()).isEqualTo(Simd.ENABLED);
        assertThat(info.vectorBits()).isEqualTo(Simd.BITS);
        assertThat(info.floatLanes()).isEqualTo(Simd.BITS / 32);
        assertThat(info.threads()).isEqualTo(KernelThreads.count()).isPositive();
        // surefire starts the test JVM with no JIT flags: C2 compiles hot code
        assertThat(info.jit()).isEqualTo("C2");
        assertThat(info.c2()).isTrue();
        assertThat(info.java()).contains(System.getProperty("java.version"));
    }

    @Test
    void describesEveryChoiceInOneLine() {
        VectorgradInfo on = new VectorgradInfo(true, 256, 512, 8, 2, "C2", "25.0.3 (OpenJDK 64-Bit Server VM) on amd64");
        assertThat(on.toString()).isEqualTo("vectorgrad: SIMD on, 256-bit vectors (8 float lanes, CPU prefers 512), "
                + "2 threads, JIT C2; Java 25.0.3 (OpenJDK 64-Bit Server VM) on amd64");
        VectorgradInfo slow = new VectorgradInfo(true, 128, 128, 4, 1, "C1 only (TieredStopAtLevel=1)", "25");
        assertThat(slow.c2()).isFalse();
        assertThat(slow.toString()).isEqualTo("vectorgrad: SIMD on, 128-bit vectors (4 float lanes, CPU prefers 128), "
                + "1 thread, JIT C1 only (TieredStopAtLevel=1) (the Vector API runs slowly without C2); Java 25");
        VectorgradInfo off = new VectorgradInfo(false, 256, 256, 8, 4, "C2", "25");
        assertThat(off.toString()).startsWith("vectorgrad: SIMD off (vectorgrad.simd=false), scalar twins, 4 threads");
        assertThat(VectorgradInfo.describe()).isEqualTo(VectorgradInfo.current().toString()).doesNotContain("\n");
    }
}
