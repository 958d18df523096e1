package dev.vectorgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ColdGate: the twin for exactly the quota's work, then SIMD for good; the switch property. */
class ColdGateTest {
    @Test
    void twinUntilTheQuotaIsSpentThenSimdForGood() {
        ColdGate gate = new ColdGate(1000);
        int twinCalls = 0;
        while (!gate.warm(100)) {
            twinCalls++;
        }
        assertThat(twinCalls).isEqualTo(10);
        for (int i = 0; i < 5; i++) {
            assertThat(gate.warm(1)).isTrue();
        }
    }

    @Test
    void aCallBiggerThanWhatIsLeftSwitchesAtOnce() {
        ColdGate gate = new ColdGate(1000);
        assertThat(gate.warm(600)).isFalse();
        assertThat(gate.warm(401)).isTrue();
        assertThat(gate.warm(1)).isTrue();
        assertThat(new ColdGate(1000).warm(1_000_000)).isTrue();
    }

    @Test
    void emptyCallsStillCountSoTheGateCannotStayColdForever() {
        ColdGate gate = new ColdGate(3);
        assertThat(gate.warm(0)).isFalse();
        assertThat(gate.warm(0)).isFalse();
        assertThat(gate.warm(0)).isFalse();
        assertThat(gate.warm(0)).isTrue();
    }

    @Test
    void smallCallsAreChargedTheFloorSoTinyArraysSwitchAfterAFixedNumberOfCalls() {
        ColdGate gate = new ColdGate(10 * 1024, 1024);
        int twinCalls = 0;
        while (!gate.warm(40)) {
            twinCalls++;
        }
        assertThat(twinCalls).isEqualTo(10);
        ColdGate big = new ColdGate(10 * 1024, 1024);
        assertThat(big.warm(5000)).isFalse();
        assertThat(big.warm(5000)).isFalse();
        assertThat(big.warm(5000)).isTrue();
        assertThatThrownBy(() -> new ColdGate(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("callFloor");
    }

    @Test
    void zeroQuotaIsSimdFromTheFirstCall() {
        assertThat(new ColdGate(0).warm(5)).isTrue();
    }

    @Test
    void theSwitchPropertyIsParsedWithAMessage() {
        assertThat(ColdGate.parseTwinElements(null)).isEqualTo(ColdGate.DEFAULT_TWIN_ELEMENTS);
        assertThat(ColdGate.parseTwinElements(" ")).isEqualTo(ColdGate.DEFAULT_TWIN_ELEMENTS);
        assertThat(ColdGate.parseTwinElements("0")).isZero();
        assertThat(ColdGate.parseTwinElements(" 4096 ")).isEqualTo(4096);
        assertThatThrownBy(() -> ColdGate.parseTwinElements("-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vectorgrad.coldTwinElements");
        assertThatThrownBy(() -> ColdGate.parseTwinElements("lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lots'");
    }

    @Test
    void theKernelSuiteRunsWithTheGateOffSoRunReachesTheSimdBodies() {
        // pom.xml sets it for the forced-width executions: without it, run() would test the twins only
        if (System.getProperty("vectorgrad.vectorBits") != null) {
            assertThat(ColdGate.TWIN_ELEMENTS).isZero();
        }
    }
}
