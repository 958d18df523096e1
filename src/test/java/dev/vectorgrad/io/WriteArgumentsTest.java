package dev.vectorgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes when writing are IllegalArgumentExceptions, found before any file is created. */
class WriteArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void nullArgumentsAreNamed() {
        NDArray a = NDArray.of(1f);
        assertThatThrownBy(() -> Npy.write((Path) null, a)).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("path is null");
        assertThatThrownBy(() -> Npy.write(dir.resolve("a.npy"), null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("array is null");
        assertThatThrownBy(() -> Npy.read((Path) null)).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("path is null");
        Map<String, NDArray> withNull = new HashMap<>();
        withNull.put("w", null);
        assertThatThrownBy(() -> Npz.write(dir.resolve("a.npz"), withNull)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the array for key 'w' is null");
        assertThat(dir.resolve("a.npy")).doesNotExist();
        assertThat(dir.resolve("a.npz")).doesNotExist();
    }

    @Test
    void moreThan64DimensionsIsRefusedAsNumpyWouldRefuseToLoadIt() {
        NDArray a = NDArray.zeros(DType.FLOAT32, new int[65]);
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("ok", NDArray.of(1f));
        m.put("deep", a);
        assertThatThrownBy(() -> Npy.write(new ByteArrayOutputStream(), a)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 65 cannot be saved; numpy supports at most 64 dimensions");
        assertThatThrownBy(() -> Npz.write(dir.resolve("m.npz"), m)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("m.npz")).doesNotExist();
    }

    @Test
    void aMissingFileIsTheUsualNoSuchFileException() {
        assertThatThrownBy(() -> Npy.read(dir.resolve("missing.npy"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThatThrownBy(() -> Npz.read(dir.resolve("missing.npz"))).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void npyAndNpzFilesWrittenToDiskReadBack() throws IOException {
        NDArray a = NDArray.arange(DType.INT64, 0, 6, 1).reshape(2, 3);
        Npy.write(dir.resolve("a.npy"), a);
        assertThat(Npy.read(dir.resolve("a.npy"))).isEqualTo(a);
        Npz.write(dir.resolve("a.npz"), Map.of("a", a));
        assertThat(Npz.read(dir.resolve("a.npz"))).containsExactly(Map.entry("a", a));
        assertThat(Files.size(dir.resolve("a.npy"))).isEqualTo(128 + 48);
    }
}
