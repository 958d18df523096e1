package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.kernels.conv.ConvGeometry;
import dev.vectorgrad.ndarray.ConvOps;
import dev.vectorgrad.ndarray.Shapes;

/** What the convolution and pooling layers share: input checks in Keras's words, geometry, initialisers. */
final class ConvSupport {

    /** Fails as Keras does when {@code x} does not have {@code rank} axes. */
    static void checkRank(Layer layer, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layer.name() + "\" is incompatible with the layer: "
                    + "expected ndim=" + rank + ", found ndim=" + shape.length + ". Full shape received: "
                    + Shapes.format(shape));
        }
    }

    /** Fails as Keras does when the channel axis differs from the one the weights were built for. */
    static void checkChannels(Layer layer, int[] shape, int channels) {
        if (shape[shape.length - 1] != channels) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layer.name() + "\" is incompatible with the layer: "
                    + "expected axis -1 of input shape to have value " + channels + ", but received input with shape "
                    + Shapes.format(shape));
        }
    }

    static void checkPositive(String layer, String what, int... values) {
        for (int v : values) {
            if (v <= 0) {
                throw new IllegalArgumentException(layer + ": " + what + " must be positive, got " + v);
            }
        }
    }

    static ConvGeometry geometry(Layer layer, int[] nhwc, int kh, int kw, int sh, int sw, int dh, int dw, Padding padding) {
        return ConvOps.geometry(layer.name(), nhwc, kh, kw, sh, sw, dh, dw, padding == Padding.SAME);
    }

    /** Layers compute in float32, as Keras's default float policy casts inputs. */
    static NDArray float32(NDArray x) {
        return x.dtype() == DType.FLOAT32 ? x : x.cast(DType.FLOAT32);
    }

    /**
     * Keras's {@code glorot_uniform} for a convolution kernel: the receptive field (every axis but the last
     * two) multiplies both fans, {@code fanIn = rf·shape[-2]}, {@code fanOut = rf·shape[-1]}.
     */
    static NDArray glorotUniform(Rng rng, int... shape) {
        int rf = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            rf *= shape[i];
        }
        double fanIn = (double) rf * shape[shape.length - 2];
        double fanOut = (double) rf * shape[shape.length - 1];
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        return rng.uniform(DType.FLOAT32, -limit, limit, shape);
    }

    private ConvSupport() {}

    /**
     * The output shape of a convolution or pooling window over {@code shape} (rank 3 {@code [batch, steps, channels]}
     * or rank 4 {@code [batch, h, w, channels]}, batch may be -1), found from the geometry alone without running it.
     * {@code outChannels < 0} keeps the input's channels (pooling).
     */
    static int[] windowOutputShape(Layer layer, int[] shape, int rank, int kh, int kw, int sh, int sw, int dh, int dw,
                                   Padding padding, int outChannels) {
        checkRank(layer, shape, rank);
        int[] image = rank == 4 ? new int[] {1, shape[1], shape[2], shape[3]} : new int[] {1, 1, shape[1], shape[2]};
        ConvGeometry g = geometry(layer, image, kh, kw, sh, sw, dh, dw, padding);
        int c = outChannels < 0 ? shape[rank - 1] : outChannels;
        return rank == 4 ? new int[] {shape[0], g.outH(), g.outW(), c} : new int[] {shape[0], g.outW(), c};
    }

    /** The input's shape after checking its channels against the ones the layer was built for (when built). */
    static int[] sameShape(Layer layer, int[] shape, int channels) {
        if (shape.length == 0) {
            checkRank(layer, shape, 1);
        }
        if (channels >= 0) {
            checkChannels(layer, shape, channels);
        }
        return shape.clone();
    }
}
