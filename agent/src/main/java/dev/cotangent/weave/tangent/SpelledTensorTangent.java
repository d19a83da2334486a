package dev.cotangent.weave.tangent;

import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.Rule;
import dev.cotangent.primitive.TangentTerms;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.weave.Boxing;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.Diagnostics;
import dev.cotangent.weave.TensorRuleBodies;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Tensor tangents for code that is differentiated again ({@link TangentBuilder#buildForSecondOrder}):
 * where first-order tangent code calls the registry's rules at run time
 * ({@code TensorCalls.jvp}), which reverse mode cannot see into, this writes each rule out
 * of primitives, so that the adjoint of the tangent code differentiates the derivative
 * values too.
 */
final class SpelledTensorTangent {

    private static final String TENSOR = "dev/cotangent/tensor/Tensor";
    private static final String TENSOR_DESCRIPTOR = "L" + TENSOR + ";";
    private static final String NP = "dev/cotangent/tensor/Np";
    private static final String TANGENT_TERMS = "dev/cotangent/primitive/TangentTerms";

    private final TangentBuilder builder;
    private final Body body;
    private final BodyBuilder emit;
    private final TensorRuleBodies tensorRules;
    private final Diagnostics diagnostics;

    SpelledTensorTangent(TangentBuilder builder, Body body, BodyBuilder emit, TensorRuleBodies tensorRules,
                         Diagnostics diagnostics) {
        this.builder = builder;
        this.body = body;
        this.emit = emit;
        this.tensorRules = tensorRules;
        this.diagnostics = diagnostics;
    }

    /** {@code dst = TangentTerms.zero(like)}: zeros shaped like a tensor, a primitive with no derivative. */
    static Insn zero(Var dst, Var like, int line) {
        return new Insn.Invoke(dst, Opcodes.INVOKESTATIC, TANGENT_TERMS, "zero", "(" + TENSOR_DESCRIPTOR + ")"
                + TENSOR_DESCRIPTOR, false, List.of(like), line);
    }

    /**
     * {@code dy} for a call of a tensor primitive whose result {@code y} is computed already:
     * each argument's rule spelled out of primitives, so that reverse mode can differentiate
     * the tangent with respect to the arguments too. A bilinear term's derivative values are
     * its lambda's body, spliced; {@code B(d, u)} is {@code TangentTerms.term(spec, d, u, shape)};
     * a linear rule is the primitive applied to the tangent; identity and scale are a fit of
     * the tangent. A primitive with several outputs gets a {@code Tensor[]} tangent, one sum
     * per output.
     */
    Var of(Insn.Invoke call, Callee.TensorOp op, Var y) {
        Primitive p = Registry.named(op.name());
        if (p.method().getReturnType() == Tensor.class) {
            return outputTangent(p, call, y, y, -1);
        } else if (p.method().getReturnType() == Tensor[].class) {
            return sequenceTangent(p, call, y);
        }
        throw unsupported(p, "its result is neither a tensor nor a Tensor[]", call.line());
    }

    /**
     * The tangent of one output ({@code output} −1: the only one) with value {@code y}, of a
     * call with result {@code whole}: a sum of terms, or zeros.
     */
    private Var outputTangent(Primitive p, Insn.Invoke call, Var whole, Var y, int output) {
        int line = call.line();
        Var shape = body.temp(Kind.REF);
        emit.add(new Insn.Invoke(shape, Opcodes.INVOKEVIRTUAL, TENSOR, "shape", "()[I", false, List.of(y), line));
        Type[] params = Type.getArgumentTypes(call.desc());
        Var sum = null;
        for (int i = 0; i < p.arity(); i++) {
            Var a = call.args().get(i);
            Rule rule = TangentTerms.bilinear(p, i, output);
            if (rule == null || rule instanceof Rule.Zero || !builder.on(a)) {
                continue;
            }
            for (Var term : terms(p, call, params, i, output, rule, whole, shape)) {
                sum = sum == null ? term : add(sum, term, line);
            }
        }
        if (sum == null) {
            sum = body.temp(Kind.REF);
            emit.add(zero(sum, y, line));
        }
        return sum;
    }

    /**
     * The tangent of a {@code Tensor[]} result: the primitive itself applied to the tangent
     * when it is linear in its one active argument ({@code split}), else one sum per output
     * of the rules' per-output terms ({@code qr}, {@code svd}, {@code eigh}, {@code slogdet}).
     */
    private Var sequenceTangent(Primitive p, Insn.Invoke call, Var y) {
        int line = call.line();
        List<Integer> active = new ArrayList<>();
        int outputs = -1;
        for (int i = 0; i < p.arity(); i++) {
            if (p.rule(i) != null && !(p.rule(i) instanceof Rule.Zero) && builder.on(call.args().get(i))) {
                active.add(i);
                if (p.rule(i) instanceof Rule.PerOutput per) {
                    outputs = per.byOutput().length;
                }
            }
        }
        if (active.size() == 1 && p.rule(active.get(0)) instanceof Rule.Linear) {
            return linearTerm(call, Type.getArgumentTypes(call.desc()), active.get(0));
        }
        if (outputs < 0) {
            throw unsupported(p, "its result is a Tensor[] and its rules are not one per output", line);
        }
        Var length = constant(outputs, line);
        Var dy = body.temp(Kind.REF);
        Type sequence = Type.getType(Tensor[].class);
        emit.add(new Insn.NewArray(dy, sequence, List.of(length), line));
        for (int o = 0; o < outputs; o++) {
            Var index = constant(o, line);
            Var yo = body.temp(Kind.REF);
            emit.add(new Insn.ArrayLoad(yo, Opcodes.AALOAD, y, index, sequence, line));
            Var tangent = outputTangent(p, call, y, yo, o);
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, dy, index, tangent, sequence, line));
        }
        return dy;
    }

    /** The terms argument {@code i}'s rule contributes to an output of shape {@code shape}, the call's result {@code whole}. */
    private List<Var> terms(Primitive p, Insn.Invoke call, Type[] params, int i, int output, Rule rule, Var whole,
                            Var shape) {
        int line = call.line();
        Var u = builder.tangent(call.args().get(i));
        List<Var> terms = new ArrayList<>();
        if (rule instanceof Rule.Identity) {
            terms.add(fit(u, shape, line));
        } else if (rule instanceof Rule.Scale scale) {
            Var factor = body.temp(Kind.DOUBLE);
            emit.add(new Insn.Const(factor, scale.factor(), line));
            Var scalar = body.temp(Kind.REF);
            emit.add(new Insn.Invoke(scalar, Opcodes.INVOKESTATIC, TENSOR, "scalar", "(D)" + TENSOR_DESCRIPTOR,
                    false, List.of(factor), line));
            Var scaled = body.temp(Kind.REF);
            emit.add(new Insn.Invoke(scaled, Opcodes.INVOKESTATIC, NP, "multiply", "(" + TENSOR_DESCRIPTOR
                    + TENSOR_DESCRIPTOR + ")" + TENSOR_DESCRIPTOR, false, List.of(u, scalar), line));
            terms.add(fit(scaled, shape, line));
        } else if (rule instanceof Rule.Linear && output < 0) {
            terms.add(linearTerm(call, params, i));
        } else if (rule instanceof Rule.Multilinear && output < 0) {
            // einsum(spec, operands): Σₖ einsum with operand k's tangent in its slot.
            Var sum = body.temp(Kind.REF);
            String seq = Type.getDescriptor(Tensor[].class);
            List<Var> args = List.of(builder.map(call.args().get(0)), builder.map(call.args().get(i)), u);
            emit.add(new Insn.Invoke(sum, Opcodes.INVOKESTATIC, TANGENT_TERMS, "einsum", "(Ljava/lang/String;" + seq
                    + seq + ")" + TENSOR_DESCRIPTOR, false, args, line));
            terms.add(sum);
        } else if (rule instanceof Rule.Bilinear bilinear && bilinear.output() == output) {
            for (int k = 0; k < bilinear.terms().size(); k++) {
                terms.add(bilinearTerm(p, call, params, i, output, k, whole, u, shape));
            }
        } else {
            throw unsupported(p, "the rule for its argument " + i + " (" + rule.getClass().getSimpleName()
                    + ") is not written in primitives", line);
        }
        return terms;
    }

    /** The primitive applied to argument {@code i}'s tangent in place of the argument (a linear rule). */
    private Var linearTerm(Insn.Invoke call, Type[] params, int i) {
        int line = call.line();
        Var a = call.args().get(i);
        Var tangentArg = builder.tangent(a);
        if (params[i].getSort() == Type.ARRAY) {
            // A tangent sequence has nulls where its parts' tangents are zero; the kernel needs zeros.
            Var filled = body.temp(Kind.REF);
            String seq = Type.getDescriptor(Tensor[].class);
            emit.add(new Insn.Invoke(filled, Opcodes.INVOKESTATIC, TANGENT_TERMS, "zerosForNulls",
                    "(" + seq + seq + ")" + seq, false, List.of(tangentArg, builder.map(a)), line));
            tangentArg = filled;
        }
        List<Var> args = new ArrayList<>();
        for (int j = 0; j < call.args().size(); j++) {
            args.add(j == i ? tangentArg : builder.map(call.args().get(j)));
        }
        Var applied = body.temp(Kind.REF);
        emit.add(new Insn.Invoke(applied, Opcodes.INVOKESTATIC, call.owner(), call.name(), call.desc(), false, args,
                line));
        return applied;
    }

    private Var add(Var a, Var b, int line) {
        Var s = body.temp(Kind.REF);
        emit.add(new Insn.Invoke(s, Opcodes.INVOKESTATIC, NP, "add", "(" + TENSOR_DESCRIPTOR + TENSOR_DESCRIPTOR + ")"
                + TENSOR_DESCRIPTOR, false, List.of(a, b), line));
        return s;
    }

    /** {@code TangentTerms.term(spec, d, u, shape)} with {@code d} the term's derivative values, spliced. */
    private Var bilinearTerm(Primitive p, Insn.Invoke call, Type[] params, int argument, int output, int term,
                             Var whole, Var u, Var shape) {
        int line = call.line();
        Body values;
        try {
            values = tensorRules.of(p, argument, output, term);
        } catch (TensorRuleBodies.Unsupported e) {
            throw unsupported(p, e.getMessage(), line);
        }
        if (p.arity() > TangentTerms.MAX_ARGUMENTS) {
            throw unsupported(p, "it has more than " + TangentTerms.MAX_ARGUMENTS + " parameters", line);
        }
        List<Var> args = new ArrayList<>();
        call.args().forEach(a -> args.add(builder.map(a)));
        args.add(whole);
        Var d = body.temp(Kind.REF);
        emit.inline(values, args, d, line);
        List<Var> specArgs = new ArrayList<>();
        specArgs.add(constant(p.name(), line));
        specArgs.add(constant(argument, line));
        specArgs.add(constant(output, line));
        specArgs.add(constant(term, line));
        specArgs.add(whole);
        StringBuilder descriptor = new StringBuilder("(Ljava/lang/String;III");
        for (int j = 0; j <= TangentTerms.MAX_ARGUMENTS; j++) {
            descriptor.append("Ljava/lang/Object;");
            if (j < TangentTerms.MAX_ARGUMENTS) {
                specArgs.add(j < params.length ? Boxing.boxed(emit, builder.map(call.args().get(j)), params[j], line)
                        : constant(null, line));
            }
        }
        descriptor.append(")Ljava/lang/String;");
        Var spec = body.temp(Kind.REF);
        emit.add(new Insn.Invoke(spec, Opcodes.INVOKESTATIC, TANGENT_TERMS, "spec", descriptor.toString(), false,
                specArgs, line));
        Var result = body.temp(Kind.REF);
        String seq = Type.getDescriptor(Tensor[].class);
        emit.add(new Insn.Invoke(result, Opcodes.INVOKESTATIC, TANGENT_TERMS, "term", "(Ljava/lang/String;" + seq
                + TENSOR_DESCRIPTOR + "[I)" + TENSOR_DESCRIPTOR, false, List.of(spec, d, u, shape), line));
        return result;
    }

    private Var fit(Var u, Var shape, int line) {
        Var fitted = body.temp(Kind.REF);
        emit.add(new Insn.Invoke(fitted, Opcodes.INVOKESTATIC, TANGENT_TERMS, "fit", "(" + TENSOR_DESCRIPTOR + "[I)"
                + TENSOR_DESCRIPTOR, false, List.of(u, shape), line));
        return fitted;
    }

    private Var constant(Object value, int line) {
        Var c = body.temp(value instanceof Integer ? Kind.INT : Kind.REF);
        emit.add(new Insn.Const(c, value, line));
        return c;
    }

    private RuntimeException unsupported(Primitive p, String why, int line) {
        return diagnostics.error(line, "second derivatives through the tensor primitive " + p.name()
                + " are not supported: " + why, "compute the Hessian-vector product of code without " + p.name());
    }
}
