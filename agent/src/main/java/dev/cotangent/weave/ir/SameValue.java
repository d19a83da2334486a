package dev.cotangent.weave.ir;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the binary instructions whose two operands hold the same value, as javac writes
 * {@code x * x}: two loads of the local {@code x} into two stack temporaries, or two reads of
 * the same array element. A local value numbering within each block: a copy has the value of
 * its source, a read of {@code a[i]} the value of any earlier read of the same array and
 * index with no store or call in between.
 */
public final class SameValue {

    private SameValue() {}

    /** The binary instructions of {@code body} that apply to one value twice. */
    public static Set<Insn> twice(Body body) {
        Set<Insn> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Block b : body.blocks()) {
            new Numbering().run(b, found);
        }
        return found;
    }

    private static final class Numbering {
        private final Map<Var, Object> value = new HashMap<>();
        private final Map<Var, Integer> version = new HashMap<>();
        /** Advanced by every instruction that may write memory. */
        private int memory;

        void run(Block b, Set<Insn> found) {
            for (Insn i : b.insns()) {
                if (i instanceof Insn.Binary bin && bin.left() != bin.right() && key(bin.left()).equals(key(bin.right()))) {
                    found.add(bin);
                }
                if (i instanceof Insn.ArrayStore || i instanceof Insn.Invoke || i instanceof Insn.InvokeDynamic
                        || i instanceof Insn.PutField) {
                    memory++;
                }
                Var d = i.def();
                if (d == null) {
                    continue;
                }
                Object k = null;
                if (i instanceof Insn.Move m) {
                    k = key(m.src());
                } else if (i instanceof Insn.ArrayLoad a) {
                    k = List.of("load", key(a.array()), key(a.index()), memory);
                }
                version.merge(d, 1, Integer::sum);
                value.put(d, k != null ? k : List.of(d, version.get(d)));
            }
        }

        private Object key(Var v) {
            Object k = value.get(v);
            return k != null ? k : List.of(v, version.getOrDefault(v, 0));
        }
    }
}
