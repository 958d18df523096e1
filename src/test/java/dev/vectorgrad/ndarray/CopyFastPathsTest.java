package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.TopK;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The typed fast paths of gather, concat, last-axis scans and float top-k against plain oracles: row
 * lengths on both sides of {@link TypedCopy#SHORT_RUN}, every primitive buffer type, int32 indices read in
 * place (with an offset, negative, out of range) beside int64 and strided ones, empty parts and lanes,
 * strided sources. Scans are compared bit for bit with the left-to-right fold in the array's own type.
 */
class CopyFastPathsTest {
    private static final DType[] TYPES = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64, DType.BOOL};
    private static final int[] ROW = {1, 2, 7, 8, 9, 16, 31, 33, 40};

    /** Values start, start + 1, ... (bool: alternating) of {@code shape} in dtype {@code t}, a fresh row-major array. */
    private static NDArray counting(DType t, int start, int... shape) {
        int n = Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = t == DType.BOOL ? (start + i) % 2 : start + i;
        return NDArray.of(v, shape).cast(t);
    }

    /** A random view of the same values: as is, at an offset inside a larger buffer, or transposed twice. */
    private static NDArray someLayout(SplittableRandom rng, NDArray x) {
        return switch (rng.nextInt(3)) {
            case 0 -> x;
            case 1 -> NDArray.concat(List.of(x, x), 0).slice(0, x.shape()[0], 2 * x.shape()[0], 1); // offset, contiguous
            default -> x.rank() < 2 ? x.slice(0, 0, x.shape()[0], 1) : x.transpose().contiguous().transpose();
        };
    }

    @Property(tries = 300)
    void gatherMatchesAnElementOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DType t = TYPES[rng.nextInt(TYPES.length)];
        int rank = rng.nextInt(1, 4);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = rng.nextInt(1, 5);
        shape[rank - 1] = ROW[rng.nextInt(ROW.length)];
        int axis = rng.nextInt(rank);
        NDArray x = someLayout(rng, counting(t, 0, shape));
        int n = shape[axis];
        int m = rng.nextInt(0, 9);
        long[] idx = new long[m];
        for (int j = 0; j < m; j++) idx[j] = rng.nextInt(-n, n);
        NDArray ids = indexArray(rng, idx);

        NDArray g = x.gather(ids, axis);

        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(shape, axis + 1, rank));
        double[] src = x.toDoubleArray();
        double[] expected = new double[outer * m * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int row = (int) (idx[j] < 0 ? idx[j] + n : idx[j]);
                System.arraycopy(src, (o * n + row) * inner, expected, (o * m + j) * inner, inner);
            }
        }
        int[] outShape = shape.clone();
        outShape[axis] = m;
        assertThat(g.dtype()).isEqualTo(t);
        assertThat(g.shape()).isEqualTo(outShape);
        assertThat(g.toDoubleArray()).containsExactly(expected);
    }

    /** {@code idx} as int32 or int64, contiguous, at an offset, or strided (every other element). */
    private static NDArray indexArray(SplittableRandom rng, long[] idx) {
        DType it = rng.nextBoolean() ? DType.INT32 : DType.INT64;
        NDArray plain = NDArray.of(idx).cast(it);
        return switch (rng.nextInt(3)) {
            case 0 -> plain;
            case 1 -> NDArray.concat(List.of(NDArray.of(new long[] {99}).cast(it), plain), 0).slice(0, 1, idx.length + 1, 1);
            default -> NDArray.stack(List.of(plain, plain), 1).reshape(-1).slice(0, 0, 2 * idx.length, 2);
        };
    }

    @Test
    void int32IndicesReadInPlaceAreCheckedAndWrapped() {
        NDArray x = NDArray.of(new float[] {0, 1, 2, 3, 4});
        NDArray ids = NDArray.of(new int[] {9, -1, -5, 4, 0}).slice(0, 1, 5, 1);   // offset 1, the 9 outside the view
        assertThat(ids.isContiguous()).isTrue();
        assertThat(x.gather(ids, 0).toFloatArray()).containsExactly(4, 0, 4, 0);
        assertThatThrownBy(() -> x.gather(NDArray.of(new int[] {0, -6, 5}), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gather: index -6 out of range for axis 0 of size 5");
        assertThatThrownBy(() -> x.gather(NDArray.of(new int[] {3, 7, -9}), 0))
                .hasMessage("gather: index 7 out of range for axis 0 of size 5");
        assertThatThrownBy(() -> NDArray.zeros(DType.FLOAT32, 0, 3).gather(NDArray.of(new int[] {0}), 0))
                .hasMessage("gather: index 0 out of range for axis 0 of size 0");
        assertThat(NDArray.zeros(DType.FLOAT32, 0, 3).gather(NDArray.of(new int[0]), 0).shape()).containsExactly(0, 3);
        NDArray table = counting(DType.FLOAT32, 0, 6, 40);          // rows longer than a short run: arraycopy
        NDArray rows = table.gather(NDArray.of(new int[][] {{5, -6}, {2, 2}}), 0);
        assertThat(rows.shape()).containsExactly(2, 2, 40);
        assertThat(rows.get(0).get(1)).isEqualTo(table.get(0));
        assertThat(rows.get(1).get(0)).isEqualTo(table.get(2));
        assertThat(rows.get(0).get(0)).isEqualTo(table.get(5));
    }

    @Property(tries = 300)
    void concatOfRowMajorPartsMatchesAnElementOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DType t = TYPES[rng.nextInt(TYPES.length)];
        int rank = rng.nextInt(1, 4);
        int axis = rng.nextInt(rank);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = rng.nextInt(1, 4);
        shape[rank - 1] = ROW[rng.nextInt(ROW.length)];
        int count = rng.nextInt(2, 5);
        List<NDArray> parts = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int[] along = new int[count];
        for (int k = 0; k < count; k++) {
            int[] s = shape.clone();
            s[axis] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(1, 4);
            along[k] = s[axis];
            NDArray p = counting(t, 100 * k, s);
            p = rng.nextBoolean() || s[0] == 0 ? p : someLayout(rng, p);
            parts.add(p);
            values.add(p.toDoubleArray());
        }
        NDArray c = NDArray.concat(parts, axis);

        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(shape, axis + 1, rank));
        double[] expected = new double[(int) c.size()];
        for (int o = 0, to = 0; o < outer; o++) {
            for (int k = 0; k < count; k++) {
                int b = along[k] * inner;
                System.arraycopy(values.get(k), o * b, expected, to, b);
                to += b;
            }
        }
        assertThat(c.dtype()).isEqualTo(t);
        assertThat(c.toDoubleArray()).containsExactly(expected);
    }

    @Property(tries = 200)
    void lastAxisScansAreTheLeftToRightFoldBitForBit(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = rng.nextInt(1, 4);
        int n = rng.nextInt(1, 70);
        boolean product = rng.nextBoolean(), exclusive = rng.nextBoolean(), reverse = rng.nextBoolean();
        float[] f = new float[rows * n];
        double[] d = new double[rows * n];
        int[] i32 = new int[rows * n];
        long[] i64 = new long[rows * n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (product ? 0.5 + rng.nextDouble() : rng.nextDouble(-1e3, 1e3));
            d[i] = product ? 0.5 + rng.nextDouble() : rng.nextDouble(-1e3, 1e3);
            i32[i] = rng.nextInt();                       // sums and products that wrap
            i64[i] = rng.nextLong();
        }
        NDArray xf = NDArray.of(f, rows, n), xd = NDArray.of(d, rows, n);
        NDArray xi = NDArray.of(i32, rows, n), xl = NDArray.of(i64, rows, n);
        if (rng.nextBoolean()) {   // strided lanes: the scan copies them to row-major first
            xf = xf.transpose().contiguous().transpose();
            xd = xd.transpose().contiguous().transpose();
        }
        float[] ef = f.clone();
        double[] ed = d.clone();
        int[] ei = i32.clone();
        long[] el = i64.clone();
        for (int r = 0; r < rows; r++) {
            for (int s = 1; s < n; s++) {
                int at = r * n + (reverse ? n - 1 - s : s);
                int prev = reverse ? at + 1 : at - 1;
                ef[at] = product ? ef[prev] * ef[at] : ef[prev] + ef[at];
                ed[at] = product ? ed[prev] * ed[at] : ed[prev] + ed[at];
                ei[at] = product ? ei[prev] * ei[at] : ei[prev] + ei[at];
                el[at] = product ? el[prev] * el[at] : el[prev] + el[at];
            }
        }
        if (exclusive) {
            ef = shift(NDArray.of(ef, rows, n), reverse, product).toFloatArray();
            ed = shift(NDArray.of(ed, rows, n), reverse, product).toDoubleArray();
            ei = shift(NDArray.of(ei, rows, n), reverse, product).toIntArray();
            el = shift(NDArray.of(el, rows, n), reverse, product).toLongArray();
        }
        assertThat(scan(xf, product, exclusive, reverse).toFloatArray()).containsExactly(ef);
        assertThat(scan(xd, product, exclusive, reverse).toDoubleArray()).containsExactly(ed);
        assertThat(scan(xi, product, exclusive, reverse).toIntArray()).containsExactly(ei);
        assertThat(scan(xl, product, exclusive, reverse).toLongArray()).containsExactly(el);
    }

    private static NDArray scan(NDArray x, boolean product, boolean exclusive, boolean reverse) {
        return product ? x.cumprod(-1, exclusive, reverse) : x.cumsum(-1, exclusive, reverse);
    }

    /** The inclusive scan moved one place along the last axis, the identity in the vacated place. */
    private static NDArray shift(NDArray inclusive, boolean reverse, boolean product) {
        int n = inclusive.shape()[1];
        int rows = inclusive.shape()[0];
        NDArray id = product ? NDArray.ones(inclusive.dtype(), rows, 1) : NDArray.zeros(inclusive.dtype(), rows, 1);
        NDArray kept = reverse ? inclusive.slice(1, 1, n, 1) : inclusive.slice(1, 0, n - 1, 1);
        return NDArray.concat(reverse ? List.of(kept, id) : List.of(id, kept), 1);
    }

    @Property(tries = 200)
    void floatTopKIsTheHeadOfTheStableDescendingSort(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = rng.nextInt(1, 4);
        int n = rng.nextInt(1, 600);
        double[] v = new double[rows * n];
        for (int i = 0; i < v.length; i++) {
            int r = rng.nextInt(40);
            v[i] = r == 0 ? Double.NaN : r == 1 ? -0.0 : r == 2 ? 0.0 : r == 3 ? Double.NEGATIVE_INFINITY : rng.nextInt(30);
        }
        DType t = rng.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64;
        NDArray x = NDArray.of(v, rows, n).cast(t);
        if (rng.nextBoolean()) {   // lanes with a stride of `rows`
            x = NDArray.of(v, n, rows).cast(t).transpose();
        }
        int k = rng.nextInt(4) == 0 ? rng.nextInt(0, n + 1) : rng.nextInt(1, Math.max(2, Math.min(65, n / 8)));
        k = Math.min(k, n);
        NDArray full = x.argsort(-1, true);
        TopK top = x.topK(k);
        assertThat(top.indices()).isEqualTo(full.slice(1, 0, k, 1));
        assertThat(top.values().toDoubleArray()).containsExactly(x.sort(-1, true).slice(1, 0, k, 1).toDoubleArray());
    }
}
