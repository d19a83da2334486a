package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Woven code at the rules' edge points ({@link EdgeCorpus}), in forward mode (JVP), reverse
 * mode (VJP) and, where woven, second order (HVP), against closed forms: the registry's values
 * must survive being spliced into generated methods.
 */
class EdgePointCorpusTest {

    @Test
    void polynomialsWrittenWithPowHaveTheirDerivativesAtZero() {
        // f = 0.5 − 1.5x + 2x² + 0.25x³: f'(0) = −1.5, f''(0) = 4.
        scalar("powerSeries", 0.0).is(-1.5).withSecond(4.0);
        scalar("powerSeries", -0.0).is(-1.5).withSecond(4.0);
        scalar("powerSeries", 2.0).is(-1.5 + 8 + 3).withSecond(4 + 3);
        // x³ + x²: f'(0) = 0, f''(0) = 2.
        scalar("cubePlusSquare", 0.0).is(0.0).withSecond(2.0);
    }

    @Test
    void hypotWithAZeroArgument() {
        scalar("hypotOfOne", -2.0).is(-1.0);
        scalar("hypotOfOne", 3.0).is(1.0);
        scalar("hypotOfOne", 0.0).is(0.0);   // |x| at 0: 0, as abs (docs/edge-points.md)
        binary("hypot", 3.0, 0.0).are(1.0, 0.0);
        binary("hypot", 0.0, -2.0).are(0.0, -1.0);
        binary("hypot", 0.0, 0.0).are(0.0, 0.0);
    }

    @Test
    void aNormWrittenOutAtAPointWithAZeroComponent() {
        DifferentiableFunction f = AD.function(EdgeCorpus.class, "euclidean", double[].class);
        Object[] v = {new double[] {3, 0, -4}};
        assertValues((double[]) f.gradient(v)[0], 0.6, 0, -0.8);
        assertThat((Double) f.jvp(v, new Object[] {new double[] {1, 7, 2}})).isCloseTo(-1.0, within(1e-15));
    }

    @Test
    void atan2OnTheAxesAndAsinNearOne() {
        binary("angle", 0.0, 2.0).are(0.5, 0.0);
        binary("angle", -3.0, 0.0).are(0.0, 1.0 / 3);
        double x = 0.9999999999;
        MathContext mc = new MathContext(40);
        BigDecimal b = new BigDecimal(x);
        double exact = BigDecimal.ONE.divide(BigDecimal.ONE.subtract(b.multiply(b)).sqrt(mc), mc).doubleValue();
        scalar("arcsine", x).isWithin(1e-14, exact);
    }

    @Test
    void tensorPowersAndHypotAtZero() {
        DifferentiableFunction f = AD.function(EdgeCorpus.class, "tensorPowers", Tensor.class);
        Object[] x = {Tensor.zeros(4)};
        // d/dx of x⁰ + x + x² + x³ at 0 is (0, 1, 0, 0); the Hessian is diag(0, 0, 2, 0).
        assertValues(((Tensor) f.gradient(x)[0]).toArray(), 0, 1, 0, 0);
        Tensor u = Tensor.of(new double[] {0.5, -1, 2, 3});
        assertThat((Double) f.jvp(x, new Object[] {u})).isEqualTo(-1.0);
        assertValues(((Tensor) f.hvp(x, new Object[] {u})[0]).toArray(), 0, 0, 4, 0);

        DifferentiableFunction h = AD.function(EdgeCorpus.class, "tensorHypot", Tensor.class, Tensor.class);
        Object[] at = {Tensor.of(new double[] {3, 0, -2}), Tensor.of(new double[] {0, 0, 0})};
        Object[] g = h.gradient(at);
        assertValues(((Tensor) g[0]).toArray(), 1, 0, -1);
        assertValues(((Tensor) g[1]).toArray(), 0, 0, 0);
        assertThat((Double) h.jvp(at, new Object[] {Tensor.of(new double[] {1, 5, 2}), Tensor.of(new double[] {7, 8, 9})}))
                .isEqualTo(-1.0);
    }

    @Test
    void determinantOfASingularMatrix() {
        DifferentiableFunction f = AD.function(EdgeCorpus.class, "determinant", Tensor.class);
        Object[] a = {Tensor.of(new double[] {1, 2, 2, 4}, 2, 2)};
        // ∂det/∂A is the cofactor matrix [[4, −2], [−2, 1]].
        double[] gradient = ((Tensor) f.gradient(a)[0]).toArray();
        double[] cofactors = {4, -2, -2, 1};
        for (int i = 0; i < 4; i++) {
            assertThat(gradient[i]).as("element " + i).isCloseTo(cofactors[i], within(1e-13));
        }
        assertThat((Double) f.jvp(a, new Object[] {Tensor.of(new double[] {1, 0, 0, 1}, 2, 2)}))
                .isCloseTo(5.0, within(1e-13));
    }

    /** The expected values to 2 ulp (exactly where 0, either sign). */
    private static void assertValues(double[] actual, double... expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element " + i + " of " + java.util.Arrays.toString(actual))
                    .isCloseTo(expected[i], within(2 * Math.ulp(expected[i])));
        }
    }

    private static Scalar scalar(String name, double x) {
        return new Scalar(AD.function(EdgeCorpus.class, name, double.class), x);
    }

    private static Binary binary(String name, double a, double b) {
        return new Binary(AD.function(EdgeCorpus.class, name, double.class, double.class), a, b);
    }

    /** A function of one double at one point, read in both modes. */
    private record Scalar(DifferentiableFunction f, double x) {
        Scalar is(double expected) {
            return isWithin(0, expected);
        }

        Scalar isWithin(double rtol, double expected) {
            Object[] args = {x};
            double forward = (Double) f.jvp(args, new Object[] {1.0});
            double reverse = (Double) f.vjp(args, 1.0)[0];
            assertThat(forward).as(f + " JVP at " + x).isCloseTo(expected, within(rtol * Math.abs(expected)));
            assertThat(reverse).as(f + " VJP at " + x).isCloseTo(expected, within(rtol * Math.abs(expected)));
            return this;
        }

        void withSecond(double expected) {
            double hv = (Double) f.hvp(new Object[] {x}, new Object[] {1.0})[0];
            assertThat(hv).as(f + " HVP at " + x).isEqualTo(expected);
        }
    }

    /** A function of two doubles at one point: its gradient, and the JVP along each argument. */
    private record Binary(DifferentiableFunction f, double a, double b) {
        void are(double da, double db) {
            Object[] args = {a, b};
            Object[] gradient = f.gradient(args);
            assertThat((Double) gradient[0]).as(f + " ∂/∂a at " + a + ", " + b).isEqualTo(da);
            assertThat((Double) gradient[1]).as(f + " ∂/∂b at " + a + ", " + b).isEqualTo(db);
            assertThat((Double) f.jvp(args, new Object[] {1.0, 0.0})).as(f + " JVP along a").isEqualTo(da);
            assertThat((Double) f.jvp(args, new Object[] {0.0, 1.0})).as(f + " JVP along b").isEqualTo(db);
        }
    }
}
