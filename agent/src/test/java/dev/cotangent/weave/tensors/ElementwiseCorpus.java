package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Elementwise tensor functions for {@link TensorCorpusTest}: every unary and broadcasting
 * binary primitive, the comparisons, {@code where} and {@code clip}, each inside a small
 * {@code @Differentiable} method. {@link TensorCorpusCases} gives the points they are checked
 * at: inside each function's domain and away from the points where a step or a kink has no
 * derivative.
 */
final class ElementwiseCorpus {

    private static final Tensor HALF = Tensor.scalar(0.5);

    private ElementwiseCorpus() {}

    /** x, y: (2, 3), any values. */
    @Differentiable
    static Tensor trigonometric(Tensor x, Tensor y) {
        Tensor t = tan(multiply(x, HALF));
        return add(multiply(sin(x), cos(y)), t);
    }

    /** x in (−0.8, 0.8). */
    @Differentiable
    static Tensor inverseTrigonometric(Tensor x) {
        Tensor a = arcsin(x);
        Tensor b = arccos(multiply(x, Tensor.scalar(0.9)));
        return add(multiply(a, b), arctan(multiply(x, Tensor.scalar(3.0))));
    }

    /** x in (−0.8, 0.8). */
    @Differentiable
    static Tensor hyperbolic(Tensor x) {
        Tensor s = multiply(sinh(x), cosh(multiply(x, HALF)));
        Tensor inverse = add(arcsinh(multiply(x, Tensor.scalar(4.0))), arctanh(x));
        Tensor above = arccosh(add(square(x), Tensor.scalar(1.5)));
        return add(add(s, tanh(inverse)), above);
    }

    /** x in (0.5, 2). */
    @Differentiable
    static Tensor exponentialsAndLogarithms(Tensor x) {
        Tensor e = add(exp(x), subtract(expm1(negative(x)), exp2(x)));
        Tensor l = add(log(x), multiply(log2(x), log10(add(x, Tensor.scalar(1.0)))));
        return add(multiply(e, log1p(x)), l);
    }

    /** x in (0.5, 2), y any. */
    @Differentiable
    static Tensor rootsAndQuotients(Tensor x, Tensor y) {
        Tensor r = add(sqrt(x), cbrt(multiply(x, y)));
        return subtract(divide(y, x), multiply(r, reciprocal(add(x, HALF))));
    }

    /** a in (0.5, 2) (a positive base), b any: both arguments carry derivatives. */
    @Differentiable
    static Tensor powers(Tensor a, Tensor b) {
        return add(power(a, b), power(b, Tensor.scalar(3.0)));
    }

    /** y, x: (3,) and (2, 3), broadcast; no point at the origin. */
    @Differentiable
    static Tensor anglesAndLengths(Tensor y, Tensor x) {
        return multiply(arctan2(y, x), hypot(x, y));
    }

    /** x: (3, 4), w: (4,); a gate broadcast along rows. */
    @Differentiable
    static Tensor gated(Tensor x, Tensor w) {
        Tensor gate = sigmoid(multiply(x, w));
        return multiply(gate, add(x, w));
    }

    /** x away from 0, where abs has its kink and sign its step. */
    @Differentiable
    static Tensor absoluteAndSign(Tensor x) {
        return add(multiply(abs(x), x), multiply(sign(x), exp(x)));
    }

    /**
     * Steps have derivative zero: the result's derivative is that of {@code x} times the
     * steps. x lies away from the integers, the half-integers and the points k/10 + 1/20.
     */
    @Differentiable
    static Tensor roundingSteps(Tensor x) {
        Tensor steps = add(add(floor(x), ceil(x)), add(round(x), round(x, 1)));
        return multiply(steps, sin(x));
    }

    /** |a − b| ≥ 0.1 everywhere: no ties. */
    @Differentiable
    static Tensor extremes(Tensor a, Tensor b) {
        Tensor hi = maximum(a, b);
        Tensor lo = minimum(square(a), b);
        return multiply(hi, lo);
    }

    /** Masks from every comparison select between branches; no ties between x and y. */
    @Differentiable
    static Tensor selections(Tensor x, Tensor y) {
        Tensor big = where(greater(x, y), multiply(x, y), subtract(x, y));
        Tensor masks = add(add(greater_equal(x, y), less(x, y)), add(less_equal(y, x), not_equal(x, y)));
        Tensor same = where(equal(x, y), x, exp(y));
        return add(multiply(big, masks), same);
    }

    /** x with elements below, inside and above [lo, hi], none within 0.1 of a bound. */
    @Differentiable
    static Tensor clipped(Tensor x, Tensor lo, Tensor hi) {
        return multiply(clip(x, lo, hi), add(x, HALF));
    }
}
