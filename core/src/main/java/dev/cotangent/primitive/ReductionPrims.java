package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.Shapes;

import static dev.cotangent.tensor.Np.*;

/**
 * Reductions over axes. A smooth reduction's derivative value has the input's shape and is
 * contracted with the tangent over the reduced axes ({@code "abc,@abc->ac"}); sum and mean
 * are linear and state their transposes (broadcasting back).
 */
final class ReductionPrims {

    private static final Tensor ZERO = Tensor.scalar(0.0);
    private static final Tensor ONE = Tensor.scalar(1.0);
    private static final Tensor TWO = Tensor.scalar(2.0);
    private static final Tensor INFINITY = Tensor.scalar(Double.POSITIVE_INFINITY);

    private ReductionPrims() {}

    static void register(Registry.Table t) {
        // Reductions (x, int[] axes, boolean keepdims); d has x's shape.
        t.op(Np.class, "sum", Tensor.class, int[].class, boolean.class)
                .linear(0, (c, v) -> broadcast_to(kept(c, (Tensor) v), c.shape(0))).done();
        t.op(Np.class, "mean", Tensor.class, int[].class, boolean.class)
                .linear(0, (c, v) -> broadcast_to(divide(kept(c, (Tensor) v), count(c)), c.shape(0))).done();
        t.op(Np.class, "prod", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(productOfOthers(c.tensor(0), c.ints(1))), ReductionPrims::reduceSpec).done();
        t.op(Np.class, "max", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(tieShare(c)), ReductionPrims::reduceSpec).done();
        t.op(Np.class, "min", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(tieShare(c)), ReductionPrims::reduceSpec).done();
        t.op(Np.class, "var", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(divide(multiply(TWO, centred(c)), count(c))), ReductionPrims::reduceSpec).done();
        t.op(Np.class, "std", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(stdValue(c)), ReductionPrims::reduceSpec).done();
        t.op(Np.class, "logsumexp", Tensor.class, int[].class, boolean.class)
                .d(0, c -> d(softmaxOver(c.tensor(0), c.ints(1))), ReductionPrims::reduceSpec).done();

        // Along one axis.
        t.op(Np.class, "cumsum", Tensor.class, int.class)
                .linear(0, (c, v) -> flip(cumsum(flip((Tensor) v, c.integer(1)), c.integer(1)), c.integer(1))).done();
        t.op(Np.class, "softmax", Tensor.class, int.class).terms(0,
                term(c -> d(c.y()), ElementwisePrims.ELEMENTWISE),
                term(c -> d(negative(c.y()), c.y()), c -> pairSpec(c, true))).done();
        t.op(Np.class, "log_softmax", Tensor.class, int.class).terms(0,
                term(c -> new Tensor[0], c -> identitySpec(c.ndim(0))),
                term(c -> d(negative(exp(c.y()))), c -> pairSpec(c, false))).done();
        t.op(Np.class, "argmax", Tensor.class, int.class).zero().done();
        t.op(Np.class, "argmin", Tensor.class, int.class).zero().done();
    }

    private static Tensor[] d(Tensor... values) {
        return values;
    }

    private static Rule.Bilinear.Term term(Rule.DerivativeValue d, String spec) {
        return new Rule.Bilinear.Term(d, c -> spec);
    }

    private static Rule.Bilinear.Term term(Rule.DerivativeValue d, Rule.SpecChoice spec) {
        return new Rule.Bilinear.Term(d, spec);
    }

    /** The reduced axes of a call (x, axes, keepdims), normalised. */
    private static int[] axes(Call c) {
        return Shapes.axes("reduction", c.ints(1), c.shape(0));
    }

    /** {@code "abc,@abc->ac"}: the derivative value and tangent contracted over the reduced axes. */
    static String reduceSpec(Call c) {
        String in = Labels.of(c.ndim(0));
        StringBuilder out = new StringBuilder();
        boolean[] reduced = new boolean[in.length()];
        for (int a : axes(c)) {
            reduced[a] = true;
        }
        for (int i = 0; i < in.length(); i++) {
            if (!reduced[i]) {
                out.append(in.charAt(i));
            }
        }
        return in + ",@" + in + "->" + out;
    }

    /** {@code v} (the output's shape) with the reduced axes back as size 1. */
    private static Tensor kept(Call c, Tensor v) {
        return reshape(v, Shapes.reduced(c.shape(0), axes(c), true));
    }

    private static Tensor count(Call c) {
        int[] shape = c.shape(0);
        double n = 1;
        for (int a : axes(c)) {
            n *= shape[a];
        }
        return Tensor.scalar(n);
    }

    private static Tensor centred(Call c) {
        return subtract(c.tensor(0), mean(c.tensor(0), c.ints(1), true));
    }

    /**
     * (x − mean) / (N·std). Where the values are all equal std is at the tip of a cone and
     * has no derivative: 0/0 gives NaN there, as JAX's {@code sqrt(var)} does. Over a single
     * element std is the constant 0, whose derivative 0 comes from the denominator N·(std + 1).
     */
    private static Tensor stdValue(Call c) {
        Tensor n = count(c);
        return divide(centred(c), multiply(n, add(kept(c, c.y()), equal(n, ONE))));
    }

    /**
     * {@code exp(x − logsumexp x)} over {@code axes}, computed as {@code e/Σe} with {@code e =
     * exp(x − max)}: the logsumexp itself has an error of about {@code |x|·ε}, which exp would
     * carry into the derivative (5% at x = 10¹⁵). An infinite max is not shifted by, so that
     * all −∞ gives 0/0 = NaN and +∞ gives NaN there and 0 elsewhere, as JAX.
     */
    private static Tensor softmaxOver(Tensor x, int[] axes) {
        Tensor max = max(x, axes, true);
        Tensor shift = where(equal(abs(max), INFINITY), ZERO, max);
        Tensor e = exp(subtract(x, shift));
        return divide(e, sum(e, axes, true));
    }

    /** 1/k at each of the k elements that attain the max (or min); ties share the derivative. */
    private static Tensor tieShare(Call c) {
        Tensor hits = equal(c.tensor(0), kept(c, c.y()));
        return divide(hits, sum(hits, c.ints(1), true));
    }

    /**
     * ∂(Π x)/∂xᵢ over {@code axes} ({@code null}: all), the product of the others, exact when
     * some elements are zero: with no zero it is Π/xᵢ; with one zero only that element's is
     * non-zero; with two or more, all are 0.
     */
    static Tensor productOfOthers(Tensor x, int[] axes) {
        Tensor isZero = equal(x, ZERO);
        Tensor safe = where(isZero, ONE, x);
        Tensor nonZeroProduct = prod(safe, axes, true);
        Tensor zeros = sum(isZero, axes, true);
        Tensor atZero = multiply(nonZeroProduct, equal(zeros, ONE));
        Tensor elsewhere = multiply(divide(nonZeroProduct, safe), equal(zeros, ZERO));
        return where(isZero, atZero, elsewhere);
    }

    /**
     * The softmax family's second term along the call's axis: with {@code full}, {@code
     * "abc,azc,@azc->abc"} (first value times the weighted sum of the tangent); without,
     * {@code "azc,@azc->abc"} (the weighted sum, broadcast back along the axis).
     */
    private static String pairSpec(Call c, boolean full) {
        int rank = c.ndim(0);
        int axis = Shapes.axis("softmax", c.integer(1), c.shape(0));
        String in = Labels.of(rank);
        String summed = in.substring(0, axis) + Labels.FRESH + in.substring(axis + 1);
        return (full ? in + "," : "") + summed + ",@" + summed + "->" + in;
    }

    private static String identitySpec(int rank) {
        String in = Labels.of(rank);
        return "@" + in + "->" + in;
    }
}
