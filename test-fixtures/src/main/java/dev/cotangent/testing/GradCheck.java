package dev.cotangent.testing;

import dev.cotangent.runtime.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Checks derivatives against independent references, for Cotangent's tests and for yours.
 *
 * <p>Values may be {@code Double}, {@code double[]}, {@code double[][]},
 * {@link dev.cotangent.tensor.Tensor}, or arrays of those; {@code null} marks an argument
 * that is not differentiated. Two references:
 * <ul>
 *   <li>{@link #numericJvp}: the directional derivative {@code (f(x + h·u) − f(x − h·u)) / 2h}
 *       by central differences, refined by Richardson extrapolation over shrinking steps so
 *       that it is accurate to about 1e-10 relative on smooth functions;</li>
 *   <li>{@link #assertDotProduct}: the identity {@code ⟨JVP(u), v⟩ = ⟨u, VJP(v)⟩}, which ties
 *       reverse mode to forward mode exactly (up to rounding), on random {@code u}, {@code v}.</li>
 * </ul>
 * Failures are {@link AssertionError}s that say which element differs, by how much.
 *
 * @since 0.1
 */
public final class GradCheck {

    private GradCheck() {}

    /**
     * The directional derivative of {@code f} at {@code args} along {@code tangents}, in the
     * structure of {@code f}'s result. {@code step} is the first (largest) central-difference
     * step; it is halved up to eight times while the extrapolated estimate keeps improving.
     * The function must be smooth within {@code step} of {@code args} along the direction.
     */
    public static Object numericJvp(Function<Object[], Object> f, Object[] args, Object[] tangents, double step) {
        if (args.length != tangents.length) {
            throw new IllegalArgumentException(args.length + " arguments but " + tangents.length + " tangents");
        }
        Object like = f.apply(args);
        // Ridders' extrapolation: a tableau of central differences at steps h, h/2, h/4, …
        final int rows = 8;
        double[][] previous = null;
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        double h = step;
        for (int i = 0; i < rows; i++, h /= 2) {
            double[][] current = new double[i + 1][];
            current[0] = centralDifference(f, args, tangents, h);
            double factor = 4;
            for (int j = 1; j <= i; j++, factor *= 4) {
                current[j] = extrapolate(current[j - 1], previous[j - 1], factor);
                double error = Math.max(distance(current[j], current[j - 1]), distance(current[j], previous[j - 1]));
                if (error <= bestError) {
                    bestError = error;
                    best = current[j];
                }
            }
            if (i > 0 && distance(current[i], previous[i - 1]) >= 2 * bestError) {
                break;
            }
            previous = current;
        }
        return Flat.write(best == null ? previous[0] : best, like);
    }

    /** {@link #numericJvp(Function, Object[], Object[], double)} with a first step of 1e-2. */
    public static Object numericJvp(Function<Object[], Object> f, Object[] args, Object[] tangents) {
        return numericJvp(f, args, tangents, 1e-2);
    }

    private static double[] centralDifference(Function<Object[], Object> f, Object[] args, Object[] tangents, double h) {
        Object[] plus = new Object[args.length];
        Object[] minus = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plus[i] = tangents[i] == null ? args[i] : Flat.shifted(args[i], tangents[i], h);
            minus[i] = tangents[i] == null ? args[i] : Flat.shifted(args[i], tangents[i], -h);
        }
        double[] a = Flat.read(f.apply(plus));
        double[] b = Flat.read(f.apply(minus));
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] - b[i]) / (2 * h);
        }
        return out;
    }

    private static double[] extrapolate(double[] fine, double[] coarse, double factor) {
        double[] out = new double[fine.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (factor * fine[i] - coarse[i]) / (factor - 1);
        }
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** {@code Σ aᵢ·bᵢ} over two values of the same structure. */
    public static double inner(Object a, Object b) {
        double[] x = Flat.read(a);
        double[] y = Flat.read(b);
        if (x.length != y.length) {
            throw new IllegalArgumentException("inner product of " + x.length + " and " + y.length + " values");
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Standard normal values in the structure of {@code like} (null stays null). */
    public static Object randomLike(Object like, SplittableRandom random) {
        return Flat.random(like, random);
    }

    /** One standard normal from {@code random} (Marsaglia's polar method), as {@link #randomLike} draws them. */
    public static double normal(SplittableRandom random) {
        return Flat.gaussian(random);
    }

    /**
     * A derivative given as {@code null} (structurally zero, the API's convention) as zeros
     * shaped like {@code like}; in a sequence ({@code Tensor[]}, {@code double[][]}), each
     * {@code null} entry likewise.
     */
    public static Object orZeros(Object derivative, Object like) {
        if (derivative == null) {
            return Values.zerosLike(like);
        }
        if (derivative instanceof Object[] parts) {
            Object[] filled = parts.clone();
            for (int i = 0; i < parts.length; i++) {
                filled[i] = orZeros(parts[i], ((Object[]) like)[i]);
            }
            return filled;
        }
        return derivative;
    }

    /**
     * The derivatives of the arguments {@code include} selects, in argument order, as one
     * vector: each {@link #orZeros} and flattened (row-major within tensors and arrays).
     */
    public static double[] flatDerivatives(Object[] derivatives, Object[] args, IntPredicate include) {
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (include.test(i)) {
                parts.add(orZeros(derivatives[i], args[i]));
            }
        }
        return Values.flatten(parts.toArray());
    }

    /** Deep copies of {@code args} (arrays copied, tensors shared), for methods that may write into them. */
    public static Object[] copies(Object[] args) {
        return (Object[]) Values.copy(args);
    }

    /** Random values for each entry of {@code like}; entries that are {@code null} stay {@code null}. */
    public static Object[] randomLike(Object[] like, SplittableRandom random) {
        Object[] out = new Object[like.length];
        for (int i = 0; i < like.length; i++) {
            out[i] = like[i] == null ? null : Flat.random(like[i], random);
        }
        return out;
    }

    /**
     * Asserts {@code |actual − expected| ≤ rtol · max(|expected|, scale)} elementwise, where
     * scale is the largest magnitude in {@code expected} times 1e-3, so that elements near
     * zero are judged against the size of the whole value rather than against themselves.
     */
    public static void assertClose(Object actual, Object expected, double rtol, String what) {
        assertClose(actual, expected, rtol, 0.0, what);
    }

    /**
     * {@link #assertClose(Object, Object, double, String)} with an absolute tolerance as well,
     * for values that are zero where finite differences leave rounding noise.
     */
    public static void assertClose(Object actual, Object expected, double rtol, double atol, String what) {
        double[] a = Flat.read(actual);
        double[] e = Flat.read(expected);
        if (a.length != e.length) {
            throw new AssertionError(what + ": " + a.length + " values, expected " + e.length);
        }
        double max = 0;
        for (double v : e) {
            max = Math.max(max, Math.abs(v));
        }
        double floor = Math.max(max * 1e-3, Double.MIN_NORMAL);
        for (int i = 0; i < a.length; i++) {
            double tolerance = Math.max(atol, rtol * Math.max(Math.abs(e[i]), floor));
            if (!(Math.abs(a[i] - e[i]) <= tolerance) && !(Double.isNaN(a[i]) && Double.isNaN(e[i]))) {
                throw new AssertionError(String.format(java.util.Locale.ROOT,
                        "%s: element %d is %.17g, expected %.17g (difference %.3g, allowed %.3g at rtol %.1g)",
                        what, i, a[i], e[i], Math.abs(a[i] - e[i]), tolerance, rtol));
            }
        }
    }

    /**
     * Asserts {@code ⟨jvp, v⟩ = ⟨u, vjp⟩} to {@code rtol}, relative to the larger side (and to
     * the products of norms, which bound the rounding error of both sides).
     */
    public static void assertDotProduct(Object u, Object jvp, Object v, Object vjp, double rtol, String what) {
        assertDotProduct(u, jvp, v, vjp, rtol, 0.0, what);
    }

    /**
     * As {@link #assertDotProduct(Object, Object, Object, Object, double, String)}, with an
     * absolute allowance {@code atol} besides: for functions that may cancel exactly, where one
     * side keeps the rounding of large intermediates and the other is 0.
     */
    public static void assertDotProduct(Object u, Object jvp, Object v, Object vjp, double rtol, double atol,
                                        String what) {
        double left = inner(jvp, v);
        double right = inner(u, vjp);
        double scale = Math.max(Math.max(Math.abs(left), Math.abs(right)),
                1e-6 * Math.max(norm(jvp) * norm(v), norm(u) * norm(vjp)));
        if (!(Math.abs(left - right) <= rtol * scale + atol) && !(scale == 0 && left == right)) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "%s: dot-product test failed: <JVP(u), v> = %.17g but <u, VJP(v)> = %.17g (relative %.3g > %.1g)",
                    what, left, right, Math.abs(left - right) / scale, rtol));
        }
    }

    private static double norm(Object v) {
        return Math.sqrt(inner(v, v));
    }
}
