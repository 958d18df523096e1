package dev.vectorgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

    private static final NDArray X = NDArray.arange(DType.FLOAT32, 0, 20, 1).reshape(10, 2);
    private static final NDArray Y = NDArray.arange(DType.INT32, 0, 10, 1);

    private static List<Integer> labelsOfOnePass(Dataset ds) {
        List<Integer> out = new ArrayList<>();
        for (Dataset.Batch b : ds) {
            for (int v : b.y().toIntArray()) out.add(v);
        }
        return out;
    }

    @Test
    void batchesKeepTheLastPartialBatchAndPairFeaturesWithLabels() {
        List<int[]> shapes = new ArrayList<>();
        for (Dataset.Batch b : Dataset.of(X, Y).batch(4)) {
            shapes.add(b.x().shape());
            int first = b.y().getInt(0);
            assertThat(b.x().getFloat(0, 0)).isEqualTo(2f * first);
        }
        assertThat(shapes).containsExactly(new int[] {4, 2}, new int[] {4, 2}, new int[] {2, 2});
        assertThat(Dataset.of(X, Y).batch(4).cardinality()).isEqualTo(3);
    }

    @Test
    void unbatchedElementsAreSingleSamples() {
        Dataset.Batch first = Dataset.of(X, Y).iterator().next();
        assertThat(first.x().shape()).containsExactly(2);
        assertThat(first.y().rank()).isZero();
    }

    @Test
    void shufflingIsReproducibleFromTheSeedAndChangesEveryPass() {
        Dataset a = Dataset.of(X, Y).shuffle(42).batch(3);
        Dataset b = Dataset.of(X, Y).shuffle(42).batch(3);
        List<Integer> a1 = labelsOfOnePass(a), a2 = labelsOfOnePass(a);
        List<Integer> b1 = labelsOfOnePass(b), b2 = labelsOfOnePass(b);
        assertThat(a1).isEqualTo(b1);
        assertThat(a2).isEqualTo(b2);
        assertThat(a1).isNotEqualTo(a2);
        assertThat(a1).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(labelsOfOnePass(Dataset.of(X, Y).shuffle(43).batch(3))).isNotEqualTo(a1);
    }

    @Test
    void shuffledBatchesKeepFeaturesWithTheirLabels() {
        for (Dataset.Batch b : Dataset.of(X, Y).shuffle(7).batch(4)) {
            for (int i = 0; i < b.y().shape()[0]; i++) {
                assertThat(b.x().getFloat(i, 1)).isEqualTo(2f * b.y().getInt(i) + 1);
            }
        }
    }

    @Test
    void repeatChainsReshuffledPasses() {
        Dataset ds = Dataset.of(X, Y).shuffle(1).batch(5).repeat(3);
        List<Integer> all = labelsOfOnePass(ds);
        assertThat(all).hasSize(30);
        assertThat(all.subList(0, 10)).isNotEqualTo(all.subList(10, 20));
        assertThat(ds.cardinality()).isEqualTo(6);
        int count = 0;
        for (Dataset.Batch ignored : Dataset.of(X, Y).batch(4).repeat()) {
            if (++count == 100) break;
        }
        assertThat(count).isEqualTo(100);
    }

    @Test
    void mismatchedSampleCountsFailNamingBothShapes() {
        assertThatThrownBy(() -> Dataset.of(X, NDArray.zeros(DType.INT32, 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(10, 2)").hasMessageContaining("(9,)");
    }

    @Test
    void readsANumericCsvWithAHeaderRow(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("iris.csv");
        Files.writeString(csv, "120,4,setosa,versicolor,virginica\n6.4,2.8,5.6,2.2,2\n5.0,2.3,3.3,1.0,1\n\n4.9,2.5,4.5,1.7,0\n");
        Dataset ds = Dataset.fromCsv(csv, -1);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.x().shape()).containsExactly(3, 4);
        assertThat(ds.y().dtype()).isEqualTo(DType.INT32);
        assertThat(ds.y().toIntArray()).containsExactly(2, 1, 0);
        assertThat(ds.x().getFloat(1, 3)).isEqualTo(1.0f);
        Dataset first = Dataset.fromCsv(csv, 0);
        assertThat(first.y().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(first.x().getFloat(0, 3)).isEqualTo(2f);
    }

    @Test
    void aMalformedCsvNamesTheLine(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,b\n1,2\n3,x\n");
        assertThatThrownBy(() -> Dataset.fromCsv(csv, -1)).isInstanceOf(IOException.class).hasMessageContaining(":3:");
    }
}
