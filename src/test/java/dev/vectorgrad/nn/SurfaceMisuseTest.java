package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.NDArray;
import dev.vectorgrad.Ops;
import dev.vectorgrad.ndarray.Shapes;
import dev.vectorgrad.nn.callbacks.CSVLogger;
import dev.vectorgrad.nn.callbacks.Callback;
import dev.vectorgrad.nn.callbacks.ReduceLROnPlateau;
import dev.vectorgrad.nn.losses.MeanSquaredError;
import dev.vectorgrad.nn.metrics.AUC;
import dev.vectorgrad.nn.metrics.TopKCategoricalAccuracy;
import dev.vectorgrad.nn.optimizers.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages behind the bad-input property test's verdicts for the surface merged with the Keras training habits,
 * new ops and image layers: each misuse names the method and the argument (or the missing life-cycle step).
 */
class SurfaceMisuseTest {
    private final NDArray m = NDArray.of(new float[][] {{0.2f, 0.8f}, {0.6f, 0.4f}});

    private static void argument(ThrowingCallable call, String... parts) {
        var a = assertThatThrownBy(call).isExactlyInstanceOf(IllegalArgumentException.class);
        for (String p : parts) {
            a.hasMessageContaining(p);
        }
    }

    @Test
    void opsMirrorsNameTheNullArgument() {
        argument(() -> Ops.acos(null), "Ops.acos", "x is null");
        argument(() -> Ops.cumsum(null, 0), "Ops.cumsum", "x is null");
        argument(() -> Ops.gather(null, m), "Ops.gather", "params is null");
        argument(() -> Ops.atan2(null, m), "Ops.atan2", "y is null");
        argument(() -> Ops.conv2d(m, null, new int[] {1, 1}, "VALID"), "Ops.conv2d", "filters is null");
        argument(() -> Ops.unstack(null, 0), "Ops.unstack", "x is null");
        argument(() -> Ops.einsum("ij,jk", m, null), "operands[1] is null");
    }

    @Test
    void linspaceBeyondTheArrayLimitNamesTheLimit() {
        argument(() -> Ops.linspace(0, 1, Integer.MAX_VALUE), "linspace", String.valueOf(Shapes.MAX_SIZE));
    }

    @Test
    void functionalModelsCheckTheirTensors() {
        KerasTensor in = Input.of(2);
        argument(() -> Model.of(null, in), "input is null");
        argument(() -> Input.of((int[]) null), "shape is null");
        List<Object> data = new ArrayList<>(List.of(m));
        @SuppressWarnings("unchecked")
        List<KerasTensor> raw = (List<KerasTensor>) (List<?>) data;
        argument(() -> Model.of(raw, List.of(in)), "Model.of: inputs[0] must be a KerasTensor", "got NDArray");
        List<KerasTensor> withNull = new ArrayList<>();
        withNull.add(null);
        argument(() -> Model.of(List.of(in), withNull), "outputs[0] must be a KerasTensor", "got null");
    }

    @Test
    void fitAndPersistenceNameTheirArguments() {
        Sequential s = new Sequential(new Dense(2, null, 2));
        s.compile(new SGD(), new MeanSquaredError());
        s.setVerbose(0);
        argument(() -> s.fit(NDArray.of(1f), m, 1, 1, 0.5), "fit", "got a scalar");
        argument(() -> s.fit(m, m, 1, 1, 0.0, (Callback) null), "fit: a callback is null");
        argument(() -> s.save(null), "file is null");
        argument(() -> Model.load(null), "file is null");
        argument(() -> s.computeOutputShape(null), "inputShape is null");
        argument(() -> new Permute((int[]) null), "dims is null");
        argument(() -> new Reshape((int[]) null), "targetShape is null");
    }

    @Test
    void metricsNameANullArgument() {
        argument(() -> new AUC().update(null, m, null), "auc.update: yTrue is null");
        argument(() -> new TopKCategoricalAccuracy().updateState(m, null), "yPred is null");
        argument(() -> new SGD().state(null), "vars is null");
    }

    @Test
    void callbackHooksCalledOutsideFitAreLifeCycleErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> new ReduceLROnPlateau().onEpochEnd(0, new HashMap<>()))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("ReduceLROnPlateau: no model yet");
        assertThatThrownBy(() -> new CSVLogger(dir.resolve("log.csv")).onEpochEnd(0, new HashMap<>()))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessageContaining("onTrainBegin opens it");
        argument(() -> new ReduceLROnPlateau().onEpochEnd(0, null), "logs is null");
    }
}
