package dev.cotangent.weave.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line instructions, then one {@link Exit}. */
public final class Block {

    private final int id;
    private final List<Insn> insns = new ArrayList<>();
    private Exit exit;

    Block(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The instructions, mutable while a body is being built. */
    public List<Insn> insns() {
        return insns;
    }

    public Exit exit() {
        return exit;
    }

    public void setExit(Exit exit) {
        this.exit = exit;
    }

    public void add(Insn insn) {
        insns.add(insn);
    }

    @Override
    public String toString() {
        return "B" + id;
    }
}
