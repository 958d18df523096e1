package dev.vectorgrad.examples;

import dev.vectorgrad.Complex;
import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.nn.Activation;
import dev.vectorgrad.nn.Dense;
import dev.vectorgrad.nn.Layer;
import dev.vectorgrad.nn.Sequential;
import java.util.List;

/**
 * Seed 003, "Tensors revisited": constants and variables (strings and complex numbers among them), shapes and dtypes, operations, broadcasting,
 * operator-style calls, casting, a custom layer's variables, gradients (persistent and nested tapes), and
 * a straight line y = 2x - 1 fitted by gradient descent on the absolute error.
 *
 * <p>Run it from the repository root (the first line installs the library; once is enough):
 * <pre>
 * ./mvnw -q install -DskipTests -Dnested.skip=true
 * ./mvnw -q -f examples compile exec:exec -Dexample=TensorsRevisited
 * </pre>
 */
public final class TensorsRevisited {

    public static void main(String[] args) {
        constantsAndVariables();
        operations();
        layerVariables();
        gradients();
        fitLine(500, 7);
    }

    static void constantsAndVariables() {
        System.out.println("--- Constants and variables");
        System.out.println(Ops.constant(new int[] {1, 2, 3, 4, 5, 6}));
        System.out.println(new Variable(Ops.constant(new int[] {1, 2})));
        System.out.println(new Variable(Ops.constant(new float[] {1, 2})));
        System.out.println(new Variable(Ops.constant(new int[][] {{1, 2}, {3, 4}})));
        // TensorFlow: "ValueError: The initial value's shape ((4,)) is not compatible with ... ((2, 2))".
        try {
            Ops.constant(new int[] {1, 2, 3, 4}, 3, 3);
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException: " + e.getMessage());
        }
        Variable firstPrimes = new Variable(Ops.constant(new int[] {2, 3, 5, 7, 11}));
        Variable linearSquares = new Variable(Ops.constant(new int[][] {{4, 9}, {16, 25}}));
        System.out.println(firstPrimes);
        System.out.println(linearSquares);

        // tf.Variable("Hello", tf.string), mammal = tf.Variable("Elephant", dtype=tf.string) and
        // its_complicated = tf.Variable(4 + 3j, dtype=tf.complex64).
        System.out.println(new Variable(Ops.constant("Hello")));
        Variable mammal = new Variable(Ops.constant("Elephant"));
        Variable itsComplicated = new Variable(Ops.constant(Complex.of(4, 3)).cast(DType.COMPLEX64));
        System.out.println(mammal);
        System.out.println(itsComplicated);
        System.out.println(Ops.equal(mammal, Ops.constant("Elephant"))); // strings compare by their bytes
        System.out.println(Ops.abs(itsComplicated));                     // |4 + 3i| = 5, a float32
        System.out.println(itsComplicated.mul(Ops.conj(itsComplicated))); // (4 + 3i)(4 - 3i) = 25

        System.out.println(Ops.constant(new int[] {1, 2, 3}));          // constant 1-D tensor from a list
        System.out.println(Ops.constant(new int[] {1, 2, 3, 4, 5, 6}, 2, 3)); // 2-D from a list and a shape
        System.out.println(Ops.constant(-1.0, 2, 3));                   // 2-D filled with the scalar -1

        // Changing the data type.
        NDArray tensor = Ops.constant(new int[] {1, 2, 3});
        System.out.println(tensor);
        tensor = Ops.cast(tensor, DType.FLOAT32); // cast a constant integer tensor into floating point
        System.out.println(tensor.dtype());
    }

    static void operations() {
        System.out.println("--- Operations");
        System.out.println(Ops.add(Ops.constant(new int[] {1, 2}), Ops.constant(new int[] {3, 4})));
        System.out.println(Ops.square(Ops.constant(5)));
        System.out.println(Ops.reduceSum(Ops.constant(new int[] {1, 2, 3})));
        System.out.println(Ops.square(Ops.constant(2)).add(Ops.square(Ops.constant(3))));

        // Evaluated immediately: the value is there to print.
        NDArray xSquared = Ops.square(Ops.constant(2));
        System.out.println("hello, " + xSquared.getInt());

        // Broadcasting a scalar, and the method form of Python's operators (a ** 2).
        NDArray a = Ops.constant(new int[][] {{1, 2}, {3, 4}});
        System.out.println(Ops.add(a, Ops.constant(1)));
        System.out.println(a.pow(2L));

        // NumPy's np.multiply(a, b) on two scalars; Java reads the value out with item().
        System.out.println((long) Ops.multiply(Ops.constant(5), Ops.constant(3)).item());

        // np.ones([3, 3]) is float64; multiplying by 3 keeps float64.
        NDArray ndarray = NDArray.ones(DType.FLOAT64, 3, 3);
        System.out.println(Ops.multiply(ndarray, Ops.constant(3.0)));

        Variable v = new Variable(Ops.constant(0.0f));
        System.out.println(v.add(1.0));
        System.out.println(v.assignAdd(Ops.constant(1.0f)));
        System.out.println(v.readValue().getFloat());
    }

    /**
     * Keras finds a layer's variables by itself: those held in its fields, directly or in lists (vectorgrad
     * looks at the fields by reflection, in declaration order).
     */
    static final class MyLayer extends Layer {
        final Variable myVar = new Variable(Ops.constant(100));
        final List<Variable> myOtherVarList = List.of(new Variable(Ops.constant(0)), new Variable(Ops.constant(1)));

        @Override
        public NDArray call(NDArray x, boolean training) {
            return x;
        }
    }

    static void layerVariables() {
        System.out.println("--- Layer variables");
        MyLayer m = new MyLayer();
        System.out.println(m.variables().stream().map(v -> v.getInt()).toList());

        // The variables of a built-in layer: a kernel (Glorot-uniform, seeded) and a zero bias.
        Layer.resetNames();
        Sequential model = new Sequential(new Dense(1, Activation.LINEAR, 1));
        System.out.println(model.variables());
    }

    static void gradients() {
        System.out.println("--- Gradients");
        // d(w²)/dw = 2w.
        Variable w = new Variable(Ops.constant(new float[][] {{1.0f}}));
        GradientTape tape = new GradientTape();
        NDArray loss;
        try (tape) {
            loss = w.mul(w);
        }
        System.out.println(tape.gradient(loss, w));

        // z = (sum x)², so dz/dx = 2 * 4 * 1 = 8 for every element of x = ones(2, 2).
        NDArray x = Ops.ones(2, 2);
        GradientTape t = new GradientTape();
        NDArray z;
        try (t) {
            t.watch(x);
            NDArray y = Ops.reduceSum(x);
            z = Ops.square(y);
        }
        System.out.println(t.gradient(z, x)); // derivative of z with respect to the original input x

        // A persistent tape answers several gradient calls.
        NDArray x3 = Ops.constant(3.0f);
        GradientTape persistent = GradientTape.builder().persistent(true).build();
        NDArray y3;
        NDArray z3;
        try (persistent) {
            persistent.watch(x3);
            y3 = x3.mul(x3);
            z3 = y3.mul(y3);
        }
        System.out.println(persistent.gradient(z3, x3)); // 108.0 (4 * x^3 at x = 3)
        System.out.println(persistent.gradient(y3, x3)); // 6.0

        // Higher-order gradients: y = x³, dy/dx = 3x² = 3, d²y/dx² = 6x = 6 at x = 1.
        Variable x1 = new Variable(Ops.constant(1.0f));
        NDArray dyDx;
        NDArray d2yDx2;
        try (GradientTape tape2 = new GradientTape()) {
            try (GradientTape tape1 = new GradientTape()) {
                NDArray y = x1.mul(x1).mul(x1);
                dyDx = tape1.gradient(y, x1);
            }
            d2yDx2 = tape2.gradient(dyDx, x1);
        }
        check(dyDx.getFloat() == 3.0f, "dy_dx == 3.0");
        check(d2yDx2.getFloat() == 6.0f, "d2y_dx2 == 6.0");
        System.out.println("dy/dx = " + dyDx.getFloat() + ", d2y/dx2 = " + d2yDx2.getFloat());
    }

    /**
     * Fits y = w x + b to six points on y = 2x - 1 by gradient descent on the absolute error, with a
     * persistent tape (two gradient calls per step), as the slides' {@code fit_data} does.
     *
     * <p>The gradient of an absolute error is a sign, so every step moves w and b by a fixed amount, and
     * where 500 steps of 0.001 end depends on the random start: seed 7 ends near (2, -1), as the slides
     * did, while others are still on their way (seed 3 gives y ≈ 1.82x - 0.47; run more iterations).
     */
    static void fitLine(int iterations, long seed) {
        System.out.println("--- Fitting y = w x + b");
        NDArray xTrain = Ops.constant(new float[] {-1.0f, 0.0f, 1.0f, 2.0f, 3.0f, 4.0f});
        NDArray yTrain = Ops.constant(new float[] {-3.0f, -1.0f, 1.0f, 3.0f, 5.0f, 7.0f});

        // Trainable variables, started at random values in [0, 1) as Python's random.random() would.
        Rng rng = Rng.seeded(seed);
        Variable w = new Variable(Ops.constant(rng.nextFloat()));
        Variable b = new Variable(Ops.constant(rng.nextFloat()));

        for (int i = 0; i < iterations; i++) {
            fitData(xTrain, yTrain, w, b);
        }
        System.out.println("y ≈ " + w.getFloat() + "x + " + b.getFloat());
    }

    static final double LEARNING_RATE = 0.001;

    static NDArray simpleLoss(NDArray realY, NDArray predY) {
        return Ops.abs(realY.sub(predY));
    }

    static void fitData(NDArray realX, NDArray realY, Variable w, Variable b) {
        GradientTape tape = GradientTape.builder().persistent(true).build();
        NDArray regLoss;
        try (tape) {
            NDArray predY = w.mul(realX).add(b); // make a prediction
            regLoss = simpleLoss(realY, predY);  // calculate the loss (one value per point: the tape sums them)
        }
        NDArray wGradient = tape.gradient(regLoss, w);
        NDArray bGradient = tape.gradient(regLoss, b);
        w.assignSub(wGradient.mul(LEARNING_RATE));
        b.assignSub(bGradient.mul(LEARNING_RATE));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private TensorsRevisited() {}
}
