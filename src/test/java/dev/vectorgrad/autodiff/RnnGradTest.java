package dev.vectorgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import dev.vectorgrad.Rng;
import dev.vectorgrad.ndarray.RnnOps;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM and GRU cells' rules, first and second order, by finite differences in float64: on one cell, and
 * through a three-step LSTM recurrence built as the LSTM layer builds it ({@code x_t·W + h·U + b} then the
 * fused cell), differentiating w.r.t. the input and the recurrent kernel. Second order runs the rule under an
 * outer tape, which takes the NDArray-op form of the backward; first order takes the fused backward kernel.
 */
class RnnGradTest {
    private static final Rng RNG = Rng.seeded(11);
    private static final int B = 2, T = 3, F = 3, U = 4;
    private static final NDArray W = RNG.normal(DType.FLOAT64, 0, 0.6, F, 4 * U);
    private static final NDArray U_REC = RNG.normal(DType.FLOAT64, 0, 0.6, U, 4 * U);
    private static final NDArray BIAS = RNG.normal(DType.FLOAT64, 0, 0.3, 4 * U);
    private static final NDArray X = RNG.normal(DType.FLOAT64, 0, 1, B, T, F);

    private static NDArray lstm(NDArray x, NDArray w, NDArray u) {
        NDArray h = NDArray.zeros(DType.FLOAT64, B, U);
        NDArray c = h;
        for (int t = 0; t < T; t++) {
            NDArray xt = x.slice(1, t, t + 1, 1).reshape(B, F);
            NDArray hc = RnnOps.lstmCell(xt.matmul(w).add(h.matmul(u)).add(BIAS), c);
            h = hc.slice(1, 0, U, 1);
            c = hc.slice(1, U, 2 * U, 1);
        }
        return h.mul(c);
    }

    private static Function<NDArray, NDArray> gradOfTanhSum(Function<NDArray, NDArray> f) {
        return x -> {
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                NDArray y = f.apply(x).tanh().sum();
                return inner.gradient(y, x);
            }
        };
    }

    private static void check(String what, Function<NDArray, NDArray> f, NDArray x) {
        double err = GradientCheck.maxError(f, x);
        assertTrue(GradientCheck.check(f, x), () -> what + ": max error " + err);
        assertTrue(err < 1e-5, () -> what + ": max error " + err);
    }

    @Test
    void oneCellFirstAndSecondOrder() {
        NDArray z = RNG.normal(DType.FLOAT64, 0, 2, B, 4 * U);
        NDArray c = RNG.normal(DType.FLOAT64, 0, 1, B, U);
        check("d/dz", zz -> RnnOps.lstmCell(zz, c).square(), z);
        check("d/dc", cc -> RnnOps.lstmCell(z, cc).square(), c);
        check("d2/dz2", gradOfTanhSum(zz -> RnnOps.lstmCell(zz, c)), z);
        check("d2/dc2", gradOfTanhSum(cc -> RnnOps.lstmCell(z, cc)), c);
    }

    @Test
    void throughAnLstmRecurrenceFirstAndSecondOrder() {
        check("d/dx", x -> lstm(x, W, U_REC), X);
        check("d/dU", u -> lstm(X, W, u), U_REC);
        check("d2/dx2", gradOfTanhSum(x -> lstm(x, W, U_REC)), X);
        check("d2/dU2", gradOfTanhSum(u -> lstm(X, W, u)), U_REC);
    }

    @Test
    void gruCellFirstAndSecondOrder() {
        NDArray xs = RNG.normal(DType.FLOAT64, 0, 1.5, B, 3 * U);
        NDArray hs = RNG.normal(DType.FLOAT64, 0, 1.5, B, 3 * U);
        NDArray h = RNG.normal(DType.FLOAT64, 0, 1, B, U);
        check("d/dxs", a -> RnnOps.gruCell(a, hs, h).square(), xs);
        check("d/dhs", a -> RnnOps.gruCell(xs, a, h).square(), hs);
        check("d/dh", a -> RnnOps.gruCell(xs, hs, a).square(), h);
        check("d2/dhs2", gradOfTanhSum(a -> RnnOps.gruCell(xs, a, h)), hs);
        check("d2/dh2", gradOfTanhSum(a -> RnnOps.gruCell(xs, hs, a)), h);
        NDArray d = RNG.normal(DType.FLOAT64, 0, 1, B, U);
        NDArray fused = RnnOps.gruCellGrad(xs, hs, h, d);
        NDArray composed;
        try (GradientTape outer = new GradientTape()) {
            outer.watch(xs);
            composed = RnnOps.gruCellGrad(xs, hs, h, d);
        }
        assertTrue(fused.allClose(composed, 1e-12, 1e-14));
    }

    @Test
    void fusedAndComposedBackwardsAgree() {
        NDArray z = RNG.normal(DType.FLOAT64, 0, 2, B, 4 * U);
        NDArray c = RNG.normal(DType.FLOAT64, 0, 1, B, U);
        NDArray d = RNG.normal(DType.FLOAT64, 0, 1, B, 2 * U);
        NDArray fused = RnnOps.lstmCellGrad(z, c, d);
        NDArray composed;
        try (GradientTape outer = new GradientTape()) {
            outer.watch(z);
            composed = RnnOps.lstmCellGrad(z, c, d);
        }
        assertTrue(fused.allClose(composed, 1e-12, 1e-14));
    }
}
