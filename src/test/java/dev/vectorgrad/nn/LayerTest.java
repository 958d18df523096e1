package dev.vectorgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.autodiff.Variable;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LayerTest {

    @BeforeEach
    void freshNames() {
        Layer.resetNames();
        Layer.setSeed(0);
    }

    /** The seed's {@code MyLayer}: a variable and a list of variables. */
    static class MyLayer extends Layer {
        final Variable myVar = new Variable(NDArray.of(100));
        final List<Variable> myVarList = List.of(new Variable(NDArray.of(0)), new Variable(NDArray.of(1)));

        @Override
        public NDArray call(NDArray x, boolean training) {
            return x;
        }
    }

    static class Outer extends Layer {
        final Variable scale = new Variable(NDArray.of(2f), "scale:0", true);
        final MyLayer inner = new MyLayer();
        final Variable frozen = new Variable(NDArray.of(3f), "frozen:0", false);
        final Variable alias = scale;

        @Override
        public NDArray call(NDArray x, boolean training) {
            return inner.call(x).mul(scale);
        }
    }

    @Test
    void variablesInFieldsAndListsComeInCreationOrder() {
        MyLayer layer = new MyLayer();
        List<Integer> values = layer.variables().stream().map(v -> v.getInt()).toList();
        assertThat(values).containsExactly(100, 0, 1);
        assertThat(layer.trainableVariables()).hasSize(3);
        assertThat(layer.name()).isEqualTo("my_layer");
    }

    @Test
    void subLayersAreTrackedAndSharedVariablesListedOnce() {
        Outer outer = new Outer();
        assertThat(outer.variables()).extracting(Variable::getDouble).containsExactly(2.0, 100.0, 0.0, 1.0, 3.0);
        assertThat(outer.trainableVariables()).hasSize(4);
        assertThat(outer.nonTrainableVariables()).extracting(Variable::name).containsExactly("frozen:0");
    }

    @Test
    void denseNamesItsVariablesAsTfKerasNumbersThem() {
        Sequential model = new Sequential(new Dense(4, Activation.RELU, 3), new Dense(2));
        assertThat(model.variables()).hasSize(4); // built from the first layer's input size, as Keras does
        model.call(NDArray.zeros(DType.FLOAT32, 5, 3));
        assertThat(model.variables()).extracting(Variable::name)
                .containsExactly("dense/kernel:0", "dense/bias:0", "dense_1/kernel:0", "dense_1/bias:0");
        assertThat(model.variables()).extracting(v -> v.shape().length == 2 ? v.shape()[0] + "x" + v.shape()[1] : "" + v.shape()[0])
                .containsExactly("3x4", "4", "4x2", "2");
        assertThat(model.name()).isEqualTo("sequential");
        Layer.resetNames();
        assertThat(new Dense(1).name()).isEqualTo("dense");
    }

    @Test
    void anUnbuiltModelHasNoVariables() {
        Sequential model = new Sequential(new Dense(3), new Dense(1));
        assertThat(model.variables()).isEmpty();
        assertThat(model.built()).isFalse();
    }

    @Test
    void glorotUniformStaysInItsBoundsWithTheRightVariance() {
        Dense dense = new Dense(300, Activation.LINEAR, 500);
        double limit = Math.sqrt(6.0 / 800);
        float[] k = dense.kernel().toFloatArray();
        double sum = 0, sumSq = 0;
        for (float v : k) {
            assertThat((double) v).isBetween(-limit, limit);
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / k.length;
        double variance = sumSq / k.length - mean * mean;
        // 150000 samples: the sample variance is within about 0.5% of 2 / (fanIn + fanOut) = 0.0025
        assertThat(variance).isCloseTo(2.0 / 800, within(0.0025 * 0.02));
        assertThat(mean).isCloseTo(0, within(0.001));
        assertThat(dense.bias().toFloatArray()).containsOnly(0f);
    }

    @Test
    void weightsAreReproducibleFromTheSeedAndDifferBetweenLayers() {
        float[] first = new Dense(4, Activation.LINEAR, 3).kernel().toFloatArray();
        float[] second = new Dense(4, Activation.LINEAR, 3).kernel().toFloatArray();
        assertThat(second).isNotEqualTo(first);
        Layer.resetNames();
        assertThat(new Dense(4, Activation.LINEAR, 3).kernel().toFloatArray()).isEqualTo(first);
        Layer.resetNames();
        Layer.setSeed(7);
        assertThat(new Dense(4, Activation.LINEAR, 3).kernel().toFloatArray()).isNotEqualTo(first);
    }

    @Test
    void denseComputesActivationOfXTimesKernelPlusBias() {
        Dense dense = new Dense(2, Activation.RELU, 3);
        dense.kernel().assign(NDArray.of(new float[][] {{1, -1}, {2, -2}, {3, -3}}));
        dense.bias().assign(NDArray.of(new float[] {0.5f, 1}));
        NDArray y = dense.call(NDArray.of(new float[][] {{1, 1, 1}, {-1, 0, 0}}));
        assertThat(y.toFloatArray()).containsExactly(6.5f, 0f, 0f, 2f);
        // integer inputs are cast to float32, as Keras casts to the layer's dtype
        assertThat(dense.call(NDArray.of(new int[][] {{1, 1, 1}})).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void denseRejectsBadInputsWithKerasWording() {
        Dense dense = new Dense(2, Activation.LINEAR, 3);
        assertThatThrownBy(() -> dense.call(NDArray.zeros(DType.FLOAT32, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input 0 of layer \"dense\" is incompatible with the layer: expected min_ndim=2, found ndim=1. "
                        + "Full shape received: (3,)");
        assertThatThrownBy(() -> dense.call(NDArray.zeros(DType.FLOAT32, 1, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input shape "
                        + "to have value 3, but received input with shape (1, 4)");
    }

    @Test
    void denseAppliesToTheLastAxisOfRank3Inputs() {
        Dense dense = new Dense(2, Activation.LINEAR, 3);
        assertThat(dense.call(NDArray.zeros(DType.FLOAT32, 4, 5, 3)).shape()).containsExactly(4, 5, 2);
    }

    @Test
    void buildRunsOnceBeforeTheFirstCall() {
        class Counting extends Layer {
            int builds;
            Variable w;

            @Override
            protected void build(int[] inputShape) {
                builds++;
                w = addWeight("w", NDArray.ones(DType.FLOAT32, inputShape[inputShape.length - 1]), true);
            }

            @Override
            public NDArray call(NDArray x, boolean training) {
                return x.mul(w);
            }
        }
        Counting c = new Counting();
        c.call(NDArray.ones(DType.FLOAT32, 2, 3));
        c.apply(NDArray.ones(DType.FLOAT32, 2, 3), true);
        assertThat(c.builds).isEqualTo(1);
        assertThat(c.variables()).extracting(Variable::name).containsExactly("counting/w:0");
    }

    @Test
    void snakeCaseFollowsKeras() {
        assertThat(Layer.snakeCase("Dense")).isEqualTo("dense");
        assertThat(Layer.snakeCase("MyLayer")).isEqualTo("my_layer");
        assertThat(Layer.snakeCase("MLPBlock")).isEqualTo("mlp_block");
    }

    @Test
    void activationsMatchTheirFormulas() {
        NDArray x = NDArray.of(new double[][] {{-1, 0, 2}});
        assertThat(Activation.RELU.apply(x).toDoubleArray()).containsExactly(0, 0, 2);
        assertThat(Activation.LINEAR.apply(x)).isSameAs(x);
        assertThat(Activation.TANH.apply(x).getDouble(0, 2)).isCloseTo(Math.tanh(2), within(1e-12));
        assertThat(Activation.SIGMOID.apply(x).getDouble(0, 0)).isCloseTo(1 / (1 + Math.E), within(1e-12));
        assertThat(Activation.SOFTMAX.apply(x).sum().item()).isCloseTo(1, within(1e-12));
    }
}
