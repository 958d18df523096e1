package dev.vectorgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimdTest {
    @Test
    void speciesFollowForcedWidth() {
        String forced = System.getProperty("vectorgrad.vectorBits");
        if (forced != null) {
            assertThat(Simd.BITS).isEqualTo(Integer.parseInt(forced));
        }
        assertThat(Simd.F32.vectorBitSize()).isEqualTo(Simd.BITS);
        assertThat(Simd.F64.length()).isEqualTo(Simd.F32.length() / 2);
    }
}
