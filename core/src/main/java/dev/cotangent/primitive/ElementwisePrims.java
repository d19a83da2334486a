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
    private static final Tensor LN10 = Tensor.scalar(Math.log(10.0));

    private ElementwisePrims() {}

    static void register(Registry.Table t) {
        // ---- unary: d(x, y) with y = f(x)
        t.op(Np.class, "negative", Tensor.class).scale(0, -1.0).done();
        t.unary("abs",        (x, y) -> sign(x));
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
        t.unary("log2",       (x, y) -> reciprocal(multiply(x, LN2)));
        t.unary("log10",      (x, y) -> reciprocal(multiply(x, LN10)));
        t.unary("sin",        (x, y) -> cos(x));
        t.unary("cos",        (x, y) -> negative(sin(x)));
        t.unary("tan",        (x, y) -> add(ONE, square(y)));
        t.unary("arcsin",     (x, y) -> reciprocal(sqrt(subtract(ONE, square(x)))));
        t.unary("arccos",     (x, y) -> negative(reciprocal(sqrt(subtract(ONE, square(x))))));
        t.unary("arctan",     (x, y) -> reciprocal(add(ONE, square(x))));
        t.unary("sinh",       (x, y) -> cosh(x));
        t.unary("cosh",       (x, y) -> sinh(x));
        t.unary("tanh",       (x, y) -> subtract(ONE, square(y)));
        t.unary("arcsinh",    (x, y) -> reciprocal(sqrt(add(square(x), ONE))));
        t.unary("arccosh",    (x, y) -> reciprocal(sqrt(subtract(square(x), ONE))));
        t.unary("arctanh",    (x, y) -> reciprocal(subtract(ONE, square(x))));
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
        t.binary("power",    (a, b, y) -> multiply(b, power(a, subtract(b, ONE))),
                             (a, b, y) -> multiply(y, log(where(equal(a, ZERO), ONE, a))));
        t.binary("maximum",  (a, b, y) -> winner(a, b),             (a, b, y) -> winner(b, a));
        t.binary("minimum",  (a, b, y) -> winner(b, a),             (a, b, y) -> winner(a, b));
        t.binary("arctan2",  (y, x, r) -> divide(x, add(square(x), square(y))),
                             (y, x, r) -> negative(divide(y, add(square(x), square(y)))));
        t.binary("hypot",    (a, b, y) -> divide(a, y),             (a, b, y) -> divide(b, y));
        t.op(Np.class, "where", Tensor.class, Tensor.class, Tensor.class).zero(0)
                .d(1, c -> new Tensor[] {not_equal(c.tensor(0), ZERO)}, ELEMENTWISE)
                .d(2, c -> new Tensor[] {equal(c.tensor(0), ZERO)}, ELEMENTWISE).done();
        t.op(Np.class, "clip", Tensor.class, Tensor.class, Tensor.class)
                .d(0, c -> new Tensor[] {multiply(greater_equal(c.tensor(0), c.tensor(1)),
                        less_equal(c.tensor(0), c.tensor(2)))}, ELEMENTWISE)
                .d(1, c -> new Tensor[] {multiply(less(c.tensor(0), c.tensor(1)),
                        less_equal(c.tensor(1), c.tensor(2)))}, ELEMENTWISE)
                .d(2, c -> new Tensor[] {greater(maximum(c.tensor(0), c.tensor(1)), c.tensor(2))}, ELEMENTWISE).done();
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
}
