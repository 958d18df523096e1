package dev.vectorgrad.examples;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.Rng;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.nn.Model;
import dev.vectorgrad.nn.optimizers.Optimizer;
import dev.vectorgrad.nn.optimizers.SGD;
import java.util.List;
import java.util.Locale;

/**
 * Seed 004, "Eager execution": values are computed as soon as an op runs, so they print at once, host-language
 * control flow works on them (fizzbuzz), and a tape records what is needed for gradients: a line 3x + 2 fitted
 * by hand, then by a {@link Model} subclass with an optimizer.
 *
 * <p>vectorgrad has no graph mode: there is no {@code Session} to run and nothing to enable, every op is eager.
 *
 * <p>Run it from the repository root (the first line installs the library; once is enough):
 * <pre>
 * ./mvnw -q install -DskipTests -Dnested.skip=true
 * ./mvnw -q -f examples compile exec:exec -Dexample=EagerExecution
 * </pre>
 */
public final class EagerExecution {

    public static void main(String[] args) {
        NDArray a = Ops.constant(3.0f);
        NDArray b = a.add(2.0);
        System.out.println(b);

        tensorsAndBroadcasting();

        NDArray counter = fizzbuzz(15);
        System.out.println("counter = " + counter);

        gradientOfWTimesW();
        regressionByHand(1000, 200, 4);
        regressionWithModel(2000, 300, 5);
    }

    static void tensorsAndBroadcasting() {
        NDArray a = Ops.constant(new int[][] {{1, 2}, {3, 4}});
        System.out.println(a);
        NDArray b = Ops.add(a, Ops.constant(1)); // broadcasting support
        System.out.println(b);
        System.out.println(a.mul(b));            // Python's a * b
        System.out.println(Ops.multiply(a, b));  // NumPy's np.multiply(a, b)
    }

    /**
     * Dynamic control flow: Java's {@code for} and {@code if} decide on tensor values as they are computed.
     * Returns the counter, a tensor.
     */
    static NDArray fizzbuzz(int max) {
        NDArray counter = Ops.constant(0);
        NDArray maxNum = Ops.constant(max);
        for (int i = 0; i < maxNum.getInt(); i++) {
            NDArray num = Ops.constant(i);
            // Python's num % 3 is floorMod; int(...) of a rank-0 tensor is item()
            boolean by3 = num.floorMod(3L).item() == 0;
            boolean by5 = num.floorMod(5L).item() == 0;
            if (by3 && by5) {
                System.out.println("FizzBuzz");
            } else if (by3) {
                System.out.println("Fizz");
            } else if (by5) {
                System.out.println("Buzz");
            } else {
                System.out.println(num);
            }
            counter = counter.add(1L);
        }
        return counter;
    }

    static void gradientOfWTimesW() {
        Variable w = new Variable(Ops.constant(new float[][] {{1.0f}}));
        GradientTape tape = new GradientTape();
        NDArray loss;
        try (tape) {
            loss = w.mul(w);
        }
        List<NDArray> grad = tape.gradient(loss, List.of(w));
        System.out.println(grad);
    }

    // ---- A toy dataset of points around 3 * x + 2, fitted by hand ---------------------------------------

    static NDArray prediction(NDArray input, NDArray weight, NDArray bias) {
        return input.mul(weight).add(bias);
    }

    /** Mean squared error of the line (weights, biases) on (inputs, outputs). */
    static NDArray loss(NDArray weights, NDArray biases, NDArray inputs, NDArray outputs) {
        NDArray error = prediction(inputs, weights, biases).sub(outputs);
        return Ops.reduceMean(Ops.square(error));
    }

    /** The derivative of the loss with respect to weight and bias. */
    static List<NDArray> grad(Variable weights, Variable biases, NDArray inputs, NDArray outputs) {
        GradientTape tape = new GradientTape();
        NDArray lossValue;
        try (tape) {
            lossValue = loss(weights, biases, inputs, outputs);
        }
        return tape.gradient(lossValue, List.of(weights, biases));
    }

    /** Fits W and B by plain gradient descent and returns them. */
    static Variable[] regressionByHand(int numExamples, int trainSteps, long seed) {
        Rng rng = Rng.seeded(seed);
        NDArray trainingInputs = rng.normal(DType.FLOAT32, 0, 1, numExamples);
        NDArray noise = rng.normal(DType.FLOAT32, 0, 1, numExamples);
        NDArray trainingOutputs = trainingInputs.mul(3.0).add(2.0).add(noise);

        System.out.println("--- Fitting 3x + 2 by hand");
        double learningRate = 0.01;
        // Start with arbitrary values for W and B on the same batch of data.
        Variable w = new Variable(Ops.constant(5.0f));
        Variable b = new Variable(Ops.constant(10.0f));

        System.out.printf(Locale.ROOT, "Initial loss: %.3f%n", loss(w, b, trainingInputs, trainingOutputs).item());
        for (int i = 0; i < trainSteps; i++) {
            List<NDArray> g = grad(w, b, trainingInputs, trainingOutputs);
            w.assignSub(g.get(0).mul(learningRate));
            b.assignSub(g.get(1).mul(learningRate));
            if (i % 20 == 0) {
                System.out.printf(Locale.ROOT, "Loss at step %03d: %.3f%n",
                        i, loss(w, b, trainingInputs, trainingOutputs).item());
            }
        }
        System.out.printf(Locale.ROOT, "Final loss: %.3f%n", loss(w, b, trainingInputs, trainingOutputs).item());
        System.out.println("W = " + w.getFloat() + ", B = " + b.getFloat());
        return new Variable[] {w, b};
    }

    // ---- The same with the parameters inside a Model and an optimizer that applies the gradients --------

    /** Keras's Model subclass: two variables, and call() computes inputs * W + B. */
    static final class LinearModel extends Model {
        final Variable w = new Variable(Ops.constant(5.0f), "weight:0", true);
        final Variable b = new Variable(Ops.constant(10.0f), "bias:0", true);

        @Override
        public NDArray call(NDArray inputs, boolean training) {
            return inputs.mul(w).add(b);
        }
    }

    /** The loss function to be optimized. */
    static NDArray loss(LinearModel model, NDArray inputs, NDArray targets) {
        NDArray error = model.call(inputs).sub(targets);
        return Ops.reduceMean(Ops.square(error));
    }

    static List<NDArray> grad(LinearModel model, NDArray inputs, NDArray targets) {
        GradientTape tape = new GradientTape();
        NDArray lossValue;
        try (tape) {
            lossValue = loss(model, inputs, targets);
        }
        return tape.gradient(lossValue, List.of(model.w, model.b));
    }

    /** Fits the model with an SGD optimizer and returns it. */
    static LinearModel regressionWithModel(int numExamples, int trainSteps, long seed) {
        Rng rng = Rng.seeded(seed);
        NDArray trainingInputs = rng.normal(DType.FLOAT32, 0, 1, numExamples);
        NDArray noise = rng.normal(DType.FLOAT32, 0, 1, numExamples);
        NDArray trainingOutputs = trainingInputs.mul(3.0).add(2.0).add(noise);

        // 1. A model. 2. Derivatives of a loss function with respect to model parameters.
        // 3. A strategy for updating the variables based on the derivatives.
        System.out.println("--- Fitting 3x + 2 with a Model and an SGD optimizer");
        LinearModel model = new LinearModel();
        Optimizer optimizer = new SGD(0.01);

        System.out.printf(Locale.ROOT, "Initial loss: %.3f%n", loss(model, trainingInputs, trainingOutputs).item());
        for (int i = 0; i < trainSteps; i++) {
            List<NDArray> grads = grad(model, trainingInputs, trainingOutputs);
            optimizer.applyGradients(grads, List.of(model.w, model.b)); // also counts optimizer.iterations()
            if (i % 20 == 0) {
                System.out.printf(Locale.ROOT, "Loss at step %03d: %.3f%n",
                        i, loss(model, trainingInputs, trainingOutputs).item());
            }
        }
        System.out.printf(Locale.ROOT, "Final loss: %.3f%n", loss(model, trainingInputs, trainingOutputs).item());
        System.out.println("W = " + model.w.getFloat() + ", B = " + model.b.getFloat());
        return model;
    }

    private EagerExecution() {}
}
