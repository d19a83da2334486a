package dev.cotangent.weave.activity;

import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;

import java.util.ArrayList;
import java.util.List;
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
 * @param shadowless parameters that may hold arrays but for which the caller passes no shadow
 *                 (outside the variant's mask)
 */
public record Activity(Set<Var> active, Map<Insn.Invoke, Callee> callees, Map<Insn.Invoke, Long> variants,
                       Set<Var> foreign, Set<Var> written, Set<Var> shadowless) {

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

    /**
     * Whether {@code insn} defines a reference that has no shadow of its own: a field's value,
     * or what a call without a derivative (or {@code AD.stopGradient}) returns, if it may be an
     * array ({@code ThreadLocal.get()} returns {@code Object}); {@code callee} is the call's.
     */
    public static boolean fromElsewhere(Insn insn, Callee callee) {
        if (insn instanceof Insn.GetField) {
            return true;
        }
        return insn instanceof Insn.Invoke call && call.dst() != null
                && (callee instanceof Callee.Opaque || callee instanceof Callee.StopGradient)
                && Signatures.mayHoldArray(org.objectweb.asm.Type.getReturnType(call.desc()).getDescriptor());
    }

    /**
     * Whether the reference {@code v} is active but some of its definitions carry no shadow of
     * their own ({@code ok ? v : DEFAULT}, a parameter merged with a field's array): its
     * derivative code keeps, at run time, whether the definition that reached it has a shadow
     * of its own ({@code ShadowOwnership}), and hands over its shadow only then.
     */
    public boolean mixed(Var v) {
        return v != null && v.kind() == Kind.REF && active.contains(v) && foreign.contains(v);
    }

    /**
     * The declared parameters (receiver not counted) of a differentiated {@code call} whose
     * arguments are {@link #mixed}: the variant linked is chosen at run time, clearing the bit
     * of each whose value has no shadow of its own. In parameter order.
     */
    public List<Integer> chosenAtRunTime(Insn.Invoke call) {
        List<Integer> out = new ArrayList<>();
        long variant = variant(call);
        int offset = call.isStatic() ? 0 : 1;
        List<String> params = Signatures.parameters(call.desc());
        for (int i = 0; i < params.size() && i < 64; i++) {
            if ((variant & (1L << i)) != 0 && mixed(call.args().get(offset + i))
                    && Signatures.mayHoldArray(params.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Every variant {@code call} may link to: {@link #variant}, and, for each subset of the
     * arguments {@link #chosenAtRunTime}, that variant with their bits cleared; the index of a
     * variant has bit j set when the j-th such argument's bit is cleared.
     */
    public List<Long> variants(Insn.Invoke call) {
        List<Integer> chosen = chosenAtRunTime(call);
        List<Long> out = new ArrayList<>();
        for (int index = 0; index < 1 << chosen.size(); index++) {
            long v = variant(call);
            for (int j = 0; j < chosen.size(); j++) {
                if ((index & (1 << j)) != 0) {
                    v &= ~(1L << chosen.get(j));
                }
            }
            out.add(v);
        }
        return out;
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
