package dev.cotangent.weave.adjoint;

import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.ScalarPrimitive;
import dev.cotangent.primitive.ScalarRule;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.LinkedCall;
import dev.cotangent.weave.RuleBodies;
import dev.cotangent.weave.ShadowOwnership;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.SameValue;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse sweep: for each block of the primal, a block that undoes the primal's
 * assignments back to the block's start, recomputes or pops the values the
 * {@link ReversePlan} chose, and applies each instruction's transposed rule
 * {@code Bᵀ(d, v)} in reverse order — at rank 0 {@code ā += d·v̄}, with {@code d}'s lambda
 * spliced in. Control returns to the predecessor the forward sweep came from. The sweep
 * ends by pushing the adjoints of the parameters.
 */
final class ReverseBuilder {

    private final ReversePlan plan;
    private final java.util.Set<Insn> twice;
    private final RuleBodies rules;
    private final Body out;
    private final BodyBuilder emit;
    private final Map<Var, Var> vars = new IdentityHashMap<>();
    private final Map<Block, Block> reverse = new IdentityHashMap<>();
    private final Map<Insn, Var> temps = new IdentityHashMap<>();
    private final Map<Insn, Var> shadowTemps = new IdentityHashMap<>();
    private final Map<Insn, Var[]> tensorTemps = new IdentityHashMap<>();
    private final String resultType;
    private Var tape;
    private Var seed;
    private Block epilogue;
    /**
     * Adjoints known to be zero at this point of the block being built: the first contribution
     * to one is a copy, not an addition (which would lengthen the chain of dependent additions
     * the JIT cannot fold away, since {@code 0.0 + x} is not {@code x} for {@code x = -0.0}).
     */
    private final java.util.Set<Var> zero = new java.util.HashSet<>();

    private ReverseBuilder(ReversePlan plan, RuleBodies rules, Mode mode, long active) {
        this.plan = plan;
        this.rules = rules;
        Body primal = plan.body;
        this.out = new Body(primal.owner(), mode.methodName(primal.name(), active),
                Signatures.reverse(primal.descriptor()));
        this.emit = new BodyBuilder(out);
        this.resultType = primal.returnType().getDescriptor();
        this.twice = SameValue.twice(primal);
    }

    static Body build(ReversePlan plan, RuleBodies rules, Mode mode, long active) {
        ReverseBuilder b = new ReverseBuilder(plan, rules, mode, active);
        b.run();
        return b.out;
    }

    private void run() {
        Body primal = plan.body;
        if (resultType.equals("D")) {
            seed = out.var("seed", Kind.DOUBLE);
            out.addParam(seed, Type.DOUBLE_TYPE);
        } else if (resultType.equals(Sweeps.TENSOR)) {
            seed = out.var("seed", Kind.REF);
            out.addParam(seed, Type.getType(Sweeps.TENSOR));
        } else if (Signatures.valueAdjoint(resultType)) {
            // Object or a type variable: the adjoint of a tensor it returned, or null.
            seed = out.var("seed", Kind.REF);
            out.addParam(seed, Type.getType("Ljava/lang/Object;"));
        }
        tape = out.var("tape", Kind.REF);
        out.addParam(tape, Type.getObjectType(Signatures.TAPE));
        Block prologue = out.newBlock();
        for (Block b : primal.blocks()) {
            reverse.put(b, out.newBlock());
        }
        epilogue = out.newBlock();
        emit.at(prologue);
        startAtReturn();
        for (Block b : primal.blocks()) {
            emit.at(reverse.get(b));
            block(b);
        }
        emit.at(epilogue);
        pushParameterAdjoints();
    }

    // ------------------------------------------------------------------ variables

    private Var map(Var v) {
        return vars.computeIfAbsent(v, k -> out.var(k.name().substring(0, k.name().length() - 1), k.kind()));
    }

    /** The adjoint of a double or tensor, or the shadow array of an array. */
    private Var adjoint(Var v) {
        return out.adjointOf(map(v));
    }

    private boolean on(Var v) {
        return v != null && plan.activity.isActive(v) && !plan.constants.containsKey(v);
    }

    private boolean shadowed(Var v) {
        return v != null && v.kind() == Kind.REF && plan.activity.isActive(v)
                && !plan.types.of(v).getDescriptor().equals(Sweeps.TENSOR);
    }

    /**
     * Whether {@code v} is typed {@code Object} (or {@code Cloneable}, {@code Serializable}):
     * besides its shadow, for an array it holds, it carries the adjoint of a tensor it may
     * hold, a value accumulated like a tensor's ({@link #valueAdjoint}).
     */
    private boolean dynamicValue(Var v) {
        if (v == null || v.kind() != Kind.REF) {
            return false;
        }
        String type = plan.types.of(v).getDescriptor();
        return Signatures.valueAdjoint(type) && !type.equals(Sweeps.TENSOR);
    }

    /** The adjoint of {@code v} as a value: a tensor's own, the tensor adjoint of a {@link #dynamicValue}; else null. */
    private Var valueAdjoint(Var v) {
        if (!on(v)) {
            return null;
        }
        if (plan.types.of(v).getDescriptor().equals(Sweeps.TENSOR)) {
            return adjoint(v);
        }
        if (dynamicValue(v)) {
            String name = map(v).name();
            return out.var("tensorAdjoint$" + name.substring(0, name.length() - 1), Kind.REF);
        }
        return null;
    }

    /** {@code valueAdjoint(v) += term} when {@code v} has one (a tensor, or a reference that may hold one). */
    private void valueAccumulate(Var v, Var term, int line) {
        Var adjoint = valueAdjoint(v);
        if (adjoint != null) {
            tensorAccumulate(adjoint, term, line);
        }
    }

    /** The value {@code v} had at position {@code k} of {@code b}. */
    private Var value(Block b, Var v, int k) {
        Object constant = plan.constants.get(v);
        if (constant != null) {
            Var c = out.temp(v.kind());
            emit.add(new Insn.Const(c, constant, -1));
            return c;
        }
        int j = ReversePlan.lastDef(b, v, k);
        if (j < 0) {
            return map(v);
        }
        Var t = temps.get(b.insns().get(j));
        if (t == null) {
            throw new IllegalStateException("reverse sweep of " + plan.body.name() + ": " + v + " at " + k
                    + " was neither recorded nor recomputed");
        }
        return t;
    }

    /** The shadow of array {@code v} at position {@code k} of {@code b}. */
    private Var shadowAt(Block b, Var v, int k) {
        int j = ReversePlan.lastDef(b, v, k);
        return j < 0 ? adjoint(v) : shadowTemps.get(b.insns().get(j));
    }

    private Var temp(Insn insn) {
        return temps.computeIfAbsent(insn, i -> out.temp(i.def().kind()));
    }

    private Var shadowTemp(Insn insn) {
        return shadowTemps.computeIfAbsent(insn, i -> out.temp(Kind.REF));
    }

    private Var constant(Object value, Kind kind, int line) {
        Var c = out.temp(kind);
        emit.add(new Insn.Const(c, value, line));
        return c;
    }

    private void accumulate(Var adjoint, Var term, int line) {
        if (zero.remove(adjoint)) {
            emit.add(new Insn.Move(adjoint, term, line));
        } else {
            emit.add(new Insn.Binary(adjoint, Opcodes.DADD, adjoint, term, line));
        }
    }

    private void reset(Var adjoint, int line) {
        emit.add(new Insn.Const(adjoint, 0.0, line));
        zero.add(adjoint);
    }

    // ------------------------------------------------------------------ start and end

    private void startAtReturn() {
        List<Block> returns = plan.returns;
        if (returns.isEmpty()) {
            emit.exit(new Exit.Goto(epilogue, -1));
            return;
        }
        List<Block> starts = new ArrayList<>();
        Block dispatch = emit.current();
        for (Block r : returns) {
            Block start = out.newBlock();
            starts.add(start);
            emit.at(start);
            List<Var> state = plan.finalState(r);
            for (int i = state.size() - 1; i >= 0; i--) {
                restore(state.get(i), -1);
            }
            Var value = ((Exit.Return) r.exit()).value();
            if (seed != null && on(value)) {
                if (seed.kind() == Kind.DOUBLE) {
                    accumulate(adjoint(value), seed, -1);
                } else {
                    valueAccumulate(value, seed, -1);
                }
            }
            emit.exit(new Exit.Goto(reverse.get(r), -1));
        }
        emit.at(dispatch);
        if (starts.size() == 1) {
            emit.exit(new Exit.Goto(starts.get(0), -1));
        } else {
            dispatchOn(starts, -1);
        }
    }

    private void pushParameterAdjoints() {
        Body primal = plan.body;
        for (int i = 0; i < primal.params().size(); i++) {
            String type = primal.paramTypes().get(i).getDescriptor();
            if (type.equals("D") || type.equals(Sweeps.TENSOR)) {
                Sweeps.push(emit, tape, adjoint(primal.params().get(i)), -1);
            } else if (Signatures.valueAdjoint(type)) {
                Var adjoint = valueAdjoint(primal.params().get(i));
                Sweeps.push(emit, tape, adjoint != null ? adjoint : constant(null, Kind.REF, -1), -1);
            }
        }
        emit.exit(new Exit.Return(null, -1));
    }

    /** Pops which way to go and goes there: {@code targets[i]} for a pushed {@code i}. */
    private void dispatchOn(List<Block> targets, int line) {
        Var which = out.temp(Kind.INT);
        Sweeps.pop(emit, tape, which, line);
        int[] keys = new int[targets.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        Block corrupt = out.newBlock();
        emit.exit(new Exit.Switch(which, keys, targets, corrupt, line));
        emit.at(corrupt);
        Var error = out.temp(Kind.REF);
        Var message = constant("Cotangent: the tape of " + plan.body.name() + " is out of step with its reverse sweep",
                Kind.REF, line);
        // Made by a call, not by new: a body with an object under construction could not be split.
        emit.add(new Insn.Invoke(error, Opcodes.INVOKESTATIC, Signatures.TAPE, "outOfStep",
                "(Ljava/lang/String;)Ljava/lang/IllegalStateException;", false, List.of(message), line));
        emit.exit(new Exit.Throw(error, line));
    }

    // ------------------------------------------------------------------ blocks

    private void block(Block b) {
        List<Insn> insns = b.insns();
        int end = insns.size();
        // Adjoints of variables dead after this block hold nothing yet (the block's closing
        // call adds into its arguments' adjoints first, so this holds from the start).
        zero.clear();
        for (Insn i : insns) {
            Var d = i.def();
            if (d != null && d.kind() == Kind.DOUBLE && on(d) && !plan.liveOut.get(b).contains(d)) {
                zero.add(adjoint(d));
            }
        }
        if (end > 0 && CallSplitter.isDifferentiatedCall(insns.get(end - 1), plan.activity)) {
            Insn call = insns.get(end - 1);
            popRecords(call);
            reverseCall(b, (Insn.Invoke) call);
            undo(call);
            end--;
        }
        for (int k = end - 1; k >= 0; k--) {
            popRecords(insns.get(k));
            undo(insns.get(k));
        }
        for (int k = 0; k < end; k++) {
            if (plan.recompute.contains(insns.get(k))) {
                recompute(b, k);
            }
        }
        for (int k = end - 1; k >= 0; k--) {
            step(b, k);
        }
        zero.clear();
        exit(b);
    }

    private void popRecords(Insn insn) {
        int line = insn.line();
        if (plan.rowStore(insn)) {
            Sweeps.pop(emit, tape, shadowTemp(insn), line);
        }
        if (plan.record.contains(insn)) {
            if (shadowed(insn.def())) {
                Sweeps.pop(emit, tape, shadowTemp(insn), line);
            }
            Sweeps.pop(emit, tape, temp(insn), line);
        }
        if (isTensorStep(insn)) {
            Var ans = out.temp(Kind.REF);
            Var args = out.temp(Kind.REF);
            Var shadow = null;
            if (TensorRecords.severalResults((Insn.Invoke) insn)) {
                shadow = out.temp(Kind.REF);
                Sweeps.pop(emit, tape, shadow, line);
            }
            Sweeps.pop(emit, tape, ans, line);
            Sweeps.pop(emit, tape, args, line);
            tensorTemps.put(insn, new Var[] {args, ans, shadow});
        }
    }

    private void undo(Insn insn) {
        int line = insn.line();
        if (plan.undo.contains(insn)) {
            restore(insn.def(), line);
        } else if (plan.invert.containsKey(insn)) {
            ReversePlan.Inverse inverse = plan.invert.get(insn);
            Var v = map(insn.def());
            Var c = constant(inverse.constant(), inverse.kind(), line);
            emit.add(new Insn.Binary(v, inverse.opcode(), v, c, line));
        }
    }

    /** Pops a variable's value (and shadow) back, as pushed by the forward sweep. */
    private void restore(Var v, int line) {
        if (shadowed(v)) {
            Sweeps.pop(emit, tape, adjoint(v), line);
        }
        Sweeps.pop(emit, tape, map(v), line);
    }

    private void recompute(Block b, int k) {
        Insn insn = b.insns().get(k);
        Var t = temp(insn);
        Insn again = Rename.insn(insn, d -> t, u -> value(b, u, k));
        emit.add(again);
        Var d = insn.def();
        if (shadowed(d)) {
            int line = insn.line();
            Var s = shadowTemp(insn);
            if (insn instanceof Insn.ArrayLoad a && shadowed(a.array())) {
                emit.add(new Insn.ArrayLoad(s, a.opcode(), shadowAt(b, a.array(), k), value(b, a.index(), k),
                        a.arrayType(), line));
            } else if (insn instanceof Insn.Move m && shadowed(m.src())) {
                emit.add(new Insn.Move(s, shadowAt(b, m.src(), k), line));
            } else if (insn instanceof Insn.CheckCast c && shadowed(c.src())) {
                emit.add(new Insn.Move(s, shadowAt(b, c.src(), k), line));
            } else {
                emit.add(new Insn.Const(s, null, line));
            }
        }
    }

    // ------------------------------------------------------------------ reverse steps

    private void step(Block b, int k) {
        Insn insn = b.insns().get(k);
        int line = insn.line();
        if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.DASTORE && shadowed(s.array())) {
            Var shadow = shadowAt(b, s.array(), k);
            Var index = value(b, s.index(), k);
            Var g = out.temp(Kind.DOUBLE);
            emit.add(new Insn.ArrayLoad(g, Opcodes.DALOAD, shadow, index, s.arrayType(), line));
            emit.add(new Insn.ArrayStore(Opcodes.DASTORE, shadow, index, constant(0.0, Kind.DOUBLE, line),
                    s.arrayType(), line));
            if (on(s.value())) {
                accumulate(adjoint(s.value()), g, line);
            }
            return;
        }
        if (plan.rowStore(insn)) {
            // The row shadow this store replaced goes back (the stored row keeps its own adjoints).
            Insn.ArrayStore s = (Insn.ArrayStore) insn;
            Var shadow = shadowAt(b, s.array(), k);
            Var index = value(b, s.index(), k);
            if (valueAdjoint(s.value()) != null) {
                // Into an Object[]: a tensor's slot gathered its adjoint (an array's holds its shadow).
                Var slot = out.temp(Kind.REF);
                emit.add(new Insn.ArrayLoad(slot, Opcodes.AALOAD, shadow, index, s.arrayType(), line));
                Var g = out.temp(Kind.REF);
                emit.add(new Insn.Invoke(g, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/Values", "tensorAdjoint",
                        "(Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(slot), line));
                valueAccumulate(s.value(), g, line);
            }
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, shadow, index, shadowTemp(insn), s.arrayType(), line));
            return;
        }
        if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && shadowed(s.array())
                && holdsValues(s.array())) {
            // A tensor stored into an array of tensors: its adjoint is what accumulated in that slot.
            Var shadow = shadowAt(b, s.array(), k);
            Var index = value(b, s.index(), k);
            Var g = out.temp(Kind.REF);
            emit.add(new Insn.ArrayLoad(g, Opcodes.AALOAD, shadow, index, s.arrayType(), line));
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, shadow, index, constant(null, Kind.REF, line),
                    s.arrayType(), line));
            if (on(s.value())) {
                tensorAccumulate(adjoint(s.value()), g, line);
            }
            return;
        }
        if (isTensorStep(insn)) {
            tensorStep(b, k);
            return;
        }
        Var d = insn.def();
        if (d != null && d.kind() == Kind.REF && on(d) && !shadowed(d)) {
            tensorValueStep(b, k);
            return;
        }
        if (d != null && d.kind() == Kind.REF && shadowed(d)) {
            if (dynamicValue(d) && on(d)) {
                dynamicValueStep(b, k);
            }
            bridgeStep(b, k, null);
            return;
        }
        if (d == null || d.kind() != Kind.DOUBLE || !on(d)) {
            return;
        }
        Var g = out.temp(Kind.DOUBLE);
        emit.add(new Insn.Move(g, adjoint(d), line));
        reset(adjoint(d), line);
        if (insn instanceof Insn.Binary bin) {
            // x·x read twice is one value: its adjoint terms fold into one.
            transpose(b, k, Registry.scalarOpcode(bin.opcode()), List.of(bin.left(),
                    twice.contains(bin) ? bin.left() : bin.right()), g);
        } else if (insn instanceof Insn.Unary u && u.opcode() == Opcodes.DNEG) {
            transpose(b, k, Registry.scalarOpcode(Opcodes.DNEG), List.of(u.operand()), g);
        } else if (insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.Scalar s) {
            transpose(b, k, s.primitive(), call.args(), g);
        } else if (bridgeStep(b, k, g)) {
            return;
        } else if (insn instanceof Insn.Move m && on(m.src())) {
            accumulate(adjoint(m.src()), g, line);
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.DALOAD && shadowed(a.array())) {
            Var shadow = shadowAt(b, a.array(), k);
            Var index = value(b, a.index(), k);
            Var old = out.temp(Kind.DOUBLE);
            emit.add(new Insn.ArrayLoad(old, Opcodes.DALOAD, shadow, index, a.arrayType(), line));
            Var sum = out.temp(Kind.DOUBLE);
            emit.add(new Insn.Binary(sum, Opcodes.DADD, old, g, line));
            emit.add(new Insn.ArrayStore(Opcodes.DASTORE, shadow, index, sum, a.arrayType(), line));
        }
        // Constants, fields, conversions from integers: nothing flows back.
    }

    /** The reverse step of an instruction that defines a tensor (an adjoint that is a value, not a shadow array). */
    private void tensorValueStep(Block b, int k) {
        Insn insn = b.insns().get(k);
        int line = insn.line();
        Var d = insn.def();
        Var g = out.temp(Kind.REF);
        emit.add(new Insn.Move(g, adjoint(d), line));
        emit.add(new Insn.Const(adjoint(d), null, line));
        if (insn instanceof Insn.Move m && on(m.src())) {
            valueAccumulate(m.src(), g, line);
        } else if (insn instanceof Insn.CheckCast c && on(c.src())) {
            // From a tensor, or from Object holding one (a generic helper's result, a bridge's parameter).
            valueAccumulate(c.src(), g, line);
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD && shadowed(a.array())) {
            Var shadow = shadowAt(b, a.array(), k);
            Var index = value(b, a.index(), k);
            Var old = out.temp(Kind.REF);
            emit.add(new Insn.ArrayLoad(old, Opcodes.AALOAD, shadow, index, a.arrayType(), line));
            tensorAccumulate(old, g, line);
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, shadow, index, old, a.arrayType(), line));
        } else if (insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.Bridge br) {
            Var x = call.args().get(0);
            if (br.name().equals("scalar") && on(x)) {
                Var a = out.temp(Kind.DOUBLE);
                emit.add(bridge(a, "scalarAdjoint", "(Ljava/lang/Object;)D", List.of(g), line));
                accumulate(adjoint(x), a, line);
            } else if (br.name().equals("of") && shadowed(x)) {
                emit.add(bridge(null, "ofAdjoint", "([DLjava/lang/Object;)V", List.of(shadowAt(b, x, k), g), line));
            }
        }
    }

    /**
     * The reverse step of a definition of a reference typed {@code Object}, for the tensor it
     * may hold (its shadow, for an array, is shared with its source and needs no step): the
     * adjoint goes back to the value it was copied from, or into the slot of the
     * {@code Object[]} it was read from.
     */
    private void dynamicValueStep(Block b, int k) {
        Insn insn = b.insns().get(k);
        int line = insn.line();
        Var adjoint = valueAdjoint(insn.def());
        Var g = out.temp(Kind.REF);
        emit.add(new Insn.Move(g, adjoint, line));
        emit.add(new Insn.Const(adjoint, null, line));
        if (insn instanceof Insn.Move m && on(m.src())) {
            valueAccumulate(m.src(), g, line);
        } else if (insn instanceof Insn.CheckCast c && on(c.src())) {
            valueAccumulate(c.src(), g, line);
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD && shadowed(a.array())) {
            Var shadow = shadowAt(b, a.array(), k);
            Var index = value(b, a.index(), k);
            Var slot = out.temp(Kind.REF);
            emit.add(new Insn.ArrayLoad(slot, Opcodes.AALOAD, shadow, index, a.arrayType(), line));
            tensorAccumulate(slot, g, line);
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, shadow, index, slot, a.arrayType(), line));
        }
    }

    private static Insn.Invoke bridge(Var dst, String name, String descriptor, List<Var> args, int line) {
        return new Insn.Invoke(dst, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/TensorBridge", name, descriptor, false,
                args, line);
    }

    /** Reverse steps of the bridges whose results are doubles ({@code item}, {@code get}) or arrays ({@code toArray}). */
    private boolean bridgeStep(Block b, int k, Var g) {
        Insn insn = b.insns().get(k);
        if (!(insn instanceof Insn.Invoke call) || !(plan.activity.callees().get(call) instanceof Callee.Bridge br)) {
            return false;
        }
        int line = insn.line();
        Var x = call.args().get(0);
        if (!on(x)) {
            return true;
        }
        Var a = out.temp(Kind.REF);
        switch (br.name()) {
            case "item" -> emit.add(bridge(a, "itemAdjoint", "(Ljava/lang/Object;D)Ljava/lang/Object;",
                    List.of(value(b, x, k), g), line));
            case "get" -> emit.add(bridge(a, "getAdjoint", "(Ljava/lang/Object;[ID)Ljava/lang/Object;",
                    List.of(value(b, x, k), value(b, call.args().get(1), k), g), line));
            default -> emit.add(bridge(a, "toArrayAdjoint", "([DLjava/lang/Object;)Ljava/lang/Object;",
                    List.of(shadowTemps.get(insn), value(b, x, k)), line));
        }
        tensorAccumulate(adjoint(x), a, line);
        return true;
    }

    /** Whether an array's elements are values with adjoints of their own (tensors), not arrays aliased by shadows. */
    private boolean holdsValues(Var array) {
        return plan.types.of(array).getDescriptor().equals("[" + Sweeps.TENSOR);
    }

    /** {@code āᵢ += dᵢ·g} for each active argument of a rank-0 primitive, {@code d} spliced from the registry. */
    private void transpose(Block b, int k, ScalarPrimitive p, List<Var> args, Var g) {
        Insn insn = b.insns().get(k);
        int line = insn.line();
        for (int i = 0; i < args.size(); i++) {
            Var arg = args.get(i);
            ScalarRule rule = p.rules().get(i);
            if (!on(arg) || rule == null || rule instanceof ScalarRule.Zero) {
                continue;
            }
            if (rule instanceof ScalarRule.Identity) {
                accumulate(adjoint(arg), g, line);
            } else if (rule instanceof ScalarRule.Negate) {
                if (zero.remove(adjoint(arg))) {
                    emit.add(new Insn.Unary(adjoint(arg), Opcodes.DNEG, g, line));
                } else {
                    emit.add(new Insn.Binary(adjoint(arg), Opcodes.DSUB, adjoint(arg), g, line));
                }
            } else {
                ScalarRule.Derivative derivative = (ScalarRule.Derivative) rule;
                if (RuleBodies.repeatedDerivative(p, args, i)) {
                    continue; // folded into the argument's first occurrence
                }
                Var dv = derivativeValue(b, k, derivative, args, line);
                for (int j = i + 1; j < args.size(); j++) {
                    // x·x: one product (x + x)·g rather than two.
                    if (args.get(j) == arg && p.rules().get(j) instanceof ScalarRule.Derivative later) {
                        Var sum = out.temp(Kind.DOUBLE);
                        emit.add(new Insn.Binary(sum, Opcodes.DADD, dv, derivativeValue(b, k, later, args, line), line));
                        dv = sum;
                    }
                }
                Var term = out.temp(Kind.DOUBLE);
                emit.add(new Insn.Binary(term, Opcodes.DMUL, dv, g, line));
                accumulate(adjoint(arg), term, line);
            }
        }
    }

    /** The value of one derivative of the primitive applied by instruction {@code k} of {@code b}. */
    private Var derivativeValue(Block b, int k, ScalarRule.Derivative derivative, List<Var> args, int line) {
        Insn insn = b.insns().get(k);
        boolean[] used = rules.uses(derivative);
        List<Var> operands = new ArrayList<>();
        for (int j = 0; j < args.size(); j++) {
            operands.add(used[j] ? value(b, args.get(j), k) : constant(0.0, Kind.DOUBLE, line));
        }
        operands.add(used[args.size()] ? temps.get(insn) : constant(0.0, Kind.DOUBLE, line));
        Var dv = out.temp(Kind.DOUBLE);
        emit.inline(rules.of(derivative), operands, dv, line);
        return dv;
    }

    /** The callee's reverse sweep with the result's adjoint, then the parameters' adjoints popped and added. */
    private void reverseCall(Block b, Insn.Invoke call) {
        int line = call.line();
        Callee.Method m = (Callee.Method) plan.activity.callees().get(call);
        String result = Type.getReturnType(call.desc()).getDescriptor();
        List<Var> args = new ArrayList<>();
        String descriptor = Signatures.reverse(call.desc());
        List<Long> variants = plan.activity.variants(call);
        Var variant = null;
        if (variants.size() > 1) {
            // The variant the forward sweep chose (pushed last, after the receiver).
            variant = out.temp(Kind.INT);
            Sweeps.pop(emit, tape, variant, line);
        }
        if (m.virtual()) {
            Var receiver = out.temp(Kind.REF);
            Sweeps.pop(emit, tape, receiver, line);
            args.add(receiver);
            descriptor = "(L" + call.owner() + ";" + descriptor.substring(1);
        }
        Var dst = call.dst();
        if (result.equals("D")) {
            Var s = out.temp(Kind.DOUBLE);
            if (on(dst)) {
                emit.add(new Insn.Move(s, adjoint(dst), line));
                emit.add(new Insn.Const(adjoint(dst), 0.0, line));
            } else {
                emit.add(new Insn.Const(s, 0.0, line));
            }
            args.add(s);
        } else if (Signatures.valueAdjoint(result)) {
            // A tensor, or Object holding one: the result's adjoint value.
            Var s = out.temp(Kind.REF);
            Var adjoint = valueAdjoint(dst);
            if (adjoint != null) {
                emit.add(new Insn.Move(s, adjoint, line));
                emit.add(new Insn.Const(adjoint, null, line));
            } else {
                emit.add(new Insn.Const(s, null, line));
            }
            args.add(s);
        }
        args.add(tape);
        String reverse = descriptor;
        java.util.function.LongConsumer link = active -> emit.add(LinkedCall.of(null, reverse, m.owner(), m.name(),
                m.descriptor(), Mode.REVERSE, m.virtual(), active, args, line));
        if (variant == null) {
            link.accept(variants.get(0));
        } else {
            ShadowOwnership.dispatch(emit, variant, variants, link, line);
        }
        Type[] params = Type.getArgumentTypes(call.desc());
        int offset = call.isStatic() ? 0 : 1;
        for (int i = params.length - 1; i >= 0; i--) {
            String type = params[i].getDescriptor();
            Var arg = call.args().get(offset + i);
            if (type.equals("D")) {
                Var a = out.temp(Kind.DOUBLE);
                Sweeps.pop(emit, tape, a, line);
                if (on(arg)) {
                    accumulate(adjoint(arg), a, line);
                }
            } else if (Signatures.valueAdjoint(type)) {
                // A tensor parameter's adjoint, or that of a tensor passed as Object (null otherwise).
                Var a = out.temp(Kind.REF);
                Sweeps.pop(emit, tape, a, line);
                valueAccumulate(arg, a, line);
            }
        }
    }

    private boolean isTensorStep(Insn insn) {
        return insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.TensorOp
                && plan.activity.isActive(call.dst());
    }

    /** {@code āᵢ += Bᵢᵀ(d, g)} for a tensor primitive, from the arguments and result the forward sweep pushed. */
    private void tensorStep(Block b, int k) {
        Insn.Invoke call = (Insn.Invoke) b.insns().get(k);
        int line = call.line();
        Callee.TensorOp op = (Callee.TensorOp) plan.activity.callees().get(call);
        Var[] record = tensorTemps.get(call);
        Var g = out.temp(Kind.REF);
        if (record[2] != null) {
            // Several results: their adjoints were gathered in the result's shadow.
            emit.add(new Insn.Move(g, record[2], line));
        } else {
            emit.add(new Insn.Move(g, adjoint(call.dst()), line));
            emit.add(new Insn.Const(adjoint(call.dst()), null, line));
        }
        Var name = constant(op.name(), Kind.REF, line);
        Type[] params = Type.getArgumentTypes(call.desc());
        long wanted = 0;
        for (int i = 0; i < params.length && i < 64; i++) {
            if (on(call.args().get(i))) {
                wanted |= 1L << i;
            }
        }
        Var adjoints = out.temp(Kind.REF);
        emit.add(new Insn.Invoke(adjoints, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/TensorCalls", "vjp",
                "(Ljava/lang/String;[Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;J)[Ljava/lang/Object;", false,
                List.of(name, record[0], record[1], g, constant(wanted, Kind.LONG, line)), line));
        for (int i = 0; i < params.length; i++) {
            Var arg = call.args().get(i);
            String type = params[i].getDescriptor();
            if (!on(arg) || !(type.equals(Sweeps.TENSOR) || type.equals("[" + Sweeps.TENSOR))) {
                continue;
            }
            Var a = out.temp(Kind.REF);
            emit.add(new Insn.ArrayLoad(a, Opcodes.AALOAD, adjoints, constant(i, Kind.INT, line),
                    Type.getType("[Ljava/lang/Object;"), line));
            if (type.equals(Sweeps.TENSOR)) {
                tensorAccumulate(adjoint(arg), a, line);
            } else {
                // A sequence of tensors: its adjoints go into the slots of its shadow.
                emit.add(new Insn.Invoke(null, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/TensorCalls", "sumInto",
                        "([Ljava/lang/Object;Ljava/lang/Object;)V", false, List.of(shadowAt(b, arg, k), a), line));
            }
        }
    }

    private void tensorAccumulate(Var adjoint, Var term, int line) {
        emit.add(new Insn.Invoke(adjoint, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/TensorCalls", "sum",
                "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(adjoint, term), line));
    }

    // ------------------------------------------------------------------ control

    /**
     * Where the reverse sweep goes after reversing {@code b}: back along the edge control came
     * in by. For a counted loop's header, around the loop again while iterations remain;
     * otherwise to the recorded predecessor (or the single one, or the epilogue at the start).
     */
    private void exit(Block b) {
        int line = b.exit().line();
        Loops.Loop loop = plan.loops.headedBy(b);
        if (loop != null) {
            Var c = counter(b);
            Block again = out.newBlock();
            Block leave = out.newBlock();
            emit.exit(new Exit.Branch(Opcodes.IFGT, c, null, again, leave, line));
            emit.at(again);
            Var one = constant(1, Kind.INT, line);
            emit.add(new Insn.Binary(c, Opcodes.ISUB, c, one, line));
            emit.exit(new Exit.Goto(backAlong(loop.latch(), b, line), line));
            emit.at(leave);
        }
        List<Block> recorded = plan.recordedPreds(b);
        if (plan.records(b)) {
            List<Block> targets = new ArrayList<>();
            recorded.forEach(p -> targets.add(backAlong(p, b, line)));
            if (b == plan.body.entry()) {
                targets.add(epilogue);
            }
            dispatchOn(targets, line);
        } else if (recorded.isEmpty()) {
            emit.exit(new Exit.Goto(epilogue, line));
        } else {
            emit.exit(new Exit.Goto(backAlong(recorded.get(0), b, line), line));
        }
    }

    /**
     * The way back along {@code from → to}: if the edge left loops, their iteration counts are
     * popped first (outermost first, the reverse of the forward sweep's pushes).
     */
    private Block backAlong(Block from, Block to, int line) {
        List<Loops.Loop> left = plan.loops.exitedBy(from, to);
        if (left.isEmpty()) {
            return reverse.get(from);
        }
        Block here = emit.current();
        Block e = out.newBlock();
        emit.at(e);
        for (int i = left.size() - 1; i >= 0; i--) {
            Sweeps.pop(emit, tape, counter(left.get(i).header()), line);
        }
        emit.exit(new Exit.Goto(reverse.get(from), line));
        emit.at(here);
        return e;
    }

    /** The reverse sweep's remaining iterations of the loop headed by {@code header}. */
    private Var counter(Block header) {
        return out.var("iterations" + header.id(), Kind.INT);
    }
}
