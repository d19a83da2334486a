package dev.cotangent.weave.adjoint;

import dev.cotangent.weave.Callee;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends a block after every call to a differentiated method. The callee's forward sweep
 * records onto the same tape as the caller, so in reverse the callee's reverse sweep must
 * run exactly between the caller's records from before and after the call; with the call
 * last in its block, the block boundary is that point.
 */
final class CallSplitter {

    private CallSplitter() {}

    static void split(Body body, Activity activity) {
        for (int b = 0; b < body.blocks().size(); b++) {
            Block block = body.blocks().get(b);
            List<Insn> insns = block.insns();
            for (int i = 0; i < insns.size() - 1; i++) {
                if (isDifferentiatedCall(insns.get(i), activity)) {
                    Block rest = body.newBlock();
                    List<Insn> tail = new ArrayList<>(insns.subList(i + 1, insns.size()));
                    insns.subList(i + 1, insns.size()).clear();
                    rest.insns().addAll(tail);
                    rest.setExit(block.exit());
                    block.setExit(new Exit.Goto(rest, insns.get(i).line()));
                    break;
                }
            }
        }
    }

    static boolean isDifferentiatedCall(Insn insn, Activity activity) {
        return insn instanceof Insn.Invoke call && activity.differentiated(call);
    }
}
