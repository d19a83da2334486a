package dev.cotangent.weave.lift;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits each variable into its webs: the groups of definitions and uses connected by
 * reaching definitions. After lifting, one variable stands for a JVM slot or stack position,
 * which javac and the operand stack reuse for unrelated values (a loop counter here, an
 * array there); after splitting, a variable is one value's life, so flow-insensitive
 * analyses (activity) and per-variable choices (tangent or not) are precise.
 */
public final class Webs {

    private final Body body;
    /** Every definition site: index → (variable, block, position); position −1 for parameters. */
    private final List<Var> defVar = new ArrayList<>();
    private final Map<Var, List<Integer>> defsOf = new IdentityHashMap<>();
    private final Map<Block, int[]> defIdsInBlock = new IdentityHashMap<>();
    private int[] parent;

    private Webs(Body body) {
        this.body = body;
    }

    /** Renames the variables of {@code body} in place, one variable per web. */
    public static void split(Body body) {
        new Webs(body).run();
    }

    private void run() {
        List<Integer> paramDefs = new ArrayList<>();
        for (Var p : body.params()) {
            paramDefs.add(newDef(p));
        }
        for (Block b : body.blocks()) {
            int[] ids = new int[b.insns().size()];
            for (int i = 0; i < ids.length; i++) {
                Var d = b.insns().get(i).def();
                ids[i] = d == null ? -1 : newDef(d);
            }
            defIdsInBlock.put(b, ids);
        }
        parent = new int[defVar.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<Block, BitSet> in = reachingDefinitions(paramDefs);
        // Every use joins the webs of the definitions that reach it.
        for (Block b : body.blocks()) {
            BitSet reaching = (BitSet) in.get(b).clone();
            int[] ids = defIdsInBlock.get(b);
            for (int i = 0; i < ids.length; i++) {
                for (Var u : b.insns().get(i).uses()) {
                    joinReaching(u, reaching);
                }
                step(reaching, ids[i]);
            }
            for (Var u : Rename.uses(b.exit())) {
                joinReaching(u, reaching);
            }
        }
        rewrite(in, paramDefs);
    }

    private int newDef(Var v) {
        int id = defVar.size();
        defVar.add(v);
        defsOf.computeIfAbsent(v, k -> new ArrayList<>()).add(id);
        return id;
    }

    private Map<Block, BitSet> reachingDefinitions(List<Integer> paramDefs) {
        Map<Block, BitSet> in = new IdentityHashMap<>();
        Map<Block, BitSet> out = new IdentityHashMap<>();
        Map<Block, List<Block>> preds = predecessors();
        for (Block b : body.blocks()) {
            in.put(b, new BitSet());
            out.put(b, new BitSet());
        }
        BitSet entry = new BitSet();
        paramDefs.forEach(entry::set);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : body.blocks()) {
                BitSet bin = new BitSet();
                if (b == body.entry()) {
                    bin.or(entry);
                }
                for (Block p : preds.get(b)) {
                    bin.or(out.get(p));
                }
                in.put(b, bin);
                BitSet bout = (BitSet) bin.clone();
                for (int id : defIdsInBlock.get(b)) {
                    step(bout, id);
                }
                if (!bout.equals(out.get(b))) {
                    out.put(b, bout);
                    changed = true;
                }
            }
        }
        return in;
    }

    /** The definition {@code id} kills the others of its variable and reaches on. */
    private void step(BitSet reaching, int id) {
        if (id < 0) {
            return;
        }
        for (int other : defsOf.get(defVar.get(id))) {
            reaching.clear(other);
        }
        reaching.set(id);
    }

    private void joinReaching(Var u, BitSet reaching) {
        int first = -1;
        for (int d : defsOf.getOrDefault(u, List.of())) {
            if (reaching.get(d)) {
                if (first < 0) {
                    first = d;
                } else {
                    union(first, d);
                }
            }
        }
    }

    private void rewrite(Map<Block, BitSet> in, List<Integer> paramDefs) {
        Map<Integer, Var> webVar = new HashMap<>();
        Map<Var, Integer> parts = new IdentityHashMap<>();
        java.util.function.IntFunction<Var> varOf = id -> webVar.computeIfAbsent(find(id), root -> {
            Var base = defVar.get(id);
            int part = parts.merge(base, 1, Integer::sum);
            return body.split(base, part);
        });
        for (int i = 0; i < paramDefs.size(); i++) {
            body.replaceParam(i, varOf.apply(paramDefs.get(i)));
        }
        for (Block b : body.blocks()) {
            BitSet reaching = (BitSet) in.get(b).clone();
            int[] ids = defIdsInBlock.get(b);
            List<Insn> insns = b.insns();
            for (int i = 0; i < ids.length; i++) {
                BitSet now = (BitSet) reaching.clone();
                int defId = ids[i];
                insns.set(i, Rename.insn(insns.get(i), d -> varOf.apply(defId), u -> useVar(u, now, varOf)));
                step(reaching, defId);
            }
            BitSet atExit = reaching;
            b.setExit(Rename.exit(b.exit(), u -> useVar(u, atExit, varOf), x -> x));
        }
    }

    private Var useVar(Var u, BitSet reaching, java.util.function.IntFunction<Var> varOf) {
        for (int d : defsOf.getOrDefault(u, List.of())) {
            if (reaching.get(d)) {
                return varOf.apply(d);
            }
        }
        // Read where nothing reaches (never in verified code): it keeps its zero initial value.
        return u;
    }

    private Map<Block, List<Block>> predecessors() {
        Map<Block, List<Block>> preds = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            preds.put(b, new ArrayList<>());
        }
        for (Block b : body.blocks()) {
            for (Block s : b.exit().successors()) {
                preds.get(s).add(b);
            }
        }
        return preds;
    }

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

}
