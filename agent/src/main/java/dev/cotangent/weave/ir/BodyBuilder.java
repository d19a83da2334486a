package dev.cotangent.weave.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends instructions to a {@link Body} at a cursor block, and splices other bodies in
 * (the registry's derivative lambdas), moving the cursor past them.
 */
public final class BodyBuilder {

    private final Body out;
    private Block current;

    public BodyBuilder(Body out) {
        this.out = out;
    }

    public Body body() {
        return out;
    }

    /** Continues appending at the end of {@code block}. */
    public void at(Block block) {
        current = block;
    }

    /** The block instructions go to now (after a splice, not the one the cursor started in). */
    public Block current() {
        return current;
    }

    public void add(Insn insn) {
        current.add(insn);
    }

    /** Ends the current block. */
    public void exit(Exit exit) {
        current.setExit(exit);
    }

    /**
     * Splices {@code callee}, a lifted static method, at the cursor: its parameters bound to
     * {@code args}, its return value moved into {@code result}, every line set to {@code line}.
     * A callee of one block is copied in place; one with branches gets blocks of its own and
     * the cursor moves to the block after it.
     */
    public void inline(Body callee, List<Var> args, Var result, int line) {
        Map<Var, Var> renamed = new IdentityHashMap<>();
        for (Var v : callee.vars()) {
            renamed.put(v, out.temp(v.kind()));
        }
        for (int i = 0; i < args.size(); i++) {
            add(new Insn.Move(renamed.get(callee.params().get(i)), args.get(i), line));
        }
        if (callee.blocks().size() == 1 && callee.entry().exit() instanceof Exit.Return r) {
            copyInsns(callee.entry(), renamed, line);
            if (r.value() != null) {
                add(new Insn.Move(result, renamed.get(r.value()), line));
            }
            return;
        }
        Map<Block, Block> blocks = new IdentityHashMap<>();
        for (Block b : callee.blocks()) {
            blocks.put(b, out.newBlock());
        }
        Block after = out.newBlock();
        exit(new Exit.Goto(blocks.get(callee.entry()), line));
        for (Block b : callee.blocks()) {
            at(blocks.get(b));
            copyInsns(b, renamed, line);
            if (b.exit() instanceof Exit.Return r) {
                if (r.value() != null) {
                    // A void callee returns nothing to move.
                    add(new Insn.Move(result, renamed.get(r.value()), line));
                }
                exit(new Exit.Goto(after, line));
            } else {
                exit(Rename.exit(b.exit(), renamed::get, blocks::get));
            }
        }
        at(after);
    }

    private void copyInsns(Block b, Map<Var, Var> renamed, int line) {
        for (Insn insn : b.insns()) {
            add(Rename.insn(insn, renamed::get, renamed::get, line));
        }
    }

    /** Fresh temporaries of the given kinds. */
    public List<Var> temps(Kind... kinds) {
        List<Var> out = new ArrayList<>();
        for (Kind k : kinds) {
            out.add(this.out.temp(k));
        }
        return out;
    }
}
