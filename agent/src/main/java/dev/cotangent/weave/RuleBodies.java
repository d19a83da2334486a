package dev.cotangent.weave;

import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.ScalarPrimitive;
import dev.cotangent.primitive.ScalarRule;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.lift.Lifter;
import org.objectweb.asm.tree.MethodNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bodies of the registry's rank-0 derivative values, lifted once, for splicing into
 * generated code: a rule written {@code (x, y) -> Math.cos(x)} becomes a call-free
 * {@code cos(x)} where it is applied.
 */
public final class RuleBodies {

    private final ClassSource classes;
    private final Map<MethodKey, Body> bodies = new ConcurrentHashMap<>();

    public RuleBodies(ClassSource classes) {
        this.classes = classes;
    }

    /**
     * Which parameters a derivative value reads: {@code used[i]} for argument i, and the last
     * entry for the primitive's result. Reverse mode keeps only those values.
     */
    public boolean[] uses(ScalarRule.Derivative rule) {
        Body body = of(rule);
        boolean[] used = new boolean[body.params().size()];
        java.util.Set<dev.cotangent.weave.ir.Var> read = new java.util.HashSet<>();
        for (dev.cotangent.weave.ir.Block b : body.blocks()) {
            for (dev.cotangent.weave.ir.Insn i : b.insns()) {
                read.addAll(i.uses());
            }
            read.addAll(dev.cotangent.weave.ir.Rename.uses(b.exit()));
        }
        for (int i = 0; i < used.length; i++) {
            used[i] = read.contains(body.params().get(i));
        }
        return used;
    }

    /** The lifted body of a derivative value: parameters are the arguments, then the result. */
    public Body of(ScalarRule.Derivative rule) {
        MethodKey impl = rule.implementation();
        return bodies.computeIfAbsent(impl, k -> {
            MethodNode m = classes.method(k.owner(), k.name(), k.descriptor()).orElseThrow(() ->
                    new IllegalStateException("the registry's derivative " + k.display() + " cannot be read"));
            try {
                return Lifter.lift(k.owner(), m);
            } catch (Lifter.Unliftable e) {
                throw new IllegalStateException("the registry's derivative " + k.display() + " uses " + e.getMessage());
            }
        });
    }

    /**
     * Whether argument {@code i} of a primitive application repeats an earlier argument whose
     * rule is also a derivative value: its term is then folded into the earlier one's.
     */
    public static boolean repeatedDerivative(ScalarPrimitive p, List<?> args, int i) {
        for (int j = 0; j < i; j++) {
            if (args.get(j) == args.get(i) && p.rules().get(j) instanceof ScalarRule.Derivative
                    && p.rules().get(i) instanceof ScalarRule.Derivative) {
                return true;
            }
        }
        return false;
    }
}
