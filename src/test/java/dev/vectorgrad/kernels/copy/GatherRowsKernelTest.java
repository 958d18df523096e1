package dev.vectorgrad.kernels.copy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The SIMD body against its scalar twin and a plain oracle, over row widths around the vector length. */
class GatherRowsKernelTest {

    @Property(tries = 300)
    void simdAndTwinCopyTheIndexedRows(@ForAll @IntRange(min = 1, max = 40) int width,
            @ForAll @IntRange(min = 1, max = 30) int n, @ForAll @IntRange(min = 0, max = 50) int m,
            @ForAll @IntRange(min = 0, max = 5) int tableOff, @ForAll @IntRange(min = 0, max = 5) int outOff,
            @ForAll long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] table = new float[tableOff + n * width];
        for (int i = 0; i < table.length; i++) {
            table[i] = rnd.nextFloat() - 0.5f;
        }
        int[] rows = new int[2 + m];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = rnd.nextInt(2 * n) - n; // [-n, n): negative ones count from the end
        }
        float[] expected = new float[outOff + m * width];
        for (int j = 0; j < m; j++) {
            int r = rows[2 + j] < 0 ? rows[2 + j] + n : rows[2 + j];
            System.arraycopy(table, tableOff + r * width, expected, outOff + j * width, width);
        }
        float[] twin = new float[expected.length];
        float[] simd = new float[expected.length];
        float[] run = new float[expected.length];
        GatherRowsKernel.scalar(table, tableOff, n, width, rows, 2, m, twin, outOff);
        GatherRowsKernel.simd(table, tableOff, n, width, rows, 2, m, simd, outOff);
        GatherRowsKernel.run(table, tableOff, n, width, rows, 2, m, run, outOff);
        assertThat(twin).containsExactly(expected);
        assertThat(simd).containsExactly(expected);
        assertThat(run).containsExactly(expected);
    }
}
