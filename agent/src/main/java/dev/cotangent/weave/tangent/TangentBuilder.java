package dev.cotangent.weave.tangent;

import dev.cotangent.primitive.ScalarPrimitive;
import dev.cotangent.primitive.ScalarRule;
import dev.cotangent.primitive.Registry;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.Boxing;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.Diagnostics;
import dev.cotangent.weave.LinkedCall;
import dev.cotangent.weave.RuleBodies;
import dev.cotangent.weave.ShadowOwnership;
import dev.cotangent.weave.Shadows;
import dev.cotangent.weave.TensorRuleBodies;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.RefTypes;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.SameValue;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode: builds the tangent method of a primal body. Control flow is copied as it
 * is; after each instruction that defines an active variable comes the computation of its
 * tangent, {@code B(d, u)} from the registry — at rank 0 {@code d·u}, with {@code d}'s lambda
 * spliced in — so that the tangent method runs the primal and its derivative side by side,
 * with no object per operation.
 *
 * <p>An instruction whose result is active is evaluated into a temporary first, then its
 * tangent is computed from the old operands and the result, then both are assigned: a
 * variable may be an operand of its own definition ({@code s = s + x} in a loop).
 *
 * <p>Calls to methods that are differentiated too go through {@code invokedynamic} to their
 * tangent methods ({@link dev.cotangent.runtime.Linker}); their output tangent comes back in the
 * {@code TangentOut} that every tangent method takes last.
 */
public final class TangentBuilder {

    private static final String TENSOR = "dev/cotangent/tensor/Tensor";
    private static final String TENSOR_DESCRIPTOR = "L" + TENSOR + ";";

    private final Body primal;
    private final Activity activity;
    private final RuleBodies rules;
    private final Set<Insn> twice;
    private final RefTypes types;
    private final Body out;
    private final BodyBuilder emit;
    private final ShadowOwnership ownership;
    private final Map<Var, Var> vars = new IdentityHashMap<>();
    private final Map<Block, Block> blocks = new IdentityHashMap<>();
    private final Set<DerivativeFactory.Dependency> dependencies = new LinkedHashSet<>();
    /** Set for code that is differentiated again: tensor tangents are then spelled in primitives. */
    private SpelledTensorTangent spelled;
    private Var tangentOut;

    private TangentBuilder(Body primal, Activity activity, RuleBodies rules, String name, String descriptor) {
        this.primal = primal;
        this.activity = activity;
        this.rules = rules;
        this.out = new Body(primal.owner(), name, descriptor);
        this.emit = new BodyBuilder(out);
        this.ownership = new ShadowOwnership(activity, emit, this::map);
        this.twice = SameValue.twice(primal);
        this.types = new RefTypes(primal);
    }

    /** The tangent body of {@code primal}, and the derivatives it calls. */
    public record Result(Body body, List<DerivativeFactory.Dependency> dependencies) {}

    /**
     * Builds the tangent of {@code primal}, a method that is static when {@code isStatic}.
     */
    public static Result build(Body primal, boolean isStatic, Activity activity, RuleBodies rules) {
        return build(primal, isStatic, activity, rules, Mode.ALL);
    }

    /** As {@link #build(Body, boolean, Activity, RuleBodies)}, named for the variant with {@code active} parameters. */
    public static Result build(Body primal, boolean isStatic, Activity activity, RuleBodies rules, long active) {
        String descriptor = Signatures.tangent(primal.owner(), primal.descriptor(), isStatic);
        TangentBuilder b = new TangentBuilder(primal, activity, rules, Mode.TANGENT.methodName(primal.name(), active),
                descriptor);
        b.run();
        return new Result(b.out, new ArrayList<>(b.dependencies));
    }

    /**
     * The tangent of {@code primal}, a static method, written so that it can be differentiated
     * again ({@code SecondOrder}): the tangent of each tensor primitive is its rules spelled
     * out of primitives — derivative values spliced from {@code tensorRules}, combined with
     * the tangent by {@code TangentTerms.term} — rather than a call to the run-time rules;
     * zero tensor tangents are zeros, never {@code null}; bridges apply to tangents as to values.
     *
     * @throws dev.cotangent.NotDifferentiableException naming the primitive whose rules
     *         cannot be differentiated again (several outputs, a derivative value that is not
     *         public code)
     */
    public static Result buildForSecondOrder(Body primal, Activity activity, RuleBodies rules,
                                             TensorRuleBodies tensorRules, Diagnostics diagnostics) {
        String descriptor = Signatures.tangent(primal.owner(), primal.descriptor(), true);
        TangentBuilder b = new TangentBuilder(primal, activity, rules, Mode.TANGENT.methodName(primal.name(), Mode.ALL),
                descriptor);
        b.spelled = new SpelledTensorTangent(b, b.out, b.emit, tensorRules, diagnostics);
        b.run();
        return new Result(b.out, new ArrayList<>(b.dependencies));
    }

    private void run() {
        for (int i = 0; i < primal.params().size(); i++) {
            Var p = primal.params().get(i);
            Type type = primal.paramTypes().get(i);
            out.addParam(map(p), type);
            if (Signatures.hasTangent(type.getDescriptor())) {
                out.addParam(tangent(p), type);
            }
        }
        tangentOut = out.var("tangentOut", Kind.REF);
        out.addParam(tangentOut, Type.getObjectType(Signatures.TANGENT_OUT));
        Block start = ownership.flagsParameters(primal.params()) ? out.newBlock() : null;
        for (Block b : primal.blocks()) {
            blocks.put(b, out.newBlock());
        }
        if (start != null) {
            emit.at(start);
            ownership.parameters(primal.params());
            emit.exit(new Exit.Goto(blocks.get(primal.entry()), -1));
        }
        for (Block b : primal.blocks()) {
            emit.at(blocks.get(b));
            for (Insn insn : b.insns()) {
                insn(insn);
            }
            exit(b.exit());
        }
    }

    // ------------------------------------------------------------------ variables

    Var map(Var v) {
        return vars.computeIfAbsent(v, k -> out.var(k.name().substring(0, k.name().length() - 1), k.kind()));
    }

    Var tangent(Var v) {
        return out.tangentOf(map(v));
    }

    boolean on(Var v) {
        return activity.isActive(v);
    }

    /** The tangent of {@code v}, or a zero of its kind when {@code v} is not active. */
    private Var tangentOrZero(Var v, int line) {
        if (on(v)) {
            return tangent(v);
        }
        Var zero = out.temp(v.kind());
        if (secondOrder() && isTensor(v)) {
            emit.add(SpelledTensorTangent.zero(zero, map(v), line));
        } else {
            emit.add(new Insn.Const(zero, v.kind() == Kind.DOUBLE ? (Object) 0.0 : null, line));
        }
        return zero;
    }

    private boolean secondOrder() {
        return spelled != null;
    }

    private boolean isTensor(Var v) {
        return v.kind() == Kind.REF && types.of(v).getDescriptor().equals(TENSOR_DESCRIPTOR);
    }

    /** A zero tangent for {@code dst}: {@code 0.0}, {@code null} for a tensor, zeros shaped like an array. */
    private void zeroTangent(Var dst, int line) {
        if (secondOrder() && isTensor(dst)) {
            emit.add(SpelledTensorTangent.zero(tangent(dst), map(dst), line));
        } else if (isArray(dst)) {
            Shadows.zeroShadow(emit, tangent(dst), map(dst), line);
        } else {
            emit.add(new Insn.Const(tangent(dst), dst.kind() == Kind.DOUBLE ? (Object) 0.0 : null, line));
        }
    }

    /** Whether {@code v} may hold an array with derivatives, whose tangent is an array (zeros for none). */
    private boolean isArray(Var v) {
        return v.kind() == Kind.REF && Signatures.mayHoldArray(types.of(v).getDescriptor());
    }

    private Insn copy(Insn insn) {
        return Rename.insn(insn, this::map, this::map);
    }

    /** {@code insn} evaluated into a fresh temporary instead of its destination. */
    private Var intoTemp(Insn insn) {
        Var t = out.temp(insn.def().kind());
        emit.add(Rename.insn(insn, d -> t, this::map));
        return t;
    }

    private void assign(Var dst, Var value, Var tangentValue, int line) {
        emit.add(new Insn.Move(map(dst), value, line));
        emit.add(new Insn.Move(tangent(dst), tangentValue, line));
    }

    // ------------------------------------------------------------------ instructions

    private void insn(Insn insn) {
        if (insn instanceof Insn.Invoke call && activity.differentiated(call)) {
            invoke(call);
            return;
        }
        step(insn);
        ownership.defined(insn);
    }

    private void step(Insn insn) {
        Var def = insn.def();
        int line = insn.line();
        if (insn instanceof Insn.Invoke call) {
            invoke(call);
        } else if (insn instanceof Insn.ArrayStore s) {
            emit.add(copy(s));
            if (on(s.array())) {
                emit.add(new Insn.ArrayStore(s.opcode(), tangent(s.array()), map(s.index()),
                        tangentOrZero(s.value(), line), s.arrayType(), line));
            }
        } else if (!on(def)) {
            emit.add(copy(insn));
        } else if (insn instanceof Insn.Move m) {
            Var dv = tangentOrZero(m.src(), line);
            Var t = intoTemp(m);
            assign(def, t, dv, line);
        } else if (insn instanceof Insn.CheckCast c) {
            Var dv = tangentOrZero(c.src(), line);
            Var t = intoTemp(c);
            assign(def, t, dv, line);
        } else if (insn instanceof Insn.Binary b && b.dst().kind() == Kind.DOUBLE) {
            ScalarPrimitive p = Registry.scalarOpcode(b.opcode());
            Var t = intoTemp(b);
            // x·x read twice is one value: its derivative terms fold into one.
            Var dt = apply(p, List.of(b.left(), twice.contains(b) ? b.left() : b.right()), t, line);
            assign(def, t, dt, line);
        } else if (insn instanceof Insn.Unary u && u.opcode() == Opcodes.DNEG) {
            Var t = intoTemp(u);
            Var dt = apply(Registry.scalarOpcode(Opcodes.DNEG), List.of(u.operand()), t, line);
            assign(def, t, dt, line);
        } else if (insn instanceof Insn.ArrayLoad a) {
            Var t = intoTemp(a);
            Var dt = out.temp(def.kind());
            if (on(a.array())) {
                emit.add(new Insn.ArrayLoad(dt, a.opcode(), tangent(a.array()), map(a.index()), a.arrayType(), line));
            } else {
                emit.add(new Insn.Const(dt, def.kind() == Kind.DOUBLE ? (Object) 0.0 : null, line));
            }
            assign(def, t, dt, line);
        } else if (insn instanceof Insn.NewArray n) {
            Var t = intoTemp(n);
            Var dt = out.temp(Kind.REF);
            List<Var> dims = new ArrayList<>();
            n.dims().forEach(d -> dims.add(map(d)));
            emit.add(new Insn.NewArray(dt, n.arrayType(), dims, line));
            assign(def, t, dt, line);
        } else {
            // Constants, fields, conversions from integers: an active variable gets a zero tangent here.
            emit.add(copy(insn));
            zeroTangent(def, line);
        }
    }

    /**
     * {@code d} plus the derivatives for the later occurrences of argument {@code i}, so that
     * {@code x·x} costs one product {@code (x + x)·ẋ} rather than two.
     */
    private Var addRepeated(ScalarPrimitive p, List<Var> args, int i, List<Var> operands, Var d, int line) {
        for (int j = i + 1; j < args.size(); j++) {
            if (args.get(j) == args.get(i) && p.rules().get(j) instanceof ScalarRule.Derivative later) {
                Var dj = out.temp(Kind.DOUBLE);
                emit.inline(rules.of(later), operands, dj, line);
                Var sum = out.temp(Kind.DOUBLE);
                emit.add(new Insn.Binary(sum, Opcodes.DADD, d, dj, line));
                d = sum;
            }
        }
        return d;
    }

    /**
     * {@code Σᵢ dᵢ·uᵢ} for a rank-0 primitive applied to {@code args} with result {@code y}:
     * identity and negation need no {@code d}; other values are spliced from the registry.
     */
    private Var apply(ScalarPrimitive p, List<Var> args, Var y, int line) {
        Var sum = null;
        boolean negated = false;
        List<Var> operands = new ArrayList<>();
        args.forEach(a -> operands.add(map(a)));
        operands.add(y);
        for (int i = 0; i < args.size(); i++) {
            ScalarRule rule = p.rules().get(i);
            if (!on(args.get(i)) || rule == null || rule instanceof ScalarRule.Zero) {
                continue;
            }
            Var term = tangent(args.get(i));
            boolean negative = rule instanceof ScalarRule.Negate;
            if (rule instanceof ScalarRule.Derivative derivative) {
                if (RuleBodies.repeatedDerivative(p, args, i)) {
                    continue; // folded into the argument's first occurrence
                }
                Var d = out.temp(Kind.DOUBLE);
                emit.inline(rules.of(derivative), operands, d, line);
                d = addRepeated(p, args, i, operands, d, line);
                term = out.temp(Kind.DOUBLE);
                emit.add(new Insn.Binary(term, Opcodes.DMUL, d, tangent(args.get(i)), line));
            }
            if (sum == null) {
                sum = term;
                negated = negative;
            } else {
                // a·u − b·v as one subtraction, not an addition of a negation.
                Var s = out.temp(Kind.DOUBLE);
                if (negated == negative) {
                    emit.add(new Insn.Binary(s, Opcodes.DADD, sum, term, line));
                } else {
                    emit.add(new Insn.Binary(s, Opcodes.DSUB, negated ? term : sum, negated ? sum : term, line));
                    negated = false;
                }
                sum = s;
            }
        }
        if (sum == null) {
            sum = out.temp(Kind.DOUBLE);
            emit.add(new Insn.Const(sum, 0.0, line));
        } else if (negated) {
            Var s = out.temp(Kind.DOUBLE);
            emit.add(new Insn.Unary(s, Opcodes.DNEG, sum, line));
            sum = s;
        }
        return sum;
    }

    private void invoke(Insn.Invoke call) {
        Callee callee = activity.callees().get(call);
        Var dst = call.dst();
        int line = call.line();
        if (callee instanceof Callee.Scalar s && on(dst)) {
            Var t = intoTemp(call);
            Var dt = apply(s.primitive(), call.args(), t, line);
            assign(dst, t, dt, line);
        } else if (callee instanceof Callee.Method m && activity.differentiated(call)) {
            callTangent(call, m);
        } else if (callee instanceof Callee.TensorOp op && on(dst)) {
            if (secondOrder()) {
                Var y = intoTemp(call);
                assign(dst, y, spelled.of(call, op, y), line);
            } else {
                tensorTangent(call, op);
            }
        } else if (callee instanceof Callee.Bridge bridge && on(dst)) {
            if (secondOrder()) {
                spelledBridgeTangent(call);
            } else {
                bridgeTangent(call, bridge.name());
            }
        } else {
            emit.add(copy(call));
            if (on(dst)) {
                zeroTangent(dst, line);
            }
        }
    }

    /** {@code y = f'(x, dx, …, out)} through {@code invokedynamic}, then {@code dy} from {@code out}. */
    private void callTangent(Insn.Invoke call, Callee.Method m) {
        int line = call.line();
        List<Var> args = new ArrayList<>();
        Type[] params = Type.getArgumentTypes(call.desc());
        int offset = call.isStatic() ? 0 : 1;
        if (!call.isStatic()) {
            args.add(map(call.args().get(0)));
        }
        for (int i = 0; i < params.length; i++) {
            Var a = call.args().get(offset + i);
            args.add(map(a));
            if (Signatures.hasTangent(params[i].getDescriptor())) {
                args.add(tangentOrZero(a, line));
            }
        }
        args.add(tangentOut);
        String descriptor = Signatures.tangent(call.owner(), call.desc(), call.isStatic());
        Var dst = call.dst();
        Var t = dst == null ? null : out.temp(dst.kind());
        ownership.link(call, variant -> emit.add(LinkedCall.of(t, descriptor, m.owner(), m.name(), m.descriptor(),
                Mode.TANGENT, m.virtual(), variant, args, line)));
        if (!m.virtual()) {
            for (long variant : activity.variants(call)) {
                dependencies.add(new DerivativeFactory.Dependency(m.owner(), m.name(), m.descriptor(), Mode.TANGENT,
                        variant));
            }
        }
        if (dst == null) {
            return;
        }
        if (on(dst)) {
            Var dt = out.temp(dst.kind());
            emit.add(new Insn.GetField(dt, Opcodes.GETFIELD, Signatures.TANGENT_OUT, dst.kind() == Kind.DOUBLE ? "real"
                    : "ref", dst.kind() == Kind.DOUBLE ? "D" : "Ljava/lang/Object;", tangentOut, line));
            if (isArray(dst)) {
                ownership.returned(dst, dt, line);
                Shadows.resultShadow(emit, dt, dt, t, activity.readOnly(dst) || activity.mixed(dst), call, line);
            }
            assign(dst, t, dt, line);
        } else {
            emit.add(new Insn.Move(map(dst), t, line));
        }
    }

    /** The tangent of a scalar–tensor bridge: the same linear map applied to the tangent. */
    private void bridgeTangent(Insn.Invoke call, String bridge) {
        int line = call.line();
        Var t = intoTemp(call);
        Var x = call.args().get(0);
        Var dt = out.temp(call.dst().kind());
        String owner = "dev/cotangent/runtime/TensorBridge";
        String object = "Ljava/lang/Object;";
        Insn.Invoke tangent = switch (bridge) {
            case "item" -> new Insn.Invoke(dt, Opcodes.INVOKESTATIC, owner, "itemTangent", "(" + object + ")D", false,
                    List.of(tangentOrZero(x, line)), line);
            case "get" -> new Insn.Invoke(dt, Opcodes.INVOKESTATIC, owner, "getTangent", "(" + object + "[I)D", false,
                    List.of(tangentOrZero(x, line), map(call.args().get(1))), line);
            case "scalar" -> new Insn.Invoke(dt, Opcodes.INVOKESTATIC, owner, "scalarTangent", "(D)" + object, false,
                    List.of(tangentOrZero(x, line)), line);
            case "of" -> new Insn.Invoke(dt, Opcodes.INVOKESTATIC, owner, "ofTangent", "([D[I)" + object, false,
                    List.of(tangent(x), call.args().size() > 1 ? map(call.args().get(1)) : nullConstant(line)), line);
            default -> new Insn.Invoke(dt, Opcodes.INVOKESTATIC, owner, "toArrayTangent", "(" + object + object + ")[D",
                    false, List.of(tangentOrZero(x, line), map(x)), line);
        };
        emit.add(tangent);
        assign(call.dst(), t, dt, line);
    }

    private Var nullConstant(int line) {
        Var n = out.temp(Kind.REF);
        emit.add(new Insn.Const(n, null, line));
        return n;
    }

    /**
     * A bridge's tangent for code differentiated again: the bridge itself (it is linear in its
     * first argument) applied to that argument's tangent, so that the bridge's own rules
     * differentiate it.
     */
    private void spelledBridgeTangent(Insn.Invoke call) {
        int line = call.line();
        Var t = intoTemp(call);
        List<Var> args = new ArrayList<>();
        args.add(tangentOrZero(call.args().get(0), line));
        for (Var a : call.args().subList(1, call.args().size())) {
            args.add(map(a));
        }
        Var dt = out.temp(call.dst().kind());
        emit.add(new Insn.Invoke(dt, call.opcode(), call.owner(), call.name(), call.desc(), call.itf(), args, line));
        assign(call.dst(), t, dt, line);
    }

    /** {@code dy = TensorCalls.jvp(name, args, y, tangents)}: the registry's rules, applied at run time. */
    private void tensorTangent(Insn.Invoke call, Callee.TensorOp op) {
        int line = call.line();
        Type[] params = Type.getArgumentTypes(call.desc());
        Var t = intoTemp(call);
        Var args = objectArray(call.args(), params, false, line);
        Var tangents = objectArray(call.args(), params, true, line);
        Var name = out.temp(Kind.REF);
        emit.add(new Insn.Const(name, op.name(), line));
        Var dt = out.temp(Kind.REF);
        emit.add(new Insn.Invoke(dt, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/TensorCalls", "jvp",
                "(Ljava/lang/String;[Ljava/lang/Object;Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false,
                List.of(name, args, t, tangents), line));
        assign(call.dst(), t, dt, line);
    }

    /** The call's arguments, or their tangents ({@code null} where not active or not differentiable). */
    private Var objectArray(List<Var> values, Type[] types, boolean tangents, int line) {
        List<Var> elements = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Var v = values.get(i);
            if (!tangents) {
                elements.add(map(v));
            } else {
                elements.add(on(v) && Signatures.differentiable(types[i].getDescriptor()) ? tangent(v) : null);
            }
        }
        return Boxing.objectArray(emit, elements, types, line);
    }

    // ------------------------------------------------------------------ exits

    /**
     * The tangent returned with the result: its own; for an array, none if it comes from
     * elsewhere (the caller then stops with a clear error if it differentiates through it),
     * zeros if the method made it without active values in it.
     */
    private Var resultTangent(Var v, int line) {
        if (isArray(v) && activity.mixed(v)) {
            return ownership.handOver(tangent(v), v, line);
        }
        boolean foreign = activity.isForeign(v);
        return !isArray(v) || on(v) && !foreign ? tangentOrZero(v, line)
                : Shadows.forResultWithoutOwn(emit, map(v), foreign, line);
    }

    private void exit(Exit exit) {
        if (exit instanceof Exit.Return r && r.value() != null
                && Signatures.hasTangent(primal.returnType().getDescriptor())) {
            boolean real = r.value().kind() == Kind.DOUBLE;
            emit.add(new Insn.PutField(Opcodes.PUTFIELD, Signatures.TANGENT_OUT, real ? "real" : "ref",
                    real ? "D" : "Ljava/lang/Object;", tangentOut, resultTangent(r.value(), r.line()), r.line()));
        }
        emit.exit(Rename.exit(exit, this::map, blocks::get));
    }
}
