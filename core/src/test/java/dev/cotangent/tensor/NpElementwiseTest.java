package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.cotangent.tensor.Naive.assertClose;
import static dev.cotangent.tensor.Naive.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Np's unary and binary elementwise operations against {@link Math} applied in a plain loop. */
class NpElementwiseTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    /** A few ulps: the operations may use other algorithms than {@link Math}, but not worse ones. */
    private static final double ULPS = 4 * Math.ulp(1.0);

    // ---------------------------------------------------------------- unary

    static Stream<Arguments> unary() {
        double[] any = {-3.5, -1, -0.25, -0.0, 0.0, 1e-300, 0.3, 1, 2.5, 40, -INF, INF, NAN};
        double[] unit = {-1, -0.75, -1e-9, 0, 0.5, 0.999, 1, 1.5, NAN};
        double[] positive = {0, 1e-310, 1e-5, 0.5, 1, 2, 1e10, 1e300, INF, -1, NAN};
        return Stream.of(
                arguments("negative", op(Np::negative), (DoubleUnaryOperator) v -> -v, any),
                arguments("abs", op(Np::abs), (DoubleUnaryOperator) Math::abs, any),
                arguments("sqrt", op(Np::sqrt), (DoubleUnaryOperator) Math::sqrt, positive),
                arguments("cbrt", op(Np::cbrt), (DoubleUnaryOperator) Math::cbrt, any),
                arguments("square", op(Np::square), (DoubleUnaryOperator) v -> v * v, any),
                arguments("reciprocal", op(Np::reciprocal), (DoubleUnaryOperator) v -> 1 / v, any),
                arguments("exp", op(Np::exp), (DoubleUnaryOperator) Math::exp, any),
                arguments("expm1", op(Np::expm1), (DoubleUnaryOperator) Math::expm1, any),
                arguments("exp2", op(Np::exp2), (DoubleUnaryOperator) v -> Math.pow(2, v), any),
                arguments("log", op(Np::log), (DoubleUnaryOperator) Math::log, positive),
                arguments("log1p", op(Np::log1p), (DoubleUnaryOperator) Math::log1p, unit),
                arguments("log10", op(Np::log10), (DoubleUnaryOperator) Math::log10, positive),
                arguments("sin", op(Np::sin), (DoubleUnaryOperator) Math::sin, any),
                arguments("cos", op(Np::cos), (DoubleUnaryOperator) Math::cos, any),
                arguments("tan", op(Np::tan), (DoubleUnaryOperator) Math::tan, any),
                arguments("arcsin", op(Np::arcsin), (DoubleUnaryOperator) Math::asin, unit),
                arguments("arccos", op(Np::arccos), (DoubleUnaryOperator) Math::acos, unit),
                arguments("arctan", op(Np::arctan), (DoubleUnaryOperator) Math::atan, any),
                arguments("sinh", op(Np::sinh), (DoubleUnaryOperator) Math::sinh, any),
                arguments("cosh", op(Np::cosh), (DoubleUnaryOperator) Math::cosh, any),
                arguments("tanh", op(Np::tanh), (DoubleUnaryOperator) Math::tanh, any),
                arguments("floor", op(Np::floor), (DoubleUnaryOperator) Math::floor, any),
                arguments("ceil", op(Np::ceil), (DoubleUnaryOperator) Math::ceil, any),
                arguments("round", op(Np::round), (DoubleUnaryOperator) Math::rint, any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unary")
    void unaryMatchesMathElementwise(String name, UnaryOperator<Tensor> f, DoubleUnaryOperator reference,
                                     double[] special) {
        // Special values in a vector, and random values in a 3-d tensor.
        assertClose(f.apply(Tensor.of(special)), map(Tensor.of(special), reference), ULPS);
        Tensor x = Naive.random(17, 2, 3, 4);
        if (name.equals("sqrt") || name.equals("log") || name.equals("log10")) {
            x = Np.abs(x);
        } else if (name.startsWith("arc") || name.equals("log1p")) {
            x = Np.multiply(x, Tensor.scalar(1 / 3.01));
        }
        assertClose(f.apply(x), map(x, reference), ULPS);
        assertThat(f.apply(Tensor.scalar(0.5)).shape()).isEmpty();
        assertThat(f.apply(Tensor.zeros(3, 0)).shape()).containsExactly(3, 0);
    }

    @Test
    void log2IsExactAtPowersOfTwoAndCloseElsewhere() {
        for (int e = -1074; e <= 1023; e++) {
            assertThat(Np.log2(Tensor.scalar(Math.scalb(1.0, e))).item()).as("log2(2^%d)", e).isEqualTo(e);
        }
        Tensor x = Np.exp(Np.multiply(Naive.random(3, 1000), Tensor.scalar(200)));
        assertClose(Np.log2(x), map(x, v -> Math.log(v) / Math.log(2)), 2 * ULPS);
        assertExactly(Np.log2(Tensor.of(new double[] {0, -1, INF, NAN})), Tensor.of(new double[] {-INF, NAN, INF, NAN}));
    }

    @Test
    void roundHalvesGoToEven() {
        Tensor x = Tensor.of(new double[] {0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999999999999996, 1e300, NAN});
        assertExactly(Np.round(x), Tensor.of(new double[] {0, 2, 2, 4, -0.0, -2, -2, 2, 1e300, NAN}));
    }

    @Test
    void roundToDecimalsMatchesDecimalArithmetic() {
        // Multiples of 1/64 are exact in binary, so the decimal half-even rounding is the reference.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k = 0; k < 2000; k++) {
            double v = r.nextInt(-1_000_000, 1_000_000) / 64.0;
            for (int decimals = 0; decimals <= 3; decimals++) {
                double expected = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
                assertThat(Np.round(Tensor.scalar(v), decimals).item()).as("round(%s, %d)", v, decimals)
                        .isEqualTo(expected);
            }
            double n = r.nextInt(-100_000_000, 100_000_000);
            for (int decimals = -1; decimals >= -6; decimals--) {
                double expected = new BigDecimal(n).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
                assertThat(Np.round(Tensor.scalar(n), decimals).item()).as("round(%s, %d)", n, decimals)
                        .isEqualTo(expected);
            }
        }
        assertExactly(Np.round(Tensor.of(new double[] {1250, 1350, 25, 35}), -2), Tensor.of(new double[] {1200, 1400, 0, 0}));
    }

    @Test
    void signIsZeroForBothZerosAndNanForNan() {
        assertExactly(Np.sign(Tensor.of(new double[] {-3, -0.0, 0.0, 2e-300, INF, -INF, NAN})),
                Tensor.of(new double[] {-1, 0, 0, 1, 1, -1, NAN}));
    }

    @Test
    void sigmoidDoesNotOverflow() {
        Tensor x = Tensor.of(new double[] {-1000, -745, -40, -1, 0, 1, 40, 745, 1000});
        double[] s = Np.sigmoid(x).toArray();
        assertThat(s[0]).isEqualTo(0.0);
        assertThat(s[1]).isCloseTo(Math.exp(-745), org.assertj.core.api.Assertions.within(1e-323));
        assertThat(s[2]).isCloseTo(Math.exp(-40), org.assertj.core.api.Assertions.withinPercentage(1e-12));
        assertThat(s[3]).isCloseTo(1 / (1 + Math.E), org.assertj.core.api.Assertions.within(1e-16));
        assertThat(s[4]).isEqualTo(0.5);
        assertThat(s[6]).isEqualTo(1.0);
        assertThat(s[8]).isEqualTo(1.0);
        Tensor y = Naive.random(8, 50);
        assertClose(Np.add(Np.sigmoid(y), Np.sigmoid(Np.negative(y))), Tensor.ones(50), ULPS);
        assertClose(Np.sigmoid(y), map(y, v -> 1 / (1 + Math.exp(-v))), ULPS);
        assertThat(Np.sigmoid(Tensor.scalar(NAN)).item()).isNaN();
    }

    @Test
    void inverseHyperbolicsAreAccurateNearZeroAndForLargeArguments() {
        for (double x : new double[] {1e-300, 1e-20, 1e-8, 1e-4, 1e-3}) {
            double x3 = x * x * x;
            double x5 = x3 * x * x;
            assertRelative(Np.arcsinh(Tensor.scalar(x)).item(), x - x3 / 6 + 3 * x5 / 40, "arcsinh(%s)", x);
            assertRelative(Np.arcsinh(Tensor.scalar(-x)).item(), -(x - x3 / 6 + 3 * x5 / 40), "arcsinh(-%s)", x);
            assertRelative(Np.arctanh(Tensor.scalar(x)).item(), x + x3 / 3 + x5 / 5, "arctanh(%s)", x);
            assertRelative(Np.arctanh(Tensor.scalar(-x)).item(), -(x + x3 / 3 + x5 / 5), "arctanh(-%s)", x);
        }
        // arccosh(1 + t) = √(2t)·(1 − t/12 + 3t²/160 − …), with t exact.
        for (int k = 20; k <= 52; k += 4) {
            double t = Math.scalb(1.0, -k);
            double expected = Math.sqrt(2 * t) * (1 - t / 12 + 3 * t * t / 160);
            assertRelative(Np.arccosh(Tensor.scalar(1 + t)).item(), expected, "arccosh(1 + 2^-%d)", k);
        }
        // For large x: arcsinh(x) = log(2x) + 1/(4x²) − …, arccosh(x) = log(2x) − 1/(4x²) − ….
        for (double x : new double[] {1e5, 1e10, 1e100, 1e200, 1e300, Double.MAX_VALUE}) {
            double log2x = Math.log(x) + Math.log(2);
            assertRelative(Np.arcsinh(Tensor.scalar(x)).item(), log2x + 1 / (4 * x * x), "arcsinh(%s)", x);
            assertRelative(Np.arcsinh(Tensor.scalar(-x)).item(), -(log2x + 1 / (4 * x * x)), "arcsinh(-%s)", x);
            assertRelative(Np.arccosh(Tensor.scalar(x)).item(), log2x - 1 / (4 * x * x), "arccosh(%s)", x);
        }
        // Near ±1: arctanh(1 − δ) = ½·log((2 − δ)/δ).
        for (int k = 4; k <= 52; k += 8) {
            double d = Math.scalb(1.0, -k);
            double expected = 0.5 * (Math.log(2 - d) - Math.log(d));
            assertRelative(Np.arctanh(Tensor.scalar(1 - d)).item(), expected, "arctanh(1 - 2^-%d)", k);
            assertRelative(Np.arctanh(Tensor.scalar(d - 1)).item(), -expected, "arctanh(2^-%d - 1)", k);
        }
        // Near −1 as near 1 (numpy's atanh is odd): ½·(log(1 + x) − log(1 − x)) with 1 + x exact.
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int k = 0; k < 200; k++) {
            double x = 1 - Math.pow(10, -1 - 14 * r.nextDouble());
            double expected = 0.5 * (Math.log1p(x) - Math.log(1 - x));
            assertRelative(Np.arctanh(Tensor.scalar(x)).item(), expected, "arctanh(%s)", x);
            assertThat(Np.arctanh(Tensor.scalar(-x)).item()).as("arctanh(-%s)", x)
                    .isEqualTo(-Np.arctanh(Tensor.scalar(x)).item());
        }
        // Moderate arguments: the inverses of Math's functions.
        Tensor x = Naive.random(4, 200);
        assertClose(map(Np.arcsinh(x), Math::sinh), x, 8 * ULPS);
        Tensor above1 = Np.add(Np.abs(x), Tensor.scalar(1.5));
        assertClose(map(Np.arccosh(above1), Math::cosh), above1, 8 * ULPS);
        Tensor inside = Np.multiply(x, Tensor.scalar(0.3));
        assertClose(map(Np.arctanh(inside), Math::tanh), inside, 8 * ULPS);
        // Domain edges, as numpy.
        assertExactly(Np.arccosh(Tensor.of(new double[] {1, 0.5, INF, NAN})), Tensor.of(new double[] {0, NAN, INF, NAN}));
        assertExactly(Np.arctanh(Tensor.of(new double[] {1, -1, 1.5, -0.0})), Tensor.of(new double[] {INF, -INF, NAN, -0.0}));
        assertExactly(Np.arcsinh(Tensor.of(new double[] {INF, -INF, -0.0})), Tensor.of(new double[] {INF, -INF, -0.0}));
    }

    // ---------------------------------------------------------------- binary

    static Stream<Arguments> binary() {
        return Stream.of(
                arguments("add", (BinaryOperator<Tensor>) Np::add, (DoubleBinaryOperator) (a, b) -> a + b),
                arguments("subtract", (BinaryOperator<Tensor>) Np::subtract, (DoubleBinaryOperator) (a, b) -> a - b),
                arguments("multiply", (BinaryOperator<Tensor>) Np::multiply, (DoubleBinaryOperator) (a, b) -> a * b),
                arguments("divide", (BinaryOperator<Tensor>) Np::divide, (DoubleBinaryOperator) (a, b) -> a / b),
                arguments("power", (BinaryOperator<Tensor>) Np::power, (DoubleBinaryOperator) Math::pow),
                arguments("arctan2", (BinaryOperator<Tensor>) Np::arctan2, (DoubleBinaryOperator) Math::atan2),
                arguments("hypot", (BinaryOperator<Tensor>) Np::hypot, (DoubleBinaryOperator) Math::hypot),
                arguments("maximum", (BinaryOperator<Tensor>) Np::maximum,
                        (DoubleBinaryOperator) (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? NAN : Math.max(a, b)),
                arguments("minimum", (BinaryOperator<Tensor>) Np::minimum,
                        (DoubleBinaryOperator) (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? NAN : Math.min(a, b)),
                arguments("greater", (BinaryOperator<Tensor>) Np::greater, (DoubleBinaryOperator) (a, b) -> a > b ? 1 : 0),
                arguments("greater_equal", (BinaryOperator<Tensor>) Np::greater_equal,
                        (DoubleBinaryOperator) (a, b) -> a >= b ? 1 : 0),
                arguments("less", (BinaryOperator<Tensor>) Np::less, (DoubleBinaryOperator) (a, b) -> a < b ? 1 : 0),
                arguments("less_equal", (BinaryOperator<Tensor>) Np::less_equal,
                        (DoubleBinaryOperator) (a, b) -> a <= b ? 1 : 0),
                arguments("equal", (BinaryOperator<Tensor>) Np::equal, (DoubleBinaryOperator) (a, b) -> a == b ? 1 : 0),
                arguments("not_equal", (BinaryOperator<Tensor>) Np::not_equal,
                        (DoubleBinaryOperator) (a, b) -> a != b ? 1 : 0));
    }

    /** Shape pairs that numpy broadcasts, including rank 0, size-1 stretching and size 0. */
    private static final int[][][] BROADCASTS = {
            {{2, 3}, {2, 3}}, {{3, 1}, {1, 4}}, {{2, 3, 4}, {4}}, {{4}, {2, 3, 4}}, {{}, {2, 3}}, {{2, 3}, {}},
            {{}, {}}, {{5, 1, 3}, {4, 1}}, {{1, 1}, {3}}, {{3}, {1, 1}}, {{2, 1, 3, 1}, {1, 4, 1, 5}},
            {{0, 3}, {3}}, {{2, 0}, {2, 1}}, {{1}, {0}}, {{0}, {}}, {{6, 1}, {1, 1}},
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("binary")
    void binaryBroadcastsAsNumpy(String name, BinaryOperator<Tensor> f, DoubleBinaryOperator reference) {
        long seed = 1;
        for (int[][] pair : BROADCASTS) {
            Tensor a = Naive.random(seed++, pair[0]);
            Tensor b = Naive.random(seed++, pair[1]);
            Tensor expected = zip(a, b, reference);
            assertClose(f.apply(a, b), expected, ULPS);
        }
        // Ties, signed zeros, infinities and NaN on either side.
        Tensor a = Tensor.of(new double[] {1, 1, -0.0, 0.0, INF, -INF, NAN, 2, NAN, 3});
        Tensor b = Tensor.of(new double[] {1, 2, 0.0, -0.0, INF, 3, 1, NAN, NAN, -INF});
        assertClose(f.apply(a, b), zip(a, b, reference), ULPS);
    }

    @Test
    void maximumAndMinimumPropagateNan() {
        Tensor a = Tensor.of(new double[] {NAN, 1, NAN, -INF});
        Tensor b = Tensor.of(new double[] {1, NAN, NAN, NAN});
        assertThat(Np.maximum(a, b).toArray()).containsOnly(NAN);
        assertThat(Np.minimum(a, b).toArray()).containsOnly(NAN);
        assertThat(Np.maximum(b, a).toArray()).containsOnly(NAN);
    }

    @Test
    void arctan2TakesYThenX() {
        Tensor y = Tensor.of(new double[] {1, 1, -1, 0.0, -0.0, 1});
        Tensor x = Tensor.of(new double[] {1, -1, -1, -1, -1, 0});
        assertExactly(Np.arctan2(y, x), Tensor.of(new double[] {
                Math.PI / 4, 3 * Math.PI / 4, -3 * Math.PI / 4, Math.PI, -Math.PI, Math.PI / 2}));
    }

    @Test
    void comparisonsGiveOneOrZero() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, NAN});
        Tensor b = Tensor.scalar(2);
        assertExactly(Np.greater(a, b), Tensor.of(new double[] {0, 0, 1, 0}));
        assertExactly(Np.greater_equal(a, b), Tensor.of(new double[] {0, 1, 1, 0}));
        assertExactly(Np.less(a, b), Tensor.of(new double[] {1, 0, 0, 0}));
        assertExactly(Np.less_equal(a, b), Tensor.of(new double[] {1, 1, 0, 0}));
        assertExactly(Np.equal(a, b), Tensor.of(new double[] {0, 1, 0, 0}));
        assertExactly(Np.not_equal(a, b), Tensor.of(new double[] {1, 0, 1, 1}));
        assertExactly(Np.equal(Tensor.scalar(0.0), Tensor.scalar(-0.0)), Tensor.scalar(1));
    }

    @Test
    void whereBroadcastsAllThree() {
        Tensor condition = Tensor.of(new double[] {1, 0, -2, NAN}, 4, 1);
        Tensor a = Naive.iota(1, 3);
        Tensor b = Tensor.scalar(-1);
        Tensor out = Np.where(condition, a, b);
        // Any non-zero condition, NaN included, picks a.
        assertExactly(out, Tensor.of(new double[][] {{0, 1, 2}, {-1, -1, -1}, {0, 1, 2}, {0, 1, 2}}));
        Tensor c = Naive.random(2, 2, 1, 3);
        Tensor x = Naive.random(3, 4, 1);
        Tensor y = Naive.random(4, 3);
        Tensor expected = Naive.build(new int[] {2, 4, 3}, i -> Naive.broadcastAt(c, i) != 0
                ? Naive.broadcastAt(x, i) : Naive.broadcastAt(y, i));
        assertExactly(Np.where(Np.greater(c, Tensor.scalar(0)), x, y),
                Naive.build(new int[] {2, 4, 3}, i -> Naive.broadcastAt(c, i) > 0
                        ? Naive.broadcastAt(x, i) : Naive.broadcastAt(y, i)));
        assertExactly(Np.where(c, x, y), expected);
    }

    @Test
    void clipLimitsToTheBoundsAndPropagatesNan() {
        Tensor x = Tensor.of(new double[] {-5, -1, 0, 0.5, 1, 7, NAN, -INF, INF});
        assertExactly(Np.clip(x, -1, 1), Tensor.of(new double[] {-1, -1, 0, 0.5, 1, 1, NAN, -1, 1}));
        // Broadcast bounds: a per-column lower and a per-row upper bound.
        Tensor m = Naive.random(6, 3, 4);
        Tensor lo = Naive.random(7, 4);
        Tensor hi = Np.add(Naive.random(8, 3, 1), Tensor.scalar(1));
        Tensor expected = Naive.build(new int[] {3, 4}, i -> Math.min(Math.max(Naive.at(m, i),
                Naive.broadcastAt(lo, i)), Naive.broadcastAt(hi, i)));
        assertExactly(Np.clip(m, lo, hi), expected);
        // numpy's order: min first, then max, so max wins when min > max.
        assertExactly(Np.clip(x, 2, 1), Tensor.of(new double[] {1, 1, 1, 1, 1, 1, NAN, 1, 1}));
    }

    @Test
    void likesAndAllclose() {
        Tensor x = Naive.random(1, 2, 3);
        assertExactly(Np.zeros_like(x), Tensor.zeros(2, 3));
        assertExactly(Np.ones_like(x), Tensor.ones(2, 3));
        assertThat(Np.allclose(x, Np.add(x, Tensor.scalar(1e-9)))).isTrue();
        assertThat(Np.allclose(x, Np.add(x, Tensor.scalar(1e-3)))).isFalse();
        // |a − b| ≤ atol + rtol·|b|: relative to b only, as numpy.
        assertThat(Np.allclose(Tensor.scalar(1.5), Tensor.scalar(1), 0.5, 0)).isTrue();
        assertThat(Np.allclose(Tensor.scalar(1), Tensor.scalar(1.5), 0.34, 0)).isTrue();
        assertThat(Np.allclose(Tensor.scalar(1.5), Tensor.scalar(1), 0.34, 0)).isFalse();
        assertThat(Np.allclose(Tensor.scalar(1.5), Tensor.scalar(1), 0, 0.5)).isTrue();
        assertThat(Np.allclose(Tensor.of(new double[] {INF, -INF}), Tensor.of(new double[] {INF, -INF}))).isTrue();
        assertThat(Np.allclose(Tensor.scalar(INF), Tensor.scalar(-INF))).isFalse();
        assertThat(Np.allclose(Tensor.scalar(1), Tensor.scalar(INF))).isFalse();
        assertThat(Np.allclose(Tensor.scalar(INF), Tensor.scalar(1))).isFalse();
        assertThat(Np.allclose(Tensor.scalar(NAN), Tensor.scalar(NAN))).isFalse();
        assertThat(Np.allclose(Naive.iota(2, 3), Np.add(Naive.iota(3), Tensor.of(new double[] {0, 3}, 2, 1)))).isTrue();
    }

    // ---------------------------------------------------------------- references

    private static UnaryOperator<Tensor> op(UnaryOperator<Tensor> f) {
        return f;
    }

    private static Tensor map(Tensor x, DoubleUnaryOperator f) {
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return Tensor.of(v, x.shape());
    }

    private static Tensor zip(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] shape = Naive.broadcast(a.shape(), b.shape());
        return Naive.build(shape, i -> f.applyAsDouble(Naive.broadcastAt(a, i), Naive.broadcastAt(b, i)));
    }

    private static void assertRelative(double actual, double expected, String what, Object... args) {
        assertThat(Math.abs(actual - expected)).as(what + ": %s vs %s", concat(args, actual, expected))
                .isLessThanOrEqualTo(3 * Math.ulp(expected));
    }

    private static Object[] concat(Object[] args, double actual, double expected) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + 2);
        out[args.length] = actual;
        out[args.length + 1] = expected;
        return out;
    }
}
