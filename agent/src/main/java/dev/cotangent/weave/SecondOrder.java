package dev.cotangent.weave;

import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.activity.ActivityAnalysis;
import dev.cotangent.weave.adjoint.AdjointBuilder;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import dev.cotangent.weave.lift.Lifter;
import dev.cotangent.weave.lift.ValueNumbering;
import dev.cotangent.weave.lift.Webs;
import dev.cotangent.weave.tangent.TangentBuilder;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Second derivatives by differentiating a derivative: the tangent code of {@code f} is itself
 * a method {@code g(x, ẋ) = ∇f(x)·ẋ}, and reverse mode applied to {@code g} with respect to
 * {@code x} alone gives the Hessian-vector product {@code ∇²f(x)·ẋ} at a small multiple of the
 * cost of a gradient.
 *
 * <p>To be a method the weaver can differentiate again, the tangent code must not call other
 * derivatives through the run-time linker, so the methods {@code f} calls are inlined into it
 * first (recursion and dynamic dispatch are rejected, as is tensor code, whose rules have no
 * second derivatives).
 */
final class SecondOrder {

    private static final int MAX_DEPTH = 16;

    private final ClassSource classes;
    private final Callees callees;
    private final RuleBodies rules;

    SecondOrder(ClassSource classes, Callees callees, RuleBodies rules) {
        this.classes = classes;
        this.callees = callees;
        this.rules = rules;
    }

    /** The forward and reverse sweeps of {@code ∇ₓ(∇f(x)·ẋ)}. */
    AdjointBuilder.Result build(ClassNode owner, MethodNode method, Diagnostics diagnostics) {
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        Body primal = inlined(owner.name, method, diagnostics, new ArrayDeque<>());
        Activity activity = ActivityAnalysis.analyse(primal, callees, diagnostics);
        Body tangent = TangentBuilder.build(primal, isStatic, activity, rules).body();
        Body g = returningTangent(tangent, primal, isStatic, diagnostics);
        // Only x is a variable of the second differentiation; the direction ẋ is fixed.
        long seeds = 0;
        int p = 0;
        for (int i = 0; i < primal.params().size(); i++) {
            seeds |= 1L << p;
            p += Signatures.differentiable(primal.paramTypes().get(i).getDescriptor()) ? 2 : 1;
        }
        Activity gActivity = ActivityAnalysis.analyse(g, callees, diagnostics, seeds);
        for (Block b : g.blocks()) {
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.InvokeDynamic || insn instanceof Insn.Invoke call
                        && call.owner().startsWith("dev/cotangent/runtime/")) {
                    throw diagnostics.error(insn.line(), "second derivatives of tensor code, or of code that calls "
                            + "methods through dynamic dispatch, are not supported", "compute the Hessian-vector "
                            + "product of a function of doubles and double arrays");
                }
            }
        }
        return AdjointBuilder.build(g, true, gActivity, rules, Mode.HESSIAN_FORWARD);
    }

    /** {@code method} lifted, with every call to a method it differentiates through replaced by that method's body. */
    private Body inlined(String owner, MethodNode method, Diagnostics diagnostics, Deque<String> stack) {
        String id = owner + "." + method.name + method.desc;
        if (stack.contains(id)) {
            throw diagnostics.error(-1, "second derivatives through the recursive call to "
                    + Diagnostics.javaMethod(owner, method.name, method.desc) + " are not supported",
                    "write the recursion as a loop");
        }
        if (stack.size() > MAX_DEPTH) {
            throw diagnostics.error(-1, "calls nested more than " + MAX_DEPTH + " deep", "flatten the helpers");
        }
        Body body;
        try {
            body = Lifter.lift(owner, method);
        } catch (Lifter.Unliftable e) {
            throw diagnostics.error(e.line, "the method contains " + e.getMessage() + ", which is not differentiated",
                    "restructure the method");
        }
        Webs.split(body);
        ValueNumbering.run(body);
        stack.push(id);
        try {
            return splice(body, diagnostics, stack);
        } finally {
            stack.pop();
        }
    }

    private Body splice(Body body, Diagnostics diagnostics, Deque<String> stack) {
        Body out = new Body(body.owner(), body.name(), body.descriptor());
        Map<Var, Var> vars = new IdentityHashMap<>();
        java.util.function.UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k ->
                out.var(k.name().substring(0, k.name().length() - 1), k.kind()));
        for (int i = 0; i < body.params().size(); i++) {
            out.addParam(map.apply(body.params().get(i)), body.paramTypes().get(i));
        }
        Map<Block, Block> blocks = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            blocks.put(b, out.newBlock());
        }
        BodyBuilder emit = new BodyBuilder(out);
        for (Block b : body.blocks()) {
            emit.at(blocks.get(b));
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.Invoke call && callees.of(call) instanceof Callee.Method m) {
                    if (m.virtual()) {
                        throw diagnostics.error(call.line(), "second derivatives through the virtual call to "
                                + Diagnostics.javaMethod(call.owner(), call.name(), call.desc()) + " are not supported",
                                "make the method static, private or final");
                    }
                    MethodNode callee = classes.method(call.owner(), call.name(), call.desc()).orElseThrow();
                    Body inner = inlined(call.owner(), callee, diagnostics, stack);
                    List<Var> args = call.args().stream().map(map).toList();
                    Var result = call.dst() == null ? out.temp(dev.cotangent.weave.ir.Kind.INT) : map.apply(call.dst());
                    emit.inline(inner, args, result, call.line());
                } else {
                    emit.add(Rename.insn(insn, map, map));
                }
            }
            emit.exit(Rename.exit(b.exit(), map, blocks::get));
        }
        return out;
    }

    /**
     * The tangent body turned into {@code g(x, ẋ) = ẏ}: it returns the tangent it would have
     * left in its {@code TangentOut}, and takes no {@code TangentOut}.
     */
    private Body returningTangent(Body tangent, Body primal, boolean isStatic, Diagnostics diagnostics) {
        if (!primal.returnType().getDescriptor().equals("D")) {
            throw diagnostics.error(-1, "a Hessian-vector product needs a method returning double",
                    "differentiate a scalar function");
        }
        StringBuilder descriptor = new StringBuilder("(");
        List<Type> types = tangent.paramTypes();
        for (int i = 0; i < types.size() - 1; i++) {
            descriptor.append(types.get(i).getDescriptor());
        }
        descriptor.append(")D");
        Body g = new Body(tangent.owner(), primal.name(), descriptor.toString());
        Map<Var, Var> vars = new IdentityHashMap<>();
        java.util.function.UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k ->
                g.var(k.name().substring(0, k.name().length() - 1), k.kind()));
        for (int i = 0; i < tangent.params().size() - 1; i++) {
            g.addParam(map.apply(tangent.params().get(i)), types.get(i));
        }
        Var out = tangent.params().get(tangent.params().size() - 1);
        Map<Block, Block> blocks = new IdentityHashMap<>();
        for (Block b : tangent.blocks()) {
            blocks.put(b, g.newBlock());
        }
        for (Block b : tangent.blocks()) {
            Block nb = blocks.get(b);
            Var returned = null;
            for (Insn insn : b.insns()) {
                if (insn instanceof Insn.PutField p && p.object() == out) {
                    returned = map.apply(p.value());
                } else if (insn.uses().contains(out)) {
                    throw new IllegalStateException("tangent code reads its TangentOut: " + insn);
                } else {
                    nb.add(Rename.insn(insn, map, map));
                }
            }
            Exit exit = b.exit();
            if (exit instanceof Exit.Return r) {
                nb.setExit(new Exit.Return(returned, r.line()));
            } else {
                nb.setExit(Rename.exit(exit, map, blocks::get));
            }
        }
        if (!isStatic) {
            throw diagnostics.error(-1, "a Hessian-vector product of an instance method",
                    "make the method static (pass the object's data as parameters)");
        }
        return g;
    }

}
