package dev.cotangent.weave.adjoint;

import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.ScalarPrimitive;
import dev.cotangent.primitive.ScalarRule;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.RuleBodies;
import dev.cotangent.weave.activity.Activity;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.RefAliases;
import dev.cotangent.weave.ir.RefTypes;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what the forward sweep records and what the reverse sweep recomputes.
 *
 * <p>The reverse sweep of a block runs with the variables as they were when the block
 * began: it undoes the block's assignments (popping the old values the forward sweep
 * pushed, or inverting {@code i += c}), then recomputes the block's cheap intermediate
 * values from there (arithmetic, reads of arrays nothing writes), pops the costly or
 * unrepeatable ones the forward sweep recorded (results of {@code exp}, of calls, reads of
 * arrays that change), and applies the transposed rules backwards. A variable's old value
 * is pushed only if some reverse block will read it: {@link #neededAtStart} is that set per
 * block, a dataflow over the control-flow graph.
 *
 * <p>Control flow is recorded only at joins: on each edge into a block with several
 * predecessors, the forward sweep pushes which predecessor it came from — except for the
 * back edge of a counted loop ({@link Loops}), whose traversals are counted and recorded
 * once when the loop is left.
 */
final class ReversePlan {

    /** Scalar primitives cheap enough to recompute rather than record. */
    private static final Set<String> CHEAP = Set.of("Math.abs", "Math.max", "Math.min", "Math.signum", "Math.floor",
            "Math.ceil", "Math.rint", "Math.copySign", "dadd", "dsub", "dmul", "ddiv", "dneg", "drem");

    final Body body;
    final Activity activity;
    final RefTypes types;
    private final RuleBodies rules;
    private final boolean frozenParams;

    final Map<Block, List<Block>> preds = new IdentityHashMap<>();
    final Loops loops;
    final List<Block> returns = new ArrayList<>();
    final Set<Insn> recompute = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<Insn> record = Collections.newSetFromMap(new IdentityHashMap<>());
    final Set<Insn> undo = Collections.newSetFromMap(new IdentityHashMap<>());
    final Map<Insn, Inverse> invert = new IdentityHashMap<>();
    final Map<Block, Set<Var>> neededAtStart = new IdentityHashMap<>();
    /** Variables whose value may be read after the block (ordinary liveness). */
    final Map<Block, Set<Var>> liveOut = new IdentityHashMap<>();
    final Map<Var, Object> constants = new HashMap<>();
    final Set<Var> reloadable = new HashSet<>();
    private final Map<Block, Set<Var>> entryReads = new IdentityHashMap<>();
    private final Map<Block, Set<Var>> invertible = new IdentityHashMap<>();

    ReversePlan(Body body, Activity activity, RuleBodies rules, boolean frozenParams) {
        this.body = body;
        this.activity = activity;
        this.rules = rules;
        this.frozenParams = frozenParams;
        this.types = new RefTypes(body);
        findPredecessors();
        this.loops = new Loops(body, preds);
        findConstants();
        findReloadableArrays();
        for (Block b : body.blocks()) {
            resolveReads(b);
            invertible.put(b, invertibleVars(b));
        }
        neededAtStart();
        placeUndos();
        liveness();
    }

    /** Ordinary backward liveness: the reverse sweep knows an adjoint is zero where its variable is dead. */
    private void liveness() {
        Map<Block, Set<Var>> liveIn = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            liveIn.put(b, new HashSet<>());
            liveOut.put(b, new HashSet<>());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int n = body.blocks().size() - 1; n >= 0; n--) {
                Block b = body.blocks().get(n);
                Set<Var> out = new HashSet<>();
                for (Block s : b.exit().successors()) {
                    out.addAll(liveIn.get(s));
                }
                Set<Var> in = new HashSet<>(out);
                in.addAll(dev.cotangent.weave.ir.Rename.uses(b.exit()));
                List<Insn> insns = b.insns();
                for (int k = insns.size() - 1; k >= 0; k--) {
                    Insn i = insns.get(k);
                    if (i.def() != null) {
                        in.remove(i.def());
                    }
                    in.addAll(i.uses());
                }
                if (!out.equals(liveOut.get(b)) || !in.equals(liveIn.get(b))) {
                    liveOut.put(b, out);
                    liveIn.put(b, in);
                    changed = true;
                }
            }
        }
    }

    // ------------------------------------------------------------------ control flow

    private void findPredecessors() {
        for (Block b : body.blocks()) {
            preds.put(b, new ArrayList<>());
        }
        for (Block b : body.blocks()) {
            for (Block s : b.exit().successors()) {
                if (!preds.get(s).contains(b)) {
                    preds.get(s).add(b);
                }
            }
            if (b.exit() instanceof Exit.Return) {
                returns.add(b);
            }
        }
    }

    /**
     * The predecessors of {@code b} among which the forward sweep records which one control
     * came from: all of them, or for the header of a counted loop those outside the loop
     * (the back edge is counted instead). The method's start, for the entry block, is one
     * more, numbered {@code size()}.
     */
    List<Block> recordedPreds(Block b) {
        Loops.Loop loop = loops.headedBy(b);
        if (loop == null) {
            return preds.get(b);
        }
        List<Block> outside = new ArrayList<>(preds.get(b));
        outside.remove(loop.latch());
        return outside;
    }

    /** Whether the forward sweep records which of {@link #recordedPreds} control came from. */
    boolean records(Block b) {
        return recordedPreds(b).size() + (b == body.entry() ? 1 : 0) > 1;
    }

    // ------------------------------------------------------------------ constants and arrays

    private void findConstants() {
        Map<Var, Integer> defs = new HashMap<>();
        Map<Var, Object> values = new HashMap<>();
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (i.def() != null) {
                    defs.merge(i.def(), 1, Integer::sum);
                    if (i instanceof Insn.Const c && c.value() instanceof Number) {
                        values.put(c.dst(), c.value());
                    }
                }
            }
        }
        for (Var p : body.params()) {
            defs.merge(p, 1, Integer::sum);
        }
        values.forEach((v, value) -> {
            if (defs.get(v) == 1) {
                constants.put(v, value);
            }
        });
    }

    /**
     * Arrays whose elements the reverse sweep may read again instead of recording: nothing in
     * the method writes to them or hands them on, and they were made here or are parameters
     * that stay frozen until the reverse sweep (the outermost call of a gradient).
     */
    private void findReloadableArrays() {
        RefAliases aliases = RefAliases.of(body);
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (isStopGradient(i) && i.def().kind() == Kind.REF) {
                    aliases.union(i.def(), ((Insn.Invoke) i).args().get(0)); // returns its argument
                }
            }
        }
        Set<Var> spoiled = new HashSet<>();
        Set<Var> params = new HashSet<>(body.params());
        for (Block b : body.blocks()) {
            for (Insn i : b.insns()) {
                if (i instanceof Insn.ArrayStore s) {
                    spoiled.add(aliases.find(s.array()));
                    if (s.value().kind() == Kind.REF) {
                        spoiled.add(aliases.find(s.value()));
                    }
                } else if ((i instanceof Insn.Invoke || i instanceof Insn.InvokeDynamic) && !isStopGradient(i)) {
                    for (Var a : i.uses()) {
                        if (a.kind() == Kind.REF) {
                            spoiled.add(aliases.find(a));
                        }
                    }
                } else if (i instanceof Insn.PutField p && p.value().kind() == Kind.REF) {
                    spoiled.add(aliases.find(p.value()));
                }
                Var d = i.def();
                if (d != null && d.kind() == Kind.REF && !isStopGradient(i) && !(i instanceof Insn.NewArray
                        || i instanceof Insn.Move || i instanceof Insn.CheckCast || (i instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD)
                        || (i instanceof Insn.Const c && c.value() == null))) {
                    spoiled.add(aliases.find(d));
                }
            }
            if (b.exit() instanceof Exit.Return r && r.value() != null && r.value().kind() == Kind.REF) {
                spoiled.add(aliases.find(r.value()));
            }
        }
        for (Var p : params) {
            if (p.kind() == Kind.REF && !frozenParams) {
                spoiled.add(aliases.find(p));
            }
        }
        for (Var v : body.vars()) {
            if (v.kind() == Kind.REF && !spoiled.contains(aliases.find(v))) {
                reloadable.add(v);
            }
        }
    }

    private boolean isStopGradient(Insn i) {
        return i instanceof Insn.Invoke call && call.dst() != null
                && activity.callees().get(call) instanceof Callee.StopGradient;
    }

    // ------------------------------------------------------------------ what each step reads

    /** The values the reverse step of {@code insn} reads, and whether it reads the instruction's own result. */
    record Reads(List<Var> vars, boolean result) {}

    Reads reads(Insn insn) {
        List<Var> vars = new ArrayList<>();
        boolean result = false;
        if (insn instanceof Insn.Binary b && b.dst().kind() == Kind.DOUBLE && activity.isActive(b.dst())) {
            result = scalarReads(Registry.scalarOpcode(b.opcode()), List.of(b.left(), b.right()), vars);
        } else if (insn instanceof Insn.Invoke call && activity.callees().get(call) instanceof Callee.Scalar s
                && activity.isActive(call.dst())) {
            result = scalarReads(s.primitive(), call.args(), vars);
        } else if (insn instanceof Insn.Invoke call && activity.callees().get(call) instanceof Callee.TensorOp
                && activity.isActive(call.dst())) {
            // Sequences of tensors among the arguments: their shadows receive the adjoints.
            org.objectweb.asm.Type[] params = org.objectweb.asm.Type.getArgumentTypes(call.desc());
            for (int i = 0; i < params.length; i++) {
                if (params[i].getDescriptor().equals("[" + Sweeps.TENSOR) && activity.isActive(call.args().get(i))) {
                    vars.add(call.args().get(i));
                }
            }
        } else if (insn instanceof Insn.Invoke call && activity.callees().get(call) instanceof Callee.Bridge bridge
                && activity.isActive(call.dst())) {
            switch (bridge.name()) {
                case "item", "of" -> vars.add(call.args().get(0));
                case "get" -> vars.addAll(call.args());
                case "toArray" -> {
                    vars.add(call.args().get(0));
                    result = true;
                }
                default -> { }
            }
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.DALOAD && activity.isActive(a.array())) {
            vars.add(a.array());
            vars.add(a.index());
        } else if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.DASTORE && activity.isActive(s.array())) {
            vars.add(s.array());
            vars.add(s.index());
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD && activity.isActive(a.array())
                && (holdsTensors(a.array()) || mayHoldTensors(a.arrayType()))) {
            vars.add(a.array());
            vars.add(a.index());
        } else if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && activity.isActive(s.array())
                && holdsTensors(s.array())) {
            vars.add(s.array());
            vars.add(s.index());
        } else if (rowStore(insn)) {
            vars.add(((Insn.ArrayStore) insn).array());
            vars.add(((Insn.ArrayStore) insn).index());
        }
        return new Reads(vars, result);
    }

    /**
     * A row stored into an active array of arrays ({@code w[i] = x} for {@code double[][] w}):
     * the forward sweep records the row shadow it replaces and the reverse sweep puts it back,
     * so that the gradient of a parameter shows the adjoints of its own rows, not of rows
     * stored into it later.
     */
    boolean rowStore(Insn insn) {
        return insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && activity.isActive(s.array())
                && !types.of(s.array()).getDescriptor().equals(Sweeps.TENSOR) && !holdsTensors(s.array());
    }

    /** An {@code Object[]}: its slots' shadows gather the adjoints of the tensors among its elements. */
    private static boolean mayHoldTensors(org.objectweb.asm.Type arrayType) {
        return arrayType != null && arrayType.getDimensions() == 1
                && dev.cotangent.runtime.Signatures.dynamic(arrayType.getDescriptor());
    }

    private boolean holdsTensors(Var array) {
        return types.of(array).getDescriptor().equals("[" + Sweeps.TENSOR);
    }

    private boolean scalarReads(ScalarPrimitive p, List<Var> args, List<Var> vars) {
        boolean result = false;
        for (int i = 0; i < args.size(); i++) {
            if (activity.isActive(args.get(i)) && p.rules().get(i) instanceof ScalarRule.Derivative d) {
                boolean[] used = rules.uses(d);
                for (int j = 0; j < args.size(); j++) {
                    if (used[j] && !vars.contains(args.get(j))) {
                        vars.add(args.get(j));
                    }
                }
                result |= used[args.size()];
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ within a block

    /** The position of the last definition of {@code v} in {@code b} before {@code k}, or −1. */
    static int lastDef(Block b, Var v, int k) {
        List<Insn> insns = b.insns();
        for (int j = k - 1; j >= 0; j--) {
            if (insns.get(j).def() == v) {
                return j;
            }
        }
        return -1;
    }

    private void resolveReads(Block b) {
        Set<Var> entry = new LinkedHashSet<>();
        entryReads.put(b, entry);
        List<Insn> insns = b.insns();
        for (int k = insns.size() - 1; k >= 0; k--) {
            Reads r = reads(insns.get(k));
            for (Var v : r.vars()) {
                read(b, v, k, entry);
            }
            if (r.result()) {
                need(b, k, entry);
            }
        }
    }

    private void read(Block b, Var v, int k, Set<Var> entry) {
        if (constants.containsKey(v)) {
            return;
        }
        int j = lastDef(b, v, k);
        if (j < 0) {
            entry.add(v);
        } else {
            need(b, j, entry);
        }
    }

    /** The value defined at position {@code j} is read in reverse: recompute it if cheap, else record it. */
    private void need(Block b, int j, Set<Var> entry) {
        Insn insn = b.insns().get(j);
        if (recompute.contains(insn) || record.contains(insn)) {
            return;
        }
        if (recomputable(insn)) {
            recompute.add(insn);
            for (Var u : insn.uses()) {
                read(b, u, j, entry);
            }
        } else {
            record.add(insn);
        }
    }

    private boolean recomputable(Insn insn) {
        if (insn instanceof Insn.Const || insn instanceof Insn.Move || insn instanceof Insn.Binary
                || insn instanceof Insn.Unary || insn instanceof Insn.CheckCast || insn instanceof Insn.InstanceOf
                || insn instanceof Insn.ArrayLength) {
            return true;
        }
        if (insn instanceof Insn.ArrayLoad a) {
            return reloadable.contains(a.array());
        }
        if (insn instanceof Insn.Invoke call && activity.callees().get(call) instanceof Callee.Scalar s) {
            return CHEAP.contains(s.primitive().name()) && !s.primitive().integer();
        }
        return false;
    }

    // ------------------------------------------------------------------ across blocks

    /** Variables with one definition in the block, of the form {@code v = v ± c}: undone by inversion. */
    private Set<Var> invertibleVars(Block b) {
        Map<Var, Integer> count = new HashMap<>();
        for (Insn i : b.insns()) {
            if (i.def() != null) {
                count.merge(i.def(), 1, Integer::sum);
            }
        }
        Set<Var> out = new HashSet<>();
        List<Insn> insns = b.insns();
        for (int k = 0; k < insns.size(); k++) {
            Var d = insns.get(k).def();
            if (d != null && count.get(d) == 1 && increment(b, k) != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** How the reverse sweep undoes {@code v = v ± c}: the inverse opcode and the constant. */
    record Inverse(int opcode, Object constant, Kind kind) {}

    /**
     * If position {@code k} of {@code b} sets {@code v} to {@code v ± c} (directly, or through
     * copies, as value numbering leaves {@code i = i + 1} when {@code i + 1} was computed for
     * an index), the inverse; else null. {@code v} must have no other definition in the block.
     */
    Inverse increment(Block b, int k) {
        Insn insn = b.insns().get(k);
        Var v = insn.def();
        if (v == null || (v.kind() != Kind.INT && v.kind() != Kind.LONG)) {
            return null;
        }
        Insn source = insn;
        int at = k;
        while (source instanceof Insn.Move m) {
            at = lastDef(b, m.src(), at);
            if (at < 0) {
                return null;
            }
            source = b.insns().get(at);
        }
        if (!(source instanceof Insn.Binary bin) || origin(b, bin.left(), at) != v || lastDef(b, v, at) >= 0
                || !constants.containsKey(bin.right())) {
            return null;
        }
        int inverse = switch (bin.opcode()) {
            case Opcodes.IADD -> Opcodes.ISUB;
            case Opcodes.ISUB -> Opcodes.IADD;
            case Opcodes.LADD -> Opcodes.LSUB;
            case Opcodes.LSUB -> Opcodes.LADD;
            default -> -1;
        };
        return inverse < 0 ? null : new Inverse(inverse, constants.get(bin.right()), bin.right().kind());
    }

    /** The variable whose value {@code v} holds at {@code k}, following copies back within the block. */
    private static Var origin(Block b, Var v, int k) {
        int at = lastDef(b, v, k);
        while (at >= 0 && b.insns().get(at) instanceof Insn.Move m) {
            v = m.src();
            at = lastDef(b, v, at);
        }
        return at < 0 ? v : null;
    }

    private Set<Var> defs(Block b) {
        Set<Var> out = new HashSet<>();
        for (Insn i : b.insns()) {
            if (i.def() != null) {
                out.add(i.def());
            }
        }
        return out;
    }

    /**
     * Which values the reverse sweep reads at the start of each block: those its own reverse
     * step reads from before the block, and those its predecessors' reverse steps read that
     * the predecessor does not redefine (or redefines invertibly, which needs the value after).
     */
    private void neededAtStart() {
        Map<Block, Set<Var>> defs = new IdentityHashMap<>();
        for (Block b : body.blocks()) {
            neededAtStart.put(b, new HashSet<>(entryReads.get(b)));
            defs.put(b, defs(b));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : body.blocks()) {
                Set<Var> a = neededAtStart.get(b);
                for (Block p : preds.get(b)) {
                    for (Var v : atEnd(p, defs.get(p))) {
                        changed |= a.add(v);
                    }
                }
            }
        }
    }

    /** Values the reverse sweep reads at the end of {@code b}. */
    Set<Var> atEnd(Block b) {
        return atEnd(b, defs(b));
    }

    private Set<Var> atEnd(Block b, Set<Var> defs) {
        Set<Var> out = new HashSet<>();
        Set<Var> inverted = invertible.get(b);
        for (Var v : neededAtStart.get(b)) {
            if (!defs.contains(v) || inverted.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private void placeUndos() {
        for (Block b : body.blocks()) {
            Set<Var> seen = new HashSet<>();
            Set<Var> needed = neededAtStart.get(b);
            List<Insn> insns = b.insns();
            for (int k = 0; k < insns.size(); k++) {
                Insn i = insns.get(k);
                Var v = i.def();
                if (v == null || !seen.add(v) || !needed.contains(v)) {
                    continue;
                }
                if (invertible.get(b).contains(v)) {
                    invert.put(i, increment(b, k));
                } else {
                    undo.add(i);
                }
            }
        }
    }

    /** The values saved when the method returns from {@code b}, in a fixed order. */
    List<Var> finalState(Block b) {
        List<Var> out = new ArrayList<>(atEnd(b));
        out.sort((x, y) -> Integer.compare(x.id(), y.id()));
        return out;
    }
}
