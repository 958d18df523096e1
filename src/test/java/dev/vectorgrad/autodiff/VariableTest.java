package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import org.junit.jupiter.api.Test;

class VariableTest {

    @Test
    void assignReplacesTheValueAndEarlierReadsKeepTheOldOne() {
        Variable a = new Variable(NDArray.of(new float[][] {{1, 2}, {3, 4}}));
        NDArray snapshot = a.readValue();
        NDArray view = a.transpose();
        NDArray sum = a.add(1.0);
        a.assign(NDArray.of(new float[][] {{5, 6}, {7, 8}}));
        assertThat(snapshot).isEqualTo(NDArray.of(new float[][] {{1, 2}, {3, 4}}));
        assertThat(view).isEqualTo(NDArray.of(new float[][] {{1, 3}, {2, 4}}));
        assertThat(sum).isEqualTo(NDArray.of(new float[][] {{2, 3}, {4, 5}}));
        assertThat(a.readValue()).isEqualTo(NDArray.of(new float[][] {{5, 6}, {7, 8}}));
        assertThat(a.getFloat(1, 0)).isEqualTo(7f);
    }

    @Test
    void assignAddAndAssignSubReturnTheVariable() {
        Variable v = new Variable(NDArray.of(new double[] {1, 2}));
        assertThat(v.assignAdd(NDArray.of(new double[] {10, 20}))).isSameAs(v);
        assertThat(v.readValue()).isEqualTo(NDArray.of(new double[] {11, 22}));
        assertThat(v.assignSub(NDArray.of(new double[] {1, 2}))).isSameAs(v);
        assertThat(v.readValue()).isEqualTo(NDArray.of(new double[] {10, 20}));
    }

    @Test
    void theInitialValueIsCopied() {
        float[] data = {1, 2};
        NDArray init = NDArray.of(data);
        Variable v = new Variable(init.slice(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1));
        assertThat(v.readValue()).isEqualTo(NDArray.of(new float[] {2, 1}));
        assertThat(v.isContiguous()).isTrue();
    }

    @Test
    void shapeAndDtypeMismatchesNameTheVariableAndBothSides() {
        Variable v = new Variable(NDArray.of(new float[] {1, 2}));
        assertThatThrownBy(() -> v.assign(NDArray.of(new float[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Variable:0'")
                .hasMessageContaining("(2,)")
                .hasMessageContaining("(3,)");
        assertThatThrownBy(() -> v.assignAdd(NDArray.of(new double[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float32")
                .hasMessageContaining("float64");
        assertThatThrownBy(() -> v.assignSub(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesTrainabilityAndPrinting() {
        Variable v = new Variable(NDArray.of(new float[][] {{1, 2}, {3, 4}}));
        assertThat(v.name()).isEqualTo("Variable:0");
        assertThat(v.trainable()).isTrue();
        Variable k = new Variable(NDArray.zeros(DType.FLOAT32, 2), "dense_1/kernel:0", false);
        assertThat(k.name()).isEqualTo("dense_1/kernel:0");
        assertThat(k.trainable()).isFalse();
        assertThat(v.toString()).isEqualTo("<Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\n[[1. 2.]\n [3. 4.]]>");
        assertThat(k.toString()).isEqualTo("<Variable 'dense_1/kernel:0' shape=(2,) dtype=float32, numpy=[0. 0.]>");
    }

    @Test
    void equalityIsIdentityBecauseAVariableIsMutable() {
        Variable a = new Variable(NDArray.of(1f));
        Variable b = new Variable(NDArray.of(1f));
        assertThat(a).isNotEqualTo(b);
        assertThat(a.readValue()).isEqualTo(b.readValue());
        int h = a.hashCode();
        a.assign(NDArray.of(5f));
        assertThat(a.hashCode()).isEqualTo(h);
    }

    @Test
    void assignmentsInsideATapeAreNotRecorded() {
        Variable v = new Variable(NDArray.of(2f));
        try (var tape = new GradientTape()) {
            NDArray y = v.square();
            v.assignSub(y);
            assertThat(v.item()).isEqualTo(-2.0);
            assertThat(tape.gradient(y, v).item()).isEqualTo(4.0);
        }
    }
}
