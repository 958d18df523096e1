package dev.vectorgrad.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import dev.vectorgrad.io.Npz;
import dev.vectorgrad.nn.optimizers.schedules.CosineDecay;
import dev.vectorgrad.nn.optimizers.schedules.ExponentialDecay;
import dev.vectorgrad.nn.optimizers.schedules.InverseTimeDecay;
import dev.vectorgrad.nn.optimizers.schedules.LearningRateSchedule;
import dev.vectorgrad.nn.optimizers.schedules.PiecewiseConstantDecay;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every optimizer, option and schedule against src/test/resources/keras/make_optimizer_fixtures.py, which transcribes
 * Keras 3's update steps in numpy, operation by operation in the variable's dtype. Float32 results must agree bit for
 * bit (where numpy's float32 {@code power} and Java's agree, which they do on these inputs); float64 to 1 ulp
 * ({@code Math.pow} and libm's {@code pow} may differ in the last bit).
 */
class KerasFormulaFixturesTest {
    private static Map<String, NDArray> fixtures;
    private static Map<String, NDArray> schedules;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixtures = Npz.read(Path.of(KerasFormulaFixturesTest.class.getResource("/keras/optimizers.npz").toURI()));
        schedules = Npz.read(Path.of(KerasFormulaFixturesTest.class.getResource("/keras/schedules.npz").toURI()));
    }

    private static final Map<String, Supplier<Optimizer>> CASES = Map.ofEntries(
            Map.entry("sgd", () -> new SGD(0.1)),
            Map.entry("sgd_momentum", () -> new SGD(0.1, 0.9, false)),
            Map.entry("sgd_nesterov", () -> new SGD(0.1, 0.9, true)),
            Map.entry("adam", () -> new Adam(0.01)),
            Map.entry("adam_betas", () -> new Adam(0.05, 0.8, 0.95, 1e-3)),
            Map.entry("rmsprop", () -> new RMSprop(0.01)),
            Map.entry("rmsprop_centered_momentum", () -> new RMSprop(0.01, 0.9, 0.5, 1e-7, true)),
            Map.entry("adagrad", () -> new Adagrad(0.1)),
            Map.entry("adamax", () -> new Adamax(0.01)),
            Map.entry("nadam", () -> new Nadam(0.01)),
            Map.entry("adamw", () -> new AdamW(0.01, 0.004)),
            Map.entry("adam_clipnorm", () -> new Adam(0.01).clipNorm(1.0)),
            Map.entry("adam_clipvalue", () -> new Adam(0.01).clipValue(0.5)),
            Map.entry("sgd_global_clipnorm", () -> new SGD(0.1).globalClipNorm(2.0)),
            Map.entry("sgd_weight_decay", () -> new SGD(0.1).weightDecay(0.1)),
            Map.entry("sgd_exponential", () -> new SGD(new ExponentialDecay(0.1, 10, 0.5))),
            Map.entry("adam_cosine", () -> new Adam(new CosineDecay(0.1, 30))),
            Map.entry("adam_issue", () -> new Adam(0.5)));

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_nesterov", "adam", "adam_betas", "rmsprop",
        "rmsprop_centered_momentum", "adagrad", "adamax", "nadam", "adamw", "adam_clipnorm", "adam_clipvalue",
        "sgd_global_clipnorm", "sgd_weight_decay", "sgd_exponential", "adam_cosine", "adam_issue"})
    void float32StepsMatchKerasFormulasBitForBit(String name) {
        String key = name + "_f32";
        float[][] got = run(CASES.get(name).get(), key);
        NDArray expected = fixtures.get(key + "/w");
        for (int t = 0; t < got.length; t++) {
            float[] want = expected.get(t).toFloatArray();
            // clipnorm sums squares in the library's order, not numpy's: allow 1 ulp there
            float ulps = name.contains("clip") ? 1 : 0;
            for (int i = 0; i < want.length; i++) {
                assertThat(Math.abs(got[t][i] - want[i]))
                        .as("%s step %d element %d: got %s want %s", key, t + 1, i, got[t][i], want[i])
                        .isLessThanOrEqualTo(ulps * Math.ulp(want[i]));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd_momentum", "sgd_nesterov", "adam", "adam_betas", "rmsprop",
        "rmsprop_centered_momentum", "adagrad", "adamax", "nadam", "adamw", "adam_clipnorm", "adam_clipvalue",
        "sgd_global_clipnorm", "sgd_weight_decay", "sgd_exponential", "adam_cosine", "adam_issue"})
    void float64StepsMatchKerasFormulas(String name) {
        String key = name + "_f64";
        Optimizer opt = CASES.get(name).get();
        Variable v = new Variable(fixtures.get(key + "/w0"), "w:0", true);
        NDArray g = fixtures.get(key + "/g");
        NDArray expected = fixtures.get(key + "/w");
        for (int t = 0; t < g.shape()[0]; t++) {
            opt.applyGradients(List.of(g.get(t)), List.of(v));
            double[] want = expected.get(t).toDoubleArray();
            double[] got = v.toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(Math.abs(got[i] - want[i])).as("%s step %d element %d", key, t + 1, i)
                        .isLessThanOrEqualTo(4 * Math.ulp(want[i]));
            }
        }
    }

    private static float[][] run(Optimizer opt, String key) {
        Variable v = new Variable(fixtures.get(key + "/w0"), "w:0", true);
        assertThat(v.dtype()).isEqualTo(DType.FLOAT32);
        NDArray g = fixtures.get(key + "/g");
        float[][] out = new float[g.shape()[0]][];
        for (int t = 0; t < out.length; t++) {
            opt.applyGradients(List.of(g.get(t)), List.of(v));
            out[t] = v.toFloatArray();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exponential", "exponential_staircase", "inverse_time", "inverse_time_staircase", "cosine",
        "cosine_alpha", "piecewise"})
    void schedulesMatchKerasInFloat32(String name) {
        LearningRateSchedule s = switch (name) {
            case "exponential" -> new ExponentialDecay(0.1, 10, 0.5);
            case "exponential_staircase" -> new ExponentialDecay(0.1, 10, 0.5, true);
            case "inverse_time" -> new InverseTimeDecay(0.1, 5, 0.3);
            case "inverse_time_staircase" -> new InverseTimeDecay(0.1, 5, 0.3, true);
            case "cosine" -> new CosineDecay(0.1, 30);
            case "cosine_alpha" -> new CosineDecay(0.1, 30, 0.2);
            case "piecewise" -> new PiecewiseConstantDecay(new long[] {5, 12, 20}, new double[] {0.1, 0.05, 0.01, 0.001});
            default -> throw new AssertionError(name);
        };
        float[] want = schedules.get(name).toFloatArray();
        for (int step = 0; step < want.length; step++) {
            assertThat((float) s.at(step)).as("%s at step %d", name, step).isEqualTo(want[step]);
        }
    }
}
