package dev.cotangent.weave;

import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Whether the value a {@linkplain Activity#mixed mixed} array variable holds has a shadow (or
 * tangent) of its own, kept at run time in an {@code int} flag beside it, for the tangent code
 * and the forward sweep alike. Foreign-ness is a property of a variable for the activity
 * analysis, but {@code w = ok ? x : DEFAULT} holds x's array on one path and a constant on
 * the other: inside the method both read through a shadow (x's, or zeros standing in), and
 * where the shadow leaves the method the flag decides — a return hands over x's shadow or
 * none, a call links the variant that differentiates that parameter or the one that treats
 * it as constant. So derivatives follow the definition that actually reached the merge.
 *
 * <p>A definition's flag: that of the variable it copies (a move, a cast, a row of a matrix);
 * 0 for a field, a call without a derivative, or a parameter passed without a shadow; for a
 * differentiated call, whether the callee returned a shadow; 1 otherwise.
 */
public final class ShadowOwnership {

    private static final String VALUES = "dev/cotangent/runtime/Values";

    private final Activity activity;
    private final BodyBuilder emit;
    private final Function<Var, Var> map;

    /**
     * @param activity the primal's activity
     * @param emit     where the derivative code is being built
     * @param map      the derivative body's variable for a primal one
     */
    public ShadowOwnership(Activity activity, BodyBuilder emit, Function<Var, Var> map) {
        this.activity = activity;
        this.emit = emit;
        this.map = map;
    }

    private Var flag(Var v) {
        String name = map.apply(v).name();
        return emit.body().var("owns$" + name.substring(0, name.length() - 1), Kind.INT);
    }

    /** Whether {@code v}'s current value has a shadow of its own, as an {@code int} (1 or 0). */
    private Var owns(Var v, int line) {
        if (activity.mixed(v)) {
            return flag(v);
        }
        return constant(activity.isForeign(v) ? 0 : 1, line);
    }

    private Var constant(int value, int line) {
        Var c = emit.body().temp(Kind.INT);
        emit.add(new Insn.Const(c, value, line));
        return c;
    }

    /** Whether the method's start must set flags ({@link #parameters}): a parameter is mixed. */
    public boolean flagsParameters(List<Var> params) {
        return params.stream().anyMatch(activity::mixed);
    }

    /** At the method's start: a mixed parameter has a shadow of its own unless the caller passes none. */
    public void parameters(List<Var> params) {
        for (Var p : params) {
            if (activity.mixed(p)) {
                emit.add(new Insn.Const(flag(p), activity.shadowless().contains(p) ? 0 : 1, -1));
            }
        }
    }

    /**
     * After {@code insn} (not a differentiated call: see {@link #returned}), the flag of the
     * mixed variable it defines.
     */
    public void defined(Insn insn) {
        Var d = insn.def();
        if (!activity.mixed(d)) {
            return;
        }
        int line = insn.line();
        Var source = source(insn);
        if (source != null) {
            Var owns = owns(source, line);
            if (owns != flag(d)) {
                emit.add(new Insn.Move(flag(d), owns, line));
            }
        } else {
            Callee callee = insn instanceof Insn.Invoke call ? activity.callees().get(call) : null;
            emit.add(new Insn.Const(flag(d), Activity.fromElsewhere(insn, callee) ? 0 : 1, line));
        }
    }

    /** The variable whose value (and ownership) a definition copies: moves, casts, rows of a matrix. */
    private static Var source(Insn insn) {
        if (insn instanceof Insn.Move m) {
            return m.src();
        }
        if (insn instanceof Insn.CheckCast c) {
            return c.src();
        }
        if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD) {
            return a.array();
        }
        return null;
    }

    /** After a differentiated call defining mixed {@code dst}: it has a shadow of its own if the callee returned one. */
    public void returned(Var dst, Var shadow, int line) {
        if (activity.mixed(dst)) {
            emit.add(new Insn.Invoke(flag(dst), Opcodes.INVOKESTATIC, VALUES, "owns", "(Ljava/lang/Object;)Z", false,
                    List.of(shadow), line));
        }
    }

    /** The shadow to hand over with {@code v} (returned): its own, or none ({@code null}) for a value from elsewhere. */
    public Var handOver(Var shadow, Var v, int line) {
        if (!activity.mixed(v)) {
            return shadow;
        }
        Var out = emit.body().temp(Kind.REF);
        emit.add(new Insn.Invoke(out, Opcodes.INVOKESTATIC, VALUES, "handOver", "(Ljava/lang/Object;Z)Ljava/lang/Object;",
                false, List.of(shadow, flag(v)), line));
        return out;
    }

    /**
     * Emits {@code call}'s linked derivative by {@code link} with the variant to use: one call
     * for {@link Activity#variants}' single entry, else a switch on the ownership of the
     * {@linkplain Activity#chosenAtRunTime arguments chosen at run time}, one call per variant,
     * all continuing at one block.
     *
     * @return the index of the variant that ran (into {@link Activity#variants}), or null when there is one
     */
    public Var link(Insn.Invoke call, LongConsumer link) {
        List<Long> variants = activity.variants(call);
        if (variants.size() == 1) {
            link.accept(variants.get(0));
            return null;
        }
        int line = call.line();
        List<Integer> chosen = activity.chosenAtRunTime(call);
        int offset = call.isStatic() ? 0 : 1;
        Var index = constant(0, line);
        for (int j = 0; j < chosen.size(); j++) {
            // Bit j of the index: the j-th argument has no shadow of its own.
            Var lacks = emit.body().temp(Kind.INT);
            emit.add(new Insn.Binary(lacks, Opcodes.IXOR, owns(call.args().get(offset + chosen.get(j)), line),
                    constant(1, line), line));
            Var shifted = emit.body().temp(Kind.INT);
            emit.add(new Insn.Binary(shifted, Opcodes.ISHL, lacks, constant(j, line), line));
            Var next = emit.body().temp(Kind.INT);
            emit.add(new Insn.Binary(next, Opcodes.IOR, index, shifted, line));
            index = next;
        }
        dispatch(emit, index, variants, link, line);
        return index;
    }

    /**
     * A switch on {@code index} to one linked call per variant, continuing after it: the
     * reverse sweep's side of {@link #link}, with the index the forward sweep recorded.
     */
    public static void dispatch(BodyBuilder emit, Var index, List<Long> variants, LongConsumer link, int line) {
        Block after = emit.body().newBlock();
        List<Block> targets = new ArrayList<>();
        int[] keys = new int[variants.size() - 1];
        for (int i = 0; i < variants.size(); i++) {
            Block b = emit.body().newBlock();
            targets.add(b);
            if (i < keys.length) {
                keys[i] = i;
            }
        }
        emit.exit(new Exit.Switch(index, keys, targets.subList(0, keys.length), targets.get(keys.length), line));
        for (int i = 0; i < variants.size(); i++) {
            emit.at(targets.get(i));
            link.accept(variants.get(i));
            emit.exit(new Exit.Goto(after, line));
        }
        emit.at(after);
    }
}
