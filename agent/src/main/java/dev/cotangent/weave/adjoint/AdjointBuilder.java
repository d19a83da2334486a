package dev.cotangent.weave.adjoint;

import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.RuleBodies;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reverse mode for one method: its forward sweep and its reverse sweep, built from one
 * {@link ReversePlan} so that every push of the one has its pop in the other.
 */
public final class AdjointBuilder {

    private AdjointBuilder() {}

    /** The two sweeps, and the methods whose sweeps they call. */
    public record Result(Body forward, Body reverse, List<DerivativeFactory.Dependency> dependencies) {}

    /**
     * Builds both sweeps of {@code primal}. {@code mode} is either half of the variant wanted
     * ({@link Mode#FORWARD} or {@link Mode#TOP_FORWARD}, or their reverse halves).
     */
    public static Result build(Body primal, boolean isStatic, Activity activity, RuleBodies rules, Mode mode) {
        return build(primal, isStatic, activity, rules, mode, Mode.ALL);
    }

    /** As {@link #build(Body, boolean, Activity, RuleBodies, Mode)}, named for the variant with {@code active} parameters. */
    public static Result build(Body primal, boolean isStatic, Activity activity, RuleBodies rules, Mode mode,
                               long active) {
        CallSplitter.split(primal, activity);
        ReversePlan plan = new ReversePlan(primal, activity, rules, mode.isTop());
        Body forward = ForwardBuilder.build(plan, mode.forwardHalf(), isStatic, active);
        Body reverse = ReverseBuilder.build(plan, rules, mode.reverseHalf(), active);
        Set<DerivativeFactory.Dependency> calls = new LinkedHashSet<>();
        for (Block b : primal.blocks()) {
            for (Insn i : b.insns()) {
                if (CallSplitter.isDifferentiatedCall(i, activity)) {
                    Callee.Method m = (Callee.Method) activity.callees().get(i);
                    if (!m.virtual()) {
                        for (long variant : activity.variants((Insn.Invoke) i)) {
                            calls.add(new DerivativeFactory.Dependency(m.owner(), m.name(), m.descriptor(), Mode.FORWARD,
                                    variant));
                        }
                    }
                }
            }
        }
        return new Result(forward, reverse, new ArrayList<>(calls));
    }
}
