package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every view and op on random shapes (rank 0-4, sizes 0-7), random permutations, step slices
 * (negative steps too), expandDims and broadcasts, against {@link RefArray}, an oracle that walks
 * indices with the offset formula on the raw buffer. Values are small integers (and halves), so
 * sums and products are exact and results can be compared bit for bit.
 */
class NDArrayPropertiesTest {

    @Property(tries = 400)
    void viewsMatchTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair p = randomView(rng, randomBase(rng, DType.FLOAT64, randomShape(rng)));
        assertThat(p.nd.shape()).isEqualTo(p.ref.shape());
        assertThat(RefArray.rawWalk(p.nd)).containsExactly(p.ref.values());
        assertThat(p.nd.toDoubleArray()).containsExactly(p.ref.values());
        NDArray dense = p.nd.contiguous();
        assertThat(dense.isContiguous()).isTrue();
        assertThat(dense.toDoubleArray()).containsExactly(p.ref.values());
    }

    @Property(tries = 300)
    void reshapeOfAnyViewKeepsRowMajorOrder(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair p = randomView(rng, randomBase(rng, DType.FLOAT32, randomShape(rng)));
        int[] target = randomReshape(rng, p.ref.shape());
        NDArray r = p.nd.reshape(target);
        assertThat(r.shape()).isEqualTo(target);
        assertThat(r.toDoubleArray()).containsExactly(p.ref.values());
        NDArray flat = p.nd.reshape(-1);
        assertThat(flat.toDoubleArray()).containsExactly(p.ref.values());
    }

    @Property(tries = 400)
    void binaryOpsBroadcastLikeTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DType t = rng.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
        int[] shape = randomShape(rng);
        Pair a = randomView(rng, randomBase(rng, t, shape));
        int[] bShape = broadcastPartner(rng, a.ref.shape());
        Pair b = randomView(rng, randomBase(rng, t, bShape), false);
        check(a.nd.add(b.nd), RefArray.binary(a.ref, b.ref, Double::sum));
        check(a.nd.sub(b.nd), RefArray.binary(a.ref, b.ref, (x, y) -> x - y));
        check(a.nd.mul(b.nd), RefArray.binary(a.ref, b.ref, (x, y) -> x * y));
        check(a.nd.maximum(b.nd), RefArray.binary(a.ref, b.ref, Math::max));
        check(a.nd.minimum(b.nd), RefArray.binary(a.ref, b.ref, Math::min));
        check(b.nd.sub(a.nd), RefArray.binary(b.ref, a.ref, (x, y) -> x - y));
        DoubleBinaryOperator div = t == DType.FLOAT32 ? (x, y) -> (float) x / (float) y : (x, y) -> x / y;
        check(a.nd.div(b.nd), RefArray.binary(a.ref, b.ref, div));
        check(a.nd.gt(b.nd), RefArray.binary(a.ref, b.ref, (x, y) -> x > y ? 1 : 0));
        check(a.nd.eq(b.nd), RefArray.binary(a.ref, b.ref, (x, y) -> x == y ? 1 : 0));
        check(a.nd.add(2.5), RefArray.binary(a.ref, new RefArray(new double[] {2.5}, new int[0]), Double::sum));
        NDArray cond = a.nd.gt(0.0);
        NDArray w = NDArray.where(cond, a.nd, b.nd);
        check(w, RefArray.binary(a.ref, b.ref, (x, y) -> x > 0 ? x : y));
    }

    @Property(tries = 300)
    void mixedTypesPromoteAndConvertPerRun(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shape = randomShape(rng);
        Pair a = randomView(rng, randomBase(rng, DType.INT32, shape));
        Pair b = randomView(rng, randomBase(rng, DType.FLOAT32, broadcastPartner(rng, a.ref.shape())), false);
        NDArray s = a.nd.add(b.nd);
        assertThat(s.dtype()).isEqualTo(DType.FLOAT32);
        check(s, RefArray.binary(a.ref, b.ref, Double::sum));
        NDArray l = a.nd.cast(DType.INT64).mul(a.nd);
        assertThat(l.dtype()).isEqualTo(DType.INT64);
        check(l, RefArray.binary(a.ref, a.ref, (x, y) -> x * y));
    }

    @Property(tries = 300)
    void unaryOpsMatchTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair a = randomView(rng, randomBase(rng, DType.FLOAT64, randomShape(rng)));
        check(a.nd.neg(), a.ref, x -> -x, 0);
        check(a.nd.abs(), a.ref, Math::abs, 0);
        check(a.nd.square(), a.ref, x -> x * x, 0);
        check(a.nd.relu(), a.ref, x -> Math.max(x, 0), 0);
        check(a.nd.sign(), a.ref, Math::signum, 0);
        check(a.nd.exp(), a.ref, Math::exp, 1e-14);
        check(a.nd.tanh(), a.ref, Math::tanh, 1e-14);
        check(a.nd.sigmoid(), a.ref, x -> 1 / (1 + Math.exp(-x)), 1e-14);
        check(a.nd.abs().sqrt(), a.ref, x -> Math.sqrt(Math.abs(x)), 0);
    }

    @Property(tries = 400)
    void reductionsOverAnyAxesMatchTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair a = randomView(rng, randomBase(rng, rng.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64, randomShape(rng)));
        int rank = a.ref.shape().length;
        int[] axes = java.util.stream.IntStream.range(0, rank).filter(i -> rng.nextBoolean()).toArray();
        boolean keep = rng.nextBoolean();
        int[] forAll = axes.length == 0 ? java.util.stream.IntStream.range(0, rank).toArray() : axes;
        RefArray expected = a.ref.sum(forAll, keep);
        check(a.nd.sum(keep, axes), expected);
        if (a.ref.size() > 0) {
            long count = 1;
            for (int ax : forAll) count *= a.ref.shape()[ax];
            double c = count;
            NDArray mean = a.nd.mean(keep, axes);
            assertThat(mean.shape()).isEqualTo(expected.shape());
            double[] m = mean.toDoubleArray();
            for (int i = 0; i < m.length; i++) {
                assertThat(m[i]).isCloseTo(expected.values()[i] / c, org.assertj.core.data.Offset.offset(1e-5));
            }
            check(a.nd.max(keep, axes), a.ref.reduce(forAll, keep, Double.NEGATIVE_INFINITY, Math::max));
            check(a.nd.min(keep, axes), a.ref.reduce(forAll, keep, Double.POSITIVE_INFINITY, Math::min));
            if (count <= 6 && a.nd.dtype() == DType.FLOAT64) { // small products stay exact in double
                check(a.nd.prod(keep, axes), a.ref.reduce(forAll, keep, 1, (x, y) -> x * y));
            }
        }
    }

    @Property(tries = 300)
    void laneOpsAlongAnyAxisMatchTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Pair a = randomView(rng, randomBase(rng, DType.FLOAT64, randomShape(rng)));
        int rank = a.ref.shape().length;
        if (rank == 0 || a.ref.size() == 0) {
            return;
        }
        int axis = rng.nextInt(rank);
        int[] ax = {axis};
        RefArray max = a.ref.reduce(ax, true, Double.NEGATIVE_INFINITY, Math::max);
        RefArray shifted = RefArray.binary(a.ref, max, (x, m) -> Math.exp(x - m));
        RefArray lse = RefArray.binary(max, shifted.sum(ax, true), (m, z) -> m + Math.log(z));
        RefArray softmax = RefArray.binary(a.ref, lse, (x, l) -> Math.exp(x - l));
        checkClose(a.nd.logSumExp(axis, true), lse, 1e-12);
        checkClose(a.nd.logSumExp(axis - rank, false), lse.reshape(Shapes.reducedShape(a.ref.shape(), ax, false)), 1e-12);
        checkClose(a.nd.softmax(axis), softmax, 1e-12);
        checkClose(a.nd.logSoftmax(axis), RefArray.binary(a.ref, lse, (x, l) -> x - l), 1e-12);
        // argMax: the first index along the axis holding the lane's maximum
        NDArray arg = a.nd.argMax(axis);
        assertThat(arg.dtype()).isEqualTo(DType.INT64);
        long[] got = arg.toLongArray();
        int[] outShape = Shapes.reducedShape(a.ref.shape(), ax, false);
        int[] idx = new int[outShape.length];
        for (long g : got) {
            int[] full = new int[rank];
            for (int k = 0, j = 0; k < rank; k++) full[k] = k == axis ? 0 : idx[j++];
            int best = 0;
            for (int i = 0; i < a.ref.shape()[axis]; i++) {
                full[axis] = i;
                double v = a.ref.at(full);
                full[axis] = best;
                if (v > a.ref.at(full)) best = i;
            }
            assertThat(g).isEqualTo(best);
            RefArray.increment(idx, outShape);
        }
    }

    @Property(tries = 200)
    void matmulOfTransposedAndBroadcastBatchesMatchesTheOracle(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DType t = rng.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
        int m = rng.nextInt(0, 6), k = rng.nextInt(0, 6), n = rng.nextInt(0, 6), batch = rng.nextInt(1, 4);
        // a is stored as (batch, k, m) and viewed transposed; b is one matrix broadcast over the batch
        NDArray aStore = randomBase(rng, t, new int[] {batch, k, m}).nd;
        NDArray a = aStore.transpose(0, 2, 1);
        NDArray b = randomBase(rng, t, new int[] {k, n}).nd;
        NDArray c = a.matmul(b);
        assertThat(c.shape()).containsExactly(batch, m, n);
        for (int q = 0; q < batch; q++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a.getDouble(q, i, p) * b.getDouble(p, j);
                    assertThat(c.getDouble(q, i, j)).isEqualTo(s);
                }
        if (k > 0) {
            NDArray v = randomBase(rng, t, new int[] {k}).nd;
            assertThat(b.transpose().matmul(v).shape()).containsExactly(n);
            assertThat(v.matmul(b).shape()).containsExactly(n);
            double dot = 0;
            for (int p = 0; p < k; p++) dot += v.getDouble(p) * v.getDouble(p);
            assertThat(v.matmul(v).item()).isEqualTo(dot);
        }
    }

    // ---------------------------------------------------------------------------------------

    record Pair(NDArray nd, RefArray ref) {}

    static int[] randomShape(SplittableRandom rng) {
        int[] s = new int[rng.nextInt(0, 5)];
        for (int i = 0; i < s.length; i++) s[i] = rng.nextInt(10) == 0 ? 0 : rng.nextInt(1, 8);
        return s;
    }

    static Pair randomBase(SplittableRandom rng, DType t, int[] shape) {
        int n = Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextInt(-40, 41) / (rng.nextBoolean() ? 1.0 : 2.0);
        NDArray nd = switch (t) {
            case FLOAT64 -> NDArray.of(v, shape);
            case FLOAT32 -> NDArray.of(toFloat(v), shape);
            case INT32 -> NDArray.of(Arrays.stream(v).mapToInt(d -> (int) Math.floor(d)).toArray(), shape);
            default -> throw new IllegalArgumentException();
        };
        return new Pair(nd, new RefArray(nd.toDoubleArray(), shape.clone()));
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    static Pair randomView(SplittableRandom rng, Pair base) {
        return randomView(rng, base, true);
    }

    /** Up to three random view steps; with {@code shapeFree} false only shape-preserving steps. */
    static Pair randomView(SplittableRandom rng, Pair base, boolean shapeFree) {
        Pair p = base;
        int steps = rng.nextInt(0, 4);
        for (int s = 0; s < steps; s++) {
            int rank = p.ref.shape().length;
            int kind = rng.nextInt(shapeFree ? 5 : 1);
            if (kind == 0 && rank > 0) {
                // a double transpose keeps the shape but scrambles the strides in between
                int[] perm = randomPermutation(rng, rank);
                NDArray t = p.nd.transpose(perm);
                RefArray r = p.ref.transpose(perm);
                if (!shapeFree) {
                    int[] inv = new int[rank];
                    for (int i = 0; i < rank; i++) inv[perm[i]] = i;
                    t = t.contiguous().transpose(inv);
                    r = r.transpose(inv);
                }
                p = new Pair(t, r);
            } else if (kind == 1 && rank > 0) {
                int axis = rng.nextInt(rank);
                int n = p.ref.shape()[axis];
                int step = rng.nextInt(1, 4) * (rng.nextBoolean() ? 1 : -1);
                int start = rng.nextInt(-n - 2, n + 3);
                int stop = rng.nextInt(-n - 2, n + 3);
                int[] norm = Views.normaliseSlice(n, start, stop, step);
                p = new Pair(p.nd.slice(axis, start, stop, step), p.ref.slice(axis, norm[0], norm[1], norm[2]));
            } else if (kind == 2 && rank < 5) {
                int axis = rng.nextInt(rank + 1);
                int[] ns = new int[rank + 1];
                for (int i = 0, j = 0; i < ns.length; i++) ns[i] = i == axis ? 1 : p.ref.shape()[j++];
                p = new Pair(p.nd.expandDims(axis), p.ref.reshape(ns));
            } else if (kind == 3) {
                int[] target = p.ref.shape().clone();
                for (int i = 0; i < target.length; i++) if (target[i] == 1 && rng.nextBoolean()) target[i] = rng.nextInt(1, 5);
                if (rng.nextBoolean() && target.length < 5) {
                    int[] t2 = new int[target.length + 1];
                    t2[0] = rng.nextInt(1, 4);
                    System.arraycopy(target, 0, t2, 1, target.length);
                    target = t2;
                }
                p = new Pair(p.nd.broadcastTo(target), p.ref.broadcastTo(target));
            } else if (kind == 4 && rank > 0 && p.ref.shape()[0] > 0) {
                int i = rng.nextInt(p.ref.shape()[0]);
                int[] ns = Arrays.copyOfRange(p.ref.shape(), 1, rank);
                RefArray r = p.ref.slice(0, i, 1, 1).reshape(ns);
                p = new Pair(p.nd.get(rng.nextBoolean() ? i : i - p.ref.shape()[0]), r);
            }
        }
        return p;
    }

    static int[] randomPermutation(SplittableRandom rng, int n) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] randomReshape(SplittableRandom rng, int[] shape) {
        int n = Shapes.size(shape);
        if (n == 0) return new int[] {0, 3};
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        int rest = n;
        for (int f = 2; f <= rest; f++) {
            while (rest % f == 0 && rng.nextInt(3) > 0) {
                dims.add(f);
                rest /= f;
            }
        }
        if (rest > 1) dims.add(rest);
        if (rng.nextBoolean()) dims.add(rng.nextInt(dims.size() + 1), 1);
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] broadcastPartner(SplittableRandom rng, int[] shape) {
        int drop = shape.length == 0 ? 0 : rng.nextInt(shape.length + 1);
        int[] b = Arrays.copyOfRange(shape, drop, shape.length);
        for (int i = 0; i < b.length; i++) if (rng.nextInt(3) == 0) b[i] = 1;
        return b;
    }

    static void check(NDArray actual, RefArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(actual.toDoubleArray()).containsExactly(expected.values());
    }

    static void checkClose(NDArray actual, RefArray expected, double tol) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(Math.abs(got[i] - expected.values()[i])).isLessThanOrEqualTo(tol * Math.max(1, Math.abs(expected.values()[i])));
        }
    }

    static void check(NDArray actual, RefArray x, DoubleUnaryOperator f, double relTol) {
        assertThat(actual.shape()).isEqualTo(x.shape());
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            double want = f.applyAsDouble(x.values()[i]);
            if (relTol == 0) {
                assertThat(got[i]).isEqualTo(want);
            } else {
                assertThat(Math.abs(got[i] - want)).isLessThanOrEqualTo(relTol * Math.max(1, Math.abs(want)));
            }
        }
    }

}
