package dev.cotangent.weave.activity;

import dev.cotangent.weave.Callee;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Var;

import java.util.Map;
import java.util.Set;

/**
 * The result of {@link ActivityAnalysis}: the variables that carry derivatives, and what
 * each call instruction calls.
 *
 * @param active  variables whose value depends on a differentiable input (for a reference,
 *                an array or tensor that holds such values)
 * @param callees  the classification of every call instruction
 * @param variants for calls that pass arrays without shadows (read from a field…), the mask of
 *                 the callee's parameters that carry derivatives ({@code Mode.ALL} for the others)
 * @param foreign  arrays that come from elsewhere (a field, a call without a derivative, a
 *                 parameter passed without a shadow): their shadows, if any, are local zeros
 * @param written  arrays that may receive derivatives after they are defined: stored into
 *                 with an active value, or aliasing one that is, handed to a differentiated
 *                 call, stored into another array, or returned
 */
public record Activity(Set<Var> active, Map<Insn.Invoke, Callee> callees, Map<Insn.Invoke, Long> variants,
                       Set<Var> foreign, Set<Var> written) {

    /**
     * Whether the array {@code v} is only read here, so that zeros serve as its shadow when
     * the method that made it has none to give.
     */
    public boolean readOnly(Var v) {
        return v != null && !written.contains(v);
    }

    /**
     * Whether {@code call} goes to the callee's derivative: a method with an active argument,
     * or whose result is active (an array it returns is written with active values, or merged
     * with an active one), so that the result gets the shadow the callee makes for it.
     */
    public boolean differentiated(Insn.Invoke call) {
        return callees.get(call) instanceof Callee.Method && (anyActive(call.args()) || isActive(call.dst()));
    }

    public boolean isForeign(Var v) {
        return v != null && foreign.contains(v);
    }

    /** The parameter mask of the derivative {@code call} links to. */
    public long variant(Insn.Invoke call) {
        return variants.getOrDefault(call, dev.cotangent.runtime.Mode.ALL);
    }

    public boolean isActive(Var v) {
        return v != null && active.contains(v);
    }

    /** Whether any of {@code vars} is active. */
    public boolean anyActive(Iterable<Var> vars) {
        for (Var v : vars) {
            if (isActive(v)) {
                return true;
            }
        }
        return false;
    }
}
