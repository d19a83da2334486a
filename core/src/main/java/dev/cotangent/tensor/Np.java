package dev.cotangent.tensor;

import dev.cotangent.Differentiable;
import dev.cotangent.einsum.ContractionSpecs;
import dev.cotangent.einsum.Einsum;
import dev.cotangent.einsum.Gemm;
import dev.cotangent.tensor.internal.Shapes;

import java.util.Arrays;

import static dev.cotangent.tensor.Reductions.Kind.MAX;
import static dev.cotangent.tensor.Reductions.Kind.MIN;
import static dev.cotangent.tensor.Reductions.Kind.PROD;
import static dev.cotangent.tensor.Reductions.Kind.SUM;

/**
 * numpy's operations on {@link Tensor}s, under numpy's names, argument order and defaults.
 *
 * <p>Conventions: a shape or permutation is {@code int...}; an axis is {@code int} or
 * {@code int[]} (negative counts from the end; {@code null} means every axis), optionally
 * followed by {@code boolean keepdims}; a sequence of tensors is {@code Tensor[]}; scalars
 * mix in through {@link Tensor#scalar(double)}. Binary operations broadcast as numpy does.
 * Every operation returns a new tensor and leaves its arguments unchanged. Bad shapes and
 * axes are refused with an {@link IllegalArgumentException} naming the operation and the
 * shapes involved.
 *
 * <p>Each canonical method (the overload with every parameter) is a primitive of the
 * derivative registry; the shorter overloads only fill in numpy's defaults.
 *
 * <p>This façade is long because numpy is wide; the arithmetic lives in package-private
 * kernels ({@code Elementwise}, {@code Reductions}, {@code StridedView}, {@code Shaping}).
 *
 * @since 0.1
 */
public final class Np {

    private Np() {}

    // ================================================================ unary elementwise

    /** {@code -x}. */
    public static Tensor negative(Tensor x) {
        return Elementwise.map(x, v -> -v);
    }

    /** {@code |x|}. */
    public static Tensor abs(Tensor x) {
        return Elementwise.map(x, Math::abs);
    }

    /** −1, 0 or 1 by the sign of each element (0 for −0 too, as numpy); NaN stays NaN. */
    public static Tensor sign(Tensor x) {
        return Elementwise.map(x, v -> v > 0 ? 1.0 : v < 0 ? -1.0 : v == 0 ? 0.0 : v);
    }

    /** Square root; NaN for negative elements. */
    public static Tensor sqrt(Tensor x) {
        return Elementwise.map(x, Math::sqrt);
    }

    /** Cube root, defined for negative elements too. */
    public static Tensor cbrt(Tensor x) {
        return Elementwise.map(x, Math::cbrt);
    }

    /** {@code x²}. */
    public static Tensor square(Tensor x) {
        return Elementwise.map(x, v -> v * v);
    }

    /** {@code 1 / x}. */
    public static Tensor reciprocal(Tensor x) {
        return Elementwise.map(x, v -> 1.0 / v);
    }

    /** {@code eˣ}. */
    public static Tensor exp(Tensor x) {
        return Elementwise.map(x, Math::exp);
    }

    /** {@code eˣ − 1}, accurate near 0. */
    public static Tensor expm1(Tensor x) {
        return Elementwise.map(x, Math::expm1);
    }

    /** {@code 2ˣ}. */
    public static Tensor exp2(Tensor x) {
        return Elementwise.map(x, v -> Math.pow(2.0, v));
    }

    /** Natural logarithm. */
    public static Tensor log(Tensor x) {
        return Elementwise.map(x, Math::log);
    }

    /** {@code log(1 + x)}, accurate near 0. */
    public static Tensor log1p(Tensor x) {
        return Elementwise.map(x, Math::log1p);
    }

    /** Base-2 logarithm; exact at powers of two. */
    public static Tensor log2(Tensor x) {
        return Elementwise.map(x, Np::log2);
    }

    /** Base-10 logarithm. */
    public static Tensor log10(Tensor x) {
        return Elementwise.map(x, Math::log10);
    }

    static final double LN2 = Math.log(2.0);
    static final double LN10 = Math.log(10.0);

    /** Sine. */
    public static Tensor sin(Tensor x) {
        return Elementwise.map(x, Math::sin);
    }

    /** Cosine. */
    public static Tensor cos(Tensor x) {
        return Elementwise.map(x, Math::cos);
    }

    /** Tangent. */
    public static Tensor tan(Tensor x) {
        return Elementwise.map(x, Math::tan);
    }

    /** Inverse sine. */
    public static Tensor arcsin(Tensor x) {
        return Elementwise.map(x, Math::asin);
    }

    /** Inverse cosine. */
    public static Tensor arccos(Tensor x) {
        return Elementwise.map(x, Math::acos);
    }

    /** Inverse tangent. */
    public static Tensor arctan(Tensor x) {
        return Elementwise.map(x, Math::atan);
    }

    /** Hyperbolic sine. */
    public static Tensor sinh(Tensor x) {
        return Elementwise.map(x, Math::sinh);
    }

    /** Hyperbolic cosine. */
    public static Tensor cosh(Tensor x) {
        return Elementwise.map(x, Math::cosh);
    }

    /** Hyperbolic tangent. */
    public static Tensor tanh(Tensor x) {
        return Elementwise.map(x, Math::tanh);
    }

    /** Inverse hyperbolic sine. */
    public static Tensor arcsinh(Tensor x) {
        return Elementwise.map(x, Np::asinh);
    }

    /** Inverse hyperbolic cosine; NaN below 1. */
    public static Tensor arccosh(Tensor x) {
        return Elementwise.map(x, Np::acosh);
    }

    /** Inverse hyperbolic tangent; infinite at ±1, NaN beyond. */
    public static Tensor arctanh(Tensor x) {
        return Elementwise.map(x, Np::atanh);
    }

    /** Odd by construction: evaluated at {@code |v|}, where {@code 2|v|/(1 − |v|)} has no cancellation. */
    static double atanh(double v) {
        double a = Math.abs(v);
        return Math.copySign(0.5 * Math.log1p(2.0 * a / (1.0 - a)), v);
    }

    /** {@code e + log2(m)} for {@code v = m·2ᵉ}, {@code m} near 1, so that powers of two come out exact. */
    static double log2(double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            return Math.log(v) / LN2;
        }
        int e = Math.getExponent(v);
        if (e < Double.MIN_EXPONENT) {
            v *= 0x1p54;
            e = Math.getExponent(v) - 54;
        }
        double m = Math.scalb(v, -Math.getExponent(v));
        if (m > Math.sqrt(2.0)) {
            m *= 0.5;
            e++;
        }
        return e + Math.log1p(m - 1.0) / LN2;
    }

    /** fdlibm's acosh: {@code log1p} near 1, no overflow of {@code v²} for large {@code v}. */
    static double acosh(double v) {
        if (!(v >= 1)) {
            return Double.NaN;
        }
        if (v >= 0x1p28) {
            return Math.log(v) + LN2;
        }
        if (v > 2) {
            return Math.log(2 * v - 1 / (v + Math.sqrt(v * v - 1)));
        }
        double t = v - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    static double asinh(double v) {
        double a = Math.abs(v);
        double r = a > 1e8 ? Math.log(a) + LN2 : Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        return Math.copySign(r, v);
    }

    /** Largest integer not above each element. */
    public static Tensor floor(Tensor x) {
        return Elementwise.map(x, Math::floor);
    }

    /** Smallest integer not below each element. */
    public static Tensor ceil(Tensor x) {
        return Elementwise.map(x, Math::ceil);
    }

    /** Round half to even, as numpy does. */
    public static Tensor round(Tensor x) {
        return Elementwise.map(x, Math::rint);
    }

    /**
     * Round half to even to {@code decimals} places (negative rounds left of the point), as
     * numpy: scaled by {@code 10^decimals}, or divided by {@code 10^-decimals} when negative so
     * that the factor is exact.
     */
    public static Tensor round(Tensor x, int decimals) {
        if (decimals < 0) {
            double factor = Math.pow(10.0, -decimals);
            return Elementwise.map(x, v -> Math.rint(v / factor) * factor);
        }
        double scale = Math.pow(10.0, decimals);
        return Elementwise.map(x, v -> Math.rint(v * scale) / scale);
    }

    /** The logistic function {@code 1 / (1 + e⁻ˣ)}, evaluated without overflow. */
    public static Tensor sigmoid(Tensor x) {
        return Elementwise.map(x, Np::sigmoid);
    }

    static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    // ================================================================ binary elementwise

    /** {@code a + b}, broadcast. */
    public static Tensor add(Tensor a, Tensor b) {
        return Elementwise.zip("add", a, b, Elementwise.ADD);
    }

    /** {@code a − b}, broadcast. */
    public static Tensor subtract(Tensor a, Tensor b) {
        return Elementwise.zip("subtract", a, b, Elementwise.SUBTRACT);
    }

    /** {@code a · b} elementwise, broadcast. */
    public static Tensor multiply(Tensor a, Tensor b) {
        return Elementwise.zip("multiply", a, b, Elementwise.MULTIPLY);
    }

    /** {@code a / b} elementwise, broadcast. */
    public static Tensor divide(Tensor a, Tensor b) {
        return Elementwise.zip("divide", a, b, Elementwise.DIVIDE);
    }

    /** {@code aᵇ} elementwise, broadcast. */
    public static Tensor power(Tensor a, Tensor b) {
        return Elementwise.zip("power", a, b, Math::pow);
    }

    /** The larger of each pair, broadcast; NaN if either is NaN. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return Elementwise.zip("maximum", a, b, Reductions::max);
    }

    /** The smaller of each pair, broadcast; NaN if either is NaN. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return Elementwise.zip("minimum", a, b, Reductions::min);
    }

    /** The angle of the point (x, y), {@code atan2(y, x)}, broadcast. */
    public static Tensor arctan2(Tensor y, Tensor x) {
        return Elementwise.zip("arctan2", y, x, Math::atan2);
    }

    /** {@code sqrt(a² + b²)} without intermediate overflow, broadcast. */
    public static Tensor hypot(Tensor a, Tensor b) {
        return Elementwise.zip("hypot", a, b, Math::hypot);
    }

    /** {@code a} where {@code condition} is non-zero, else {@code b}; all three broadcast. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Elementwise.zip3("where", condition, a, b, (c, x, y) -> c != 0.0 ? x : y);
    }

    /** {@code a} limited to {@code [min, max]}, broadcast: {@code minimum(maximum(a, min), max)}. */
    public static Tensor clip(Tensor a, Tensor min, Tensor max) {
        return Elementwise.zip3("clip", a, min, max, (x, lo, hi) -> Reductions.min(Reductions.max(x, lo), hi));
    }

    /** {@link #clip(Tensor, Tensor, Tensor)} with scalar bounds. */
    @Differentiable
    public static Tensor clip(Tensor a, double min, double max) {
        return clip(a, Tensor.scalar(min), Tensor.scalar(max));
    }

    /** 1 where {@code a > b}, else 0. */
    public static Tensor greater(Tensor a, Tensor b) {
        return Elementwise.zip("greater", a, b, (x, y) -> x > y ? 1.0 : 0.0);
    }

    /** 1 where {@code a ≥ b}, else 0. */
    public static Tensor greater_equal(Tensor a, Tensor b) {
        return Elementwise.zip("greater_equal", a, b, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /** 1 where {@code a < b}, else 0. */
    public static Tensor less(Tensor a, Tensor b) {
        return Elementwise.zip("less", a, b, (x, y) -> x < y ? 1.0 : 0.0);
    }

    /** 1 where {@code a ≤ b}, else 0. */
    public static Tensor less_equal(Tensor a, Tensor b) {
        return Elementwise.zip("less_equal", a, b, (x, y) -> x <= y ? 1.0 : 0.0);
    }

    /** 1 where {@code a == b}, else 0. */
    public static Tensor equal(Tensor a, Tensor b) {
        return Elementwise.zip("equal", a, b, (x, y) -> x == y ? 1.0 : 0.0);
    }

    /** 1 where {@code a != b}, else 0. */
    public static Tensor not_equal(Tensor a, Tensor b) {
        return Elementwise.zip("not_equal", a, b, (x, y) -> x != y ? 1.0 : 0.0);
    }

    /** Zeros of {@code x}'s shape. */
    @Differentiable
    public static Tensor zeros_like(Tensor x) {
        return Tensor.zeros(x.shape());
    }

    /** Ones of {@code x}'s shape. */
    @Differentiable
    public static Tensor ones_like(Tensor x) {
        return Tensor.ones(x.shape());
    }

    /**
     * Whether {@code |a − b| ≤ atol + rtol·|b|} everywhere (broadcast), numpy's {@code allclose};
     * an infinity is close only to the same infinity, NaNs are never close.
     */
    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        Tensor close = Elementwise.zip("allclose", a, b,
                (x, y) -> Double.isFinite(x) && Double.isFinite(y) ? Math.abs(x - y) <= atol + rtol * Math.abs(y) ? 1 : 0
                        : x == y ? 1 : 0);
        for (double v : close.data()) {
            if (v == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allclose(Tensor, Tensor, double, double)} with numpy's defaults 1e-5, 1e-8. */
    public static boolean allclose(Tensor a, Tensor b) {
        return allclose(a, b, 1e-5, 1e-8);
    }

    // ================================================================ reductions

    /** Sum of all elements, rank 0. */
    @Differentiable
    public static Tensor sum(Tensor x) {
        return sum(x, null, false);
    }

    /** Sum along one axis. */
    @Differentiable
    public static Tensor sum(Tensor x, int axis) {
        return sum(x, new int[] {axis}, false);
    }

    /** Sum along one axis, keeping it as size 1 if {@code keepdims}. */
    @Differentiable
    public static Tensor sum(Tensor x, int axis, boolean keepdims) {
        return sum(x, new int[] {axis}, keepdims);
    }

    /** Sum along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor sum(Tensor x, int[] axes) {
        return sum(x, axes, false);
    }

    /** Sum along {@code axes} ({@code null}: all), keeping them as size 1 if {@code keepdims}. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepdims) {
        return Reductions.reduce("sum", x, Shapes.axes("sum", axes, x.shapeRef()), keepdims, SUM);
    }

    /** Mean of all elements. */
    @Differentiable
    public static Tensor mean(Tensor x) {
        return mean(x, null, false);
    }

    /** Mean along one axis. */
    @Differentiable
    public static Tensor mean(Tensor x, int axis) {
        return mean(x, new int[] {axis}, false);
    }

    /** Mean along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor mean(Tensor x, int axis, boolean keepdims) {
        return mean(x, new int[] {axis}, keepdims);
    }

    /** Mean along several axes. */
    @Differentiable
    public static Tensor mean(Tensor x, int[] axes) {
        return mean(x, axes, false);
    }

    /** Mean along {@code axes} ({@code null}: all); NaN for an empty reduction, as numpy. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepdims) {
        int[] ax = Shapes.axes("mean", axes, x.shapeRef());
        double count = reducedCount(x.shapeRef(), ax);
        Tensor s = Reductions.reduce("mean", x, ax, keepdims, SUM);
        return Elementwise.map(s, v -> v / count);
    }

    /** Product of all elements. */
    @Differentiable
    public static Tensor prod(Tensor x) {
        return prod(x, null, false);
    }

    /** Product along one axis. */
    @Differentiable
    public static Tensor prod(Tensor x, int axis) {
        return prod(x, new int[] {axis}, false);
    }

    /** Product along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor prod(Tensor x, int axis, boolean keepdims) {
        return prod(x, new int[] {axis}, keepdims);
    }

    /** Product along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor prod(Tensor x, int[] axes) {
        return prod(x, axes, false);
    }

    /** Product along {@code axes} ({@code null}: all). */
    public static Tensor prod(Tensor x, int[] axes, boolean keepdims) {
        return Reductions.reduce("prod", x, Shapes.axes("prod", axes, x.shapeRef()), keepdims, PROD);
    }

    /** Maximum of all elements ({@code amax}); refused for an empty tensor. */
    @Differentiable
    public static Tensor max(Tensor x) {
        return max(x, null, false);
    }

    /** Maximum along one axis. */
    @Differentiable
    public static Tensor max(Tensor x, int axis) {
        return max(x, new int[] {axis}, false);
    }

    /** Maximum along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor max(Tensor x, int axis, boolean keepdims) {
        return max(x, new int[] {axis}, keepdims);
    }

    /** Maximum along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor max(Tensor x, int[] axes) {
        return max(x, axes, false);
    }

    /** Maximum along {@code axes} ({@code null}: all); NaN propagates. */
    public static Tensor max(Tensor x, int[] axes, boolean keepdims) {
        return Reductions.reduce("max", x, Shapes.axes("max", axes, x.shapeRef()), keepdims, MAX);
    }

    /** Minimum of all elements ({@code amin}); refused for an empty tensor. */
    @Differentiable
    public static Tensor min(Tensor x) {
        return min(x, null, false);
    }

    /** Minimum along one axis. */
    @Differentiable
    public static Tensor min(Tensor x, int axis) {
        return min(x, new int[] {axis}, false);
    }

    /** Minimum along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor min(Tensor x, int axis, boolean keepdims) {
        return min(x, new int[] {axis}, keepdims);
    }

    /** Minimum along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor min(Tensor x, int[] axes) {
        return min(x, axes, false);
    }

    /** Minimum along {@code axes} ({@code null}: all); NaN propagates. */
    public static Tensor min(Tensor x, int[] axes, boolean keepdims) {
        return Reductions.reduce("min", x, Shapes.axes("min", axes, x.shapeRef()), keepdims, MIN);
    }

    /** Population variance of all elements. */
    @Differentiable
    public static Tensor var(Tensor x) {
        return var(x, null, false);
    }

    /** Population variance along one axis. */
    @Differentiable
    public static Tensor var(Tensor x, int axis) {
        return var(x, new int[] {axis}, false);
    }

    /** Population variance along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor var(Tensor x, int axis, boolean keepdims) {
        return var(x, new int[] {axis}, keepdims);
    }

    /** Population variance along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor var(Tensor x, int[] axes) {
        return var(x, axes, false);
    }

    /** Population variance ({@code ddof = 0}) along {@code axes} ({@code null}: all). */
    public static Tensor var(Tensor x, int[] axes, boolean keepdims) {
        Tensor centred = subtract(x, mean(x, axes, true));
        return mean(square(centred), axes, keepdims);
    }

    /** Population standard deviation of all elements. */
    @Differentiable
    public static Tensor std(Tensor x) {
        return std(x, null, false);
    }

    /** Population standard deviation along one axis. */
    @Differentiable
    public static Tensor std(Tensor x, int axis) {
        return std(x, new int[] {axis}, false);
    }

    /** Population standard deviation along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor std(Tensor x, int axis, boolean keepdims) {
        return std(x, new int[] {axis}, keepdims);
    }

    /** Population standard deviation along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor std(Tensor x, int[] axes) {
        return std(x, axes, false);
    }

    /** Population standard deviation along {@code axes} ({@code null}: all). */
    public static Tensor std(Tensor x, int[] axes, boolean keepdims) {
        return sqrt(var(x, axes, keepdims));
    }

    /** {@code log Σ eˣ} over all elements, computed without overflow. */
    @Differentiable
    public static Tensor logsumexp(Tensor x) {
        return logsumexp(x, null, false);
    }

    /** {@code log Σ eˣ} along one axis. */
    @Differentiable
    public static Tensor logsumexp(Tensor x, int axis) {
        return logsumexp(x, new int[] {axis}, false);
    }

    /** {@code log Σ eˣ} along one axis, keeping it if {@code keepdims}. */
    @Differentiable
    public static Tensor logsumexp(Tensor x, int axis, boolean keepdims) {
        return logsumexp(x, new int[] {axis}, keepdims);
    }

    /** {@code log Σ eˣ} along several axes ({@code null}: all). */
    @Differentiable
    public static Tensor logsumexp(Tensor x, int[] axes) {
        return logsumexp(x, axes, false);
    }

    /** {@code log Σ eˣ} along {@code axes}, shifted by the maximum so that it cannot overflow. */
    public static Tensor logsumexp(Tensor x, int[] axes, boolean keepdims) {
        int[] ax = Shapes.axes("logsumexp", axes, x.shapeRef());
        Tensor shift = finiteMax("logsumexp", x, ax);
        Tensor s = Reductions.reduce("logsumexp", exp(subtract(x, shift)), ax, true, SUM);
        Tensor out = add(log(s), shift);
        return keepdims ? out : out.withShape(Shapes.reduced(x.shapeRef(), ax, false));
    }

    /** Cumulative sum of the flattened tensor. */
    @Differentiable
    public static Tensor cumsum(Tensor x) {
        return cumsum(reshape(x, -1), 0);
    }

    /** Cumulative sum along {@code axis}. */
    public static Tensor cumsum(Tensor x, int axis) {
        return Reductions.cumsum(x, Shapes.axis("cumsum", axis, x.shapeRef()), false);
    }

    /** Softmax along the last axis, as {@code jax.nn.softmax}. */
    @Differentiable
    public static Tensor softmax(Tensor x) {
        return softmax(x, -1);
    }

    /**
     * {@code exp(x − logsumexp(x, axis))}: non-negative, sums to 1 along {@code axis}; computed
     * as {@code e / Σe} with {@code e = exp(x − max)}, accurate to rounding for any shift of x.
     */
    public static Tensor softmax(Tensor x, int axis) {
        int[] ax = {Shapes.axis("softmax", axis, x.shapeRef())};
        Tensor e = exp(subtract(x, finiteMax("softmax", x, ax)));
        return divide(e, Reductions.reduce("softmax", e, ax, true, SUM));
    }

    /** Log-softmax along the last axis. */
    @Differentiable
    public static Tensor log_softmax(Tensor x) {
        return log_softmax(x, -1);
    }

    /**
     * {@code x − logsumexp(x, axis, keepdims)}, stable for large inputs: computed as
     * {@code s − log Σ exp(s)} with {@code s = x − max}, so that large x lose no digits.
     */
    public static Tensor log_softmax(Tensor x, int axis) {
        int[] ax = {Shapes.axis("log_softmax", axis, x.shapeRef())};
        Tensor shifted = subtract(x, finiteMax("log_softmax", x, ax));
        return subtract(shifted, log(Reductions.reduce("log_softmax", exp(shifted), ax, true, SUM)));
    }

    /** The maximum along {@code axes} kept as size 1, with infinities replaced by 0: the safe shift for exp. */
    private static Tensor finiteMax(String op, Tensor x, int[] axes) {
        return Elementwise.map(Reductions.reduce(op, x, axes, true, MAX), v -> Double.isInfinite(v) ? 0.0 : v);
    }

    /** Indices of the maxima along {@code axis} (first on ties), as a tensor of integers. */
    public static Tensor argmax(Tensor x, int axis) {
        return Shaping.argExtreme("argmax", x, axis, true);
    }

    /** Indices of the minima along {@code axis} (first on ties), as a tensor of integers. */
    public static Tensor argmin(Tensor x, int axis) {
        return Shaping.argExtreme("argmin", x, axis, false);
    }

    private static double reducedCount(int[] shape, int[] axes) {
        double n = 1;
        for (int a : axes) {
            n *= shape[a];
        }
        return n;
    }

    // ================================================================ shape

    /**
     * The same elements in another shape of the same size; one dimension may be −1 and is
     * then inferred. Shares storage with {@code x} (tensors are immutable).
     */
    public static Tensor reshape(Tensor x, int... shape) {
        return x.withShape(Shaping.reshapeTarget(x.shapeRef(), shape));
    }

    /** The axes reversed (matrix transpose for rank 2). */
    @Differentiable
    public static Tensor transpose(Tensor x) {
        int n = x.ndim();
        int[] axes = new int[n];
        for (int i = 0; i < n; i++) {
            axes[i] = n - 1 - i;
        }
        return transpose(x, axes);
    }

    /** The axes permuted: output axis {@code i} is input axis {@code axes[i]}. */
    public static Tensor transpose(Tensor x, int... axes) {
        return Shaping.gather(x, Shaping.permuted("transpose", x.shapeRef(), axes));
    }

    /** Axes {@code axis1} and {@code axis2} exchanged. */
    public static Tensor swapaxes(Tensor x, int axis1, int axis2) {
        int[] perm = Shaping.identityPermutation(x.ndim());
        int a = Shapes.axis("swapaxes", axis1, x.shapeRef());
        int b = Shapes.axis("swapaxes", axis2, x.shapeRef());
        perm[a] = b;
        perm[b] = a;
        return transpose(x, perm);
    }

    /** Axis {@code source} moved to position {@code destination}, the others keeping their order. */
    @Differentiable
    public static Tensor moveaxis(Tensor x, int source, int destination) {
        return moveaxis(x, new int[] {source}, new int[] {destination});
    }

    /** Several axes moved at once, numpy's {@code moveaxis}. */
    public static Tensor moveaxis(Tensor x, int[] source, int[] destination) {
        return transpose(x, Shaping.moveaxisPermutation(x.shapeRef(), source, destination));
    }

    /** A new axis of size 1 at position {@code axis} of the result. */
    @Differentiable
    public static Tensor expand_dims(Tensor x, int axis) {
        return expand_dims(x, new int[] {axis});
    }

    /** New axes of size 1 at the given positions of the result. */
    public static Tensor expand_dims(Tensor x, int[] axes) {
        return x.withShape(Shaping.expandedShape(x.shapeRef(), axes));
    }

    /** Every axis of size 1 removed. */
    public static Tensor squeeze(Tensor x) {
        return x.withShape(Shaping.squeezedShape(x.shapeRef(), null));
    }

    /** The given axes removed; each must have size 1. */
    public static Tensor squeeze(Tensor x, int... axes) {
        return x.withShape(Shaping.squeezedShape(x.shapeRef(), axes));
    }

    /** {@code x} repeated along new and size-1 axes to {@code shape} under numpy's rules. */
    public static Tensor broadcast_to(Tensor x, int... shape) {
        int[] target = Shapes.checked(shape);
        if (!Shapes.broadcastsTo(x.shapeRef(), target)) {
            throw new IllegalArgumentException("broadcast_to: cannot broadcast a tensor of shape "
                    + Shapes.str(x.shapeRef()) + " to " + Shapes.str(target));
        }
        if (Shapes.same(x.shapeRef(), target)) {
            return x;
        }
        if (x.size() == 1) {
            // A seed or a scalar spread out (every reverse-mode sum does this): a fill, not a gather.
            double[] out = new double[Shapes.size(target)];
            Arrays.fill(out, x.data()[0]);
            return Tensor.wrap(out, target);
        }
        return Shaping.gather(x, new StridedView(0, target, Shapes.broadcastStrides(x.shapeRef(), target)));
    }

    /** Tensors joined along axis 0. */
    @Differentiable
    public static Tensor concatenate(Tensor[] xs) {
        return concatenate(xs, 0);
    }

    /** Tensors joined along an existing {@code axis}; all other dimensions must agree. */
    public static Tensor concatenate(Tensor[] xs, int axis) {
        return Shaping.concatenate(xs, axis);
    }

    /** Tensors of one shape joined along a new axis 0. */
    @Differentiable
    public static Tensor stack(Tensor[] xs) {
        return stack(xs, 0);
    }

    /** Tensors of one shape joined along a new {@code axis} of the result. */
    public static Tensor stack(Tensor[] xs, int axis) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("stack: need at least one tensor");
        }
        int[] shape = xs[0].shapeRef();
        Tensor[] expanded = new Tensor[xs.length];
        int ax = Shapes.axis("stack", axis, shape.length + 1, shape);
        for (int i = 0; i < xs.length; i++) {
            if (!Shapes.same(xs[i].shapeRef(), shape)) {
                throw new IllegalArgumentException("stack: all tensors must have the same shape, but tensor 0 has "
                        + Shapes.str(shape) + " and tensor " + i + " has " + Shapes.str(xs[i].shapeRef()));
            }
            expanded[i] = expand_dims(xs[i], ax);
        }
        return Shaping.concatenate(expanded, ax);
    }

    /** {@code x} cut into {@code sections} equal parts along axis 0. */
    @Differentiable
    public static Tensor[] split(Tensor x, int sections) {
        return split(x, sections, 0);
    }

    /** {@code x} cut into {@code sections} equal parts along {@code axis}; it must divide evenly. */
    @Differentiable
    public static Tensor[] split(Tensor x, int sections, int axis) {
        int ax = Shapes.axis("split", axis, x.shape());
        int n = x.shape()[ax];
        if (sections <= 0 || n % sections != 0) {
            throw new IllegalArgumentException("split: axis " + axis + " of a tensor of shape " + Shapes.str(x.shape())
                    + " does not divide into " + sections + " equal sections");
        }
        int[] indices = new int[sections - 1];
        for (int i = 1; i < sections; i++) {
            indices[i - 1] = i * (n / sections);
        }
        return split(x, indices, axis);
    }

    /**
     * {@code x} cut along {@code axis} before each of the given indices, numpy's
     * {@code split}: part {@code i} is {@code x[indices[i-1]:indices[i]]} with Python's slice
     * rules, so negative indices count from the end and an index past the end gives empty parts.
     *
     * @throws IllegalArgumentException if the indices, once made non-negative and clamped, descend
     *                                  (the parts would overlap; numpy allows it, its transpose
     *                                  would not be a concatenation)
     */
    public static Tensor[] split(Tensor x, int[] indices, int axis) {
        int ax = Shapes.axis("split", axis, x.shapeRef());
        int n = x.shapeRef()[ax];
        Tensor[] parts = new Tensor[indices.length + 1];
        int start = 0;
        for (int i = 0; i <= indices.length; i++) {
            int stop = n;
            if (i < indices.length) {
                stop = Math.max(0, Math.min(n, indices[i] < 0 ? indices[i] + n : indices[i]));
                if (stop < start) {
                    throw new IllegalArgumentException("split: indices " + java.util.Arrays.toString(indices)
                            + " must not descend along axis " + axis + " of a tensor of shape "
                            + Shapes.str(x.shapeRef()));
                }
            }
            parts[i] = slice(x, ax, start, stop, 1);
            start = stop;
        }
        return parts;
    }

    /** The order of elements reversed along every axis. */
    @Differentiable
    public static Tensor flip(Tensor x) {
        return flip(x, null);
    }

    /** The order of elements reversed along one axis. */
    @Differentiable
    public static Tensor flip(Tensor x, int axis) {
        return flip(x, new int[] {axis});
    }

    /** The order of elements reversed along the given axes ({@code null}: all). */
    public static Tensor flip(Tensor x, int[] axes) {
        return Shaping.gather(x, Shaping.flipped(x.shapeRef(), Shapes.axes("flip", axes, x.shapeRef())));
    }

    /** Elements shifted cyclically by {@code shift} in the flattened order. */
    @Differentiable
    public static Tensor roll(Tensor x, int shift) {
        return reshape(roll(reshape(x, -1), shift, 0), x.shape());
    }

    /** Elements shifted cyclically by {@code shift} along {@code axis}. */
    public static Tensor roll(Tensor x, int shift, int axis) {
        int ax = Shapes.axis("roll", axis, x.shapeRef());
        int n = x.shapeRef()[ax];
        if (n == 0) {
            return x;
        }
        int s = Math.floorMod(shift, n);
        if (s == 0) {
            return x;
        }
        return concatenate(new Tensor[] {slice(x, ax, n - s, n, 1), slice(x, ax, 0, n - s, 1)}, ax);
    }

    /** {@code x} repeated {@code reps[i]} times along axis i (aligned at the right, as numpy). */
    public static Tensor tile(Tensor x, int... reps) {
        return Shaping.tile(x, reps);
    }

    /** Each element of the flattened tensor repeated {@code repeats} times. */
    @Differentiable
    public static Tensor repeat(Tensor x, int repeats) {
        return repeat(reshape(x, -1), repeats, 0);
    }

    /** Each slice along {@code axis} repeated {@code repeats} times in place. */
    public static Tensor repeat(Tensor x, int repeats, int axis) {
        return Shaping.repeat(x, repeats, Shapes.axis("repeat", axis, x.shapeRef()));
    }

    /** Zeros added before and after every axis, {@code width} on each side. */
    @Differentiable
    public static Tensor pad(Tensor x, int width) {
        int[][] w = new int[x.ndim()][];
        for (int i = 0; i < w.length; i++) {
            w[i] = new int[] {width, width};
        }
        return pad(x, w);
    }

    /** Zeros added: {@code padWidth[i] = {before, after}} for axis i (numpy "constant" mode). */
    public static Tensor pad(Tensor x, int[][] padWidth) {
        return Shaping.pad(x, padWidth);
    }

    /** {@code value} added around: {@code padWidth[i] = {before, after}} for axis i (numpy "constant" mode). */
    @Differentiable
    public static Tensor pad(Tensor x, int[][] padWidth, double value) {
        Tensor padded = pad(x, padWidth);
        if (Double.doubleToRawLongBits(value) == 0L) {
            return padded;
        }
        Tensor interior = pad(Tensor.ones(x.shape()), padWidth);
        return where(interior, padded, Tensor.scalar(value));
    }

    /**
     * {@code x[start:stop:step]} along {@code axis} with Python's rules: negative indices count
     * from the end, bounds are clamped, a negative step walks backwards ({@code stop} may then
     * be {@link Integer#MIN_VALUE} for "to the beginning").
     *
     * @throws IllegalArgumentException if {@code step} is 0 or the axis is out of range
     */
    public static Tensor slice(Tensor x, int axis, int start, int stop, int step) {
        return Shaping.gather(x, Shaping.sliced(x.shapeRef(), Shapes.axis("slice", axis, x.shapeRef()), start, stop, step));
    }

    /**
     * numpy basic indexing written as numpy writes it, e.g. {@code index(x, "1:, ::2, 0")},
     * {@code "..., -1"}, {@code ":, None"} — integers, slices {@code start:stop:step},
     * {@code ...} and {@code None} (a new axis of size 1).
     *
     * @throws IllegalArgumentException for a malformed index, too many indices or an index out of range
     */
    public static Tensor index(Tensor x, String index) {
        return BasicIndex.parse(index).apply(x);
    }

    /** Elements of the flattened tensor at the given indices (negative counts from the end). */
    @Differentiable
    public static Tensor take(Tensor x, int[] indices) {
        return take(reshape(x, -1), indices, 0);
    }

    /** Slices along {@code axis} at the given indices, numpy's {@code take} (repeats allowed). */
    public static Tensor take(Tensor x, int[] indices, int axis) {
        return Shaping.take(x, indices, Shapes.axis("take", axis, x.shapeRef()));
    }

    // ================================================================ linear

    /** The diagonal of a matrix (main diagonal). */
    @Differentiable
    public static Tensor diagonal(Tensor a) {
        return diagonal(a, 0, 0, 1);
    }

    /**
     * numpy's {@code diagonal}: the diagonal {@code offset} of the 2-D sub-arrays spanned by
     * {@code axis1} and {@code axis2}; the remaining axes come first, the diagonal last.
     */
    public static Tensor diagonal(Tensor a, int offset, int axis1, int axis2) {
        return Shaping.gather(a, Shaping.diagonalView("diagonal", a.shapeRef(), offset, axis1, axis2));
    }

    /** For a vector, the square matrix with it on the main diagonal; for a matrix, its diagonal. */
    @Differentiable
    public static Tensor diag(Tensor v) {
        return diag(v, 0);
    }

    /**
     * numpy's {@code diag}: a vector becomes a square matrix with it on diagonal {@code k}; a
     * matrix gives its diagonal {@code k}.
     *
     * @throws IllegalArgumentException for any other rank
     */
    @Differentiable
    public static Tensor diag(Tensor v, int k) {
        if (v.ndim() == 1) {
            int n = v.size() + Math.abs(k);
            return Scatter.diagonal(v, new int[] {n, n}, k, 0, 1);
        }
        if (v.ndim() == 2) {
            return diagonal(v, k, 0, 1);
        }
        throw new IllegalArgumentException("diag: input must be 1- or 2-d, got shape " + Shapes.str(v.shape()));
    }

    /** Sum of the main diagonal. */
    @Differentiable
    public static Tensor trace(Tensor a) {
        return trace(a, 0, 0, 1);
    }

    /** numpy's {@code trace}: sums of the diagonals {@code offset} over {@code axis1, axis2}. */
    @Differentiable
    public static Tensor trace(Tensor a, int offset, int axis1, int axis2) {
        return sum(diagonal(a, offset, axis1, axis2), -1);
    }

    /** Upper triangle of the last two axes: elements with {@code j − i < k} zeroed. */
    public static Tensor triu(Tensor m, int k) {
        return Shaping.triangle("triu", m, k, true);
    }

    /** Upper triangle including the main diagonal. */
    @Differentiable
    public static Tensor triu(Tensor m) {
        return triu(m, 0);
    }

    /** Lower triangle of the last two axes: elements with {@code j − i > k} zeroed. */
    public static Tensor tril(Tensor m, int k) {
        return Shaping.triangle("tril", m, k, false);
    }

    /** Lower triangle including the main diagonal. */
    @Differentiable
    public static Tensor tril(Tensor m) {
        return tril(m, 0);
    }

    /**
     * numpy's {@code dot}: the product of scalars, the inner product of vectors, the matrix
     * product of matrices, and for N-d the sum over the last axis of {@code a} and the
     * second-to-last of {@code b}.
     */
    public static Tensor dot(Tensor a, Tensor b) {
        if (a.ndim() == 2 && b.ndim() == 2) {
            // Matrices go straight to GEMM: no spec is built on this path (it costs more than a 4×4 product).
            if (a.shapeRef()[1] != b.shapeRef()[0]) {
                ContractionSpecs.dot(a.shapeRef(), b.shapeRef());
            }
            return Gemm.matmul(a, b);
        }
        return Einsum.einsum(ContractionSpecs.dot(a.shapeRef(), b.shapeRef()), a, b);
    }

    /** The inner product of the flattened tensors, which must have the same size. */
    @Differentiable
    public static Tensor vdot(Tensor a, Tensor b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("vdot: sizes differ, shapes " + Shapes.str(a.shape()) + " and "
                    + Shapes.str(b.shape()));
        }
        return dot(reshape(a, -1), reshape(b, -1));
    }

    /** numpy's {@code inner}: the sum of products over the last axes of both. */
    public static Tensor inner(Tensor a, Tensor b) {
        return Einsum.einsum(ContractionSpecs.inner(a.shapeRef(), b.shapeRef()), a, b);
    }

    /** The outer product of the flattened tensors: {@code out[i, j] = a[i]·b[j]}. */
    @Differentiable
    public static Tensor outer(Tensor a, Tensor b) {
        return einsum("i,j->ij", reshape(a, -1), reshape(b, -1));
    }

    /**
     * numpy's {@code matmul} ({@code @}): matrix products over the last two axes with the
     * leading axes broadcast; a vector is promoted to a row (first operand) or a column
     * (second) and the promoted axis dropped from the result. Scalars are refused.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.ndim() == 2 && b.ndim() == 2) {
            if (a.shapeRef()[1] != b.shapeRef()[0]) {
                ContractionSpecs.matmul(a.shapeRef(), b.shapeRef());
            }
            return Gemm.matmul(a, b);
        }
        return Einsum.einsum(ContractionSpecs.matmul(a.shapeRef(), b.shapeRef()), a, b);
    }

    /** The last {@code axes} axes of {@code a} summed against the first {@code axes} of {@code b}. */
    @Differentiable
    public static Tensor tensordot(Tensor a, Tensor b, int axes) {
        int[][] pairs = ContractionSpecs.tensordotAxes(a.shape(), b.shape(), axes);
        return tensordot(a, b, pairs[0], pairs[1]);
    }

    /**
     * Axes {@code axesA[i]} of {@code a} summed against {@code axesB[i]} of {@code b}; the
     * result has a's remaining axes, then b's.
     */
    public static Tensor tensordot(Tensor a, Tensor b, int[] axesA, int[] axesB) {
        return Einsum.einsum(ContractionSpecs.tensordot(a.shapeRef(), b.shapeRef(), axesA, axesB), a, b);
    }

    /**
     * numpy's {@code einsum} with its full notation: explicit ({@code "ij,jk->ik"}) and
     * implicit output, repeated labels (diagonals, traces), {@code ...} broadcasting, any
     * number of operands. Products are contracted pairwise in a cheap order on BLAS.
     *
     * @throws IllegalArgumentException naming the spec and the shapes when they do not fit
     */
    public static Tensor einsum(String subscripts, Tensor... operands) {
        return Einsum.einsum(subscripts, operands);
    }

    /**
     * The Kronecker product: blocks {@code a[i…]·b}; ranks are aligned by prepending 1s to
     * the smaller, and the result's shape is the elementwise product of the shapes.
     */
    @Differentiable
    public static Tensor kron(Tensor a, Tensor b) {
        int rank = Math.max(a.ndim(), b.ndim());
        int[] sa = Shapes.leftPadded(a.shape(), rank);
        int[] sb = Shapes.leftPadded(b.shape(), rank);
        StringBuilder la = new StringBuilder();
        StringBuilder lb = new StringBuilder();
        StringBuilder out = new StringBuilder();
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            char ca = (char) ('a' + i);
            char cb = (char) ('A' + i);
            la.append(ca);
            lb.append(cb);
            out.append(ca).append(cb);
            shape[i] = sa[i] * sb[i];
        }
        Tensor blocks = einsum(la + "," + lb + "->" + out, reshape(a, sa), reshape(b, sb));
        return reshape(blocks, shape);
    }
}
