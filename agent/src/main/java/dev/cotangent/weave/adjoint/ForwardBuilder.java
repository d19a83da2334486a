package dev.cotangent.weave.adjoint;

import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Signatures;
import dev.cotangent.weave.Callee;
import dev.cotangent.weave.LinkedCall;
import dev.cotangent.weave.ShadowOwnership;
import dev.cotangent.weave.Shadows;
import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.BodyBuilder;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward sweep: the primal computation, plus what the {@link ReversePlan} says to
 * record — old values before they are overwritten, values costly to recompute, the
 * predecessor on each edge into a join, and the state at the return — and a shadow array
 * beside every active array, so that the reverse sweep can accumulate adjoints into it.
 */
final class ForwardBuilder {

    private final ReversePlan plan;
    private final Body out;
    private final BodyBuilder emit;
    private final Map<Var, Var> vars = new IdentityHashMap<>();
    private final Map<Block, Block> blocks = new IdentityHashMap<>();
    private final Mode mode;
    private final ShadowOwnership ownership;
    private Var tape;

    private ForwardBuilder(ReversePlan plan, Mode mode, boolean isStatic, long active) {
        this.plan = plan;
        this.mode = mode;
        Body primal = plan.body;
        this.out = new Body(primal.owner(), mode.methodName(primal.name(), active),
                Signatures.forward(primal.owner(), primal.descriptor(), isStatic));
        this.emit = new BodyBuilder(out);
        this.ownership = new ShadowOwnership(plan.activity, emit, this::map);
    }

    static Body build(ReversePlan plan, Mode mode, boolean isStatic, long active) {
        ForwardBuilder b = new ForwardBuilder(plan, mode, isStatic, active);
        b.run();
        return b.out;
    }

    private void run() {
        Body primal = plan.body;
        for (int i = 0; i < primal.params().size(); i++) {
            Var p = primal.params().get(i);
            Type type = primal.paramTypes().get(i);
            out.addParam(map(p), type);
            if (Signatures.mayHoldArray(type.getDescriptor())) {
                out.addParam(shadow(p), type);
            }
        }
        tape = out.var("tape", Kind.REF);
        out.addParam(tape, Type.getObjectType(Signatures.TAPE));
        Block start = out.newBlock();
        for (Block b : primal.blocks()) {
            blocks.put(b, out.newBlock());
        }
        emit.at(start);
        if (mode.isTop()) {
            copyWrittenParameters();
        }
        ownership.parameters(primal.params());
        enter(null, primal.entry(), -1);
        emit.exit(new Exit.Goto(blocks.get(primal.entry()), -1));
        for (Block b : primal.blocks()) {
            emit.at(blocks.get(b));
            for (Insn insn : b.insns()) {
                insn(insn);
            }
            exit(b);
        }
    }

    /**
     * The outermost sweep works on its own copies of the array parameters the method writes
     * to or hands on, so a gradient never changes its caller's arrays, and the arrays it only
     * reads are not copied at all (the caller need not copy them either).
     */
    private void copyWrittenParameters() {
        Body primal = plan.body;
        for (int i = 0; i < primal.params().size(); i++) {
            Var p = primal.params().get(i);
            Type type = primal.paramTypes().get(i);
            if (Signatures.mayHoldArray(type.getDescriptor()) && !plan.reloadable.contains(p)) {
                Var copy = out.temp(Kind.REF);
                emit.add(new Insn.Invoke(copy, Opcodes.INVOKESTATIC, "dev/cotangent/runtime/Values", "copy",
                        "(Ljava/lang/Object;)Ljava/lang/Object;", false, List.of(map(p)), -1));
                emit.add(new Insn.CheckCast(map(p), copy, type.getInternalName(), -1));
            }
        }
    }

    // ------------------------------------------------------------------ variables

    private Var map(Var v) {
        return vars.computeIfAbsent(v, k -> out.var(k.name().substring(0, k.name().length() - 1), k.kind()));
    }

    /** The shadow array (adjoint holder) of an active array variable. */
    private Var shadow(Var v) {
        return out.adjointOf(map(v));
    }

    private boolean shadowed(Var v) {
        return v != null && v.kind() == Kind.REF && plan.activity.isActive(v)
                && !plan.types.of(v).getDescriptor().equals(Sweeps.TENSOR);
    }

    /**
     * The shadow returned with an array result: its own; none for one from elsewhere (the
     * caller then stops with a clear error if it differentiates through it); zeros for one the
     * method made without active values in it.
     */
    private Var resultShadow(Var v, int line) {
        if (shadowed(v) && plan.activity.mixed(v)) {
            return ownership.handOver(shadow(v), v, line);
        }
        boolean foreign = plan.activity.isForeign(v);
        return shadowed(v) && !foreign ? shadow(v) : Shadows.forResultWithoutOwn(emit, map(v), foreign, line);
    }

    private Var shadowOrNull(Var v, int line) {
        if (shadowed(v)) {
            return shadow(v);
        }
        Var none = out.temp(Kind.REF);
        emit.add(new Insn.Const(none, null, line));
        return none;
    }

    private void push(Var v, int line) {
        Sweeps.push(emit, tape, map(v), line);
        if (shadowed(v)) {
            Sweeps.pushShadow(emit, tape, shadow(v), line);
        }
    }

    private void pushConstant(int value, int line) {
        Var c = out.temp(Kind.INT);
        emit.add(new Insn.Const(c, value, line));
        Sweeps.push(emit, tape, c, line);
    }

    // ------------------------------------------------------------------ instructions

    private void insn(Insn insn) {
        int line = insn.line();
        if (plan.undo.contains(insn)) {
            push(insn.def(), line);
        }
        if (insn instanceof Insn.Invoke call && CallSplitter.isDifferentiatedCall(call, plan.activity)) {
            forwardCall(call, (Callee.Method) plan.activity.callees().get(call));
        } else {
            emit.add(Rename.insn(insn, this::map, this::map));
            shadowOf(insn);
            ownership.defined(insn);
            if (insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.TensorOp
                    && plan.activity.isActive(call.dst())) {
                TensorRecords.push(emit, tape, call, this::map,
                        TensorRecords.severalResults(call) ? shadow(call.dst()) : null, line);
            }
        }
        if (plan.record.contains(insn)) {
            push(insn.def(), line);
        }
    }

    /** Keeps the shadows of active arrays in step with their primals. */
    private void shadowOf(Insn insn) {
        int line = insn.line();
        Var d = insn.def();
        if (insn instanceof Insn.ArrayStore s && s.opcode() == Opcodes.AASTORE && shadowed(s.array())) {
            if (plan.rowStore(insn)) {
                Var replaced = out.temp(Kind.REF);
                emit.add(new Insn.ArrayLoad(replaced, Opcodes.AALOAD, shadow(s.array()), map(s.index()), s.arrayType(),
                        line));
                Sweeps.pushShadow(emit, tape, replaced, line);
            }
            emit.add(new Insn.ArrayStore(Opcodes.AASTORE, shadow(s.array()), map(s.index()), shadowOrNull(s.value(), line),
                    s.arrayType(), line));
            return;
        }
        if (!shadowed(d)) {
            return;
        }
        if (insn instanceof Insn.Move m) {
            emit.add(new Insn.Move(shadow(d), shadowOrNull(m.src(), line), line));
        } else if (insn instanceof Insn.CheckCast c) {
            emit.add(new Insn.Move(shadow(d), shadowOrNull(c.src(), line), line));
        } else if (insn instanceof Insn.NewArray n) {
            List<Var> dims = new ArrayList<>();
            n.dims().forEach(x -> dims.add(map(x)));
            emit.add(new Insn.NewArray(shadow(d), n.arrayType(), dims, line));
        } else if (insn instanceof Insn.ArrayLoad a && shadowed(a.array())) {
            emit.add(new Insn.ArrayLoad(shadow(d), a.opcode(), shadow(a.array()), map(a.index()), a.arrayType(), line));
        } else if (insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.Bridge) {
            // Tensor.toArray(): a fresh array, so a fresh shadow.
            Var length = out.temp(Kind.INT);
            emit.add(new Insn.ArrayLength(length, map(d), Type.getType("[D"), line));
            emit.add(new Insn.NewArray(shadow(d), Type.getType("[D"), List.of(length), line));
        } else if (insn instanceof Insn.Invoke call && plan.activity.callees().get(call) instanceof Callee.TensorOp) {
            // Tensors made by one primitive (qr, svd, split…): a fresh shadow of zero adjoints.
            Type sequence = Type.getType("[" + Sweeps.TENSOR);
            Var length = out.temp(Kind.INT);
            emit.add(new Insn.ArrayLength(length, map(d), sequence, line));
            emit.add(new Insn.NewArray(shadow(d), sequence, List.of(length), line));
        } else {
            // From a field or a call without a derivative: constant here, so zero adjoints
            // (active values cannot be stored into it: the activity analysis rejects that).
            Shadows.zeroShadow(emit, shadow(d), map(d), line);
        }
    }

    /** {@code y = f⁺(x, x̄, …, tape)}: the callee's forward sweep, then its result's shadow. */
    private void forwardCall(Insn.Invoke call, Callee.Method m) {
        int line = call.line();
        List<Var> args = new ArrayList<>();
        Type[] params = Type.getArgumentTypes(call.desc());
        int offset = call.isStatic() ? 0 : 1;
        if (!call.isStatic()) {
            args.add(map(call.args().get(0)));
        }
        for (int i = 0; i < params.length; i++) {
            Var a = call.args().get(offset + i);
            args.add(map(a));
            if (Signatures.mayHoldArray(params[i].getDescriptor())) {
                args.add(shadowOrNull(a, line));
            }
        }
        args.add(tape);
        Var dst = call.dst() == null ? null : map(call.dst());
        Var variant = ownership.link(call, active -> emit.add(LinkedCall.of(dst,
                Signatures.forward(call.owner(), call.desc(), call.isStatic()), m.owner(), m.name(), m.descriptor(),
                Mode.FORWARD, m.virtual(), active, args, line)));
        if (m.virtual()) {
            // The reverse sweep must undo the implementation that ran: it dispatches on this receiver.
            Sweeps.push(emit, tape, map(call.args().get(0)), line);
        }
        if (variant != null) {
            // ... and the variant that ran: the one its forward sweep recorded for.
            Sweeps.push(emit, tape, variant, line);
        }
        if (shadowed(call.dst())) {
            Var result = out.temp(Kind.REF);
            emit.add(new Insn.GetField(result, Opcodes.GETFIELD, Signatures.TAPE, "resultShadow", "Ljava/lang/Object;",
                    tape, line));
            ownership.returned(call.dst(), result, line);
            Shadows.resultShadow(emit, shadow(call.dst()), result, map(call.dst()),
                    plan.activity.readOnly(call.dst()) || plan.activity.mixed(call.dst()), call, line);
        }
    }

    // ------------------------------------------------------------------ exits

    private void exit(Block b) {
        Exit exit = b.exit();
        int line = exit.line();
        if (exit instanceof Exit.Return r) {
            for (Var v : plan.finalState(b)) {
                push(v, line);
            }
            if (plan.returns.size() > 1) {
                pushConstant(plan.returns.indexOf(b), line);
            }
            if (r.value() != null && Signatures.mayHoldArray(plan.body.returnType().getDescriptor())) {
                emit.add(new Insn.PutField(Opcodes.PUTFIELD, Signatures.TAPE, "resultShadow", "Ljava/lang/Object;", tape,
                        resultShadow(r.value(), line), line));
            }
            emit.exit(Rename.exit(exit, this::map, blocks::get));
            return;
        }
        if (exit instanceof Exit.Goto g) {
            enter(b, g.target(), line);
            emit.exit(new Exit.Goto(blocks.get(g.target()), line));
            return;
        }
        // Branches and switches: an edge with something to record gets a block of its own.
        emit.exit(Rename.exit(exit, this::map, target -> edge(b, target, line)));
    }

    /**
     * What the edge {@code from → to} records ({@code from} null for the method's start):
     * the iteration counts of the loops it leaves, innermost first; then, entering a counted
     * loop, a fresh count (or one more iteration on the back edge); then which recorded
     * predecessor control came from, at a join.
     */
    private void enter(Block from, Block to, int line) {
        if (from != null) {
            for (Loops.Loop left : plan.loops.exitedBy(from, to)) {
                Sweeps.push(emit, tape, counter(left.header()), line);
            }
        }
        Loops.Loop loop = plan.loops.headedBy(to);
        if (loop != null && from == loop.latch()) {
            Var c = counter(to);
            Var one = out.temp(Kind.INT);
            emit.add(new Insn.Const(one, 1, line));
            emit.add(new Insn.Binary(c, Opcodes.IADD, c, one, line));
            return;
        }
        if (loop != null) {
            emit.add(new Insn.Const(counter(to), 0, line));
        }
        if (plan.records(to)) {
            List<Block> recorded = plan.recordedPreds(to);
            pushConstant(from == null ? recorded.size() : recorded.indexOf(from), line);
        }
    }

    /** The forward sweep's iteration count of the loop headed by {@code header}. */
    private Var counter(Block header) {
        return out.var("iterations" + header.id(), Kind.INT);
    }

    private boolean recordsOnEdge(Block from, Block to) {
        Loops.Loop loop = plan.loops.headedBy(to);
        return !plan.loops.exitedBy(from, to).isEmpty() || loop != null || plan.records(to);
    }

    private Block edge(Block from, Block to, int line) {
        if (!recordsOnEdge(from, to)) {
            return blocks.get(to);
        }
        Block here = emit.current();
        Block e = out.newBlock();
        emit.at(e);
        enter(from, to, line);
        emit.exit(new Exit.Goto(blocks.get(to), line));
        emit.at(here);
        return e;
    }
}
