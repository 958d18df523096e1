package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed answers and bad-input messages for the issue-9 statistics, scans, sorting, clipping and logic. */
class MathOpsTest {

    @Test
    void descendingOrderPutsNaNFirstAndKeepsTiesInOriginalOrder() {
        NDArray x = NDArray.of(new double[] {1, Double.NaN, 3, 1, -0.0, 0.0, 3});
        assertThat(x.argsort(0, true).toLongArray()).containsExactly(1, 2, 6, 0, 3, 4, 5);
        assertThat(x.argsort(0, false).toLongArray()).containsExactly(4, 5, 0, 3, 2, 6, 1);
        assertThat(x.sort(0, true).toDoubleArray()).containsExactly(Double.NaN, 3, 3, 1, 1, -0.0, 0.0);
    }

    @Test
    void topKTakesTheLowerIndexOnTiesAlongTheLastAxis() {
        NDArray x = NDArray.of(new float[][] {{1, 5, 5, 2}, {7, 7, 7, 0}});
        TopK t = x.topK(2);
        assertThat(t.values()).isEqualTo(NDArray.of(new float[][] {{5, 5}, {7, 7}}));
        assertThat(t.indices()).isEqualTo(NDArray.of(new long[][] {{1, 2}, {0, 1}}));
        assertThat(Ops.topK(x, 0).values().shape()).containsExactly(2, 0);
    }

    @Test
    void topKBySelectionAgreesWithTheFullStableSort() {
        java.util.Random rng = new java.util.Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 20 + rng.nextInt(500);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rng.nextInt(4) == 0 ? Double.NaN : rng.nextInt(30);   // many ties
            NDArray x = NDArray.of(v);
            int k = 1 + rng.nextInt(Math.min(64, n / 8));
            long[] full = x.argsort(0, true).toLongArray();
            assertThat(x.topK(k).indices().toLongArray()).containsExactly(Arrays.copyOf(full, k));
        }
    }

    @Test
    void scansKeepIntegerTypesAndCountBools() {
        assertThat(NDArray.of(new int[] {1, 2, 3}).cumsum(0)).isEqualTo(NDArray.of(new int[] {1, 3, 6}));
        assertThat(NDArray.of(new int[] {1, 2, 3}).cumsum(0, true, true)).isEqualTo(NDArray.of(new int[] {5, 3, 0}));
        assertThat(NDArray.of(new long[] {2, 3, 4}).cumprod(0, true, false)).isEqualTo(NDArray.of(new long[] {1, 2, 6}));
        assertThat(NDArray.of(new boolean[] {true, false, true}).cumsum(0)).isEqualTo(NDArray.of(new int[] {1, 1, 2}));
    }

    @Test
    void statisticsOfKnownValues() {
        NDArray x = NDArray.of(new float[][] {{1, 2, 3, 4}, {2, 2, 2, 2}});
        assertThat(x.variance(false, 1).toFloatArray()).containsExactly(1.25f, 0f);
        assertThat(x.std(true, -1).shape()).containsExactly(2, 1);
        assertThat(NDArray.of(new int[] {3, 4}).norm().getFloat()).isEqualTo(5f);
        assertThat(NDArray.of(new int[] {3, 4}).norm().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Ops.reduceVariance(NDArray.of(new double[] {1, 3})).getDouble()).isEqualTo(1.0);
        assertThat(Ops.reduceMax(x, true, 0, 1).shape()).containsExactly(1, 1);
    }

    @Test
    void clippingByValueNormAndGlobalNorm() {
        assertThat(NDArray.of(new float[] {-3, 0.5f, 9}).clip(-1, 2)).isEqualTo(NDArray.of(new float[] {-1, 0.5f, 2}));
        assertThat(NDArray.of(new int[] {-3, 1, 9}).clip(-1.0, 2.0).dtype()).isEqualTo(DType.FLOAT32);
        // int literals pick clip(long, long), which keeps an integer array's type, as Python ints do in NumPy
        assertThat(NDArray.of(new int[] {-3, 1, 9}).clip(-1, 2).dtype()).isEqualTo(DType.INT32);
        assertThat(NDArray.of(new int[] {-3, 1, 9}).clip(-1L, 2L)).isEqualTo(NDArray.of(new int[] {-1, 1, 2}));
        assertThat(NDArray.of(new double[] {3, 4}).clipByNorm(1).toDoubleArray()).containsExactly(0.6, 0.8);
        assertThat(NDArray.of(new double[] {3, 4}).clipByNorm(10).toDoubleArray()).containsExactly(3, 4);
        List<NDArray> g = Ops.clipByGlobalNorm(Arrays.asList(NDArray.of(new double[] {3}), null, NDArray.of(new float[] {4})), 2.5);
        assertThat(g.get(0).toDoubleArray()).containsExactly(1.5);
        assertThat(g.get(1)).isNull();
        assertThat(g.get(2)).isEqualTo(NDArray.of(new float[] {2}));
    }

    @Test
    void logicOnBools() {
        NDArray a = NDArray.of(new boolean[] {true, false});
        assertThat(a.logicalXor(NDArray.of(true))).isEqualTo(NDArray.of(new boolean[] {false, true}));
        assertThat(NDArray.zeros(DType.BOOL, 0).all().getBoolean()).isTrue();
        assertThat(NDArray.zeros(DType.BOOL, 0).any().getBoolean()).isFalse();
        assertThat(Ops.reduceAny(NDArray.of(new float[][] {{0, 0}, {0, 2}}), false, 1))
                .isEqualTo(NDArray.of(new boolean[] {false, true}));
    }

    @Test
    void pythonFloorDivisionAndModulo() {
        NDArray n = NDArray.arange(DType.INT32, 1, 16, 1);
        // seed 004's fizzbuzz: num % 3 == 0 as a tensor op
        assertThat(n.floorMod(3).eq(0).toBooleanArray()).containsExactly(
                false, false, true, false, false, true, false, false, true, false, false, true, false, false, true);
        assertThat(NDArray.of(new int[] {-7, 7}).floorMod(-3)).isEqualTo(NDArray.of(new int[] {-1, -2}));
        assertThat(NDArray.of(new long[] {-7}).floorDiv(2L)).isEqualTo(NDArray.of(new long[] {-4}));
        assertThat(NDArray.of(new int[] {-7}).floorDiv(2.0).dtype()).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> NDArray.of(new int[] {1, 2}).floorMod(NDArray.of(new int[] {1, 0})))
                .isInstanceOf(ArithmeticException.class).hasMessage("floorMod: integer division by zero");
        assertThatThrownBy(() -> NDArray.of(new long[] {1}).floorDiv(0L))
                .isInstanceOf(ArithmeticException.class).hasMessage("floorDiv: integer division by zero");
        assertThat(NDArray.of(new float[] {1}).floorMod(0.0).getFloat(0)).isNaN();
    }

    @Test
    void badInputNamesTheOp() {
        assertThatThrownBy(() -> NDArray.of(true).floorMod(NDArray.of(true))).hasMessageContaining("floorMod: not supported for dtype bool");
        assertThatThrownBy(() -> NDArray.of(true).erf()).hasMessageContaining("erf: not supported for dtype bool");
        assertThatThrownBy(() -> NDArray.of(true).isNaN()).hasMessageContaining("isNaN: not supported for dtype bool");
        assertThatThrownBy(() -> NDArray.of(new float[] {1, 2}).atan2(NDArray.of(new float[] {1, 2, 3})))
                .hasMessageContaining("atan2").hasMessageContaining("(2,)").hasMessageContaining("(3,)");
        NDArray f = NDArray.of(new float[] {1, 2, 3});
        assertThatThrownBy(() -> f.topK(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topK: k = 4").hasMessageContaining("(3,)");
        assertThatThrownBy(() -> NDArray.of(1f).topK(0)).hasMessageContaining("topK: needs an array of rank >= 1");
        assertThatThrownBy(() -> f.cumsum(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cumsum: axis 1");
        assertThatThrownBy(() -> f.sort(-2, false)).hasMessageContaining("sort: axis -2");
        assertThatThrownBy(() -> f.variance(false, 0, 0)).hasMessageContaining("variance: axis 0 appears twice");
        assertThatThrownBy(() -> f.clip(2, 1)).hasMessageContaining("clip: needs min <= max");
        assertThatThrownBy(() -> f.clipByNorm(0)).hasMessageContaining("clipByNorm: clipNorm must be positive");
        assertThatThrownBy(() -> f.logicalAnd(NDArray.of(true))).hasMessageContaining("logicalAnd: needs bool operands, got float32 and bool");
        assertThatThrownBy(() -> NDArray.of(new boolean[] {true, true}).logicalOr(NDArray.of(new boolean[] {true, false, true})))
                .hasMessageContaining("logicalOr").hasMessageContaining("(2,)");
        assertThatThrownBy(() -> Ops.clipByGlobalNorm(List.of(NDArray.of(new int[] {1})), 1))
                .hasMessageContaining("clipByGlobalNorm: array 0 has dtype int32");
    }
}
