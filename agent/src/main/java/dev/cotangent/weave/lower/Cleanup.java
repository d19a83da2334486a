package dev.cotangent.weave.lower;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tidies a generated body before it is lowered: copies are propagated within blocks and
 * computations whose results nobody reads are dropped. The transformations write for
 * clarity (a temporary per step, a copy per assignment); this keeps the bytecode small, so
 * that fewer methods need splitting and the JIT has less to chew.
 */
public final class Cleanup {

    private Cleanup() {}

    public static void run(Body body) {
        for (Block b : body.blocks()) {
            propagateCopies(b);
        }
        removeDeadCode(body);
    }

    /** Within a block, a read of {@code t} right after {@code t = s} reads {@code s}, while neither is rewritten. */
    private static void propagateCopies(Block b) {
        Map<Var, Var> copyOf = new HashMap<>();
        Map<Var, Set<Var>> copiesFrom = new HashMap<>();
        List<Insn> insns = b.insns();
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = Rename.insn(insns.get(i), d -> d, u -> copyOf.getOrDefault(u, u));
            insns.set(i, insn);
            Var d = insn.def();
            if (d == null) {
                continue;
            }
            // Writing d ends both what d was a copy of and what was a copy of d.
            Var source = copyOf.remove(d);
            if (source != null) {
                copiesFrom.get(source).remove(d);
            }
            Set<Var> copies = copiesFrom.remove(d);
            if (copies != null) {
                copies.forEach(copyOf::remove);
            }
            if (insn instanceof Insn.Move m && m.src() != d) {
                copyOf.put(d, m.src());
                copiesFrom.computeIfAbsent(m.src(), k -> new HashSet<>()).add(d);
            }
        }
        b.setExit(Rename.exit(b.exit(), u -> copyOf.getOrDefault(u, u), x -> x));
    }

    private static void removeDeadCode(Body body) {
        Set<Var> params = new HashSet<>(body.params());
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<Var, Integer> uses = new HashMap<>();
            for (Block b : body.blocks()) {
                for (Insn i : b.insns()) {
                    i.uses().forEach(v -> uses.merge(v, 1, Integer::sum));
                }
                Rename.uses(b.exit()).forEach(v -> uses.merge(v, 1, Integer::sum));
            }
            for (Block b : body.blocks()) {
                changed |= b.insns().removeIf(i -> i.def() != null && !uses.containsKey(i.def())
                        && !params.contains(i.def()) && removable(i));
            }
        }
    }

    /** Instructions with no effect but their result (and that cannot throw). */
    private static boolean removable(Insn i) {
        if (i instanceof Insn.Move || i instanceof Insn.Const) {
            return true;
        }
        if (i instanceof Insn.Binary b) {
            int op = b.opcode();
            boolean division = op == Opcodes.IDIV || op == Opcodes.IREM || op == Opcodes.LDIV || op == Opcodes.LREM;
            return !division;
        }
        if (i instanceof Insn.Unary u) {
            return u.dst().kind() != Kind.REF;
        }
        return false;
    }
}
