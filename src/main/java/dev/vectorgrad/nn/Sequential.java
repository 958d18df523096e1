package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Args;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keras's {@code Sequential}: layers applied one after the other. Its variables are its layers' variables, layer by
 * layer in insertion order ({@code dense/kernel:0, dense/bias:0, dense_1/kernel:0, ...}); before the layers are
 * built (no input size and no call yet) the list is empty, as in Keras.
 */
public class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        Args.nonNull(layers, "layers");
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends {@code layer}. */
    public void add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: layer is null");
        }
        if (layer == this) {
            throw new IllegalArgumentException("Sequential.add: a model cannot contain itself");
        }
        layers.add(layer);
    }

    /** The layers, in order (read-only). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential \"" + name() + "\" has no layers; add some before calling it");
        }
        NDArray h = x;
        for (Layer l : layers) {
            h = l.apply(h, training);
        }
        return h;
    }
}
