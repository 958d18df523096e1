package dev.vectorgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single Keras 3 steps against values computed by hand from the formulas (TAPE.md 13.5). */
class OptimizersTest {

    private static Variable scalarVar(float value) {
        return new Variable(NDArray.of(new float[] {value}), "w:0", true);
    }

    private static Variable scalarVar64(double value) {
        return new Variable(NDArray.of(new double[] {value}), "w:0", true);
    }

    private static double step(Optimizer opt, Variable v, double grad) {
        NDArray g = v.dtype() == DType.FLOAT64 ? NDArray.of(new double[] {grad}) : NDArray.of(new float[] {(float) grad});
        opt.applyGradients(List.of(g), List.of(v));
        return v.getDouble(0);
    }

    @Test
    void kerasDefaultsAreKept() {
        assertThat(new SGD().learningRate()).isEqualTo(0.01);
        assertThat(new Adam().learningRate()).isEqualTo(0.001);
        assertThat(new RMSprop().learningRate()).isEqualTo(0.001);
        assertThat(new Adagrad().learningRate()).isEqualTo(0.001);
    }

    @Test
    void plainSgdStepsAgainstTheGradient() {
        Variable v = scalarVar(1f);
        assertThat(step(new SGD(0.1), v, 0.5)).isCloseTo(0.95, within(1e-6));
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        SGD opt = new SGD(0.1, 0.9, false);
        Variable v = scalarVar(1f);
        assertThat(step(opt, v, 0.5)).isCloseTo(0.95, within(1e-6)); // v = -0.05
        assertThat(step(opt, v, 0.5)).isCloseTo(0.855, within(1e-6)); // v = 0.9 * -0.05 - 0.05 = -0.095
        assertThat(opt.iterations()).isEqualTo(2);
    }

    @Test
    void nesterovLooksAhead() {
        SGD opt = new SGD(0.1, 0.9, true);
        Variable v = scalarVar(1f);
        assertThat(step(opt, v, 0.5)).isCloseTo(0.905, within(1e-6)); // 1 + (0.9 * -0.05 - 0.05)
        assertThat(step(opt, v, 0.5)).isCloseTo(0.905 + 0.9 * -0.095 - 0.05, within(1e-6));
    }

    @Test
    void momentumOutsideZeroToOneIsRejectedWithKerasMessage() {
        assertThatThrownBy(() -> new SGD(0.1, 1.5, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`momentum` must be a float between [0, 1].");
    }

    @Test
    void adamFirstStepUsesEpsilonHat() {
        // Keras: 9.69347e-4 for g = 1e-4 (the textbook form would give 9.99001e-4)
        Variable v = scalarVar64(0);
        assertThat(step(new Adam(), v, 1e-4)).isCloseTo(-9.69347e-4, within(1e-9));
        // float32 rounds 1 - 0.999 to 0.00099998713 inside the kernel, as Keras's float32 arithmetic does
        Variable f = scalarVar(0f);
        assertThat(step(new Adam(), f, 1e-4)).isCloseTo(-9.69347e-4, within(1e-8));
    }

    @Test
    void adamSecondStepMatchesTheFormula() {
        Adam opt = new Adam(0.01);
        Variable v = scalarVar64(1);
        step(opt, v, 0.5);
        double after2 = step(opt, v, -0.2);
        double w = 1, m = 0, s = 0;
        double[] gs = {0.5, -0.2};
        for (int t = 1; t <= 2; t++) {
            double g = gs[t - 1];
            double alpha = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            m = m + (g - m) * 0.1;
            s = s + (g * g - s) * 0.001;
            w = w - alpha * m / (Math.sqrt(s) + 1e-7);
        }
        assertThat(after2).isCloseTo(w, within(1e-12));
    }

    @Test
    void rmspropMatchesKerasDocValue() {
        // lr = 0.1, var = 10, loss = var^2 / 2 so g = 10: 9.683772
        assertThat(step(new RMSprop(0.1), scalarVar(10f), 10)).isCloseTo(9.683772, within(1e-6));
        assertThat(step(new RMSprop(0.1), scalarVar64(10), 10)).isCloseTo(9.683772, within(1e-6));
    }

    @Test
    void centeredRmspropSubtractsTheSquaredMeanGradient() {
        // ms = 10, mg = 1, denom = 10 - 1 + 1e-7: inc = 0.1 * 10 / sqrt(9 + 1e-7)
        RMSprop opt = new RMSprop(0.1, 0.9, 0.0, 1e-7, true);
        assertThat(step(opt, scalarVar64(10), 10)).isCloseTo(10 - 1 / Math.sqrt(9 + 1e-7), within(1e-12));
    }

    @Test
    void rmspropWithMomentumAccumulatesIncrements() {
        RMSprop opt = new RMSprop(0.1, 0.9, 0.5, 1e-7, false);
        Variable v = scalarVar64(10);
        double inc1 = 0.1 * 10 / Math.sqrt(10 + 1e-7);
        assertThat(step(opt, v, 10)).isCloseTo(10 - inc1, within(1e-12));
        double ms2 = 0.9 * 10 + 0.1 * 4;
        double inc2 = 0.1 * 2 / Math.sqrt(ms2 + 1e-7);
        assertThat(step(opt, v, 2)).isCloseTo(10 - inc1 - (0.5 * inc1 + inc2), within(1e-12));
    }

    @Test
    void adagradStartsItsAccumulatorAtPointOne() {
        // acc = 0.1 + 4; w = 1 - 0.1 * 2 / sqrt(4.1 + 1e-7)
        assertThat(step(new Adagrad(0.1), scalarVar(1f), 2)).isCloseTo(1 - 0.2 / Math.sqrt(4.1 + 1e-7), within(1e-6));
        Adagrad opt = new Adagrad(0.1);
        Variable v = scalarVar64(1);
        step(opt, v, 2);
        assertThat(step(opt, v, 1)).isCloseTo(1 - 0.2 / Math.sqrt(4.1 + 1e-7) - 0.1 / Math.sqrt(5.1 + 1e-7), within(1e-12));
    }

    @Test
    void updatesEveryElementOfAMatrix() {
        // a size above every SIMD width, with a tail
        int n = 37;
        float[] w = new float[n], g = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = i;
            g[i] = i % 5 - 2;
        }
        Variable v = new Variable(NDArray.of(w, 1, n), "m:0", true);
        new SGD(0.5).applyGradients(List.of(NDArray.of(g, 1, n)), List.of(v));
        float[] got = v.toFloatArray();
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).isEqualTo(w[i] - 0.5f * g[i]);
        }
    }

    @Test
    void readsTakenBeforeAStepKeepTheirValues() {
        Variable v = scalarVar(1f);
        NDArray before = v.reshape(1);
        step(new SGD(0.1), v, 1);
        assertThat(before.getFloat(0)).isEqualTo(1f);
        assertThat(v.getFloat(0)).isCloseTo(0.9f, within(1e-7f));
    }

    @Test
    void transposedAndFloat64GradientsAreAccepted() {
        Variable v = new Variable(NDArray.zeros(DType.FLOAT32, 2, 3), "m:0", true);
        NDArray gT = NDArray.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).transpose();
        new SGD(1).applyGradients(List.of(gT), List.of(v));
        assertThat(v.toFloatArray()).containsExactly(-1, -3, -5, -2, -4, -6);
    }

    @Test
    void nullGradientsAreSkippedAndAllNullIsAnError() {
        Variable a = scalarVar(1f), b = scalarVar(2f);
        SGD opt = new SGD(0.1);
        opt.applyGradients(Arrays.asList(null, NDArray.of(new float[] {1})), List.of(a, b));
        assertThat(a.getFloat(0)).isEqualTo(1f);
        assertThat(b.getFloat(0)).isCloseTo(1.9f, within(1e-6f));
        assertThat(opt.iterations()).isEqualTo(1);
        assertThatThrownBy(() -> opt.applyGradients(Arrays.asList(null, null), List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No gradients provided for any variable.");
        assertThat(opt.iterations()).isEqualTo(1);
    }

    @Test
    void mismatchedListsAndShapesFailClearly() {
        Variable a = scalarVar(1f);
        assertThatThrownBy(() -> new SGD().applyGradients(List.of(), List.of(a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 gradients for 1 variables");
        assertThatThrownBy(() -> new SGD().applyGradients(List.of(NDArray.zeros(DType.FLOAT32, 2)), List.of(a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2,)").hasMessageContaining("(1,)")
                .hasMessageContaining("w:0");
    }

    @Test
    void adamFollowsKerasRoundingInTheVariablesDtype() {
        // issue 14: Keras 3's adam.py in float32 gives 0.50000495; the exact value is 0.50000158 (float64 here).
        Variable f = new Variable(NDArray.of(new float[] {1, 2, 3, 4}), "w:0", true);
        new Adam(0.5).applyGradients(List.of(NDArray.of(new float[] {1, 6, 7, 2})), List.of(f));
        assertThat(f.getFloat(0)).isEqualTo(0.50000495f);
        Variable d = new Variable(NDArray.of(new double[] {1, 2, 3, 4}), "w:0", true);
        new Adam(0.5).applyGradients(List.of(NDArray.of(new double[] {1, 6, 7, 2})), List.of(d));
        assertThat(d.getDouble(0)).isCloseTo(0.50000158, within(5e-9));
    }

    @Test
    void onlyOneClippingOptionAndNoSettableRateWithASchedule() {
        assertThatThrownBy(() -> new Adam().clipNorm(1).clipValue(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only one of `clipnorm`, `clipvalue` and `global_clipnorm`");
        Optimizer scheduled = new SGD(step -> 0.1 / (step + 1));
        assertThat(scheduled.learningRate()).isEqualTo(0.1);
        assertThatThrownBy(() -> scheduled.setLearningRate(0.2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not settable");
        Variable v = scalarVar64(1);
        step(scheduled, v, 1);
        step(scheduled, v, 1);
        assertThat(v.getDouble(0)).isCloseTo(1 - 0.1 - 0.05, within(1e-15));
        assertThat(scheduled.learningRate()).isCloseTo(0.1 / 3, within(1e-15));
    }

    @Test
    void stateRoundTripsSoTrainingResumesExactly() {
        Variable a = new Variable(NDArray.of(new float[] {1, 2, 3}), "w:0", true);
        Variable b = new Variable(NDArray.of(new float[] {1, 2, 3}), "w:0", true);
        Nadam first = new Nadam(0.1);
        NDArray g = NDArray.of(new float[] {0.5f, -1, 2});
        first.applyGradients(List.of(g), List.of(a));
        Nadam second = new Nadam(0.1);
        b.assign(a);
        second.loadState(first.state(List.of(a)), List.of(b));
        assertThat(second.iterations()).isEqualTo(1);
        first.applyGradients(List.of(g), List.of(a));
        second.applyGradients(List.of(g), List.of(b));
        assertThat(b.toFloatArray()).containsExactly(a.toFloatArray());
    }
}
