package dev.cotangent.primitive;

import dev.cotangent.einsum.Einsum;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.tensor.internal.TensorStorage;

import java.util.List;

/**
 * How one output of a primitive depends on one argument, declared once; the JVP applies
 * it to a tangent and the VJP applies its transpose to a cotangent. No rule kind has a
 * hand-written VJP except {@link Linear} and {@link SeparatelyLinear}, whose transposes are
 * declared beside their maps as pairs (the structural operations of DESIGN.md §1).
 *
 * <p>Tangents and cotangents are {@link Tensor}s, or {@code Tensor[]} for an argument or an
 * output that is a sequence; {@code null} stands for zero everywhere, on the way in and out.
 *
 * @since 0.1
 */
public sealed interface Rule {

    /** The output's tangent caused by tangent {@code u} of the argument; {@code null} if zero. */
    Object jvp(Primitive p, Call c, int argument, Object u);

    /** The argument's adjoint caused by cotangent {@code v} of the output; {@code null} if zero. */
    Object vjp(Primitive p, Call c, int argument, Object v);

    /**
     * Computes the derivative values of a bilinear rule from a call. Serializable so that the
     * weaver can find a lambda's body and differentiate it again (second derivatives,
     * {@code dev.cotangent.weave.TensorRuleBodies}); a lambda is, with nothing to write.
     */
    @FunctionalInterface
    interface DerivativeValue extends java.io.Serializable {
        Tensor[] of(Call c);
    }

    /** Chooses the tangent spec of a bilinear rule for a call (ranks, axes). */
    @FunctionalInterface
    interface SpecChoice {
        String of(Call c);
    }

    /** The transpose of a linear map, for a call. */
    @FunctionalInterface
    interface Transpose {
        Object of(Call c, Object v);
    }

    /**
     * {@code B(d, u)} summed over one or more einsum terms: the form every smooth primitive
     * takes (DESIGN.md §1). {@code output} is the output the terms produce, or −1 when the
     * primitive has one.
     */
    record Bilinear(List<Term> terms, int output) implements Rule {
        /** One einsum term: derivative values and the spec that combines them with the tangent. */
        public record Term(DerivativeValue d, SpecChoice spec) {}

        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            int[] outShape = TensorStorage.shape(output < 0 ? c.y() : c.y(output));
            Tensor sum = null;
            for (Term t : terms) {
                Tensor r = TangentSpec.of(t.spec().of(c)).apply(t.d().of(c), (Tensor) u, outShape);
                sum = sum == null ? r : Np.add(sum, r);
            }
            return sum;
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            int[] argShape = TensorStorage.shape(c.tensor(argument));
            Tensor sum = null;
            for (Term t : terms) {
                Tensor r = TangentSpec.of(t.spec().of(c)).transpose(t.d().of(c), (Tensor) v, argShape);
                sum = sum == null ? r : Np.add(sum, r);
            }
            return sum;
        }
    }

    /** The output is the argument (broadcast): {@code d} is the identity, never materialised. */
    record Identity() implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            return Fit.to((Tensor) u, TensorStorage.shape(c.y()));
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            return Fit.back((Tensor) v, TensorStorage.shape(c.tensor(argument)));
        }
    }

    /** A constant multiple of the argument (broadcast), e.g. −1 for the subtrahend. */
    record Scale(double factor) implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            return Fit.to(Np.multiply((Tensor) u, Tensor.scalar(factor)), TensorStorage.shape(c.y()));
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            return Fit.back(Np.multiply((Tensor) v, Tensor.scalar(factor)), TensorStorage.shape(c.tensor(argument)));
        }
    }

    /**
     * The primitive is linear in this argument: its JVP is the primitive itself applied to
     * the tangent (other arguments unchanged), and the transpose is declared with it.
     */
    record Linear(Transpose transpose) implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            Object[] args = c.args().clone();
            args[argument] = u instanceof Tensor[] parts ? Parts.zerosForNulls(parts, c.tensors(argument)) : u;
            return p.apply(args);
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            Object cotangent = v;
            if (v instanceof Tensor[] parts && c.ans() instanceof Tensor[] outputs) {
                cotangent = Parts.zerosForNulls(parts, outputs);
            }
            return transpose.of(c, cotangent);
        }
    }

    /**
     * For {@code einsum(spec, Tensor... operands)}: linear in each operand separately, so
     * the tangent is the sum over operands of the einsum with that operand's tangent in its
     * place, and each operand's adjoint is the einsum's transpose for that slot.
     */
    record Multilinear() implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            return Parts.einsumTangent(c.string(0), c.tensors(argument), (Tensor[]) u);
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            String spec = c.string(0);
            Tensor[] operands = c.tensors(argument);
            Tensor[] adjoints = new Tensor[operands.length];
            for (int k = 0; k < operands.length; k++) {
                adjoints[k] = Einsum.transpose(spec, k, operands, TensorStorage.shape(operands[k]), (Tensor) v);
            }
            return adjoints;
        }
    }

    /** A map linear in one part of a sequence argument, the other arguments and parts held. */
    @FunctionalInterface
    interface PartMap {
        Tensor of(Call c, int part, Tensor u);
    }

    /** The transpose of a {@link PartMap}. */
    @FunctionalInterface
    interface PartTranspose {
        Tensor of(Call c, int part, Tensor v);
    }

    /**
     * For a sequence argument whose parts each enter the output linearly, but not jointly (a
     * product of them): the tangent is the sum over parts of each part's linear map applied to
     * its tangent, and each part's adjoint is that map's transpose, declared beside it.
     */
    record SeparatelyLinear(PartMap map, PartTranspose transpose) implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            Tensor[] tangents = (Tensor[]) u;
            Tensor sum = null;
            for (int k = 0; k < tangents.length; k++) {
                if (tangents[k] != null) {
                    Tensor r = map.of(c, k, tangents[k]);
                    sum = r == null ? sum : sum == null ? r : Np.add(sum, r);
                }
            }
            return sum;
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            Tensor[] adjoints = new Tensor[c.tensors(argument).length];
            for (int k = 0; k < adjoints.length; k++) {
                adjoints[k] = transpose.of(c, k, (Tensor) v);
            }
            return adjoints;
        }
    }

    /** No derivative flows: step functions, comparisons, integer-valued outputs. */
    record Zero() implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            return null;
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            return null;
        }
    }

    /** For a primitive with several outputs: one rule per output (null: that output does not depend). */
    record PerOutput(Rule[] byOutput) implements Rule {
        @Override
        public Object jvp(Primitive p, Call c, int argument, Object u) {
            Tensor[] out = new Tensor[byOutput.length];
            boolean any = false;
            for (int i = 0; i < byOutput.length; i++) {
                out[i] = byOutput[i] == null ? null : (Tensor) byOutput[i].jvp(p, c, argument, u);
                any |= out[i] != null;
            }
            return any ? out : null;
        }

        @Override
        public Object vjp(Primitive p, Call c, int argument, Object v) {
            Tensor[] vs = (Tensor[]) v;
            Tensor sum = null;
            for (int i = 0; i < byOutput.length; i++) {
                if (byOutput[i] != null && vs[i] != null) {
                    Tensor r = (Tensor) byOutput[i].vjp(p, c, argument, vs[i]);
                    sum = r == null ? sum : sum == null ? r : Np.add(sum, r);
                }
            }
            return sum;
        }
    }
}
