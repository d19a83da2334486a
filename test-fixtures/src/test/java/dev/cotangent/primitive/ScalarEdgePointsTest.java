package dev.cotangent.primitive;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rank-0 rules at their edge points, in both modes ({@link ScalarPrimitive#jvp} along each
 * argument and {@link ScalarPrimitive#vjp}). Where the function is differentiable the value is
 * checked against a closed form (no {@code 0·∞} or {@code 0/0} NaN, no overflow to 0 or ∞);
 * where it is not, against the convention of docs/edge-points.md, which is JAX's except where
 * that page says otherwise.
 */
class ScalarEdgePointsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void powerOfZeroHasTheDerivativeOfThePolynomial() {
        // d/da aᵏ at a = 0 is 0 for k = 0 (the constant 1) and k ≥ 2, and 1 for k = 1.
        for (double zero : new double[] {0.0, -0.0}) {
            derivatives("Math.pow", zero, 0).are(0, 0);
            derivatives("Math.pow", zero, 1).are(1, 0);
            derivatives("Math.pow", zero, 2).are(0, 0);
            derivatives("Math.pow", zero, 3).are(0, 0);
        }
        // Real exponents ≥ 1: aᵇ is differentiable at 0 with derivative 0; ∂/∂b is 0 there (aᵇ = 0 for b > 0).
        derivatives("Math.pow", 0, 1.5).are(0, 0);
        derivatives("Math.pow", 0, 2.5).are(0, 0);
        derivatives("Math.pow", 1e-300, 2).are(2e-300, 0);
        derivatives("Math.pow", 2, 0).are(0, Math.log(2));
        derivatives("Math.pow", -2, 3).are(12, NAN);   // aᵇ is not real near b = 3 for a < 0
    }

    @Test
    void powerWhereItIsNotDifferentiableFollowsJax() {
        derivatives("Math.pow", 0, 0.5).are(INF, 0);     // one-sided slope
        derivatives("Math.pow", 0, -1).are(-INF, NAN);  // a pole: ln 0 replaced by 0, times ∞
    }

    @Test
    void hypotWithOneZeroArgumentIsTheAbsoluteValueOfTheOther() {
        derivatives("Math.hypot", 3, 0).are(1, 0);
        derivatives("Math.hypot", -3, 0).are(-1, 0);
        derivatives("Math.hypot", 0, -2).are(0, -1);
        derivatives("Math.hypot", 3, 4).are(0.6, 0.8);
        derivatives("Math.hypot", 1e300, 0).are(1, 0);
        derivatives("Math.hypot", 0, Double.MIN_VALUE).are(0, 1);
        derivatives("Math.hypot", 0, 0).are(0, 0);      // the cone's tip: 0 (JAX ½, ½; docs/edge-points.md)
        derivatives("Math.hypot", -0.0, 0).are(0, 0);
    }

    @Test
    void atan2OnTheAxes() {
        derivatives("Math.atan2", 0, 2).are(0.5, 0);
        derivatives("Math.atan2", 0, -2).are(-0.5, 0);
        derivatives("Math.atan2", 3, 0).are(0, -1.0 / 3);
        derivatives("Math.atan2", -3, 0).are(0, 1.0 / 3);
        derivatives("Math.atan2", 0, 0).are(NAN, NAN);  // not even continuous there; as JAX
    }

    @Test
    void inverseSinesAndCosinesKeepTheirDigitsNearTheEndsOfTheDomain() {
        for (double x : new double[] {0.9999999999, -0.9999999999, 0.99999999999999, 1 - 0x1p-30}) {
            double exact = inverseSqrtOneMinusSquare(x);
            derivatives("Math.asin", x).areWithin(1e-14, exact);
            derivatives("Math.acos", x).areWithin(1e-14, -exact);
        }
        derivatives("Math.asin", 1).are(INF);
        derivatives("Math.acos", -1).are(-INF);
    }

    @Test
    void largeMagnitudesGiveTheLimitNotNaN() {
        derivatives("Math.tanh", 1000).are(0);
        derivatives("Math.tanh", -1000).are(0);
        derivatives("Math.exp", -1000).are(0);
        derivatives("Math.atan", 1e300).are(0);
        derivatives("Math.sqrt", Double.MAX_VALUE).areWithin(1e-15, 0.5 / Math.sqrt(Double.MAX_VALUE));
        // 1/(x·ln 10) would overflow to 1/∞ = 0; the derivative is a subnormal number, not 0.
        double log10e = new BigDecimal("0.43429448190325182765112891891660508229439700580366656611445378")
                .divide(new BigDecimal(Double.MAX_VALUE), MathContext.DECIMAL128).doubleValue();
        assertThat(log10e).isPositive();
        derivatives("Math.log10", Double.MAX_VALUE).areWithin(1e-6, log10e);
    }

    @Test
    void expm1AndLog1pNearZero() {
        for (double x : new double[] {0.0, 1e-300, -1e-17, Double.MIN_VALUE}) {
            derivatives("Math.expm1", x).are(1);
            derivatives("Math.log1p", x).are(1);
        }
        derivatives("Math.log1p", -0.5).are(2);
    }

    @Test
    void rootsAtZeroAreInfiniteAsInJax() {
        derivatives("Math.sqrt", 0).are(INF);
        derivatives("Math.cbrt", 0).are(INF);
        derivatives("Math.cbrt", -0.0).are(INF);
        derivatives("Math.cbrt", Double.MIN_VALUE).areWithin(1e-15,
                1 / (3 * Math.cbrt(Double.MIN_VALUE) * Math.cbrt(Double.MIN_VALUE)));
    }

    @Test
    void kinksAndTies() {
        derivatives("Math.abs", 0).are(0);      // midpoint of ±1 (JAX: 1; docs/edge-points.md)
        derivatives("Math.abs", -0.0).are(0);
        derivatives("Math.max", 1, 1).are(0.5, 0.5);
        derivatives("Math.min", -2, -2).are(0.5, 0.5);
        derivatives("Math.max", 0, -0.0).are(0.5, 0.5);
        derivatives("Math.copySign", 0, -1).are(0, 0);
        derivatives("Math.copySign", 2, -1).are(-1, 0);
    }

    @Test
    void quotientsWithAZeroNumerator() {
        derivatives("ddiv", 0, 2).are(0.5, 0);
        derivatives("ddiv", 0, -2).are(-0.5, 0);
        derivatives("ddiv", 3, Double.POSITIVE_INFINITY).are(0, 0);
    }

    /** {@code 1/√(1 − x²)} in 60 digits. */
    private static double inverseSqrtOneMinusSquare(double x) {
        MathContext mc = new MathContext(60);
        BigDecimal b = new BigDecimal(x);
        BigDecimal oneMinusSquare = BigDecimal.ONE.subtract(b.multiply(b));
        return BigDecimal.ONE.divide(oneMinusSquare.sqrt(mc), mc).doubleValue();
    }

    private static Derivatives derivatives(String name, double... args) {
        ScalarPrimitive p = Registry.scalarPrimitives().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no scalar primitive " + name));
        return new Derivatives(p, args);
    }

    /** The derivative values of one primitive at one point, read in both modes. */
    private record Derivatives(ScalarPrimitive p, double[] args) {

        /** Each argument's derivative is exactly {@code expected} (the same infinity, NaN, or value to 4 ulp). */
        void are(double... expected) {
            check(expected, 4 * Math.ulp(1.0));
        }

        void areWithin(double rtol, double... expected) {
            check(expected, rtol);
        }

        private void check(double[] expected, double rtol) {
            assertThat(expected).as(p.name() + ": one derivative per argument").hasSameSizeAs(args);
            double y = p.apply(args);
            double[] reverse = p.vjp(args, y, 1.0);
            for (int i = 0; i < args.length; i++) {
                String at = p.name() + java.util.Arrays.toString(args) + ", argument " + i;
                assertEqual(reverse[i], expected[i], rtol, at + ", reverse mode");
                double[] unit = new double[args.length];
                unit[i] = 1;
                // Forward mode along argument i alone; the other arguments' terms are d·0, which
                // woven code never forms (it skips arguments without a tangent), so only when finite.
                if (othersFinite(expected, i)) {
                    assertEqual(p.jvp(args, y, unit), expected[i], rtol, at + ", forward mode");
                }
            }
        }

        private static boolean othersFinite(double[] expected, int i) {
            for (int j = 0; j < expected.length; j++) {
                if (j != i && !Double.isFinite(expected[j])) {
                    return false;
                }
            }
            return true;
        }

        private static void assertEqual(double actual, double expected, double rtol, String what) {
            if (Double.isNaN(expected)) {
                assertThat(actual).as(what).isNaN();
            } else if (Double.isInfinite(expected)) {
                assertThat(actual).as(what).isEqualTo(expected);
            } else {
                assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                        .isLessThanOrEqualTo(rtol * Math.abs(expected));
            }
        }
    }
}
