package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;

/**
 * The activations a {@link Dense} layer can apply to its output, as Keras names them. Each is built from
 * differentiable NDArray ops, so a tape records it; {@link #SOFTMAX} works on the last axis, as Keras's does.
 */
public enum Activation {
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code tanh(x)}. */
    TANH,
    /** {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code e^x / Σ e^x} over the last axis. */
    SOFTMAX,
    /** The identity: {@code x} itself. */
    LINEAR;

    /** This activation applied to {@code x}. */
    public NDArray apply(NDArray x) {
        if (x == null) {
            throw new IllegalArgumentException("Activation." + name() + ".apply: x is null");
        }
        return switch (this) {
            case RELU -> x.relu();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case SOFTMAX -> x.softmax(-1);
            case LINEAR -> x;
        };
    }

    /** The Keras name: {@code "relu"}, {@code "tanh"}, {@code "sigmoid"}, {@code "softmax"}, {@code "linear"}. */
    public String kerasName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
