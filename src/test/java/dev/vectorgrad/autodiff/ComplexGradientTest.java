package dev.vectorgrad.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorgrad.Complex;
import dev.vectorgrad.DType;
import dev.vectorgrad.NDArray;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through complex ops follow TensorFlow's convention: for a real loss L of z = a + bi the
 * tape returns {@code ∂L/∂a + i·∂L/∂b} (so a holomorphic f passes back {@code g·conj(f'(z))}). Each rule is
 * checked against central differences on the real and imaginary parts separately, in complex128, at
 * first order and at second order (an outer tape differentiating the inner gradient).
 */
class ComplexGradientTest {

    private static final double H = 1e-6;

    private final Random rng = new Random(42);
    private final NDArray c = random(2, 3);      // constants the ops combine z with
    private final NDArray m = random(3, 2);

    /** Right half-plane values, away from the branch cut of log and sqrt and from the zero of abs and angle. */
    private NDArray random(int... shape) {
        int n = shape[0] * shape[1];
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = 0.5 + 1.5 * rng.nextDouble();
            im[i] = -1 + 2 * rng.nextDouble();
        }
        return NDArray.ofComplex(re, im, shape);
    }

    /** A real loss of a complex result: Σ Re(y·w) + Σ Im(y)/2, touching both parts of every element. */
    private static NDArray loss(NDArray y) {
        Random r = new Random(java.util.Arrays.hashCode(y.shape())); // the same weights for every call
        int n = (int) y.size();
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = 0.5 + r.nextDouble();
            im[i] = r.nextDouble() - 0.5;
        }
        NDArray weights = NDArray.ofComplex(re, im, y.shape());
        return y.mul(y.dtype().isComplex() ? weights : weights.real()).real().sum().add(y.imag().mul(0.5).sum());
    }

    private void check(String name, UnaryOperator<NDArray> f, NDArray z) {
        UnaryOperator<NDArray> first = x -> loss(f.apply(x));
        assertMatchesDifferences(name + " (first order)", first, z);
        // second order: differentiate a real functional of the first-order gradient again
        UnaryOperator<NDArray> second = x -> loss(gradient(first, x));
        assertMatchesDifferences(name + " (second order)", second, z);
    }

    private static NDArray gradient(UnaryOperator<NDArray> loss, NDArray z) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(z);
            return tape.gradient(loss.apply(z), z, UnconnectedGradients.ZERO); // a constant gradient has none
        }
    }

    private static void assertMatchesDifferences(String name, UnaryOperator<NDArray> loss, NDArray z) {
        NDArray g = gradient(loss, z);
        assertThat(g.dtype()).as(name).isEqualTo(z.dtype());
        double[] re = z.real().toDoubleArray();
        double[] im = z.imag().toDoubleArray();
        double[] gre = g.real().toDoubleArray();
        double[] gim = g.imag().toDoubleArray();
        for (int k = 0; k < re.length; k++) {
            double dRe = (at(loss, z, re, im, k, H, 0) - at(loss, z, re, im, k, -H, 0)) / (2 * H);
            double dIm = (at(loss, z, re, im, k, 0, H) - at(loss, z, re, im, k, 0, -H)) / (2 * H);
            assertThat(gre[k]).as(name + " ∂L/∂re at " + k).isCloseTo(dRe, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(dRe))));
            assertThat(gim[k]).as(name + " ∂L/∂im at " + k).isCloseTo(dIm, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(dIm))));
        }
    }

    private static double at(UnaryOperator<NDArray> loss, NDArray z, double[] re, double[] im, int k, double dr, double di) {
        double[] r = re.clone();
        double[] i = im.clone();
        r[k] += dr;
        i[k] += di;
        return loss.apply(NDArray.ofComplex(r, i, z.shape())).item();
    }

    @Test
    void binaryArithmeticUsesTheConjugate() {
        NDArray z = random(2, 3);
        NDArray row = c.get(0); // broadcasts, so the tape sums the gradient down
        check("add", x -> x.add(row), z);
        check("sub", x -> row.sub(x), z);
        check("mul", x -> x.mul(c), z);
        check("mul self", x -> x.mul(x), z);
        check("div numerator", x -> x.div(c), z);
        check("div denominator", x -> c.div(x), z);
        check("mul real scalar", x -> x.mul(2.5), z);
    }

    @Test
    void unaryHolomorphicOps() {
        NDArray z = random(2, 3);
        check("neg", NDArray::neg, z);
        check("square", NDArray::square, z);
        check("exp", NDArray::exp, z);
        check("log", NDArray::log, z);
        check("sqrt", NDArray::sqrt, z);
    }

    @Test
    void nonHolomorphicOps() {
        NDArray z = random(2, 3);
        check("conj", NDArray::conj, z);
        check("abs", NDArray::abs, z);
        check("angle", NDArray::angle, z);
        check("real", NDArray::real, z);
        check("imag", NDArray::imag, z);
        check("complex of parts", x -> NDArray.complex(x.imag().mul(x.real()), x.real().exp()), z);
    }

    @Test
    void reductionsViewsAndMatmul() {
        NDArray z = random(2, 3);
        check("sum axis 0", x -> x.sum(true, 0), z);
        check("mean axis 1", x -> x.mean(true, 1), z);
        check("transpose", x -> x.transpose().mul(m).transpose(), z);
        check("slice", x -> x.slice(1, 2, Integer.MIN_VALUE, -1), z);
        check("matmul left", x -> x.matmul(m).matmul(c), z);
        check("matmul right", x -> m.matmul(x), z);
        check("where", x -> NDArray.where(NDArray.of(new boolean[] {true, false, true}), x, x.square()), z);
        check("cast to float64", x -> x.cast(DType.FLOAT64).square(), z);   // TF: the gradient is real
        check("cast from float64", x -> x.imag().cast(DType.COMPLEX128).mul(c), z);
    }

    @Test
    void aComplexVariableTrainsByItsGradient() {
        // minimise |v - target|²: the conjugate convention makes v -= lr·grad move v toward the target
        Variable v = new Variable(NDArray.of(Complex.of(0, 0)));
        NDArray target = NDArray.of(Complex.of(4, 3));
        for (int step = 0; step < 50; step++) {
            try (GradientTape tape = new GradientTape()) {
                NDArray d = v.sub(target);
                NDArray l = d.mul(d.conj()).real();
                v.assignSub(tape.gradient(l, v).mul(0.1));
            }
        }
        assertThat(v.getComplex().re()).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(v.getComplex().im()).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(v).hasToString("<Variable 'Variable:0' shape=() dtype=complex128, numpy=" + v.getComplex() + ">");
    }
}
