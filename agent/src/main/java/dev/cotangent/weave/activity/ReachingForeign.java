package dev.cotangent.weave.activity;

import dev.cotangent.weave.Callee;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an array variable may hold a value without a shadow of its own: the flow-sensitive
 * refinement of {@link Activity#foreign}, which holds for a variable if any of its
 * definitions is foreign. In {@code u = ok ? new double[] {x} : DEFAULT} the array literal
 * is written on the path where {@code u} holds it, and only there: a store is rejected only
 * where a definition without a shadow (a field, a call without a derivative, a parameter
 * passed without one, a row of such an array) may reach it. A differentiated call's result
 * merged into such a variable counts as one too, since the callee may hand over none.
 */
final class ReachingForeign {

    private final Body body;
    private final Set<Var> foreign;
    private final Map<Insn.Invoke, Callee> callees;
    /** The variables that may hold a foreign value at the start of each block. */
    private final Map<Block, Set<Var>> in = new IdentityHashMap<>();

    /**
     * @param foreign   the flow-insensitive foreign variables (every variable the analysis tracks)
     * @param atEntry   those that are foreign when the method starts (parameters passed without a shadow)
     * @param callees   what each call calls
     */
    ReachingForeign(Body body, Set<Var> foreign, Set<Var> atEntry, Map<Insn.Invoke, Callee> callees) {
        this.body = body;
        this.foreign = foreign;
        this.callees = callees;
        Map<Block, List<Block>> successors = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            in.put(b, new HashSet<>());
            successors.put(b, b.exit().successors());
        }
        in.get(body.entry()).addAll(atEntry);
        Deque<Block> work = new ArrayDeque<>(body.blocks());
        Set<Block> queued = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        queued.addAll(body.blocks());
        while (!work.isEmpty()) {
            Block b = work.poll();
            queued.remove(b);
            Set<Var> out = new HashSet<>(in.get(b));
            for (Insn insn : b.insns()) {
                transfer(insn, out);
            }
            for (Block s : successors.get(b)) {
                if (in.get(s).addAll(out) && queued.add(s)) {
                    work.add(s);
                }
            }
        }
    }

    /** The variables that may hold a foreign value just before instruction {@code k} of {@code b}. */
    Set<Var> before(Block b, int k) {
        Set<Var> now = new HashSet<>(in.get(b));
        for (int i = 0; i < k; i++) {
            transfer(b.insns().get(i), now);
        }
        return now;
    }

    private void transfer(Insn insn, Set<Var> now) {
        Var d = insn.def();
        if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && now.contains(s.value())
                && foreign.contains(s.array())) {
            // A foreign row stored into a matrix: rows read from it later may be that one.
            now.add(s.array());
        }
        if (d == null || !foreign.contains(d)) {
            return;
        }
        Var source = insn instanceof Insn.Move m ? m.src() : insn instanceof Insn.CheckCast c ? c.src()
                : insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD ? a.array() : null;
        boolean foreignHere = source != null ? now.contains(source) : fromElsewhere(insn);
        if (foreignHere) {
            now.add(d);
        } else {
            now.remove(d);
        }
    }

    /**
     * A definition that may leave its variable without a shadow of its own: from elsewhere, or
     * a differentiated call's result (the callee hands over none for an array from elsewhere).
     */
    private boolean fromElsewhere(Insn insn) {
        Callee callee = insn instanceof Insn.Invoke call ? callees.get(call) : null;
        return Activity.fromElsewhere(insn, callee) || callee instanceof Callee.Method;
    }
}
