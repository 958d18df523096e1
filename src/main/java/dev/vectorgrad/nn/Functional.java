package dev.vectorgrad.nn;

import dev.vectorgrad.NDArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional model (Keras's {@code Functional}, made by {@link Model#of}): a graph of layers from symbolic
 * {@link Input}s to outputs, run in topological order. It trains, evaluates, predicts, saves and loads like
 * {@link Sequential}. A layer applied twice shares its weights.
 *
 * <p>Deliberate difference from Keras: {@code fit}, {@code evaluate} and {@code predict} take one array, so they need a
 * model of one input and one output; graphs with several run through {@link #call(List, boolean)}.
 */
public final class Functional extends Model {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    /** Every computed tensor, in an order where each comes after its inputs. */
    private final List<KerasTensor> nodes;
    /** The distinct layers, in the order their first application runs (tracked for variables). */
    private final List<Layer> layers;

    Functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs == null || outputs == null || inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("Model.of: give at least one input and one output KerasTensor");
        }
        for (KerasTensor t : inputs) {
            if (t == null || t.layer() != null) {
                throw new IllegalArgumentException("Model.of: inputs must be made by Input.of(...), got " + t);
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.nodes = new ArrayList<>();
        Map<KerasTensor, Boolean> visited = new IdentityHashMap<>();
        for (KerasTensor o : outputs) {
            visit(o, visited);
        }
        List<Layer> ls = new ArrayList<>();
        Map<Layer, Boolean> seen = new IdentityHashMap<>();
        for (KerasTensor n : nodes) {
            if (seen.put(n.layer(), Boolean.TRUE) == null) {
                ls.add(n.layer());
            }
        }
        this.layers = ls;
    }

    private void visit(KerasTensor t, Map<KerasTensor, Boolean> visited) {
        if (t == null) {
            throw new IllegalArgumentException("Model.of: an output KerasTensor is null");
        }
        if (visited.put(t, Boolean.TRUE) != null) {
            return;
        }
        if (t.layer() == null) {
            if (!inputs.contains(t)) {
                throw new IllegalArgumentException("Model.of: the outputs depend on an Input that is not among the model's "
                        + "inputs: " + t);
            }
            return;
        }
        for (KerasTensor in : t.inputs()) {
            visit(in, visited);
        }
        nodes.add(t);
    }

    /** The symbolic inputs (read-only). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs (read-only). */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Runs the graph on one array per input, giving one array per output. */
    public List<NDArray> call(List<NDArray> xs, boolean training) {
        List<NDArray> out = new ArrayList<>();
        for (Masks.Masked o : run(xs, null, training)) {
            out.add(o.output());
        }
        return out;
    }

    /** Every output with its mask, the inputs carrying {@code inputMasks} (null: none). */
    private List<Masks.Masked> run(List<NDArray> xs, List<NDArray> inputMasks, boolean training) {
        if (xs == null || xs.size() != inputs.size()) {
            throw new IllegalArgumentException("Functional \"" + name() + "\" expects " + inputs.size() + " input(s), got "
                    + (xs == null ? "null" : xs.size()));
        }
        Map<KerasTensor, NDArray> values = new IdentityHashMap<>();
        Map<KerasTensor, NDArray> masks = new IdentityHashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            NDArray x = xs.get(i);
            int[] want = inputs.get(i).shape();
            int[] got = x.shape();
            boolean fits = got.length == want.length;
            for (int d = 1; fits && d < want.length; d++) {
                fits = want[d] < 0 || want[d] == got[d];
            }
            if (!fits) {
                throw new IllegalArgumentException("Input " + i + " of model \"" + name() + "\" is incompatible: expected shape "
                        + dev.vectorgrad.ndarray.Shapes.format(want).replace("-1", "None") + ", got "
                        + dev.vectorgrad.ndarray.Shapes.format(got));
            }
            values.put(inputs.get(i), x);
            if (inputMasks != null && inputMasks.get(i) != null) {
                masks.put(inputs.get(i), inputMasks.get(i));
            }
        }
        // each tensor's mask travels beside it, as Keras's _keras_mask does (null: none)
        for (KerasTensor n : nodes) {
            List<NDArray> args = new ArrayList<>();
            List<NDArray> argMasks = new ArrayList<>();
            for (KerasTensor in : n.inputs()) {
                args.add(values.get(in));
                argMasks.add(masks.get(in));
            }
            Masks.Masked out;
            if (n.layer() instanceof Merge m) {
                out = new Masks.Masked(m.call(args), m.computeMask(args, argMasks));
            } else {
                out = Masks.apply(n.layer(), args.get(0), training, argMasks.get(0));
            }
            values.put(n, out.output());
            if (out.mask() != null) {
                masks.put(n, out.mask());
            }
        }
        List<Masks.Masked> out = new ArrayList<>();
        for (KerasTensor o : outputs) {
            out.add(new Masks.Masked(values.get(o), masks.get(o)));
        }
        return out;
    }

    /** The single output for the single input (fit, evaluate and predict use this). */
    @Override
    public NDArray call(NDArray x, boolean training) {
        return call(x, training, null);
    }

    // ---- masking: a mask given to the model rides on its input; the output's reaches a containing model ----

    /** The single output for the single input carrying {@code mask}, as Keras's {@code Functional.call(.., mask)}. */
    @Override
    public NDArray call(NDArray x, boolean training, NDArray mask) {
        return applyMasked(x, training, mask).output();
    }

    /** The single output and the mask it carries (the mask its last layer produced). */
    @Override
    Masks.Masked applyMasked(NDArray x, boolean training, NDArray mask) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IllegalArgumentException("Functional \"" + name() + "\" has " + inputs.size() + " inputs and "
                    + outputs.size() + " outputs; call it with call(List<NDArray>, training)");
        }
        maybeBuild(dev.vectorgrad.ndarray.Args.nonNull(x, "x").shape());
        return run(List.of(x), java.util.Collections.singletonList(mask), training).get(0);
    }

    /**
     * The mask the output carries for {@code x} (the mask its last layer produced). The layers' masks depend on
     * their inputs, so this runs the graph on {@code x} (training = false); a model that contains this one gets the
     * mask from the same run as the output instead.
     */
    @Override
    public NDArray computeMask(NDArray x, NDArray previousMask) {
        return applyMasked(x, false, previousMask).mask();
    }

    /** The output shape the graph gives (batch axis -1). */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        dev.vectorgrad.ndarray.Args.nonNull(inputShape, "inputShape");
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("Functional \"" + name() + "\" has " + outputs.size() + " outputs");
        }
        return outputs.get(0).shape();
    }

    /** The shape of {@code layer}'s first output in the graph, for {@code summary()}. */
    int[] outputShapeOf(Layer layer) {
        for (KerasTensor n : nodes) {
            if (n.layer() == layer) {
                return n.shape();
            }
        }
        return null;
    }

    /** The layers' entries, the graph (which layer ran on which tensors) and the inputs' shapes, for {@code Model.save}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<KerasTensor, Integer> ids = new IdentityHashMap<>();
        List<Object> inputShapes = new ArrayList<>();
        for (KerasTensor in : inputs) {
            ids.put(in, ids.size());
            int[] s = in.shape();
            inputShapes.add(java.util.Arrays.stream(s, 1, s.length).boxed().toList());
        }
        List<Object> graph = new ArrayList<>();
        for (KerasTensor n : nodes) {
            List<Object> args = new ArrayList<>();
            for (KerasTensor in : n.inputs()) {
                args.add(ids.get(in));
            }
            graph.add(List.of(layers.indexOf(n.layer()), args));
            ids.put(n, ids.size());
        }
        List<Object> entries = new ArrayList<>();
        for (Layer l : layers) {
            entries.add(LayerRegistry.entryOf(l));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("layers", entries);
        c.put("input_shapes", inputShapes);
        c.put("nodes", graph);
        c.put("outputs", outputs.stream().map(ids::get).toList());
        return c;
    }

    static Functional fromConfig(Map<String, Object> c) {
        try {
            if (!(c.get("layers") instanceof List<?> entries) || !(c.get("input_shapes") instanceof List<?> shapes)
                    || !(c.get("nodes") instanceof List<?> graph) || !(c.get("outputs") instanceof List<?> outs)) {
                throw new IllegalArgumentException("Functional config needs layers, input_shapes, nodes and outputs");
            }
            List<Layer> ls = new ArrayList<>();
            for (Object e : entries) {
                ls.add(LayerRegistry.fromEntry(e));
            }
            List<KerasTensor> tensors = new ArrayList<>();
            List<KerasTensor> ins = new ArrayList<>();
            for (Object s : shapes) {
                KerasTensor in = Input.of(((List<?>) s).stream().mapToInt(x -> ((Number) x).intValue()).toArray());
                ins.add(in);
                tensors.add(in);
            }
            for (Object node : graph) {
                List<?> pair = (List<?>) node;
                Layer l = ls.get(((Number) pair.get(0)).intValue());
                KerasTensor[] args = ((List<?>) pair.get(1)).stream().map(i -> tensors.get(((Number) i).intValue()))
                        .toArray(KerasTensor[]::new);
                tensors.add(l.apply(args));
            }
            List<KerasTensor> os = outs.stream().map(i -> tensors.get(((Number) i).intValue())).toList();
            return new Functional(ins, os);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed Functional config: " + e.getMessage(), e);
        }
    }
}
