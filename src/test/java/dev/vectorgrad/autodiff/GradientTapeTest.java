package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TensorFlow's GradientTape semantics, case by case (TAPE.md, with TF's test names where there is one). */
class GradientTapeTest {

    private static NDArray scalar(double v) {
        return NDArray.of((float) v);
    }

    // ---- one-shot and persistent ----

    @Test
    void aSecondGradientOnAOneShotTapeFailsWithTensorFlowsWording() {
        NDArray x = scalar(3);
        var tape = new GradientTape();
        NDArray y;
        try (tape) {
            tape.watch(x);
            y = x.mul(x);
        }
        assertThat(tape.gradient(y, x).item()).isEqualTo(6.0);
        assertThatThrownBy(() -> tape.gradient(y, x))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A non-persistent GradientTape can only be used to compute one set of gradients")
                .hasMessageContaining("persistent(true)");
        assertThatThrownBy(() -> tape.jacobian(y, x)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aJacobianIsTheOneUseOfAOneShotTape() {
        NDArray x = NDArray.of(new float[] {1, 2});
        var tape = new GradientTape();
        NDArray y;
        try (tape) {
            tape.watch(x);
            y = x.mul(x);
        }
        assertThat(tape.jacobian(y, x)).isEqualTo(NDArray.of(new float[][] {{2, 0}, {0, 4}}));
        assertThatThrownBy(() -> tape.gradient(y, x)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPersistentTapeAnswersManyTimes() {
        NDArray x = scalar(2);
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        NDArray z;
        try (tape) {
            tape.watch(x);
            y = x.mul(x);
            z = y.mul(x);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(tape.gradient(z, x).item()).isEqualTo(12.0);
            assertThat(tape.gradient(y, x).item()).isEqualTo(4.0);
            assertThat(tape.gradient(z, y).item()).isEqualTo(2.0);
        }
    }

    @Test
    void gradientInsideTheBlockWorksForBothKindsOfTape() {
        for (boolean persistent : new boolean[] {false, true}) {
            Variable v = new Variable(scalar(1));
            try (var tape = GradientTape.builder().persistent(persistent).build()) {
                NDArray y = v.mul(2.0);
                assertThat(tape.gradient(y, v).item()).isEqualTo(2.0);
                assertThat(tape.recording()).isEqualTo(persistent);
            }
        }
    }

    @Test
    void aPersistentTapeRecordsItsOwnBackwardPassInsideItsBlockForThirdDerivatives() {
        NDArray x = scalar(2);
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            NDArray y = x.mul(x).mul(x).mul(x);                 // x⁴
            NDArray d1 = tape.gradient(y, x);                    // 4x³ = 32
            NDArray d2 = tape.gradient(d1, x);                   // 12x² = 48
            NDArray d3 = tape.gradient(d2, x);                   // 24x = 48
            assertThat(d1.item()).isEqualTo(32.0);
            assertThat(d2.item()).isEqualTo(48.0);
            assertThat(d3.item()).isEqualTo(48.0);
        }
    }

    // ---- targets and sources ----

    @Test
    void aNonScalarTargetIsSummed() {
        NDArray x = scalar(2);
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.mul(NDArray.of(new float[] {3, 4}));
            assertThat(tape.gradient(y, x).item()).isEqualTo(7.0);
        }
    }

    @Test
    void severalTargetsAreSummedAndOutputGradientsWeightThem() {
        NDArray x = scalar(2);
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y0;
        NDArray y1;
        try (tape) {
            tape.watch(x);
            y0 = x.square();
            y1 = scalar(1).div(x);
        }
        assertThat(tape.gradient(List.of(y0, y1), List.of(x), null, UnconnectedGradients.NONE).get(0).item())
                .isEqualTo(3.75);
        NDArray three = scalar(3);
        NDArray y = scalar(2);
        var t2 = new GradientTape();
        NDArray loss;
        try (t2) {
            t2.watch(three);
            loss = three.mul(y);
        }
        // TF testOutputGradUsedInComputation: gradient([x*y, x], x, output_gradients=[1, 2]) = y + 2 = 4
        assertThat(t2.gradient(List.of(loss, three), List.of(three), Arrays.asList(scalar(1), scalar(2)),
                UnconnectedGradients.NONE).get(0).item()).isEqualTo(4.0);
    }

    @Test
    void outputGradientReplacesTheImplicitOnes() {
        NDArray x = NDArray.of(new float[] {1, 2, 3});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.square();
            NDArray g = tape.gradient(y, List.of(x), NDArray.of(new float[] {1, 0, -1})).get(0);
            assertThat(g).isEqualTo(NDArray.of(new float[] {2, 0, -6}));
        }
    }

    @Test
    void sourcesAreMatchedByIdentityNotValue() {
        NDArray x1 = scalar(3);
        NDArray x2 = scalar(3);
        try (var tape = new GradientTape()) {
            tape.watch(x1, x2);
            NDArray y = x1.add(x2);
            List<NDArray> g = tape.gradient(y, List.of(x1, x2, x1));
            assertThat(g).extracting(NDArray::item).containsExactly(1.0, 1.0, 1.0);
        }
    }

    @Test
    void targetEqualToSourceGivesOnesAndIntermediateSourcesWork() {
        NDArray x = NDArray.of(new float[] {2, 5});
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        NDArray z;
        try (tape) {
            tape.watch(x);
            y = x.mul(x);
            z = y.mul(y);
        }
        assertThat(tape.gradient(x, x)).isEqualTo(NDArray.ones(DType.FLOAT32, 2));
        assertThat(tape.gradient(List.of(x, y), List.of(x), null, UnconnectedGradients.NONE).get(0))
                .isEqualTo(NDArray.of(new float[] {5, 11}));
        assertThat(tape.gradient(z, y)).isEqualTo(NDArray.of(new float[] {8, 50}));
    }

    @Test
    void mapSourcesKeepTheirKeys() {
        NDArray a = scalar(2);
        NDArray b = scalar(5);
        try (var tape = new GradientTape()) {
            tape.watch(a, b);
            NDArray y = a.mul(b);
            Map<String, NDArray> sources = new LinkedHashMap<>();
            sources.put("b", b);
            sources.put("a", a);
            Map<String, NDArray> g = tape.gradient(y, sources, UnconnectedGradients.NONE);
            assertThat(g.keySet()).containsExactly("b", "a");
            assertThat(g.get("b").item()).isEqualTo(2.0);
            assertThat(g.get("a").item()).isEqualTo(5.0);
        }
    }

    @Test
    void gradientsHaveTheSourcesShapeAndDtype() {
        NDArray x = NDArray.of(new double[] {1, 2, 3});
        NDArray b = NDArray.of(new float[][] {{1}, {2}});
        try (var tape = new GradientTape()) {
            tape.watch(x, b);
            NDArray y = x.add(b.cast(DType.FLOAT64)).mul(x.cast(DType.FLOAT32));
            List<NDArray> g = tape.gradient(y, List.of(x, b));
            assertThat(g.get(0).shape()).containsExactly(3);
            assertThat(g.get(0).dtype()).isEqualTo(DType.FLOAT64);
            assertThat(g.get(1).shape()).containsExactly(2, 1);
            assertThat(g.get(1).dtype()).isEqualTo(DType.FLOAT32);
            assertThat(g.get(1)).isEqualTo(NDArray.of(new float[][] {{6}, {6}}));
        }
    }

    // ---- unconnected gradients ----

    @Test
    void unconnectedSourcesGetNullOrZeros() {
        NDArray x = NDArray.of(new float[][] {{1, 2}, {3, 4}});
        NDArray unused = NDArray.of(new float[][] {{1, 2}, {3, 4}});
        Variable v = new Variable(NDArray.zeros(DType.FLOAT32, 2, 2));
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        try (tape) {
            tape.watch(x, unused);
            y = x.mul(2.0);
        }
        assertThat(tape.gradient(y, List.of(unused, v))).containsExactly(null, null);
        assertThat(tape.gradient(y, List.of(unused, v), UnconnectedGradients.ZERO))
                .containsExactly(NDArray.zeros(DType.FLOAT32, 2, 2), NDArray.zeros(DType.FLOAT32, 2, 2));
        assertThat(UnconnectedGradients.parse("zero")).isEqualTo(UnconnectedGradients.ZERO);
        assertThatThrownBy(() -> UnconnectedGradients.parse("nonsense"))
                .hasMessage("Unknown value for unconnected_gradients: 'nonsense'");
    }

    @Test
    void aDeadReluIsARealZeroNotUnconnected() {
        NDArray x = NDArray.of(new float[] {-1, -2});
        try (var tape = new GradientTape()) {
            tape.watch(x);
            NDArray y = x.relu();
            assertThat(tape.gradient(y, x)).isEqualTo(NDArray.zeros(DType.FLOAT32, 2));
        }
    }

    @Test
    void integerSourcesGetNullWithAWarningAndNoException() {
        NDArray i = NDArray.of(new int[] {1, 2});
        try (var tape = new GradientTape()) {
            assertThatCode(() -> tape.watch(i)).doesNotThrowAnyException();
            NDArray y = i.mul(2L).cast(DType.FLOAT32).square();
            assertThat(tape.gradient(y, i)).isNull();
        }
    }

    @Test
    void stopGradientBlocksThePath() {
        NDArray x = scalar(2);
        NDArray y = scalar(3);
        try (var tape = new GradientTape()) {
            tape.watch(x, y);
            NDArray z = x.square().add(y.square().stopGradient());
            List<NDArray> g = tape.gradient(z, List.of(x, y));
            assertThat(g.get(0).item()).isEqualTo(4.0);
            assertThat(g.get(1)).isNull();
        }
    }

    // ---- watching ----

    @Test
    void trainableVariablesReadInsideAreWatchedButConstantsAndNonTrainablesAreNot() {
        Variable x0 = new Variable(scalar(3), "x0", true);
        Variable x1 = new Variable(scalar(3), "x1", false);
        NDArray x2 = new Variable(scalar(3), "x2", true).add(1.0);
        NDArray x3 = scalar(3);
        try (var tape = new GradientTape()) {
            NDArray y = x0.square().add(x1.square()).add(x2.square()).add(x3.square());
            List<NDArray> g = tape.gradient(y, List.of(x0, x1, x2, x3));
            assertThat(g.get(0).item()).isEqualTo(6.0);
            assertThat(g.subList(1, 4)).containsOnlyNulls();
        }
    }

    @Test
    void watchAccessedVariablesFalseWatchesOnlyWhatIsNamed() {
        Variable a = new Variable(scalar(2), "a", true);
        Variable b = new Variable(scalar(3), "b", false);
        try (var tape = GradientTape.builder().watchAccessedVariables(false).build()) {
            tape.watch(b);
            NDArray y = a.mul(b);
            List<NDArray> g = tape.gradient(y, List.of(a, b));
            assertThat(g.get(0)).isNull();
            assertThat(g.get(1).item()).isEqualTo(2.0);
            assertThat(tape.watchedVariables()).containsExactly(b);
        }
    }

    @Test
    void watchedVariablesAreListedInCreationOrderAndSurviveAOneShotGradient() {
        Variable first = new Variable(scalar(1), "first", true);
        Variable second = new Variable(scalar(2), "second", true);
        var tape = new GradientTape();
        NDArray y;
        try (tape) {
            y = second.mul(first);
        }
        assertThat(tape.watchedVariables()).containsExactly(first, second);
        tape.gradient(y, first);
        assertThat(tape.watchedVariables()).containsExactly(first, second);
    }

    @Test
    void watchingIsTapeLocal() {
        NDArray x = scalar(3);
        try (var t1 = GradientTape.builder().persistent(true).build();
             var t2 = GradientTape.builder().persistent(true).build()) {
            t2.watch(x);
            NDArray y = x.square();
            assertThat(t1.gradient(y, x)).isNull();
            assertThat(t2.gradient(y, x).item()).isEqualTo(6.0);
        }
    }

    @Test
    void replacingAVariableByATensorBreaksTheLinkAndAssignAddKeepsIt() {
        Variable x = new Variable(scalar(2));
        NDArray replaced = x;
        for (int i = 0; i < 2; i++) {
            try (var tape = new GradientTape()) {
                NDArray y = replaced.square();
                NDArray g = tape.gradient(y, x);
                if (i == 0) {
                    assertThat(g.item()).isEqualTo(4.0);
                } else {
                    assertThat(g).isNull();
                }
            }
            replaced = replaced.add(1.0);
        }
        for (int i = 0; i < 2; i++) {
            try (var tape = new GradientTape()) {
                NDArray y = x.square();
                assertThat(tape.gradient(y, x).item()).isEqualTo(4.0 + 2 * i);
            }
            x.assignAdd(scalar(1));
        }
    }

    @Test
    void stateBlocksGradients() {
        Variable x0 = new Variable(scalar(2));
        Variable x1 = new Variable(scalar(1));
        try (var tape = new GradientTape()) {
            x1.assignAdd(x0);
            NDArray y = x1.square();
            List<NDArray> g = tape.gradient(y, List.of(x0, x1));
            assertThat(g.get(0)).isNull();
            assertThat(g.get(1).item()).isEqualTo(6.0);
        }
    }

    @Test
    void aLaterAssignDoesNotChangeRecordedValues() {
        Variable w = new Variable(scalar(3));
        var tape = new GradientTape();
        NDArray y;
        try (tape) {
            y = w.square();
        }
        w.assign(scalar(100));
        assertThat(tape.gradient(y, w).item()).isEqualTo(6.0);
    }

    @Test
    void readValueIsASnapshotThatStillCarriesTheGradient() {
        Variable v = new Variable(scalar(3));
        try (var tape = new GradientTape()) {
            NDArray r = v.readValue();
            v.assign(scalar(5));
            NDArray y = r.square().add(v);
            assertThat(r.item()).isEqualTo(3.0);
            assertThat(tape.gradient(y, v).item()).isEqualTo(7.0);
        }
    }

    @Test
    void watchRejectsNull() {
        try (var tape = new GradientTape()) {
            assertThatThrownBy(() -> tape.watch(scalar(1), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 1 is null");
        }
    }

    // ---- stopRecording, reset, re-entering ----

    @Test
    void stopRecordingMakesResultsConstantsToThisTapeOnly() {
        NDArray x = scalar(2);
        try (var tape = GradientTape.builder().persistent(true).build();
             var other = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            other.watch(x);
            NDArray x2 = x.mul(2.0);
            NDArray y;
            try (var paused = tape.stopRecording()) {
                y = x2.mul(x2);
            }
            NDArray z = x2.mul(x2);
            assertThat(tape.gradient(y, x2)).isNull();
            assertThat(tape.gradient(z, x2).item()).isEqualTo(8.0);
            assertThat(other.gradient(y, x).item()).isEqualTo(16.0);
        }
    }

    @Test
    void stopRecordingOnATapeThatIsNotRecordingFails() {
        var tape = new GradientTape();
        tape.close();
        assertThatThrownBy(tape::stopRecording)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Trying to stop recording a tape which is not recording.");
    }

    @Test
    void resetForgetsEverythingRecordedBefore() {
        Variable v = new Variable(scalar(1));
        try (var tape = new GradientTape()) {
            NDArray loss = v.mul(v);
            tape.reset();
            assertThat(tape.watchedVariables()).isEmpty();
            loss = loss.add(v.mul(v));
            assertThat(tape.gradient(loss, v).item()).isEqualTo(2.0);
        }
    }

    @Test
    void reEnteringATapeContinuesTheRecord() {
        NDArray x = scalar(3);
        var tape = GradientTape.builder().persistent(true).build();
        NDArray y;
        try (tape) {
            tape.watch(x);
            y = x.mul(2.0);
        }
        NDArray z;
        try (var again = tape.enter()) {
            z = y.mul(2.0);
        }
        assertThat(tape.gradient(z, x).item()).isEqualTo(4.0);
    }

    @Test
    void enteringAnActiveTapeFails() {
        try (var tape = new GradientTape()) {
            assertThatThrownBy(tape::enter)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Tape is still recording");
        }
    }

    @Test
    void noOpResultsAreNewArraysWithTheirOwnGradients() {
        NDArray x = scalar(2);
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x);
            NDArray plusZero = x.add(0.0);
            NDArray timesOne = x.mul(1.0);
            tape.watch(plusZero, timesOne);
            NDArray y = plusZero.mul(timesOne).mul(3.0);
            assertThat(tape.gradient(y, plusZero).item()).isEqualTo(6.0);
            assertThat(tape.gradient(y, timesOne).item()).isEqualTo(6.0);
            assertThat(tape.gradient(y, x).item()).isEqualTo(12.0);
        }
    }

    // ---- nested tapes ----

    @Test
    void nestedTapesNeedBothToWatchAConstant() {
        NDArray x = scalar(2);
        try (var outer = new GradientTape()) {
            NDArray dy;
            try (var inner = new GradientTape()) {
                inner.watch(x);
                dy = inner.gradient(x.mul(x).mul(x), x);
            }
            assertThat(dy.item()).isEqualTo(12.0);
            assertThat(outer.gradient(dy, x)).isNull();
        }
    }

    @Test
    void aFirstDerivativeTakenAfterTheOuterTapeClosedHasNoSecondDerivative() {
        Variable x = new Variable(scalar(2));
        var outer = new GradientTape();
        var inner = new GradientTape();
        NDArray y;
        try (outer; inner) {
            y = x.mul(x).mul(x);
        }
        NDArray dy = inner.gradient(y, x);
        assertThat(outer.gradient(dy, x)).isNull();
    }

    @Test
    void reluAndAbsHaveZeroNotNullSecondDerivatives() {
        NDArray x = NDArray.of(new double[] {-1.5, 0.5, 2});
        for (var f : List.<java.util.function.UnaryOperator<NDArray>>of(NDArray::relu, NDArray::abs)) {
            NDArray d2;
            try (var outer = new GradientTape()) {
                outer.watch(x);
                NDArray d1;
                try (var inner = new GradientTape()) {
                    inner.watch(x);
                    d1 = inner.gradient(f.apply(x), x);
                }
                d2 = outer.gradient(d1, x);
            }
            assertThat(d2).isEqualTo(NDArray.zeros(DType.FLOAT64, 3));
        }
    }

    @Test
    void threeNestedTapesGiveThirdDerivatives() {
        NDArray x = NDArray.of(new double[] {-1.2, 0.3, 2.0});
        NDArray d3sin;
        NDArray d3tanh;
        NDArray[] results = new NDArray[2];
        List<java.util.function.UnaryOperator<NDArray>> fs = List.of(NDArray::sin, NDArray::tanh);
        for (int k = 0; k < 2; k++) {
            try (var t3 = new GradientTape()) {
                t3.watch(x);
                NDArray d2;
                try (var t2 = new GradientTape()) {
                    t2.watch(x);
                    NDArray d1;
                    try (var t1 = new GradientTape()) {
                        t1.watch(x);
                        d1 = t1.gradient(fs.get(k).apply(x), x);
                    }
                    d2 = t2.gradient(d1, x);
                }
                results[k] = t3.gradient(d2, x);
            }
        }
        d3sin = results[0];
        d3tanh = results[1];
        NDArray t = x.tanh();
        NDArray sech2 = t.square().neg().add(1.0);
        assertThat(d3sin.allClose(x.cos().neg(), 1e-12, 1e-12)).isTrue();                       // -cos x
        assertThat(d3tanh.allClose(sech2.mul(-2.0).mul(t.square().mul(-3.0).add(1.0)), 1e-12, 1e-12))
                .isTrue();                                                                         // -2sech²(1-3tanh²)
    }

    @Test
    void unconnectedHigherOrderTermsAreNull() {
        // Géron: z = 3w1² + 2w1w2; d²z/dw2² is None
        Variable w1 = new Variable(scalar(5));
        Variable w2 = new Variable(scalar(3));
        List<NDArray> hessianRow;
        try (var outer = GradientTape.builder().persistent(true).build()) {
            List<NDArray> g;
            try (var inner = new GradientTape()) {
                NDArray z = w1.square().mul(3.0).add(w1.mul(w2).mul(2.0));
                g = inner.gradient(z, List.of(w1, w2));
            }
            assertThat(g).extracting(NDArray::item).containsExactly(36.0, 10.0);
            hessianRow = outer.gradient(g.get(1), List.of(w1, w2));
        }
        assertThat(hessianRow.get(0).item()).isEqualTo(2.0);
        assertThat(hessianRow.get(1)).isNull();
    }

    @Test
    void gradientWithRespectToTheInnerGradientsOwnInputs() {
        // TF testGradientTape: y = x²; inner watches y... outer d/dx = 6 at x = 3 for x + x² style step
        NDArray x = scalar(3);
        try (var outer = new GradientTape()) {
            outer.watch(x);
            NDArray y = x.mul(x);
            NDArray grad;
            try (var inner = new GradientTape()) {
                inner.watch(y);
                NDArray z = y.mul(2.0);
                grad = inner.gradient(z, y);
            }
            NDArray r = y.add(grad);
            assertThat(outer.gradient(r, x).item()).isEqualTo(6.0);
        }
    }

    @Test
    void maximumTiesGoToTheFirstArgumentAndReductionTiesShare() {
        NDArray a = scalar(2);
        NDArray b = scalar(2);
        NDArray v = NDArray.of(new float[] {1, 3, 3, 2});
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(a, b, v);
            NDArray m = a.maximum(b);
            NDArray n = a.minimum(b);
            assertThat(tape.gradient(m, List.of(a, b))).extracting(NDArray::item).containsExactly(1.0, 0.0);
            assertThat(tape.gradient(n, List.of(a, b))).extracting(NDArray::item).containsExactly(1.0, 0.0);
            assertThat(tape.gradient(v.max(), v)).isEqualTo(NDArray.of(new float[] {0, 0.5f, 0.5f, 0}));
        }
    }

    @Test
    void awkwardPointsFollowTensorFlow() {
        NDArray zero = NDArray.of(new float[] {0});
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(zero);
            assertThat(tape.gradient(zero.abs(), zero).item()).isEqualTo(0.0);
            assertThat(tape.gradient(zero.relu(), zero).item()).isEqualTo(0.0);
            assertThat(tape.gradient(zero.sqrt(), zero).item()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(tape.gradient(zero.sign(), zero).item()).isEqualTo(0.0);
            assertThat(tape.gradient(zero.pow(2.0), zero).item()).isEqualTo(0.0);
        }
    }

    @Test
    void whereAndSliceRouteGradientsAsTensorFlowDoes() {
        NDArray x = NDArray.of(new float[] {5, 50});
        NDArray s = NDArray.of(new float[] {1, 2, 3, 4});
        try (var tape = GradientTape.builder().persistent(true).build()) {
            tape.watch(x, s);
            NDArray y = NDArray.where(x.lt(10.0), x, x.mul(x));
            assertThat(tape.gradient(y, x)).isEqualTo(NDArray.of(new float[] {1, 100}));
            assertThat(tape.gradient(s.slice(0, 1, 3, 1), s)).isEqualTo(NDArray.of(new float[] {0, 1, 1, 0}));
            assertThat(tape.gradient(s.slice(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -2).mul(s.get(3)), s))
                    .isEqualTo(NDArray.of(new float[] {0, 4, 0, 10}));
        }
    }

    @Test
    void pythonStyleControlFlowRecordsOnlyWhatRan() {
        // TF guide: f(x, y) multiplies by x when 1 < i < 5 for i in range(y); at x = 2: 12, 12, 4
        double[] expected = {12, 12, 4};
        int[] ys = {6, 5, 4};
        for (int k = 0; k < 3; k++) {
            NDArray x = scalar(2);
            try (var tape = new GradientTape()) {
                tape.watch(x);
                NDArray out = scalar(1);
                for (int i = 0; i < ys[k]; i++) {
                    if (i > 1 && i < 5) {
                        out = out.mul(x);
                    }
                }
                assertThat(tape.gradient(out, x).item()).isEqualTo(expected[k]);
            }
        }
    }

    @Test
    void aNullTargetWithoutAnEarlierNullGradientNamesTheArgument() {
        try (var tape = new GradientTape()) {
            NDArray x = scalar(1);
            tape.watch(x);
            tape.gradient(x.mul(x), x);
        }
        var tape = new GradientTape();
        assertThatThrownBy(() -> tape.gradient(null, scalar(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gradient: target is null.");
        tape.close();
    }
}
