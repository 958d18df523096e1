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
    LINEAR,
    // ---- Keras 3's further activations (issue 10) ----
    /** The exact GELU {@code x·Φ(x)} (Keras's {@code approximate=False} default). */
    GELU,
    /** SiLU (swish) {@code x·σ(x)}. */
    SILU,
    /** {@code x > 0 ? x : e^x - 1} (alpha 1). */
    ELU,
    /** Scaled ELU with Keras's alpha and scale. */
    SELU,
    /** {@code ln(1 + e^x)}, overflow-free. */
    SOFTPLUS,
    /** {@code x > 0 ? x : 0.2·x}: Keras 3's {@code leaky_relu} slope (tf.keras 2 used 0.3 for the layer). */
    LEAKY_RELU;

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
            case GELU -> x.gelu();
            case SILU -> x.silu();
            case ELU -> x.elu();
            case SELU -> x.selu();
            case SOFTPLUS -> x.softplus();
            case LEAKY_RELU -> x.leakyRelu(0.2);
        };
    }

    /** The Keras name: {@code "relu"}, {@code "tanh"}, ..., {@code "gelu"}, {@code "leaky_relu"}. */
    public String kerasName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
