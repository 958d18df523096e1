package dev.vectorgrad.ndarray;

import static dev.vectorgrad.ndarray.NDArrayPropertiesTest.randomBase;
import static dev.vectorgrad.ndarray.NDArrayPropertiesTest.randomShape;
import static dev.vectorgrad.ndarray.NDArrayPropertiesTest.randomView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.PadMode;
import dev.vectorgrad.ndarray.NDArrayPropertiesTest.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The copying ops on random views (permuted, step-sliced, negative steps, broadcast; ranks 0-4, sizes
 * 0-7) against an oracle that maps each output index to the input index it reads, over the row-major
 * values of {@link RefArray}. This is where strided and offset inputs meet the arraycopy runs.
 */
class ManipulationPropertiesTest {

    /** The expected values of an {@code outShape} array whose element at {@code i} is {@code x[src(i)]}, or {@code fill} where src is null. */
    private static double[] oracle(RefArray x, int[] outShape, Function<int[], int[]> src, double fill) {
        int n = Shapes.size(outShape);
        double[] out = new double[n];
        int[] strides = Shapes.rowMajorStrides(x.shape());
        int[] idx = new int[outShape.length];
        for (int i = 0; i < n; i++) {
            int[] s = src.apply(idx.clone());
            if (s == null) {
                out[i] = fill;
            } else {
                int f = 0;
                for (int d = 0; d < s.length; d++) f += s[d] * strides[d];
                out[i] = x.values()[f];
            }
            RefArray.increment(idx, outShape);
        }
        return out;
    }

    @Property(tries = 300)
    void splitThenConcatGivesTheArrayBack(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair p = randomView(rng, randomBase(rng, DType.FLOAT32, randomShape(rng)));
        int rank = p.ref().shape().length;
        if (rank == 0) {
            return;
        }
        int axis = rng.nextInt(rank);
        int n = p.ref().shape()[axis];
        List<Integer> sizes = new ArrayList<>();
        for (int left = n; left > 0; ) {
            int s = rng.nextInt(0, left + 1);
            sizes.add(s);
            left -= s;
        }
        sizes.add(0);
        List<NDArray> parts = p.nd().split(sizes.stream().mapToInt(Integer::intValue).toArray(), axis - rank);
        NDArray back = NDArray.concat(parts, axis);
        assertThat(back.shape()).isEqualTo(p.ref().shape());
        assertThat(back.toDoubleArray()).containsExactly(p.ref().values());
    }

    @Property(tries = 300)
    void concatOfViewsMatchesTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair a = randomView(rng, randomBase(rng, DType.FLOAT64, randomShape(rng)));
        int[] s = a.ref().shape();
        if (s.length == 0) {
            return;
        }
        int axis = rng.nextInt(s.length);
        int[] bs = s.clone();
        bs[axis] = rng.nextInt(0, 5);
        Pair b = randomView(rng, randomBase(rng, DType.FLOAT64, bs), false);
        NDArray c = NDArray.concat(List.of(a.nd(), b.nd()), axis);
        int[] out = s.clone();
        out[axis] += bs[axis];
        double[] av = oracle(a.ref(), out, i -> i[axis] < s[axis] ? i : null, Double.NaN);
        double[] bv = oracle(b.ref(), out, i -> {
            if (i[axis] < s[axis]) return null;
            i[axis] -= s[axis];
            return i;
        }, Double.NaN);
        for (int k = 0; k < av.length; k++) if (Double.isNaN(av[k])) av[k] = bv[k];
        assertThat(c.shape()).isEqualTo(out);
        assertThat(c.toDoubleArray()).containsExactly(av);
    }

    @Property(tries = 300)
    void gatherOfViewsMatchesTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair p = randomView(rng, randomBase(rng, DType.INT32, randomShape(rng)));
        int[] s = p.ref().shape();
        if (s.length == 0 || s[0] == 0) {
            return;
        }
        int axis = rng.nextInt(s.length);
        if (s[axis] == 0) {
            return;
        }
        int m = rng.nextInt(0, 6);
        long[] idx = new long[m];
        for (int i = 0; i < m; i++) idx[i] = rng.nextInt(-s[axis], s[axis]);
        NDArray g = p.nd().gather(NDArray.of(idx), axis);
        int[] out = s.clone();
        out[axis] = m;
        double[] expected = oracle(p.ref(), out, i -> {
            long j = idx[i[axis]];
            i[axis] = (int) (j < 0 ? j + s[axis] : j);
            return i;
        }, 0);
        assertThat(g.dtype()).isEqualTo(DType.INT32);
        assertThat(g.shape()).isEqualTo(out);
        assertThat(g.toDoubleArray()).containsExactly(expected);
    }

    @Property(tries = 300)
    void padAndTileOfViewsMatchTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair p = randomView(rng, randomBase(rng, DType.FLOAT32, randomShape(rng)));
        int[] s = p.ref().shape();
        int[][] pads = new int[s.length][];
        int[] out = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            pads[d] = new int[] {rng.nextInt(0, 3), rng.nextInt(0, 3)};
            out[d] = s[d] + pads[d][0] + pads[d][1];
        }
        NDArray padded = p.nd().pad(pads, PadMode.CONSTANT, -7);
        double[] expected = oracle(p.ref(), out, i -> {
            for (int d = 0; d < i.length; d++) {
                i[d] -= pads[d][0];
                if (i[d] < 0 || i[d] >= s[d]) return null;
            }
            return i;
        }, -7);
        assertThat(padded.shape()).isEqualTo(out);
        assertThat(padded.toDoubleArray()).containsExactly(expected);

        for (PadMode mode : new PadMode[] {PadMode.REFLECT, PadMode.SYMMETRIC}) {
            int edge = mode == PadMode.REFLECT ? 1 : 0;
            int[][] mp = new int[s.length][];
            int[] mo = new int[s.length];
            for (int d = 0; d < s.length; d++) {
                int max = Math.max(0, s[d] - edge);
                mp[d] = new int[] {rng.nextInt(0, max + 1), rng.nextInt(0, max + 1)};
                mo[d] = s[d] + mp[d][0] + mp[d][1];
            }
            NDArray mirrored = p.nd().pad(mp, mode, 0);
            double[] me = oracle(p.ref(), mo, i -> {
                for (int d = 0; d < i.length; d++) {
                    int j = i[d] - mp[d][0];
                    i[d] = j < 0 ? -j - 1 + edge : j >= s[d] ? 2 * s[d] - 1 - edge - j : j;
                }
                return i;
            }, 0);
            assertThat(mirrored.shape()).as("%s", mode).isEqualTo(mo);
            assertThat(mirrored.toDoubleArray()).as("%s of %s by %s", mode, java.util.Arrays.toString(s),
                    java.util.Arrays.deepToString(mp)).containsExactly(me);
        }

        int[] reps = new int[s.length];
        int[] tiled = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            reps[d] = rng.nextInt(0, 4);
            tiled[d] = reps[d] * s[d];
        }
        NDArray t = p.nd().tile(reps);
        double[] te = oracle(p.ref(), tiled, i -> {
            for (int d = 0; d < i.length; d++) i[d] %= s[d];
            return i;
        }, 0);
        assertThat(t.shape()).isEqualTo(tiled);
        assertThat(t.toDoubleArray()).containsExactly(te);
    }
}
