package dev.cotangent.primitive;

import dev.cotangent.einsum.Einsum;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.util.Arrays;

/**
 * A primitive's tangent spelled out of primitives, so that it can be differentiated again:
 * second derivatives take the tangent code of a method and differentiate it in reverse mode,
 * and for that the tangent of each tensor call is written as its derivative values (their
 * lambdas' bodies, inlined) combined with the tangent by {@link #term}, whose rules are the
 * transposes of the einsum with respect to each of its operands.
 *
 * <p>Part of the small surface woven code calls; not for users.
 *
 * @since 0.2
 */
public final class TangentTerms {

    private TangentTerms() {}

    static void register(Registry.Table t) {
        // B(d, u): linear in each derivative value and in the tangent, separately.
        t.op("tangent_term", TangentTerms.class, "term", String.class, Tensor[].class, Tensor.class, int[].class)
                .rule(1, new Rule.SeparatelyLinear(
                        (c, j, u) -> term(c.string(0), Parts.replaced(c.tensors(1), j, u), c.tensor(2), c.ints(3)),
                        (c, j, v) -> TangentSpec.of(c.string(0)).transposeValue(j, c.tensors(1), c.tensor(2), v)))
                .linear(2, (c, v) -> TangentSpec.of(c.string(0)).transpose(c.tensors(1), (Tensor) v, c.shape(2)))
                .done();
        t.op("tangent_fit", TangentTerms.class, "fit", Tensor.class, int[].class)
                .linear(0, (c, v) -> Fit.back((Tensor) v, c.shape(0))).done();
        t.op("tangent_zeros_for_nulls", TangentTerms.class, "zerosForNulls", Tensor[].class, Tensor[].class)
                .linear(0, (c, v) -> v).zero(1).done();
        t.op("tangent_zero", TangentTerms.class, "zero", Tensor.class).zero().done();
        // einsum's tangent Σₖ einsum(ops with tₖ in slot k): linear in the tangents jointly, and
        // in each operand separately (through every term but its own).
        t.op("tangent_einsum", TangentTerms.class, "einsum", String.class, Tensor[].class, Tensor[].class)
                .rule(1, new Rule.SeparatelyLinear(
                        (c, j, u) -> einsumThrough(c.string(0), c.tensors(1), c.tensors(2), j, u),
                        (c, j, v) -> einsumThroughTranspose(c.string(0), c.tensors(1), c.tensors(2), j, v)))
                .linear(2, (c, v) -> {
                    Tensor[] ops = c.tensors(1);
                    Tensor[] out = new Tensor[ops.length];
                    for (int k = 0; k < ops.length; k++) {
                        out[k] = Einsum.transpose(c.string(0), k, ops, ops[k].shape(), (Tensor) v);
                    }
                    return out;
                })
                .done();
    }

    /**
     * {@code B(d, u)} for the tangent spec {@code spec} ({@code '@'} marks u's operand),
     * fitted to {@code outShape}: one einsum term of a primitive's forward rule.
     */
    public static Tensor term(String spec, Tensor[] d, Tensor u, int[] outShape) {
        return TangentSpec.of(spec).apply(d, u, outShape);
    }

    /** {@code u} brought to {@code shape} by a reshape adding or dropping 1s, or a broadcast. */
    public static Tensor fit(Tensor u, int[] shape) {
        return Fit.to(u, shape);
    }

    /**
     * The zero tangent of {@code like}: zeros of its shape, or {@code null} where the primal
     * itself is {@code null} (a variable not yet holding a tensor).
     */
    public static Tensor zero(Tensor like) {
        return like == null ? null : Np.zeros_like(like);
    }

    /**
     * The tangent of {@code einsum(spec, operands)} for the operands' tangents {@code tangents}
     * ({@code null}: zero): {@code Σₖ einsum(spec, operands with tangents[k] in slot k)}.
     */
    public static Tensor einsum(String spec, Tensor[] operands, Tensor[] tangents) {
        if (tangents.length != operands.length) {
            throw new IllegalArgumentException("einsum tangent: " + tangents.length + " tangents for " + operands.length
                    + " operands");
        }
        Tensor sum = Parts.einsumTangent(spec, operands, tangents);
        return sum != null ? sum : Np.zeros_like(Einsum.einsum(spec, operands));
    }

    /** How the einsum tangent's terms other than j's change with operand j: {@code u} in slot j of each. */
    private static Tensor einsumThrough(String spec, Tensor[] ops, Tensor[] tangents, int j, Tensor u) {
        Tensor sum = null;
        for (int k = 0; k < ops.length; k++) {
            if (k != j && tangents[k] != null) {
                Tensor r = Einsum.einsum(spec, Parts.replaced(Parts.replaced(ops, k, tangents[k]), j, u));
                sum = sum == null ? r : Np.add(sum, r);
            }
        }
        return sum;
    }

    private static Tensor einsumThroughTranspose(String spec, Tensor[] ops, Tensor[] tangents, int j, Tensor v) {
        Tensor sum = null;
        for (int k = 0; k < ops.length; k++) {
            if (k != j && tangents[k] != null) {
                Tensor r = Einsum.transpose(spec, j, Parts.replaced(ops, k, tangents[k]), ops[j].shape(), v);
                sum = sum == null ? r : Np.add(sum, r);
            }
        }
        return sum;
    }

    /** {@code parts} with each {@code null} (a zero tangent) replaced by zeros shaped like its primal. */
    public static Tensor[] zerosForNulls(Tensor[] parts, Tensor[] like) {
        if (parts.length != like.length) {
            throw new IllegalArgumentException("zerosForNulls: " + parts.length + " tangents for " + like.length
                    + " tensors");
        }
        return Parts.zerosForNulls(parts, like);
    }

    /** The most arguments a primitive may have for {@link #spec} to describe its calls. */
    public static final int MAX_ARGUMENTS = 6;

    /**
     * The spec of term {@code term} of the rule for argument {@code argument} of a call to
     * {@code primitive} ({@code output}: which output's rule, for a primitive with several;
     * −1 otherwise), which specs may choose per call (ranks, axes): from the result and the
     * arguments in declaration order (primitives boxed; those past the primitive's arity are
     * ignored). Separate parameters rather than an array, so that woven code passing tensors
     * here stores them nowhere a derivative would have to follow.
     */
    public static String spec(String primitive, int argument, int output, int term, Object ans, Object a0, Object a1,
                              Object a2, Object a3, Object a4, Object a5) {
        Primitive p = Registry.named(primitive);
        Rule rule = bilinear(p, argument, output);
        if (!(rule instanceof Rule.Bilinear b) || term < 0 || term >= b.terms().size()) {
            throw new IllegalStateException("primitive " + primitive + ": argument " + argument + " has no einsum term "
                    + term + (output >= 0 ? " for output " + output : ""));
        }
        Object[] args = Arrays.copyOf(new Object[] {a0, a1, a2, a3, a4, a5}, p.arity());
        return b.terms().get(term).spec().of(new Call(args, ans));
    }

    /**
     * The rule that says how output {@code output} (−1: the only one) of {@code p} depends on
     * argument {@code argument}: the rule itself, or its entry in a {@link Rule.PerOutput}.
     */
    public static Rule bilinear(Primitive p, int argument, int output) {
        Rule rule = p.rule(argument);
        if (output >= 0 && rule instanceof Rule.PerOutput per) {
            return output < per.byOutput().length ? per.byOutput()[output] : null;
        }
        return rule;
    }
}
