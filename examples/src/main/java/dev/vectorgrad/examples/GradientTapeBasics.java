package dev.vectorgrad.examples;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;

/**
 * Seed 001, "GradientTape basics" (after Chollet, <i>Deep Learning with Python</i>): the derivative of
 * x² at x = 3, then the acceleration of the position x(t) = 4.9 t² through two nested tapes.
 *
 * <p>Run it from the repository root (the first line installs the library; once is enough):
 * <pre>
 * ./mvnw -q install -DskipTests -Dnested.skip=true
 * ./mvnw -q -f examples compile exec:exec -Dexample=GradientTapeBasics
 * </pre>
 */
public final class GradientTapeBasics {

    public static void main(String[] args) {
        // Example 1: f(x) = x², so df/dx = 2x = 6 at x = 3. The variable itself keeps its value.
        Variable inputVar = new Variable(NDArray.of(3.0f));
        GradientTape tape = new GradientTape();
        NDArray result;
        try (tape) {
            result = Ops.square(inputVar);
        }
        NDArray gradient = tape.gradient(result, inputVar); // allowed after the block, as in TensorFlow
        System.out.println(gradient);
        System.out.println(inputVar);

        // Example 2: x(t) = 4.9 t², v(t) = 9.8 t, a(t) = 9.8. The inner gradient is computed while the
        // outer tape is open, so the outer tape records it and can differentiate it once more.
        Variable time = new Variable(NDArray.of(0.0f));
        NDArray acceleration;
        try (GradientTape outerTape = new GradientTape()) {
            NDArray speed;
            try (GradientTape innerTape = new GradientTape()) {
                NDArray position = time.pow(2.0).mul(4.9);
                speed = innerTape.gradient(position, time);
            }
            acceleration = outerTape.gradient(speed, time);
        }
        System.out.println(acceleration);
    }

    private GradientTapeBasics() {}
}
