package dev.cotangent.weave.ir;

import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.Map;

/**
 * Classes of reference variables that may name the same object: those joined by a move or a
 * cast, and an array with the rows loaded from it (a row written through one is written in
 * the other). A union-find; callers add their own pairs with {@link #union}.
 */
public final class RefAliases {

    private final Map<Var, Var> parent = new HashMap<>();

    private RefAliases() {}

    /** The classes the moves, casts and row loads of {@code body} make. */
    public static RefAliases of(Body body) {
        RefAliases aliases = new RefAliases();
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (i instanceof Insn.Move m && m.dst().kind() == Kind.REF) {
                    aliases.union(m.dst(), m.src());
                } else if (i instanceof Insn.CheckCast c) {
                    aliases.union(c.dst(), c.src());
                } else if (i instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD) {
                    aliases.union(a.dst(), a.array());
                }
            }
        }
        return aliases;
    }

    /** Puts {@code a} and {@code b} in one class. */
    public void union(Var a, Var b) {
        Var ra = find(a);
        Var rb = find(b);
        if (ra != rb) {
            // The lower id is the root, so that the classes do not depend on the order of unions.
            parent.put(ra.id() < rb.id() ? rb : ra, ra.id() < rb.id() ? ra : rb);
        }
    }

    /** The representative of {@code v}'s class. */
    public Var find(Var v) {
        Var p = parent.get(v);
        if (p == null || p == v) {
            return v;
        }
        Var root = find(p);
        parent.put(v, root);
        return root;
    }
}
