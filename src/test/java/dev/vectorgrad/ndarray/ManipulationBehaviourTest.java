package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.PadMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fixtures cannot show: which results are views of their input, and the messages bad input gets. */
class ManipulationBehaviourTest {
    private static final NDArray X = NDArray.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);

    private static boolean sharesBuffer(NDArray a, NDArray b) {
        return NDArrayAccess.view(a).data() == NDArrayAccess.view(b).data();
    }

    @Test
    void splitUnstackAndTilesOfSizeOneAxesAreViews() {
        for (NDArray part : X.split(2, 1)) {
            assertThat(sharesBuffer(part, X)).isTrue();
        }
        for (NDArray part : X.split(new int[] {1, -1}, 0)) {
            assertThat(sharesBuffer(part, X)).isTrue();
        }
        for (NDArray row : X.unstack(-1)) {
            assertThat(sharesBuffer(row, X)).isTrue();
        }
        NDArray row = X.slice(0, 1, 2, 1);
        NDArray tiled = row.tile(5, 1);
        assertThat(sharesBuffer(tiled, X)).isTrue();
        assertThat(tiled.shape()).containsExactly(5, 4);
        assertThat(tiled.get(4)).isEqualTo(X.get(1));
        assertThat(X.tile(1, 1)).isSameAs(X);
        assertThat(sharesBuffer(row.repeat(3, 0), X)).isTrue();
        assertThat(sharesBuffer(X.tile(2, 1), X)).isFalse(); // a real repetition is a copy
    }

    @Test
    void concatAndStackCopyOnceIntoAFreshBuffer() {
        NDArray c = NDArray.concat(List.of(X, X.slice(1, 0, 2, 1)), 1);
        assertThat(sharesBuffer(c, X)).isFalse();
        assertThat(c.isContiguous()).isTrue();
        assertThat(c.getFloat(2, 5)).isEqualTo(9f);
        assertThat(NDArray.stack(List.of(X.get(0), X.get(2)), 0)).isEqualTo(X.slice(0, 0, 3, 2));
    }

    @Test
    void badInputNamesTheOpAndWhatWasWrong() {
        assertThatThrownBy(() -> NDArray.of(new float[] {1, 2, 3, 4, 5}).gather(NDArray.of(new int[] {1, 7}), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gather: index 7 out of range for axis 0 of size 5");
        assertThatThrownBy(() -> X.gather(NDArray.of(-5), 1))
                .hasMessage("gather: index -5 out of range for axis 1 of size 4");
        assertThatThrownBy(() -> X.gather(NDArray.of(new float[] {1}), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gather: indices must be int32 or int64, got float32");
        assertThatThrownBy(() -> NDArray.concat(List.of(X, NDArray.zeros(DType.FLOAT32, 2, 3)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concat").hasMessageContaining("(3, 4)").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> NDArray.concat(List.of(), 0)).hasMessage("concat: needs at least one array");
        assertThatThrownBy(() -> NDArray.concat(List.of(X), 2))
                .hasMessage("concat: axis 2 is out of range for an array of rank 2");
        assertThatThrownBy(() -> NDArray.stack(List.of(X, X.get(0)), 0))
                .hasMessage("stack: array 0 has shape (3, 4) but array 1 has shape (4,)");
        assertThatThrownBy(() -> X.split(3, 1))
                .hasMessage("split: axis 1 of shape (3, 4) cannot be split into 3 equal parts");
        assertThatThrownBy(() -> X.split(new int[] {1, 1}, 0))
                .hasMessage("split: sizes [1, 1] do not add up to size 3 of axis 0 of shape (3, 4)");
        assertThatThrownBy(() -> X.pad(new int[][] {{3, 0}, {0, 0}}, PadMode.REFLECT, 0))
                .hasMessage("pad: REFLECT padding [3, 0] on axis 0 of shape (3, 4) must be at most 2 on each side");
        assertThatThrownBy(() -> X.pad(new int[][] {{1, 0}}))
                .hasMessageStartingWith("pad: paddings must have one [before, after] pair per axis of shape (3, 4)");
        assertThatThrownBy(() -> X.gatherNd(NDArray.of(new int[][] {{0, 4}})))
                .hasMessage("gatherNd: index 4 out of range for axis 1 of size 4");
        assertThatThrownBy(() -> X.gatherNd(NDArray.of(new int[][] {{0, 1, 1}})))
                .hasMessageContaining("gatherNd").hasMessageContaining("(1, 3)").hasMessageContaining("(3, 4)");
        assertThatThrownBy(() -> NDArray.scatterNd(NDArray.of(new int[][] {{1}}), NDArray.of(new float[] {1, 2}), 4))
                .hasMessage("scatterNd: updates of shape (2,) must have shape (1,) for indices of shape (1, 1)"
                        + " and output shape (4,)");
        assertThatThrownBy(() -> X.booleanMask(NDArray.of(new boolean[] {true, false})))
                .hasMessage("booleanMask: mask of shape (2,) must match the leading axes of shape (3, 4)");
        assertThatThrownBy(() -> X.takeAlongAxis(NDArray.of(new int[] {0}), 0))
                .hasMessageContaining("takeAlongAxis").hasMessageContaining("(1,)");
        assertThatThrownBy(() -> NDArray.unsortedSegmentSum(X, NDArray.of(new int[] {0, -1, 1}), 2))
                .hasMessage("unsortedSegmentSum: segment id -1 out of range [0, 2)");
        assertThatThrownBy(() -> X.tril(0).get(0).tril(0)).hasMessage("tril: needs rank >= 2, got shape (4,)");
        assertThatThrownBy(() -> NDArray.linspace(DType.FLOAT32, 0, 1, -1)).hasMessageContaining("linspace");
        assertThatThrownBy(() -> NDArray.einsum("ij,jk->ik", X, X))
                .hasMessage("einsum: label 'j' has size 4 in one operand and 3 in operand 1 of 'ij,jk->ik'");
        assertThatThrownBy(() -> NDArray.einsum("ij->ik", X)).hasMessage("einsum: output label 'k' appears in no input of 'ij->ik'");
        assertThatThrownBy(() -> NDArray.einsum("ijk", X))
                .hasMessage("einsum: operand 0 has shape (3, 4) (rank 2) but its term 'ijk' has 3 labels");
        assertThatThrownBy(() -> NDArray.einsum("i1", X)).hasMessageContaining("invalid character '1'");
    }

    @Test
    void oneHotEyeAndLikes() {
        assertThat(NDArray.oneHot(NDArray.of(new int[] {2, -1}), 3))
                .isEqualTo(NDArray.of(new float[] {0, 0, 1, 0, 0, 0}, 2, 3));
        assertThat(NDArray.eye(DType.FLOAT64, 2)).isEqualTo(NDArray.of(new double[] {1, 0, 0, 1}, 2, 2));
        assertThat(NDArray.zerosLike(X)).isEqualTo(NDArray.zeros(DType.FLOAT32, 3, 4));
        assertThat(NDArray.onesLike(NDArray.of(new int[] {4, 5}))).isEqualTo(NDArray.of(new int[] {1, 1}));
        assertThat(NDArray.of(new boolean[] {true, false, true}).argWhere())
                .isEqualTo(NDArray.of(new long[] {0, 2}, 2, 1));
    }
}
