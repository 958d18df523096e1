package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The copying ops (concat, stack, gather) on the STRING and complex buffers, which are not primitive arrays. */
class MoreDtypesManipulationTest {

    @Test
    void stringsConcatStackAndGather() {
        NDArray a = NDArray.of(new String[] {"a", "bb"}, 2);
        NDArray b = NDArray.of(new String[] {"ccc"}, 1);
        assertThat(NDArray.concat(List.of(a, b), 0).toStringArray()).containsExactly("a", "bb", "ccc");
        NDArray s = NDArray.stack(List.of(a, a), 0);
        assertThat(s.shape()).containsExactly(2, 2);
        assertThat(s.toStringArray()).containsExactly("a", "bb", "a", "bb");
        assertThat(a.gather(NDArray.of(new int[] {1, 1, 0}), 0).toStringArray()).containsExactly("bb", "bb", "a");
    }

    @Test
    void complexConcatAndGatherKeepBothParts() {
        NDArray z = NDArray.ofComplex(new float[] {1, 2, 3}, new float[] {-1, -2, -3}, 3);
        NDArray c = NDArray.concat(List.of(z, z.slice(0, 2, 0, -1)), 0);
        assertThat(c.real().toFloatArray()).containsExactly(1, 2, 3, 3, 2);
        assertThat(c.imag().toFloatArray()).containsExactly(-1, -2, -3, -3, -2);
        NDArray g = z.gather(NDArray.of(new int[] {2, 0}), 0);
        assertThat(g.getComplex(0)).isEqualTo(new Complex(3, -3));
        assertThat(g.getComplex(1)).isEqualTo(new Complex(1, -1));
    }
}
