package dev.vectorgrad.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.PadMode;
import dev.vectorgrad.io.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The indexing and manipulation ops against numpy's answers, written once by
 * src/test/resources/ops/manipulation/make_fixtures.py (negative axes, empty arrays, integer dtypes,
 * non-contiguous inputs). Copying ops must match exactly, dtype and shape included; einsum, whose
 * sums may run in another order than numpy's, to a float32 tolerance.
 */
class ManipulationFixturesTest {
    private static final String DIR = "/ops/manipulation/";

    @TestFactory
    Stream<DynamicTest> everyFixtureMatchesNumpy() throws IOException {
        String manifest;
        try (InputStream in = resource("manifest.txt")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : manifest.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] tok = line.trim().split(" ");
            tests.add(DynamicTest.dynamicTest(line, () -> check(tok)));
        }
        assertThat(tests).hasSizeGreaterThan(60);
        return tests.stream();
    }

    private static void check(String[] tok) throws IOException {
        String name = tok[0];
        String op = tok[1];
        Map<String, String> p = new HashMap<>();
        for (int i = 2; i < tok.length; i++) {
            int eq = tok[i].indexOf('=');
            p.put(tok[i].substring(0, eq), tok[i].substring(eq + 1));
        }
        Map<String, NDArray> npz;
        try (InputStream in = resource(name + ".npz")) {
            npz = Npz.read(in);
        }
        List<NDArray> in = new ArrayList<>();
        List<NDArray> expected = new ArrayList<>();
        for (int i = 0; npz.containsKey("in" + i); i++) in.add(npz.get("in" + i));
        for (int i = 0; npz.containsKey("out" + i); i++) expected.add(npz.get("out" + i));
        if (p.containsKey("view")) {
            NDArray x = in.get(0);
            NDArray v = p.get("view").equals("T") ? x.transpose() : x.slice(-1, 0, Integer.MAX_VALUE, 2);
            assertThat(v.isContiguous()).as("the view must not be contiguous").isFalse();
            in.set(0, v);
        }
        List<NDArray> actual = run(op, p, in);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            NDArray a = actual.get(i);
            NDArray e = expected.get(i);
            assertThat(a.dtype()).as("%s dtype of result %d", name, i).isEqualTo(e.dtype());
            assertThat(a.shape()).as("%s shape of result %d", name, i).isEqualTo(e.shape());
            if (op.equals("einsum") && a.dtype().isFloating()) {
                assertThat(a.allClose(e, 1e-5, 1e-5)).as("%s: %s vs numpy %s", name, a, e).isTrue();
            } else {
                assertThat(a).as("%s", name).isEqualTo(e);
            }
        }
    }

    private static List<NDArray> run(String op, Map<String, String> p, List<NDArray> in) {
        return switch (op) {
            case "concat" -> List.of(NDArray.concat(in, i(p, "axis")));
            case "stack" -> List.of(NDArray.stack(in, i(p, "axis")));
            case "unstack" -> in.get(0).unstack(i(p, "axis"));
            case "split" -> p.containsKey("n") ? in.get(0).split(i(p, "n"), i(p, "axis"))
                    : in.get(0).split(ints(p.get("sizes")), i(p, "axis"));
            case "tile" -> List.of(in.get(0).tile(ints(p.get("reps"))));
            case "repeat" -> List.of(in.get(0).repeat(i(p, "r"), i(p, "axis")));
            case "pad" -> {
                String[] pairs = p.get("pads").split(";");
                int[][] pads = new int[pairs.length][];
                for (int k = 0; k < pairs.length; k++) pads[k] = ints(pairs[k]);
                yield List.of(in.get(0).pad(pads, PadMode.valueOf(p.get("mode")), Double.parseDouble(p.get("c"))));
            }
            case "gather" -> List.of(in.get(0).gather(in.get(1), i(p, "axis")));
            case "gatherNd" -> List.of(in.get(0).gatherNd(in.get(1)));
            case "takeAlongAxis" -> List.of(in.get(0).takeAlongAxis(in.get(1), i(p, "axis")));
            case "scatterNd" -> List.of(NDArray.scatterNd(in.get(0), in.get(1), ints(p.get("shape"))));
            case "unsortedSegmentSum" -> List.of(NDArray.unsortedSegmentSum(in.get(0), in.get(1), i(p, "n")));
            case "booleanMask" -> List.of(in.get(0).booleanMask(in.get(1)));
            case "argWhere" -> List.of(in.get(0).argWhere());
            case "oneHot" -> List.of(NDArray.oneHot(in.get(0), i(p, "depth"), DType.valueOf(p.get("dtype"))));
            case "eye" -> List.of(NDArray.eye(DType.valueOf(p.get("dtype")), i(p, "n"), i(p, "m")));
            case "linspace" -> List.of(NDArray.linspace(DType.valueOf(p.get("dtype")), Double.parseDouble(p.get("start")),
                    Double.parseDouble(p.get("stop")), i(p, "num")));
            case "tril" -> List.of(in.get(0).tril(i(p, "k")));
            case "triu" -> List.of(in.get(0).triu(i(p, "k")));
            case "einsum" -> List.of(NDArray.einsum(p.get("eq"), in.toArray(new NDArray[0])));
            default -> throw new IllegalStateException("unknown fixture op " + op);
        };
    }

    private static int i(Map<String, String> p, String key) {
        return Integer.parseInt(p.get(key));
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static InputStream resource(String name) {
        InputStream in = ManipulationFixturesTest.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("missing test fixture " + DIR + name + "; run make_fixtures.py");
        }
        return in;
    }
}
