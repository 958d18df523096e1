package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.autodiff.GradientTape;
import dev.vectorgrad.autodiff.Variable;
import org.junit.jupiter.api.Test;

/** STRING arrays: creation, views, equality, selection, TensorFlow's printing, and clear refusals. */
class StringDtypeTest {

    private final NDArray words = NDArray.of(new String[] {"ant", "bee", "cat", "dog", "eel", "fox"}, 2, 3);

    @Test
    void createsAndReadsText() {
        assertThat(NDArray.of("Hello").rank()).isZero();
        assertThat(NDArray.of("Hello").getString()).isEqualTo("Hello");
        assertThat(NDArray.of("a", "b").shape()).containsExactly(2);
        assertThat(words.dtype()).isEqualTo(DType.STRING);
        assertThat(words.getString(1, -1)).isEqualTo("fox");
        assertThat(words.toStringArray()).containsExactly("ant", "bee", "cat", "dog", "eel", "fox");
        assertThat(NDArray.zeros(DType.STRING, 2).toStringArray()).containsExactly("", "");
    }

    @Test
    void everyViewOpWorks() {
        assertThat(words.transpose().toStringArray()).containsExactly("ant", "dog", "bee", "eel", "cat", "fox");
        assertThat(words.reshape(3, 2).getString(2, 0)).isEqualTo("eel");
        assertThat(words.slice(1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1).toStringArray())
                .containsExactly("cat", "bee", "ant", "fox", "eel", "dog");
        assertThat(words.get(1).getString(0)).isEqualTo("dog");
        assertThat(words.expandDims(0).shape()).containsExactly(1, 2, 3);
        assertThat(words.expandDims(0).squeeze(0).equals(words)).isTrue();
        assertThat(words.get(0).broadcastTo(2, 3).getString(1, 2)).isEqualTo("cat");
        assertThat(words.transpose().contiguous().isContiguous()).isTrue();
        assertThat(words.transpose().reshape(6).getString(1)).isEqualTo("dog"); // a copy: strides cannot express it
        assertThat(NDArray.sliceScatter(words, NDArray.of("owl"), 1, 0, 1, 1).toStringArray())
                .containsExactly("owl", "bee", "cat", "owl", "eel", "fox");
    }

    @Test
    void equalityAndSelectionBroadcast() {
        NDArray isBee = words.eq(NDArray.of("bee"));
        assertThat(isBee.toBooleanArray()).containsExactly(false, true, false, false, false, false);
        assertThat(words.ne(words.transpose().transpose()).toBooleanArray()).containsOnly(false);
        NDArray picked = NDArray.where(NDArray.of(new boolean[] {true, false, true}), words, NDArray.of("-"));
        assertThat(picked.toStringArray()).containsExactly("ant", "-", "cat", "dog", "-", "fox");
        assertThat(NDArray.of("é").eq(NDArray.of("e\u0301")).getBoolean()).isFalse(); // bytes, not normalised text
    }

    @Test
    void printsAsTensorFlowDoes() {
        assertThat(NDArray.of("Hello")).hasToString("NDArray(b'Hello', shape=(), dtype=string)");
        assertThat(words).hasToString("NDArray(\n[[b'ant' b'bee' b'cat']\n [b'dog' b'eel' b'fox']], shape=(2, 3), dtype=string)");
        assertThat(new Variable(NDArray.of("Elephant")))
                .hasToString("<Variable 'Variable:0' shape=() dtype=string, numpy=b'Elephant'>");
    }

    @Test
    void aVariableOfTextHoldsAndReplacesItsValue() {
        Variable v = new Variable(NDArray.of("Elephant"));
        assertThat(v.dtype()).isEqualTo(DType.STRING);
        assertThat(v.getString()).isEqualTo("Elephant");
        v.assign(NDArray.of("Mouse"));
        assertThat(v.getString()).isEqualTo("Mouse");
        assertThat(v.readValue().getString()).isEqualTo("Mouse");
        try (GradientTape tape = new GradientTape()) {
            NDArray same = v.readValue().eq(NDArray.of("Mouse"));
            assertThat(same.getBoolean()).isTrue();
        }
        assertThatThrownBy(() -> v.assign(NDArray.of(1f))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arithmeticAndCastsNameTheOpAndTheDtype() {
        NDArray s = NDArray.of("a");
        assertThatThrownBy(() -> s.add(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("add: not supported for dtype string");
        assertThatThrownBy(() -> s.mul(2.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mul: not supported for dtype string");
        assertThatThrownBy(() -> s.add(3L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("add: not supported for dtype string");
        assertThatThrownBy(s::exp).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("exp: not supported for dtype string");
        assertThatThrownBy(s::sum).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sum: not supported for dtype string");
        assertThatThrownBy(s::mean).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mean: not supported for dtype string");
        assertThatThrownBy(() -> s.matmul(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matmul: not supported for dtype string");
        assertThatThrownBy(() -> s.lt(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lt: not supported for dtype string");
        assertThatThrownBy(() -> s.eq(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eq: cannot compare dtypes string and float32");
        assertThatThrownBy(() -> s.cast(DType.FLOAT32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cast: string cannot be cast to float32");
        assertThatThrownBy(() -> NDArray.of(1f).cast(DType.STRING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cast: float32 cannot be cast to string");
        assertThatThrownBy(() -> s.getFloat()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cast: string cannot be converted to float32");
        assertThatThrownBy(() -> NDArray.full(DType.STRING, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("full: dtype string cannot hold the number 1.0");
        assertThatThrownBy(() -> NDArray.of("a", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("of: string element 1 is null");
        assertThatThrownBy(() -> NDArray.where(NDArray.of(true), s, NDArray.of(1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("where: cannot select between dtypes string and float32");
        assertThatThrownBy(() -> NDArray.of(1f).getString()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("getString: the array has dtype float32, not string");
    }

    @Test
    void aShuffledDatasetKeepsTextAndComplexLabelsTogether() {
        NDArray text = NDArray.of("zero", "one", "two", "three", "four");
        NDArray labels = NDArray.ofComplex(new double[] {0, 1, 2, 3, 4}, new double[] {0, -1, -2, -3, -4}, 5);
        int seen = 0;
        for (dev.vectorgrad.data.Dataset.Batch b : dev.vectorgrad.data.Dataset.of(text, labels).shuffle(7).batch(2)) {
            for (int i = 0; i < b.x().shape()[0]; i++) {
                int k = java.util.List.of("zero", "one", "two", "three", "four").indexOf(b.x().getString(i));
                assertThat(b.y().getComplex(i)).isEqualTo(Complex.of(k, -k));
                seen++;
            }
        }
        assertThat(seen).isEqualTo(5);
    }

    @Test
    void equalsAndHashCodeCompareText() {
        assertThat(words.equals(NDArray.of(new String[] {"ant", "bee", "cat", "dog", "eel", "fox"}, 2, 3))).isTrue();
        assertThat(words.hashCode()).isEqualTo(words.transpose().transpose().hashCode());
        assertThat(words.equals(words.reshape(3, 2))).isFalse();
    }
}
