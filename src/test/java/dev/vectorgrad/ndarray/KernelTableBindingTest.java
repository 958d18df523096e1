package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import org.junit.jupiter.api.Test;

/** {@link KernelTable} binds each (op, dtype) cell on first use and keeps it; cells with no kernel stay null. */
class KernelTableBindingTest {

    @Test
    void aBoundCellIsKeptAndRuns() {
        KernelTable.Binary add = KernelTable.binary(Op.ADD, DType.FLOAT32);
        assertThat(add).as("add float32").isNotNull();
        assertThat(KernelTable.binary(Op.ADD, DType.FLOAT32)).as("second lookup of add float32").isSameAs(add);
        float[] out = new float[3];
        add.right(new float[] {1, 2, 3}, 0, new float[] {0, 10}, 1, out, 0, 3);
        assertThat(out).as("[1, 2, 3] + 10").containsExactly(11f, 12f, 13f);

        KernelTable.Unary neg = KernelTable.unary(Op.NEG, DType.INT64);
        assertThat(KernelTable.unary(Op.NEG, DType.INT64)).as("second lookup of neg int64").isSameAs(neg);
        long[] n = new long[2];
        neg.run(new long[] {5, -7}, 0, n, 0, 2);
        assertThat(n).as("neg [5, -7]").containsExactly(-5L, 7L);

        KernelTable.Binary lt = KernelTable.compare(Op.LT, DType.FLOAT64);
        assertThat(KernelTable.compare(Op.LT, DType.FLOAT64)).as("second lookup of lt float64").isSameAs(lt);
        boolean[] b = new boolean[2];
        lt.run(new double[] {1, 3}, 0, new double[] {2, 2}, 0, b, 0, 2);
        assertThat(b).as("[1, 3] < [2, 2]").containsExactly(true, false);
    }

    @Test
    void cellsWithoutAKernelAreNull() {
        assertThat(KernelTable.binary(Op.DIV, DType.INT32)).as("div has no int32 kernel").isNull();
        assertThat(KernelTable.binary(Op.DIV, DType.INT32)).as("and stays null").isNull();
        assertThat(KernelTable.unary(Op.ADD, DType.FLOAT32)).as("add is not unary").isNull();
    }
}
