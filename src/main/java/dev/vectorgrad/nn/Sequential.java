package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.ndarray.Args;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keras's {@code Sequential}: layers applied one after the other. Its variables are its layers' variables, layer by
 * layer in insertion order ({@code dense/kernel:0, dense/bias:0, dense_1/kernel:0, ...}). When the first layer was
 * given an input size ({@code new Dense(8, RELU, 4)}) every layer is built at once, as Keras builds a model whose
 * first layer has an {@code input_shape}: each layer is built from the previous one's
 * {@link Layer#computeOutputShape output shape}, here and on every later {@link #add}. Otherwise the layers are built
 * on the first call and before it the list is empty, as in Keras.
 */
public class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();

    /** A model applying {@code layers} in order; built at once when the first one has an input size. */
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
        buildFromFirstLayer();
    }

    /**
     * Builds every layer from the first layer's input shape, when that layer was built from an input size. A layer
     * whose output shape cannot be found without real data (its {@link Layer#computeOutputShape} throws) stops the
     * walk there: it and the layers after it build on the first call instead, and the call reports any real error.
     */
    private void buildFromFirstLayer() {
        int[] shape = layers.get(0).buildInputShape();
        if (shape != null) {
            buildLayers(shape);
        }
    }

    private void buildLayers(int[] inputShape) {
        int[] shape = inputShape;
        for (Layer l : layers) {
            try {
                l.maybeBuild(shape);
                shape = l.computeOutputShape(shape);
            } catch (RuntimeException e) {
                return; // this layer and the rest build on the first call, which reports any real error
            }
        }
    }

    /** Builds every layer in turn from {@code inputShape} (Keras's {@code Sequential.build}). */
    @Override
    protected void build(int[] inputShape) {
        if (!layers.isEmpty()) {
            int[] shape = inputShape.clone();
            if (shape.length > 0) {
                shape[0] = -1;
            }
            buildLayers(shape);
        }
    }

    /** The output shape of the last layer, found layer by layer. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        int[] shape = inputShape;
        for (Layer l : layers) {
            l.maybeBuild(shape);
            shape = l.computeOutputShape(shape);
        }
        return shape;
    }

    /** The name and every layer's saved entry (class name, config, build shape), for {@code Model.save}. */
    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
        c.put("name", name());
        List<Object> entries = new ArrayList<>();
        for (Layer l : layers) {
            entries.add(LayerRegistry.entryOf(l));
        }
        c.put("layers", entries);
        return c;
    }

    static Sequential fromConfig(java.util.Map<String, Object> config) {
        if (!(config.get("layers") instanceof List<?> entries)) {
            throw new IllegalArgumentException("Sequential config needs a \"layers\" list");
        }
        Sequential model = new Sequential();
        for (Object e : entries) {
            try {
                model.add(LayerRegistry.fromEntry(e));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return model;
    }

    /** The layers, in order (read-only). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    /**
     * Runs the layers in order, handing each the mask its input carries, as Keras's {@code Sequential.call}: the
     * first layer gets {@code mask}, each next one the {@link Layer#computeMask} of the layer before (so
     * {@code Embedding(maskZero)} masks the padding for an LSTM or a GlobalAveragePooling1D further on).
     */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        return run(x, training, mask).output();
    }

    private Masks.Masked run(NDArray x, boolean training, NDArray mask) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential \"" + name() + "\" has no layers; add some before calling it");
        }
        Masks.Masked h = new Masks.Masked(x, mask);
        for (Layer l : layers) {
            h = Masks.apply(l, h.output(), training, h.mask());
        }
        return h;
    }

    // ---- masking through nested models ----

    /** The output and the mask its last layer produced, so a Sequential inside a model passes its mask on. */
    @Override
    Masks.Masked applyMasked(NDArray x, boolean training, NDArray mask) {
        dev.vectorgrad.ndarray.Args.nonNull(x, "x");
        maybeBuild(x.shape());
        return run(x, training, mask);
    }

    /**
     * The mask the last layer produces for {@code x} (Keras: the mask a nested Sequential's output carries). The
     * layers' masks depend on their inputs, so this runs the model on {@code x} (training = false); a model that
     * contains this one gets the mask from the same run as the output instead.
     */
    @Override
    public NDArray computeMask(NDArray x, NDArray previousMask) {
        return applyMasked(x, false, previousMask).mask();
    }
}
