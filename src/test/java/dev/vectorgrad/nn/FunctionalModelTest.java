package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input.of, layer.apply, Model.of and the merge layers. */
class FunctionalModelTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    @Test
    void aBranchingGraphComputesWhatItsLayersCompute() {
        KerasTensor in = Input.of(3);
        assertThat(in.shape()).containsExactly(-1, 3);
        Dense left = new Dense(4, Activation.RELU);
        Dense right = new Dense(2);
        Dense head = new Dense(1);
        KerasTensor l = left.apply(in);
        KerasTensor r = right.apply(in);
        KerasTensor cat = new Concatenate().apply(l, r);
        assertThat(cat.shape()).containsExactly(-1, 6);
        KerasTensor out = head.apply(cat);
        Model model = Model.of(in, out);
        assertThat(model.variables()).hasSize(6);
        assertThat(model.layers()).containsExactly(left, right, cat.layer(), head);

        NDArray x = Rng.seeded(1).normal(DType.FLOAT32, 0, 1, 5, 3);
        NDArray a = left.call(x);
        NDArray b = right.call(x);
        float[] joined = new float[5 * 6];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) joined[i * 6 + j] = a.getFloat(i, j);
            for (int j = 0; j < 2; j++) joined[i * 6 + 4 + j] = b.getFloat(i, j);
        }
        assertThat(model.predict(x)).isEqualTo(head.call(NDArray.of(joined, 5, 6)));
        assertThat(model.summary()).contains("concatenate (Concatenate)").contains("(None, 6)").contains("Total params: 31");
    }

    @Test
    void mergeLayersAddMultiplyAndAverage() {
        NDArray a = NDArray.of(new float[][] {{1, 2}, {3, 4}});
        NDArray b = NDArray.of(new float[][] {{10, 20}, {30, 40}});
        assertThat(new Add().call(List.of(a, b)).toFloatArray()).containsExactly(11, 22, 33, 44);
        assertThat(new Multiply().call(List.of(a, b)).toFloatArray()).containsExactly(10, 40, 90, 160);
        assertThat(new Average().call(List.of(a, b)).toFloatArray()).containsExactly(5.5f, 11, 16.5f, 22);
        assertThat(new Concatenate(0).call(List.of(a, b)).shape()).containsExactly(4, 2);
        assertThatThrownBy(() -> new Add().apply(Input.of(2), Input.of(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same shape");
        assertThatThrownBy(() -> new Add().call(List.of(a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> new Dense(2).apply(Input.of(2), Input.of(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes one input");
    }

    @Test
    void aFunctionalModelTrainsSavesAndLoads(@TempDir Path dir) throws IOException {
        KerasTensor in = Input.of(2);
        KerasTensor h = new Dense(8, Activation.TANH).apply(in);
        KerasTensor skip = new Dense(8).apply(in);
        KerasTensor out = new Dense(1).apply(new Add().apply(h, skip));
        Model model = Model.of(in, out);
        model.setVerbose(0);
        model.compile("adam", "mse", "mae");
        NDArray x = Rng.seeded(4).normal(DType.FLOAT32, 0, 1, 64, 2);
        NDArray y = x.slice(1, 0, 1, 1).mul(2.0).add(x.slice(1, 1, 2, 1).square());
        History hist = model.fit(x, y, 30, 16, 0.25);
        assertThat(hist.get("loss").get(29)).isLessThan(hist.get("loss").get(0));
        assertThat(hist.history()).containsKeys("mae", "val_loss", "val_mae");

        Path file = dir.resolve("functional.keras");
        model.save(file);
        Model loaded = Model.load(file);
        loaded.setVerbose(0);
        assertThat(loaded).isInstanceOf(Functional.class);
        assertThat(loaded.predict(x)).isEqualTo(model.predict(x));
        assertThat(model.fit(x, y, 2, 16).history()).isEqualTo(loaded.fit(x, y, 2, 16).history());
    }

    @Test
    void severalInputsRunThroughCallList() {
        KerasTensor a = Input.of(2);
        KerasTensor b = Input.of(2);
        Dense shared = new Dense(3);
        KerasTensor out = new Multiply().apply(shared.apply(a), shared.apply(b));
        Functional model = (Functional) Model.of(List.of(a, b), List.of(out));
        assertThat(model.variables()).hasSize(2); // the shared layer's weights, once
        NDArray x1 = NDArray.of(new float[][] {{1, 2}});
        NDArray x2 = NDArray.of(new float[][] {{3, -1}});
        assertThat(model.call(List.of(x1, x2), false).get(0)).isEqualTo(shared.call(x1).mul(shared.call(x2)));
        assertThatThrownBy(() -> model.predict(x1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 inputs");
        assertThatThrownBy(() -> Model.of(a, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not among the model's inputs");
    }
}
