package dev.cotangent.weave.adjoint;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The natural loops of a method whose header has exactly one back edge. For these the
 * forward sweep counts iterations in a local and records the count once, when the loop is
 * left, instead of recording the back edge on every iteration; the reverse sweep runs the
 * loop backwards that many times.
 */
final class Loops {

    /** A counted loop: its header, its latch (the source of the back edge) and its blocks. */
    record Loop(Block header, Block latch, Set<Block> body) {
        boolean contains(Block b) {
            return body.contains(b);
        }
    }

    private final Map<Block, Loop> byHeader = new IdentityHashMap<>();
    private final List<Loop> innermostFirst = new ArrayList<>();

    Loops(Body body, Map<Block, List<Block>> preds) {
        Map<Block, BitSet> dominators = dominators(body, preds);
        List<Block> blocks = body.blocks();
        for (Block h : blocks) {
            List<Block> back = new ArrayList<>();
            for (Block p : preds.get(h)) {
                if (dominators.get(p).get(h.id()) && reachable(dominators, p)) {
                    back.add(p);
                }
            }
            if (back.size() == 1) {
                Loop loop = new Loop(h, back.get(0), naturalLoop(h, back.get(0), preds));
                byHeader.put(h, loop);
                innermostFirst.add(loop);
            }
        }
        innermostFirst.sort(Comparator.comparingInt(l -> l.body().size()));
    }

    /** The counted loop headed by {@code b}, or null. */
    Loop headedBy(Block b) {
        return byHeader.get(b);
    }

    /** The counted loops that the edge {@code from → to} leaves, innermost first. */
    List<Loop> exitedBy(Block from, Block to) {
        List<Loop> out = new ArrayList<>();
        for (Loop l : innermostFirst) {
            if (l.contains(from) && !l.contains(to)) {
                out.add(l);
            }
        }
        return out;
    }

    private static boolean reachable(Map<Block, BitSet> dominators, Block b) {
        return !dominators.get(b).isEmpty();
    }

    private static Set<Block> naturalLoop(Block header, Block latch, Map<Block, List<Block>> preds) {
        Set<Block> body = new HashSet<>();
        body.add(header);
        Deque<Block> work = new ArrayDeque<>();
        if (body.add(latch)) {
            work.push(latch);
        }
        while (!work.isEmpty()) {
            for (Block p : preds.get(work.pop())) {
                if (body.add(p)) {
                    work.push(p);
                }
            }
        }
        return body;
    }

    /** Dominator sets by the iterative algorithm; unreachable blocks get the empty set. */
    private static Map<Block, BitSet> dominators(Body body, Map<Block, List<Block>> preds) {
        List<Block> blocks = body.blocks();
        int n = blocks.size();
        Map<Block, BitSet> dom = new IdentityHashMap<>();
        BitSet all = new BitSet(n);
        all.set(0, n);
        for (Block b : blocks) {
            dom.put(b, (BitSet) all.clone());
        }
        BitSet entry = new BitSet(n);
        entry.set(body.entry().id());
        dom.put(body.entry(), entry);
        Set<Block> reached = reachableBlocks(body);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : blocks) {
                if (b == body.entry() || !reached.contains(b)) {
                    continue;
                }
                BitSet d = (BitSet) all.clone();
                for (Block p : preds.get(b)) {
                    if (reached.contains(p)) {
                        d.and(dom.get(p));
                    }
                }
                d.set(b.id());
                if (!d.equals(dom.get(b))) {
                    dom.put(b, d);
                    changed = true;
                }
            }
        }
        for (Block b : blocks) {
            if (!reached.contains(b)) {
                dom.put(b, new BitSet());
            }
        }
        return dom;
    }

    private static Set<Block> reachableBlocks(Body body) {
        Set<Block> seen = new HashSet<>();
        Deque<Block> work = new ArrayDeque<>();
        work.push(body.entry());
        seen.add(body.entry());
        while (!work.isEmpty()) {
            for (Block s : work.pop().exit().successors()) {
                if (seen.add(s)) {
                    work.push(s);
                }
            }
        }
        return seen;
    }
}
