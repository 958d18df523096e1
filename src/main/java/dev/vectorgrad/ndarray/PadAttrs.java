package dev.vectorgrad.ndarray;

import dev.vectorgrad.PadMode;

/**
 * What the tape keeps of a {@code pad}: the normalised {@code [before, after]} per axis and the mode,
 * which decides whether the border's gradient is dropped (constant) or folded back (mirrors).
 *
 * @param paddings one {@code {before, after}} pair per axis
 * @param mode     how the border was filled
 */
public record PadAttrs(int[][] paddings, PadMode mode) {}
