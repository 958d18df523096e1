package dev.vectorgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The integer switches' reader: fallback when unset or blank, the trimmed number, a message naming the property. */
class IntPropertyTest {
    // a name of its own, so that no kernel setting of this JVM changes
    private static final String NAME = "vectorgrad.test.intProperty";

    @AfterEach
    void clear() {
        System.clearProperty(NAME);
    }

    @Test
    void unsetOrBlankGivesTheFallback() {
        assertThat(IntProperty.read(NAME, 7, "a number")).isEqualTo(7);
        System.setProperty(NAME, "  ");
        assertThat(IntProperty.read(NAME, 7, "a number")).isEqualTo(7);
    }

    @Test
    void aNumberIsReadTrimmed() {
        System.setProperty(NAME, " 256 ");
        assertThat(IntProperty.read(NAME, 7, "a number")).isEqualTo(256);
        System.setProperty(NAME, "-3");
        assertThat(IntProperty.read(NAME, 7, "a number")).isEqualTo(-3);
    }

    @Test
    void notANumberNamesThePropertyWhatItAcceptsAndTheValue() {
        System.setProperty(NAME, "wide");
        assertThatThrownBy(() -> IntProperty.read(NAME, 7, "64, 128, 256 or 512"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vectorgrad.test.intProperty must be 64, 128, 256 or 512, got 'wide'");
    }
}
