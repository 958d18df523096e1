package dev.vectorgrad.kernels;

/**
 * Reads the integer system properties that tune the kernels ({@code vectorgrad.vectorBits},
 * {@code vectorgrad.threads}) with one message for a value that is not a number, so that each caller only states
 * which numbers it accepts.
 */
final class IntProperty {

    /**
     * The property's value, or {@code fallback} when it is unset or blank.
     *
     * @throws IllegalArgumentException naming the property and {@code expected} when the value is not an integer
     */
    static int read(String name, int fallback, String expected) {
        String forced = System.getProperty(name);
        if (forced == null || forced.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(forced.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + expected + ", got '" + forced + "'");
        }
    }

    private IntProperty() {}
}
