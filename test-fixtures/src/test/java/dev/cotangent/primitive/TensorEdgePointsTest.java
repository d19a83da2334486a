package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tensor rules at their edge points, in both modes: the VJP of a cotangent of ones gives
 * the derivative values themselves, and the JVP along a tangent gives their product with it
 * (elementwise, or summed by a reduction). Where the function is differentiable they are
 * checked against closed forms, or against a naive reference (cofactors by Laplace expansion
 * for det) or central differences at smooth points with zero entries; where it is not, against
 * the convention of docs/edge-points.md.
 */
class TensorEdgePointsTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double ULPS = 4 * Math.ulp(1.0);

    @Test
    void powerOfZero() {
        Tensor a = vector(0, 0, 0, 0, -0.0, 2, 0);
        Tensor b = vector(0, 1, 2, 3, 0, 0, 1.5);
        elementwise("power", new Object[] {a, b}, 0, 0, 1, 0, 0, 0, 0, 0);
        elementwise("power", new Object[] {a, b}, 1, 0, 0, 0, 0, 0, Math.log(2), 0);
    }

    @Test
    void hypotWithZeroArguments() {
        Tensor a = vector(3, -3, 0, 0, 1e300, 0);
        Tensor b = vector(0, 0, -2, 0, 0, Double.MIN_VALUE);
        elementwise("hypot", new Object[] {a, b}, 0, 1, -1, 0, 0, 1, 0);
        elementwise("hypot", new Object[] {a, b}, 1, 0, 0, -1, 0, 0, 1);
    }

    @Test
    void inverseFunctionsNearTheEndsOfTheirDomains() {
        double[] nearOne = {0.9999999999, -0.9999999999, 0.99999999999999};
        closedForm("arcsin", nearOne, x -> 1 / Math.sqrt(1 - x * x), b -> inverseSqrt(BigDecimal.ONE.subtract(b.multiply(b))));
        closedForm("arccos", nearOne, null, b -> -inverseSqrt(BigDecimal.ONE.subtract(b.multiply(b))));
        closedForm("arctanh", nearOne, null, b -> inverse(BigDecimal.ONE.subtract(b.multiply(b))));
        closedForm("arccosh", new double[] {1.0000000001, 1e200, 3}, null,
                b -> inverseSqrt(b.multiply(b).subtract(BigDecimal.ONE)));
        closedForm("arcsinh", new double[] {1e200, -1e200, 0, 3}, null,
                b -> inverseSqrt(b.multiply(b).add(BigDecimal.ONE)));
        BigDecimal ln10 = new BigDecimal("2.30258509299404568401799145468436420760110148862877297603332790");
        BigDecimal ln2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680009");
        closedForm("log10", new double[] {Double.MAX_VALUE, 1e-300}, null, b -> inverse(b.multiply(ln10)));
        closedForm("log2", new double[] {Double.MAX_VALUE, 1e-300}, null, b -> inverse(b.multiply(ln2)));
    }

    @Test
    void saturatedFunctionsAtLargeMagnitudes() {
        elementwise("tanh", new Object[] {vector(1000, -1000)}, 0, 0, 0);
        elementwise("sigmoid", new Object[] {vector(1000, -1000, 0)}, 0, 0, 0, 0.25);
        elementwise("exp", new Object[] {vector(-1000)}, 0, 0);
        reduction("logsumexp", new Object[] {vector(1000, 1000), null, false}, 0.5, 0.5);
        reduction("logsumexp", new Object[] {vector(1e15, 1e15), null, false}, 0.5, 0.5);
        reduction("logsumexp", new Object[] {vector(1000, 0), null, false}, 1, 0);
        reduction("logsumexp", new Object[] {vector(Double.POSITIVE_INFINITY, 1), null, false}, NAN, 0);
        reduction("logsumexp", new Object[] {vector(Double.NEGATIVE_INFINITY, 0), null, false}, 0, 1);
        reduction("logsumexp", new Object[] {vector(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), null, false},
                NAN, NAN);   // the constant −∞: JAX's 0/0
    }

    @Test
    void softmaxAtLargeMagnitudes() {
        Primitive softmax = Registry.named("softmax");
        Tensor x = vector(1000, 1000, -1000);
        Call call = softmax.call(x, 0);
        double[] s = {0.5, 0.5, 0};   // exp(−2000) is 0
        double[] u = {0.3, -1.1, 2.0};
        // J = diag(s) − s·sᵀ is symmetric, so the JVP and the VJP of the same vector agree.
        double su = s[0] * u[0] + s[1] * u[1] + s[2] * u[2];
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = s[i] * u[i] - s[i] * su;
        }
        close(((Tensor) softmax.jvp(call, Tensor.of(u), null)).toArray(), expected, ULPS, 0, "softmax JVP");
        close(((Tensor) softmax.vjp(call, Tensor.of(u))[0]).toArray(), expected, ULPS, 0, "softmax VJP");
    }

    @Test
    void tiesSplitTheDerivativeAsJaxDoes() {
        elementwise("maximum", new Object[] {vector(1, 2), vector(1, 3)}, 0, 0.5, 0);
        elementwise("maximum", new Object[] {vector(1, 2), vector(1, 3)}, 1, 0.5, 1);
        elementwise("abs", new Object[] {vector(0, -0.0, 2, -3)}, 0, 0, 0, 1, -1);   // JAX: 1 at 0
        // clip(x, lo, hi) as minimum(maximum(x, lo), hi): x at lo, at hi, inside, above, below, lo = hi = x.
        Object[] clip = {vector(0, 1, 0.5, 2, -1, 1), vector(0, 0, 0, 0, 0, 1), vector(1, 1, 1, 1, 1, 1)};
        elementwise("clip", clip, 0, 0.5, 0.5, 1, 0, 0, 0.25);
        elementwise("clip", clip, 1, 0.5, 0, 0, 0, 1, 0.25);
        elementwise("clip", clip, 2, 0, 0.5, 0, 1, 0, 0.5);
        reduction("max", new Object[] {vector(2, 5, 5, 1), null, false}, 0, 0.5, 0.5, 0);
    }

    @Test
    void productsWithZeroFactors() {
        reduction("prod", new Object[] {vector(0, 2, 3), null, false}, 6, 0, 0);
        reduction("prod", new Object[] {vector(0, 0, 3), null, false}, 0, 0, 0);
        reduction("prod", new Object[] {vector(-0.0, 5), null, false}, 5, 0);
        reduction("prod", new Object[] {vector(2, 3, 4), null, false}, 12, 8, 6);
    }

    @Test
    void spreadOfEqualValues() {
        reduction("std", new Object[] {vector(2), null, false}, 0);           // the constant 0
        reduction("std", new Object[] {vector(1, 3), null, false}, -0.5, 0.5);
        reduction("std", new Object[] {vector(2, 2, 2), null, false}, NAN, NAN, NAN);   // a cone's tip, as JAX
        reduction("var", new Object[] {vector(2, 2, 2), null, false}, 0, 0, 0);
        // A batch: the row of equal values has no derivative, the other row is unaffected.
        Primitive std = Registry.named("std");
        Tensor x = Tensor.of(new double[] {2, 2, 1, 3}, 2, 2);
        Call call = std.call(x, new int[] {1}, false);
        close(((Tensor) std.vjp(call, Tensor.ones(2))[0]).toArray(), new double[] {NAN, NAN, -0.5, 0.5}, ULPS, 0,
                "std of rows, VJP");
        close(((Tensor) std.jvp(call, Tensor.of(new double[] {1, 2, 3, 5}, 2, 2), null, null)).toArray(),
                new double[] {NAN, 1}, ULPS, 0, "std of rows, JVP");
    }

    @Test
    void normsAtPointsWithZeroComponents() {
        reduction("norm", new Object[] {vector(3, 0, -4)}, 0.6, 0, -0.8);
        reduction("norm", new Object[] {vector(1e200, 0)}, 1, 0);
        reduction("norm", new Object[] {vector(1e-320, 0)}, 1, 0);
        reduction("norm", new Object[] {vector(0, 0)}, NAN, NAN);   // the cone's tip, as JAX
        // A batch with a zero row: NaN in that row only, in both modes.
        Primitive norm = Registry.named("norm_axis");
        Tensor x = Tensor.of(new double[] {3, 4, 0, 0, 0, -2}, 3, 2);
        Call call = norm.call(x, 1, false);
        close(((Tensor) norm.vjp(call, Tensor.ones(3))[0]).toArray(), new double[] {0.6, 0.8, NAN, NAN, 0, -1},
                ULPS, 0, "norm of rows, VJP");
        close(((Tensor) norm.jvp(call, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2), null, null)).toArray(),
                new double[] {2.2, NAN, -6}, ULPS, 0, "norm of rows, JVP");
    }

    @Test
    void determinantOfSingularMatricesIsTheCofactorMatrix() {
        for (double[] m : new double[][] {
                {0, 1, 1, 0}, {1, 2, 2, 4}, {0, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 0, 0, 0, 2, 0, 0, 0, 0},
                {0, 2, 0, 0, 0, 3, 4, 0, 0}, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {2, -1, 0, 0, 3, 0, 1, 4, 0, 0, 5, 1, 0, 2, 0, 0}}) {
            int n = (int) Math.round(Math.sqrt(m.length));
            reductionWithin(1e-14, 1e-13, "det", new Object[] {Tensor.of(m, n, n)}, cofactors(m, n));
        }
        // A stack with one singular matrix and one regular one.
        Primitive det = Registry.named("det");
        Tensor stack = Tensor.of(new double[] {1, 2, 2, 4, 2, 1, 1, 3}, 2, 2, 2);
        Call call = det.call(stack);
        close(((Tensor) det.vjp(call, Tensor.ones(2))[0]).toArray(), new double[] {4, -2, -2, 1, 3, -1, -1, 2},
                1e-14, 1e-13, "det of a stack, VJP");
        close(((Tensor) det.jvp(call, Tensor.of(new double[] {1, 0, 0, 1, 0, 1, 1, 0}, 2, 2, 2))).toArray(),
                new double[] {5, -2}, 1e-14, 1e-13, "det of a stack, JVP");
    }

    @Test
    void factorisationsOfWellConditionedMatricesWithZeroEntries() {
        Tensor permutation = Tensor.of(new double[] {0, 2, 0, 0, 0, 3, 4, 0, 0}, 3, 3);
        Tensor swap = Tensor.of(new double[] {0, 1, 1, 0}, 2, 2);
        Tensor diagonal = Tensor.of(new double[] {3, 0, 0, 0, 1, 0, 0, 0, 2}, 3, 3);
        againstFiniteDifferences("inv", false, permutation);
        againstFiniteDifferences("inv", false, swap);
        againstFiniteDifferences("det", false, permutation);
        againstFiniteDifferences("slogdet", false, swap);
        againstFiniteDifferences("solve", false, permutation, vector(1, -2, 0));
        againstFiniteDifferences("svd", false, permutation, false);
        // Householder's reflections (LAPACK's dlarfg) take their sign from the pivot entry and
        // are skipped for a column already zero below it, so numpy's QR jumps where either is 0
        // (permutation, diagonal): zeros elsewhere for qr.
        againstFiniteDifferences("qr", false, Tensor.of(new double[] {2, 0, 1, 1, 3, 0, 0, 1, 4}, 3, 3), "reduced");
        againstFiniteDifferences("eigh", true, diagonal, "L");
        againstFiniteDifferences("cholesky", true, diagonal);
        againstFiniteDifferences("norm", false, diagonal);
    }

    // ------------------------------------------------------------------ checks

    /**
     * Argument {@code argument} of an elementwise primitive over vectors: its derivative
     * values are {@code d} (the VJP of ones), and the JVP along u is {@code d ⊙ u}.
     */
    private static void elementwise(String name, Object[] args, int argument, double... d) {
        Primitive p = Registry.named(name);
        Call call = p.call(args);
        Tensor v = Np.ones_like((Tensor) call.ans());
        double[] adjoint = ((Tensor) p.vjp(call, v)[argument]).toArray();
        close(adjoint, d, ULPS, 0, name + " argument " + argument + ", VJP");
        double[] u = direction(d.length);
        Object[] tangents = new Object[args.length];
        tangents[argument] = Tensor.of(u);
        double[] expected = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            expected[i] = d[i] * u[i];
        }
        close(((Tensor) p.jvp(call, tangents)).toArray(), expected, ULPS, 0, name + " argument " + argument + ", JVP");
    }

    /** A reduction of its first argument to one value: derivative values {@code d}, JVP {@code Σ d·u}. */
    private static void reduction(String name, Object[] args, double... d) {
        reductionWithin(ULPS, 0, name, args, d);
    }

    private static void reductionWithin(double rtol, double atol, String name, Object[] args, double... d) {
        Primitive p = Registry.named(name);
        Call call = p.call(args);
        close(((Tensor) p.vjp(call, Tensor.scalar(1))[0]).toArray(), d, rtol, atol, name + ", VJP");
        double[] u = direction(d.length);
        double sum = 0;
        double scale = 0;
        for (int i = 0; i < d.length; i++) {
            sum += d[i] * u[i];
            scale += Math.abs(d[i] * u[i]);
        }
        Object[] tangents = new Object[args.length];
        tangents[0] = Tensor.of(u, ((Tensor) args[0]).shape());
        close(((Tensor) p.jvp(call, tangents)).toArray(), new double[] {sum}, 0, rtol * scale + atol * d.length,
                name + ", JVP");
    }

    /**
     * A unary elementwise primitive at {@code points}, against {@code exact} evaluated in 60
     * digits; {@code naive} (when given) is the textbook double formula, which must be worse,
     * so that the points do test what they are chosen for.
     */
    private static void closedForm(String name, double[] points, DoubleUnaryOperator naive,
                                   java.util.function.Function<BigDecimal, Double> exact) {
        double[] d = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            d[i] = exact.apply(new BigDecimal(points[i]));
        }
        Primitive p = Registry.named(name);
        Call call = p.call(Tensor.of(points));
        double[] adjoint = ((Tensor) p.vjp(call, Tensor.ones(points.length))[0]).toArray();
        close(adjoint, d, 1e-14, 0, name + " VJP");
        close(((Tensor) p.jvp(call, Tensor.ones(points.length))).toArray(), d, 1e-14, 0, name + " JVP");
        if (naive != null) {
            assertThat(Math.abs(naive.applyAsDouble(points[0]) - d[0])).as(name + ": the naive formula's error")
                    .isGreaterThan(1e-12 * Math.abs(d[0]));
        }
    }

    /** JVP against central differences and the dot-product identity, at a smooth point. */
    private static void againstFiniteDifferences(String name, boolean symmetric, Object... args) {
        Primitive p = Registry.named(name);
        Call call = p.call(args);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Object[] tangents = new Object[args.length];
        Tensor u = (Tensor) GradCheck.randomLike(args[0], random);
        tangents[0] = symmetric ? Np.multiply(Tensor.scalar(0.5), Np.add(u, Np.swapaxes(u, -1, -2))) : u;
        Object jvp = GradCheck.orZeros(p.jvp(call, tangents), call.ans());
        Object numeric = GradCheck.numericJvp(p::apply, args, tangents, 1e-3);
        GradCheck.assertClose(jvp, numeric, 1e-8, 1e-10, name + " JVP vs finite differences");
        Object v = GradCheck.randomLike(call.ans(), random);
        Object[] adjoints = new Object[args.length];
        adjoints[0] = p.vjp(call, v)[0];
        GradCheck.assertDotProduct(tangents, jvp, v, adjoints, 1e-12, name);
    }

    private static void close(double[] actual, double[] expected, double rtol, double atol, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            String at = what + ", element " + i + ": " + actual[i] + " vs " + expected[i];
            if (Double.isNaN(expected[i])) {
                assertThat(actual[i]).as(at).isNaN();
            } else if (Double.isInfinite(expected[i])) {
                assertThat(actual[i]).as(at).isEqualTo(expected[i]);
            } else {
                assertThat(Math.abs(actual[i] - expected[i])).as(at)
                        .isLessThanOrEqualTo(rtol * Math.abs(expected[i]) + atol);
            }
        }
    }

    // ------------------------------------------------------------------ references

    /** The cofactor matrix C (∂det/∂A = C), each entry a minor's determinant by Laplace expansion. */
    private static double[] cofactors(double[] a, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] minor = new double[(n - 1) * (n - 1)];
                for (int r = 0, k = 0; r < n; r++) {
                    for (int s = 0; s < n; s++) {
                        if (r != i && s != j) {
                            minor[k++] = a[r * n + s];
                        }
                    }
                }
                c[i * n + j] = ((i + j) % 2 == 0 ? 1 : -1) * laplace(minor, n - 1);
            }
        }
        return c;
    }

    private static double laplace(double[] a, int n) {
        if (n == 0) {
            return 1;
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double[] minor = new double[(n - 1) * (n - 1)];
            for (int r = 1, k = 0; r < n; r++) {
                for (int s = 0; s < n; s++) {
                    if (s != j) {
                        minor[k++] = a[r * n + s];
                    }
                }
            }
            sum += (j % 2 == 0 ? 1 : -1) * a[j] * laplace(minor, n - 1);
        }
        return sum;
    }

    private static double inverseSqrt(BigDecimal x) {
        MathContext mc = new MathContext(60);
        return BigDecimal.ONE.divide(x.sqrt(mc), mc).doubleValue();
    }

    private static double inverse(BigDecimal x) {
        return BigDecimal.ONE.divide(x, new MathContext(60)).doubleValue();
    }

    private static Tensor vector(double... values) {
        return Tensor.of(values);
    }

    /** A tangent with distinct, non-zero entries. */
    private static double[] direction(int n) {
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = 1 + 0.125 * i;
        }
        return u;
    }
}
