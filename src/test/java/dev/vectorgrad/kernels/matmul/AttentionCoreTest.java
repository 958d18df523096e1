package dev.vectorgrad.kernels.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.ndarray.AttentionOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link AttentionOps#attend}, the fused attention core (two {@link Gemm} calls around an in-place softmax
 * per head), against the composed ops it replaces in inference: the same rounding for every shape,
 * operand layout and mask broadcast, and close to a float64 evaluation. It lives with the kernel suite so it runs
 * at every vector width and on the scalar twins ({@code -Dvectorgrad.simd=false}).
 */
class AttentionCoreTest {
    private static final float MASKED = -1e9f;

    @Property(tries = 60)
    void fusedCoreRoundsAsTheComposedOps(@ForAll @IntRange(min = 1, max = 3) int b,
            @ForAll @IntRange(min = 1, max = 3) int h, @ForAll @IntRange(min = 1, max = 40) int tq,
            @ForAll @IntRange(min = 1, max = 40) int tv, @ForAll @IntRange(min = 1, max = 20) int d,
            @ForAll @IntRange(min = 1, max = 20) int dv, @ForAll @IntRange(max = 4) int maskKind,
            @ForAll boolean headsAsViews, @ForAll boolean scaled, @ForAll long seed) {
        Rng rng = Rng.seeded(seed);
        NDArray q = operand(rng, b, h, tq, d, headsAsViews);
        NDArray k = operand(rng, b, h, tv, d, headsAsViews);
        NDArray v = operand(rng, b, h, tv, dv, headsAsViews);
        NDArray mask = mask(rng, maskKind, b, tq, tv);
        // the layer's 1/√keyDim for keyDim 16: a power of two, so scaling the scores is scaling q
        float scale = scaled ? 0.25f : 1f;
        NDArray[] fused = AttentionOps.attend(q, k, v, mask, scale, MASKED, true);
        NDArray[] composed = composed(q.mul(scale), k, v, mask);
        assertSameRounding("probabilities", composed[1], fused[1]);
        assertSameRounding("context", composed[0], fused[0]);
        assertThat(fused[0].shape()).containsExactly(b, tq, h * dv);
        NDArray withoutScores = AttentionOps.attend(q, k, v, mask, scale, MASKED, false)[0];
        assertSameRounding("context without kept scores", fused[0], withoutScores);

        NDArray[] wide = composed(q.cast(DType.FLOAT64).mul(scale), k.cast(DType.FLOAT64), v.cast(DType.FLOAT64), mask);
        assertThat(fused[0].cast(DType.FLOAT64).allClose(wide[0], 1e-4, 1e-5)).isTrue();
        assertThat(fused[1].cast(DType.FLOAT64).allClose(wide[1], 1e-4, 1e-6)).isTrue();
    }

    @Test
    void aFullyMaskedRowAttendsUniformlyAsKerasDoes() {
        Rng rng = Rng.seeded(3);
        NDArray q = rng.normal(DType.FLOAT32, 0, 1, 1, 1, 2, 4);
        NDArray k = rng.normal(DType.FLOAT32, 0, 1, 1, 1, 3, 4);
        NDArray v = rng.normal(DType.FLOAT32, 0, 1, 1, 1, 3, 2);
        NDArray mask = NDArray.of(new boolean[] {false, false, false, true, false, true}).reshape(1, 1, 2, 3);
        NDArray[] out = AttentionOps.attend(q, k, v, mask, 1f, MASKED, true);
        float third = 1f / 3;
        float[] p = out[1].toFloatArray();
        assertThat(p[0]).isEqualTo(third);
        assertThat(p[1]).isEqualTo(third);
        assertThat(p[2]).isEqualTo(third);
        assertThat(p[4]).isEqualTo(0f);
        assertNull(AttentionOps.attend(q, k, v, null, 1f, MASKED, false)[1]);
    }

    @Test
    void mismatchedOperandsAreNamed() {
        NDArray q = NDArray.zeros(DType.FLOAT32, 1, 2, 3, 4);
        NDArray k = NDArray.zeros(DType.FLOAT32, 1, 2, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttentionOps.attend(q, k, k, null, 1f, MASKED, false));
        assertThat(e.getMessage()).contains("q (1, 2, 3, 4), k (1, 2, 5, 3)");
        NDArray kk = NDArray.zeros(DType.FLOAT32, 1, 2, 5, 4);
        NDArray badMask = NDArray.zeros(DType.BOOL, 1, 1, 2, 5);
        assertThrows(IllegalArgumentException.class, () -> AttentionOps.attend(q, kk, kk, badMask, 1f, MASKED, false));
    }

    /**
     * The same calls give the same bits, except where a kernel's C2 code rounds differently from its interpreted
     * or C1 code (a vector lane reduction's order, exp) and the JIT switches tiers between the two evaluations:
     * then a score moves by an ulp and its probability by a few; a wrong mask, scale or layout moves far more.
     */
    private static void assertSameRounding(String what, NDArray expected, NDArray actual) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        if (!java.util.Arrays.equals(expected.toFloatArray(), actual.toFloatArray())) {
            assertThat(actual.allClose(expected, 1e-5, 1e-6)).as(what + ": " + expected + " vs " + actual).isTrue();
        }
    }

    /** {@code [b, h, t, d]}: contiguous, or the transposed view of a {@code [b, t, h·d]} projection (the layer's). */
    private static NDArray operand(Rng rng, int b, int h, int t, int d, boolean view) {
        if (!view) {
            return rng.normal(DType.FLOAT32, 0, 1, b, h, t, d);
        }
        return rng.normal(DType.FLOAT32, 0, 1, b, t, h * d).reshape(b, t, h, d).transpose(0, 2, 1, 3);
    }

    /** None, full, shared by the batch, per key (a value mask), per query (a query mask). */
    private static NDArray mask(Rng rng, int kind, int b, int tq, int tv) {
        int[] shape = switch (kind) {
            case 0 -> null;
            case 1 -> new int[] {b, 1, tq, tv};
            case 2 -> new int[] {1, 1, tq, tv};
            case 3 -> new int[] {b, 1, 1, tv};
            default -> new int[] {b, 1, tq, 1};
        };
        return shape == null ? null : rng.uniform(DType.FLOAT32, 0, 1, shape).lt(0.7);
    }

    /** What the layer records under a tape: matmul, where, softmax, matmul, transpose, reshape. */
    private static NDArray[] composed(NDArray q, NDArray k, NDArray v, NDArray mask) {
        int b = q.shape()[0], h = q.shape()[1], tq = q.shape()[2], dv = v.shape()[3];
        NDArray scores = q.matmul(k.transpose(0, 1, 3, 2));
        if (mask != null) {
            scores = NDArray.where(mask, scores, NDArray.of((double) MASKED).cast(scores.dtype()));
        }
        NDArray p = scores.softmax(-1);
        NDArray context = p.matmul(v).transpose(0, 2, 1, 3).reshape(b, tq, h * dv);
        return new NDArray[] {context, p};
    }
}
