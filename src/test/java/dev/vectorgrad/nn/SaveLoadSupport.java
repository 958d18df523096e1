package dev.vectorgrad.nn;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.Variable;
import java.util.Map;

/** What the save/load round-trip tests of every layer family share: inputs, scrambled weights, bit views. */
final class SaveLoadSupport {

    /** The summary's shapes, counts and totals, without the names (loading numbers the layers afresh). */
    static String withoutNames(String summary) {
        return summary.replaceAll("(?m)^│[^│]*", "").replaceAll("_\\d+|\\s+", "");
    }

    static Map<String, Object> withoutName(Map<String, Object> config) {
        Map<String, Object> c = new java.util.LinkedHashMap<>(config);
        c.remove("name");
        return c;
    }

    /** Random values in every variable, so that the round trip carries real numbers (variances stay positive). */
    static void scramble(Model m) {
        Rng rng = Rng.seeded(42);
        for (Variable v : m.variables()) {
            v.assign(rng.uniform(v.dtype(), 0.5, 1.5, v.shape()));
        }
    }

    static NDArray input(int[] sample) {
        int[] shape = new int[sample.length + 1];
        shape[0] = 2;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return Rng.seeded(9).uniform(DType.FLOAT32, -1, 1, shape);
    }

    static int[] bits(NDArray a) {
        float[] f = a.toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }

    static String format(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : String.valueOf(shape[i]));
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private SaveLoadSupport() {}
}
