package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import static dev.cotangent.tensor.Np.*;

/**
 * Elementwise primitives: every derivative value is a tensor combined with the tangent by
 * broadcasting multiplication, {@value #ELEMENTWISE}.
 */
final class ElementwisePrims {

    /** {@code d ⊙ u} with numpy broadcasting. */
    static final String ELEMENTWISE = "...,@...->...";

    private static final Tensor ONE = Tensor.scalar(1.0);
    private static final Tensor TWO = Tensor.scalar(2.0);
    private static final Tensor HALF = Tensor.scalar(0.5);
    private static final Tensor THIRD = Tensor.scalar(1.0 / 3.0);
    private static final Tensor LN2 = Tensor.scalar(Math.log(2.0));
    private static final Tensor INVERSE_LN2 = Tensor.scalar(1.0 / Math.log(2.0));
    private static final Tensor INVERSE_LN10 = Tensor.scalar(1.0 / Math.log(10.0));
    /** The smallest positive double: {@code max(y, TINY)} is {@code y} for every {@code y > 0}. */
    private static final Tensor TINY = Tensor.scalar(Double.MIN_VALUE);

    private ElementwisePrims() {}

    static void register(Registry.Table t) {
        // ---- unary: d(x, y) with y = f(x)
        t.op(Np.class, "negative", Tensor.class).scale(0, -1.0).done();
        t.unary("abs",        (x, y) -> sign(x));                 // 0 at 0 (JAX: 1), docs/edge-points.md
        t.op(Np.class, "sign", Tensor.class).zero().done();
        t.unary("sqrt",       (x, y) -> divide(HALF, y));
        t.unary("cbrt",       (x, y) -> divide(THIRD, square(y)));
        t.unary("square",     (x, y) -> multiply(TWO, x));
        t.unary("reciprocal", (x, y) -> negative(square(y)));
        t.unary("exp",        (x, y) -> y);
        t.unary("expm1",      (x, y) -> add(y, ONE));
        t.unary("exp2",       (x, y) -> multiply(y, LN2));
        t.unary("log",        (x, y) -> reciprocal(x));
        t.unary("log1p",      (x, y) -> reciprocal(add(x, ONE)));
        t.unary("log2",       (x, y) -> divide(INVERSE_LN2, x));
        t.unary("log10",      (x, y) -> divide(INVERSE_LN10, x));  // x·ln 10 would overflow near MAX_VALUE
        t.unary("sin",        (x, y) -> cos(x));
        t.unary("cos",        (x, y) -> negative(sin(x)));
        t.unary("tan",        (x, y) -> add(ONE, square(y)));
        // (1 − x)(1 + x) rather than 1 − x², which cancels near ±1; √(x − 1)·√(x + 1) for arccosh
        // also does not overflow for large x, nor 1/hypot(x, 1) for arcsinh.
        t.unary("arcsin",     (x, y) -> reciprocal(sqrt(oneMinusSquare(x))));
        t.unary("arccos",     (x, y) -> negative(reciprocal(sqrt(oneMinusSquare(x)))));
        t.unary("arctan",     (x, y) -> reciprocal(add(ONE, square(x))));
        t.unary("sinh",       (x, y) -> cosh(x));
        t.unary("cosh",       (x, y) -> sinh(x));
        t.unary("tanh",       (x, y) -> subtract(ONE, square(y)));
        t.unary("arcsinh",    (x, y) -> reciprocal(hypot(x, ONE)));
        t.unary("arccosh",    (x, y) -> reciprocal(multiply(sqrt(subtract(x, ONE)), sqrt(add(x, ONE)))));
        t.unary("arctanh",    (x, y) -> reciprocal(oneMinusSquare(x)));
        t.unary("sigmoid",    (x, y) -> multiply(y, subtract(ONE, y)));
        t.op(Np.class, "floor", Tensor.class).zero().done();
        t.op(Np.class, "ceil", Tensor.class).zero().done();
        t.op(Np.class, "round", Tensor.class).zero().done();
        t.op("round_decimals", Np.class, "round", Tensor.class, int.class).zero().done();

        // ---- binary, broadcasting: d for a, d for b
        t.op(Np.class, "add", Tensor.class, Tensor.class).identity(0).identity(1).done();
        t.op(Np.class, "subtract", Tensor.class, Tensor.class).identity(0).scale(1, -1.0).done();
        t.binary("multiply", (a, b, y) -> b,                        (a, b, y) -> a);
        t.binary("divide",   (a, b, y) -> reciprocal(b),            (a, b, y) -> negative(divide(y, b)));
        // b·aᵇ⁻¹ with the exponent b − 1 made 0 where b = 0 (so the value is 0·a⁰ = 0, not 0·a⁻¹,
        // NaN at a = 0: aᵇ is then the constant 1); aᵇ·ln a with ln 0 replaced by 0, as JAX.
        t.binary("power",    (a, b, y) -> multiply(b, power(a, subtract(b, not_equal(b, ZERO)))),
                             (a, b, y) -> multiply(y, log(where(equal(a, ZERO), ONE, a))));
        t.binary("maximum",  (a, b, y) -> winner(a, b),             (a, b, y) -> winner(b, a));
        t.binary("minimum",  (a, b, y) -> winner(b, a),             (a, b, y) -> winner(a, b));
        t.binary("arctan2",  (y, x, r) -> divide(x, add(square(x), square(y))),
                             (y, x, r) -> negative(divide(y, add(square(x), square(y)))));
        // a/y, and 0 at the origin (a cone point) rather than 0/0, like Math.hypot's rule.
        t.binary("hypot",    (a, b, y) -> divide(a, maximum(y, TINY)), (a, b, y) -> divide(b, maximum(y, TINY)));
        t.op(Np.class, "where", Tensor.class, Tensor.class, Tensor.class).zero(0)
                .d(1, c -> new Tensor[] {not_equal(c.tensor(0), ZERO)}, ELEMENTWISE)
                .d(2, c -> new Tensor[] {equal(c.tensor(0), ZERO)}, ELEMENTWISE).done();
        // clip(x, lo, hi) = minimum(maximum(x, lo), hi), differentiated as that composition, so
        // ties split the derivative as maximum and minimum do (as JAX's clip).
        t.op(Np.class, "clip", Tensor.class, Tensor.class, Tensor.class)
                .d(0, c -> new Tensor[] {multiply(winner(c.tensor(0), c.tensor(1)), clipPasses(c))}, ELEMENTWISE)
                .d(1, c -> new Tensor[] {multiply(winner(c.tensor(1), c.tensor(0)), clipPasses(c))}, ELEMENTWISE)
                .d(2, c -> new Tensor[] {winner(maximum(c.tensor(0), c.tensor(1)), c.tensor(2))}, ELEMENTWISE).done();
        for (String comparison : new String[] {"greater", "greater_equal", "less", "less_equal", "equal", "not_equal"}) {
            t.op(Np.class, comparison, Tensor.class, Tensor.class).zero().done();
        }
    }

    private static final Tensor ZERO = Tensor.scalar(0.0);

    /**
     * 1 where {@code a} strictly wins, ½ on ties (the derivative of max at a tie is split
     * evenly, so that {@code max(x, x)} has derivative 1), 0 where it loses.
     */
    private static Tensor winner(Tensor a, Tensor b) {
        return add(greater(a, b), multiply(HALF, equal(a, b)));
    }

    /** How much of {@code maximum(x, lo)} passes through clip's {@code minimum(·, hi)}. */
    private static Tensor clipPasses(Call c) {
        return winner(c.tensor(2), maximum(c.tensor(0), c.tensor(1)));
    }

    /** {@code (1 − x)(1 + x)}: {@code 1 − x²} without its cancellation near ±1. */
    private static Tensor oneMinusSquare(Tensor x) {
        return multiply(subtract(ONE, x), add(ONE, x));
    }
}
