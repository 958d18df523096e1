package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.nn.Layer;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 002, the first half of Keras's "Introduction to Keras for researchers": constant tensors, ones and
 * zeros, random tensors, variables and their assignment, gradients, second derivatives from nested tapes, and a
 * first custom layer.
 *
 * <p>Random numbers come from a seeded {@link Rng}, so every run prints the same values (TensorFlow's
 * notebook prints different ones on each run).
 *
 * <p>Run it from the repository root (the first line installs the library; once is enough):
 * <pre>
 * ./mvnw -q install -DskipTests -Dnested.skip=true
 * ./mvnw -q -f examples compile exec:exec -Dexample=KerasForResearchers
 * </pre>
 */
public final class KerasForResearchers {

    public static void main(String[] args) {
        Rng rng = Rng.seeded(2);

        // ---- Tensors ----------------------------------------------------------------------------
        NDArray x = Ops.constant(new int[][] {{5, 2}, {1, 3}});
        System.out.println(x);
        // TensorFlow's x.numpy() hands the values to NumPy; in Java they come out as a row-major array.
        System.out.println(Arrays.toString(x.toIntArray()));
        System.out.println("dtype: " + x.dtype());
        System.out.println("shape: " + Arrays.toString(x.shape()));

        System.out.println(Ops.ones(2, 1));
        System.out.println(Ops.zeros(2, 1));

        x = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        System.out.println(x);
        x = rng.uniform(DType.INT32, 0, 10, 2, 2);
        System.out.println(x);

        // ---- Variables --------------------------------------------------------------------------
        NDArray initialValue = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        Variable a = new Variable(initialValue);
        System.out.println(a);

        NDArray newValue = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        a.assign(newValue);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                check(a.getFloat(i, j) == newValue.getFloat(i, j), "a[i, j] == new_value[i, j]");
            }
        }
        NDArray addedValue = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        a.assignAdd(addedValue);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                check(a.getFloat(i, j) == newValue.getFloat(i, j) + addedValue.getFloat(i, j),
                        "a[i, j] == new_value[i, j] + added_value[i, j]");
            }
        }
        System.out.println("assign and assignAdd: all element checks passed");

        // ---- Gradients --------------------------------------------------------------------------
        NDArray p = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        NDArray q = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(p); // start recording the history of operations applied to p
            NDArray c = Ops.sqrt(Ops.square(p).add(Ops.square(q))); // do some math using p
            NDArray dcDp = tape.gradient(c, p); // what's the gradient of c with respect to p?
            System.out.println(dcDp);
        }

        // ---- Nested tapes, as the notebook wrote them: nothing watches p ------------------------
        // TensorFlow stops here with "TypeError: Cannot convert value None to a TensorFlow DType".
        // vectorgrad gives the same null first derivative (p is a plain array that no tape watched),
        // and passing that null on as a target fails with a message that says why.
        p = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        q = rng.normal(DType.FLOAT32, 0.0, 1.0, 2, 2);
        try (GradientTape outerTape = new GradientTape()) {
            NDArray dcDp;
            try (GradientTape tape = new GradientTape()) {
                NDArray c = Ops.sqrt(Ops.square(p).add(Ops.square(q)));
                dcDp = tape.gradient(c, p);
            }
            System.out.println("dc/dp = " + dcDp);
            try {
                outerTape.gradient(dcDp, p);
            } catch (IllegalArgumentException e) {
                System.out.println("IllegalArgumentException: " + e.getMessage());
            }
        }

        // ---- Nested tapes, with p watched by both tapes -----------------------------------------
        // c = sqrt(p² + q²), dc/dp = p / c, d²c/dp² = q² / c³.
        try (GradientTape outerTape = new GradientTape()) {
            outerTape.watch(p);
            NDArray dcDp;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(p);
                NDArray c = Ops.sqrt(Ops.square(p).add(Ops.square(q)));
                dcDp = tape.gradient(c, p);
            }
            NDArray d2cDp2 = outerTape.gradient(dcDp, p);
            System.out.println(d2cDp2);
            NDArray c = Ops.sqrt(Ops.square(p).add(Ops.square(q)));
            NDArray closedForm = Ops.square(q).div(c.pow(3.0));
            System.out.printf("largest difference from q^2 / c^3: %.2e%n", d2cDp2.sub(closedForm).abs().max().item());
        }

        // ---- Keras layers -----------------------------------------------------------------------
        // Instantiate our layer and call it on some data.
        Linear linearLayer = new Linear(4, 2);
        NDArray y = linearLayer.call(Ops.ones(2, 2));
        check(Arrays.equals(y.shape(), new int[] {2, 4}), "y.shape == (2, 4)");
        System.out.println(y);
        // Weights are automatically tracked under the `weights` property.
        check(linearLayer.variables().equals(List.of(linearLayer.w, linearLayer.b)), "weights == [w, b]");
        System.out.println(linearLayer.variables().stream().map(Variable::name).toList());
    }

    /**
     * The Keras guide's first layer: y = x w + b, with w drawn from a normal distribution (stddev 0.05, Keras's
     * "random_normal") and b zeros. A layer's variables are found in its fields.
     */
    static final class Linear extends Layer {
        final Variable w;
        final Variable b;

        Linear(int units, int inputDim) {
            w = addWeight("w", weightRng("w").normal(DType.FLOAT32, 0.0, 0.05, inputDim, units), true);
            b = addWeight("b", NDArray.zeros(DType.FLOAT32, units), true);
        }

        @Override
        public NDArray call(NDArray inputs, boolean training) {
            return inputs.matmul(w).add(b);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private KerasForResearchers() {}
}
