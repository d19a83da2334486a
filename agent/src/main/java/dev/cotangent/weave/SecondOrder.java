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
 * first (recursion and dynamic dispatch are rejected). Tensor primitives' tangents are spelled
 * out of primitives for it ({@link TangentBuilder#buildForSecondOrder}), so that reverse mode
 * differentiates their derivative values too.
 */
final class SecondOrder {

    private final Inliner inliner;
    private final Callees callees;
    private final RuleBodies rules;
    private final TensorRuleBodies tensorRules;

    SecondOrder(Inliner inliner, Callees callees, RuleBodies rules, TensorRuleBodies tensorRules) {
        this.inliner = inliner;
        this.callees = callees;
        this.rules = rules;
        this.tensorRules = tensorRules;
    }

    /**
     * The forward and reverse sweeps of {@code ∇ₓ(∇f(x)·ẋ)}, x being the parameters whose bit
     * is set in {@code active} (bit i for declared parameter i).
     */
    AdjointBuilder.Result build(ClassNode owner, MethodNode method, Diagnostics diagnostics, long active) {
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            throw diagnostics.error(-1, "a Hessian-vector product of an instance method",
                    "make the method static (pass the object's data as parameters)");
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            if (Signatures.dynamic(t.getDescriptor())) {
                throw diagnostics.error(-1, "a Hessian-vector product of a method with a parameter declared "
                        + t.getClassName() + " (or a type variable)", "declare the parameter double[], double[][] or Tensor");
            }
        }
        Body primal = inliner.inlineAll(owner.name, method, diagnostics);
        Activity activity = ActivityAnalysis.analyse(primal, callees, diagnostics);
        Body tangent = TangentBuilder.buildForSecondOrder(primal, activity, rules, tensorRules, diagnostics).body();
        Body g = returningTangent(tangent, primal, diagnostics);
        // x is the variable of the second differentiation; the direction ẋ is fixed.
        long seeds = 0;
        int p = 0;
        for (int i = 0; i < primal.params().size(); i++) {
            String type = primal.paramTypes().get(i).getDescriptor();
            if (i >= 64 || (active & (1L << i)) != 0) {
                seeds |= 1L << p;
            }
            // A method that writes into its array x writes tangents into ẋ: that array needs a
            // shadow too (its adjoint, ∇f(x)ᵀ, is computed and dropped).
            if (Signatures.shadowed(type)) {
                seeds |= 1L << (p + 1);
            }
            p += Signatures.differentiable(type) ? 2 : 1;
        }
        Activity gActivity = ActivityAnalysis.analyse(g, callees, diagnostics, seeds);
        for (Block b : g.blocks()) {
            for (Insn insn : b.insns()) {
                // String concatenation (error messages of inlined helpers) carries no derivative.
                if (insn instanceof Insn.InvokeDynamic d && !d.isStringConcatenation()) {
                    throw diagnostics.error(insn.line(), "second derivatives of code that calls methods through "
                            + "dynamic dispatch are not supported", "call the method directly (static, private or final)");
                }
                if (insn instanceof Insn.Invoke call && call.owner().startsWith("dev/cotangent/runtime/")) {
                    // Zeros standing in for the shadow of an array from a field or an opaque call.
                    throw diagnostics.error(insn.line(), "second derivatives of code that merges an array from a field "
                            + "or from a call without a derivative with one that carries a derivative are not supported",
                            "pass the array in as a parameter");
                }
            }
        }
        return AdjointBuilder.build(g, true, gActivity, rules, Mode.HESSIAN_FORWARD, active);
    }

    /**
     * The tangent body turned into {@code g(x, ẋ) = ẏ}: it returns the tangent it would have
     * left in its {@code TangentOut}, and takes no {@code TangentOut}.
     */
    private Body returningTangent(Body tangent, Body primal, Diagnostics diagnostics) {
        String result = primal.returnType().getDescriptor();
        if (!result.equals("D") && !result.equals("Ldev/cotangent/tensor/Tensor;")) {
            throw diagnostics.error(-1, "a Hessian-vector product needs a method returning double or Tensor",
                    "differentiate a function with one result");
        }
        StringBuilder descriptor = new StringBuilder("(");
        List<Type> types = tangent.paramTypes();
        for (int i = 0; i < types.size() - 1; i++) {
            descriptor.append(types.get(i).getDescriptor());
        }
        descriptor.append(')').append(result);
        Body g = new Body(tangent.owner(), primal.name(), descriptor.toString());
        Map<Var, Var> vars = new IdentityHashMap<>();
        // Each variable of the tangent code gets a name of its own in g: the tangent code's
        // temporaries and the primal's inlined ones may share names ("t12"), and reverse mode
        // reads g's variables by name, which would make two variables one.
        java.util.function.UnaryOperator<Var> map = v -> vars.computeIfAbsent(v, k ->
                g.var("g" + vars.size(), k.kind()));
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
        return g;
    }

}
