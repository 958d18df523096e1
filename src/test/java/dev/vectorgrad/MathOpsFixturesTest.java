package dev.vectorgrad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.io.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issue-9 math ops against values real numpy wrote (src/test/resources/math/make_math_fixtures.py):
 * each case runs on the contiguous input and again on a strided view holding the same values, and both
 * must match numpy (exactly for integer and bool results, to a float32 or float64 tolerance otherwise).
 */
class MathOpsFixturesTest {

    record Case(String name, String op, Map<String, String> params) {
        @Override public String toString() { return name + " " + op + " " + params; }
    }

    private static Map<String, NDArray> arrays;

    static synchronized Map<String, NDArray> arrays() throws IOException, URISyntaxException {
        if (arrays == null) {
            arrays = Npz.read(Path.of(MathOpsFixturesTest.class.getResource("/math/cases.npz").toURI()));
        }
        return arrays;
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = MathOpsFixturesTest.class.getResourceAsStream("/math/cases.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            return lines.stream().map(l -> {
                String[] f = l.split(" ");
                Map<String, String> p = new HashMap<>();
                for (int i = 2; i < f.length; i++) {
                    String[] kv = f[i].split("=", 2);
                    p.put(kv[0], kv[1]);
                }
                return new Case(f[0], f[1], p);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(Case c) throws Exception {
        Map<String, NDArray> a = arrays();
        NDArray x = a.get(c.name() + ".x");
        NDArray y = a.get(c.name() + ".y");
        for (boolean strided : new boolean[] {false, true}) {
            NDArray xi = strided ? nonContiguous(x) : x;
            NDArray yi = y == null ? null : strided ? nonContiguous(y) : y;
            NDArray[] got = run(c, xi, yi);
            assertMatches(c, strided, got[0], a.get(c.name() + ".out"), c.params().get("ulps"));
            if (got.length > 1) {
                assertMatches(c, strided, got[1], a.get(c.name() + ".idx"), null);
            }
        }
    }

    private static NDArray[] run(Case c, NDArray x, NDArray y) {
        Map<String, String> p = c.params();
        return switch (c.op()) {
            case "variance" -> one(x.variance(bool(p, "keepDims"), axes(p)));
            case "std" -> one(x.std(bool(p, "keepDims"), axes(p)));
            case "norm" -> one(x.norm(bool(p, "keepDims"), axes(p)));
            case "cumsum" -> one(x.cumsum(num(p, "axis"), bool(p, "exclusive"), bool(p, "reverse")));
            case "cumprod" -> one(x.cumprod(num(p, "axis"), bool(p, "exclusive"), bool(p, "reverse")));
            case "sort" -> one(x.sort(num(p, "axis"), bool(p, "descending")));
            case "argsort" -> one(x.argsort(num(p, "axis"), bool(p, "descending")));
            case "topK" -> {
                TopK t = x.topK(num(p, "k"));
                yield new NDArray[] {t.values(), t.indices()};
            }
            case "clip" -> one(x.clip(Double.parseDouble(p.get("min")), Double.parseDouble(p.get("max"))));
            case "clipLong" -> one(x.clip(Long.parseLong(p.get("min")), Long.parseLong(p.get("max"))));
            case "clipByNorm" -> one(x.clipByNorm(Double.parseDouble(p.get("clipNorm"))));
            case "clipByGlobalNorm" -> Ops.clipByGlobalNorm(List.of(x, y), Double.parseDouble(p.get("clipNorm")))
                    .toArray(NDArray[]::new);
            case "erf" -> one(x.erf());
            case "log1p" -> one(x.log1p());
            case "expm1" -> one(x.expm1());
            case "log2" -> one(x.log2());
            case "log10" -> one(x.log10());
            case "tan" -> one(x.tan());
            case "asin" -> one(x.asin());
            case "acos" -> one(x.acos());
            case "atan" -> one(x.atan());
            case "sinh" -> one(x.sinh());
            case "cosh" -> one(x.cosh());
            case "softplus" -> one(x.softplus());
            case "gelu" -> one(x.gelu());
            case "geluTanh" -> one(x.gelu(true));
            case "silu" -> one(x.silu());
            case "elu" -> one(x.elu());
            case "selu" -> one(x.selu());
            case "leakyRelu" -> one(x.leakyRelu(0.2));
            case "softsign" -> one(x.softsign());
            case "hardSigmoid" -> one(x.hardSigmoid());
            case "floor" -> one(x.floor());
            case "ceil" -> one(x.ceil());
            case "round" -> one(x.round());
            case "isNaN" -> one(x.isNaN());
            case "isInf" -> one(x.isInf());
            case "isFinite" -> one(x.isFinite());
            case "reciprocal" -> one(x.reciprocal());
            case "rsqrt" -> one(x.rsqrt());
            case "floorDiv" -> one(x.floorDiv(y));
            case "floorMod" -> one(x.floorMod(y));
            case "atan2" -> one(x.atan2(y));
            case "squaredDifference" -> one(x.squaredDifference(y));
            case "logicalAnd" -> one(x.logicalAnd(y));
            case "logicalOr" -> one(x.logicalOr(y));
            case "logicalXor" -> one(x.logicalXor(y));
            case "logicalNot" -> one(x.logicalNot());
            case "any" -> one(x.any(bool(p, "keepDims"), axes(p)));
            case "all" -> one(x.all(bool(p, "keepDims"), axes(p)));
            default -> throw new IllegalStateException("no runner for op " + c.op());
        };
    }

    private static void assertMatches(Case c, boolean strided, NDArray got, NDArray expected, String ulps) {
        String what = c + (strided ? " (strided input)" : "") + ": got " + got + ", numpy " + expected;
        assertThat(got.dtype()).as(what).isEqualTo(expected.dtype());
        assertThat(got.shape()).as(what).isEqualTo(expected.shape());
        if (ulps != null) {
            // transcendental results: within the promised ulps of the exactly rounded value
            double[] g = got.toDoubleArray(), e = expected.toDoubleArray();
            for (int i = 0; i < g.length; i++) {
                double ulp = got.dtype() == DType.FLOAT32 ? Math.ulp((float) e[i]) : Math.ulp(e[i]);
                boolean same = Double.compare(g[i], e[i]) == 0 || Math.abs(g[i] - e[i]) <= Integer.parseInt(ulps) * ulp;
                assertThat(same).as(what + " at flat index " + i + ": " + g[i] + " vs " + e[i]).isTrue();
            }
        } else if (got.dtype().isFloating()) {
            double tol = got.dtype() == DType.FLOAT32 ? 2e-6 : 1e-12;
            double[] g = got.toDoubleArray(), e = expected.toDoubleArray();
            for (int i = 0; i < g.length; i++) {
                boolean same = Double.compare(g[i], e[i]) == 0 || (Double.isNaN(g[i]) && Double.isNaN(e[i]))
                        || Math.abs(g[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i]));
                assertThat(same).as(what + " at flat index " + i).isTrue();
            }
        } else {
            assertThat(got).as(what).isEqualTo(expected);
        }
    }

    /** The same values behind a non-row-major view: a transposed copy transposed back, or a step-2 slice. */
    static NDArray nonContiguous(NDArray x) {
        if (x.rank() >= 2) {
            return x.transpose().contiguous().transpose();
        }
        if (x.rank() == 1) {
            int n = x.shape()[0];
            return x.reshape(n, 1).broadcastTo(n, 2).contiguous().slice(1, 0, 1, 1).reshape(n);
        }
        return x;
    }

    private static NDArray[] one(NDArray x) {
        return new NDArray[] {x};
    }

    private static boolean bool(Map<String, String> p, String k) {
        return "1".equals(p.get(k));
    }

    private static int num(Map<String, String> p, String k) {
        return Integer.parseInt(p.get(k));
    }

    private static int[] axes(Map<String, String> p) {
        String s = p.get("axes");
        return s == null || s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
