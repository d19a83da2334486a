package dev.cotangent.weave.lift;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Lifts a method's bytecode into the register form of {@link Body}: every local slot and
 * every operand-stack position of each kind becomes a variable ({@code l3D}, {@code s1A}),
 * each instruction reads and writes variables, and the code is cut into basic blocks.
 * Types come from an {@link Analyzer} run with {@link TypedInterpreter}.
 *
 * <p>Rejected here, because the register form has no place for them: exception handlers
 * ({@code try}/{@code catch}/{@code finally}), {@code jsr}/{@code ret}, and abstract or
 * native methods. The caller turns {@link Unliftable} into a user-facing diagnostic.
 */
public final class Lifter {

    /** A method the register form cannot represent; {@code line} is where, or −1. */
    public static final class Unliftable extends Exception {
        private static final long serialVersionUID = 1L;
        public final int line;

        Unliftable(String construct, int line) {
            super(construct);
            this.line = line;
        }
    }

    private final String owner;
    private final MethodNode method;
    private final Body body;
    private Frame<BasicValue>[] frames;
    private final java.util.Map<Integer, Block> blockAt = new TreeMap<>();
    private int line = -1;

    private Lifter(String owner, MethodNode method) {
        this.owner = owner;
        this.method = method;
        this.body = new Body(owner, method.name, method.desc);
    }

    /** The register form of {@code method}, a method of class {@code owner} (internal name). */
    public static Body lift(String owner, MethodNode method) throws Unliftable {
        return new Lifter(owner, method).run();
    }

    private Body run() throws Unliftable {
        if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            throw new Unliftable((method.access & Opcodes.ACC_NATIVE) != 0 ? "a native method" : "an abstract method", -1);
        }
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw new Unliftable("a synchronized method", lineOf(method.instructions.getFirst()));
        }
        if (method.tryCatchBlocks != null && !method.tryCatchBlocks.isEmpty()) {
            boolean monitor = false;
            for (AbstractInsnNode i : method.instructions) {
                monitor |= i.getOpcode() == Opcodes.MONITORENTER;
            }
            // javac guards a synchronized block with a handler that releases the monitor.
            throw new Unliftable(monitor ? "a synchronized block" : "an exception handler (try/catch/finally)",
                    lineOf(method.tryCatchBlocks.get(0).start));
        }
        try {
            frames = new Analyzer<>(new TypedInterpreter()).analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new Unliftable("bytecode the verifier rejects (" + e.getMessage() + ")", lineOf(e.node));
        }
        declareParams();
        findBlocks();
        InsnList insns = method.instructions;
        Block current = null;
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof LineNumberNode ln) {
                line = ln.line;
            }
            Block starts = blockAt.get(i);
            if (starts != null) {
                if (current != null && current.exit() == null) {
                    current.setExit(new Exit.Goto(starts, line));
                }
                current = starts;
            }
            if (frames[i] == null || insn.getOpcode() < 0 || current == null || current.exit() != null) {
                continue;
            }
            translate(current, insn, frames[i], i);
        }
        if (current != null && current.exit() == null) {
            throw new Unliftable("code that falls off the end of the method", line);
        }
        return body;
    }

    private void declareParams() {
        int slot = 0;
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            body.addParam(local(slot, Kind.REF), Type.getObjectType(owner));
            slot++;
        }
        for (Type t : Type.getArgumentTypes(method.desc)) {
            body.addParam(local(slot, Kind.of(t)), t);
            slot += t.getSize();
        }
    }

    /** Leaders: the first instruction, jump targets, and what follows a jump, switch, return or throw. */
    private void findBlocks() {
        InsnList insns = method.instructions;
        List<Integer> leaders = new ArrayList<>();
        leaders.add(firstReal(0));
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof JumpInsnNode j) {
                leaders.add(firstReal(insns.indexOf(j.label)));
                leaders.add(firstReal(i + 1));
            } else if (insn instanceof TableSwitchInsnNode t) {
                leaders.add(firstReal(insns.indexOf(t.dflt)));
                t.labels.forEach(l -> leaders.add(firstReal(insns.indexOf(l))));
                leaders.add(firstReal(i + 1));
            } else if (insn instanceof LookupSwitchInsnNode t) {
                leaders.add(firstReal(insns.indexOf(t.dflt)));
                t.labels.forEach(l -> leaders.add(firstReal(insns.indexOf(l))));
                leaders.add(firstReal(i + 1));
            } else if (isReturnOrThrow(insn.getOpcode())) {
                leaders.add(firstReal(i + 1));
            }
        }
        // Blocks are made in instruction order so that the entry is block 0.
        for (int i : new java.util.TreeSet<>(leaders)) {
            if (i < insns.size() && frames[i] != null) {
                blockAt.put(i, body.newBlock());
            }
        }
    }

    /** The index of the first real instruction at or after {@code i} (labels and line numbers skipped). */
    private int firstReal(int i) {
        InsnList insns = method.instructions;
        while (i < insns.size() && insns.get(i).getOpcode() < 0) {
            i++;
        }
        return i;
    }

    private Block blockFor(LabelNode label) {
        return blockAt.get(firstReal(method.instructions.indexOf(label)));
    }

    private static boolean isReturnOrThrow(int opcode) {
        return (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) || opcode == Opcodes.ATHROW;
    }

    private Var local(int index, Kind kind) {
        return body.var("l" + index, kind);
    }

    private Var stack(Frame<BasicValue> f, int position) {
        return body.var("s" + position, kind(f.getStack(position)));
    }

    private Var stackAt(int position, Kind kind) {
        return body.var("s" + position, kind);
    }

    private static Kind kind(BasicValue v) {
        Type t = v.getType();
        if (t == null) {
            throw new IllegalStateException("uninitialised value on the stack");
        }
        return Kind.of(t);
    }

    private void translate(Block b, AbstractInsnNode insn, Frame<BasicValue> f, int index) throws Unliftable {
        int op = insn.getOpcode();
        int h = f.getStackSize();
        switch (insn.getType()) {
            case AbstractInsnNode.VAR_INSN -> {
                VarInsnNode v = (VarInsnNode) insn;
                if (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD) {
                    Kind k = loadKind(op);
                    b.add(new Insn.Move(stackAt(h, k), local(v.var, k), line));
                } else if (op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) {
                    Kind k = kind(f.getStack(h - 1));
                    b.add(new Insn.Move(local(v.var, k), stack(f, h - 1), line));
                } else {
                    throw new Unliftable("the jsr/ret subroutine instructions of old class files", line);
                }
            }
            case AbstractInsnNode.IINC_INSN -> {
                IincInsnNode inc = (IincInsnNode) insn;
                Var l = local(inc.var, Kind.INT);
                Var c = body.temp(Kind.INT);
                b.add(new Insn.Const(c, inc.incr, line));
                b.add(new Insn.Binary(l, Opcodes.IADD, l, c, line));
            }
            case AbstractInsnNode.INT_INSN -> {
                IntInsnNode in = (IntInsnNode) insn;
                if (op == Opcodes.NEWARRAY) {
                    Type array = frameAfter(index).getStack(h - 1).getType();
                    b.add(new Insn.NewArray(stackAt(h - 1, Kind.REF), array, List.of(stack(f, h - 1)), line));
                } else {
                    b.add(new Insn.Const(stackAt(h, Kind.INT), in.operand, line));
                }
            }
            case AbstractInsnNode.LDC_INSN -> {
                Object cst = ((LdcInsnNode) insn).cst;
                Kind k = cst instanceof Integer ? Kind.INT : cst instanceof Long ? Kind.LONG : cst instanceof Float
                        ? Kind.FLOAT : cst instanceof Double ? Kind.DOUBLE : Kind.REF;
                if (cst instanceof Type t && t.getSort() == Type.METHOD) {
                    throw new Unliftable("a method-type constant", line);
                }
                if (!(cst instanceof Number || cst instanceof String || cst instanceof Type)) {
                    throw new Unliftable("a dynamic or handle constant", line);
                }
                b.add(new Insn.Const(stackAt(h, k), cst, line));
            }
            case AbstractInsnNode.TYPE_INSN -> translateType(b, (TypeInsnNode) insn, f, h);
            case AbstractInsnNode.FIELD_INSN -> translateField(b, (FieldInsnNode) insn, f, h);
            case AbstractInsnNode.METHOD_INSN -> {
                MethodInsnNode m = (MethodInsnNode) insn;
                int n = Type.getArgumentTypes(m.desc).length + (op == Opcodes.INVOKESTATIC ? 0 : 1);
                List<Var> args = new ArrayList<>(n);
                for (int i = h - n; i < h; i++) {
                    args.add(stack(f, i));
                }
                Type ret = Type.getReturnType(m.desc);
                Var dst = ret.getSort() == Type.VOID ? null : stackAt(h - n, Kind.of(ret));
                b.add(new Insn.Invoke(dst, op, m.owner, m.name, m.desc, m.itf, args, line));
            }
            case AbstractInsnNode.INVOKE_DYNAMIC_INSN -> {
                InvokeDynamicInsnNode d = (InvokeDynamicInsnNode) insn;
                int n = Type.getArgumentTypes(d.desc).length;
                List<Var> args = new ArrayList<>(n);
                for (int i = h - n; i < h; i++) {
                    args.add(stack(f, i));
                }
                Type ret = Type.getReturnType(d.desc);
                Var dst = ret.getSort() == Type.VOID ? null : stackAt(h - n, Kind.of(ret));
                b.add(new Insn.InvokeDynamic(dst, d.name, d.desc, d.bsm, Arrays.asList(d.bsmArgs), args, line));
            }
            case AbstractInsnNode.JUMP_INSN -> {
                JumpInsnNode j = (JumpInsnNode) insn;
                Block next = blockAt.get(firstReal(index + 1));
                if (op == Opcodes.GOTO) {
                    b.setExit(new Exit.Goto(blockFor(j.label), line));
                } else if (op == Opcodes.JSR) {
                    throw new Unliftable("the jsr/ret subroutine instructions of old class files", line);
                } else if (op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ACMPNE) {
                    b.setExit(new Exit.Branch(op, stack(f, h - 2), stack(f, h - 1), blockFor(j.label), next, line));
                } else {
                    b.setExit(new Exit.Branch(op, stack(f, h - 1), null, blockFor(j.label), next, line));
                }
            }
            case AbstractInsnNode.TABLESWITCH_INSN -> {
                TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
                int[] keys = new int[t.labels.size()];
                List<Block> targets = new ArrayList<>();
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = t.min + i;
                    targets.add(blockFor(t.labels.get(i)));
                }
                b.setExit(new Exit.Switch(stack(f, h - 1), keys, targets, blockFor(t.dflt), line));
            }
            case AbstractInsnNode.LOOKUPSWITCH_INSN -> {
                LookupSwitchInsnNode t = (LookupSwitchInsnNode) insn;
                int[] keys = t.keys.stream().mapToInt(Integer::intValue).toArray();
                List<Block> targets = new ArrayList<>();
                t.labels.forEach(l -> targets.add(blockFor(l)));
                b.setExit(new Exit.Switch(stack(f, h - 1), keys, targets, blockFor(t.dflt), line));
            }
            case AbstractInsnNode.MULTIANEWARRAY_INSN -> {
                MultiANewArrayInsnNode m = (MultiANewArrayInsnNode) insn;
                List<Var> dims = new ArrayList<>();
                for (int i = h - m.dims; i < h; i++) {
                    dims.add(stack(f, i));
                }
                b.add(new Insn.NewArray(stackAt(h - m.dims, Kind.REF), Type.getType(m.desc), dims, line));
            }
            case AbstractInsnNode.INSN -> translateSimple(b, op, f, h);
            default -> throw new Unliftable("the instruction " + op, line);
        }
    }

    private Frame<BasicValue> frameAfter(int index) {
        InsnList insns = method.instructions;
        int next = firstReal(index + 1);
        if (next < insns.size() && frames[next] != null) {
            return frames[next];
        }
        throw new IllegalStateException("no frame after instruction " + index);
    }

    private void translateType(Block b, TypeInsnNode t, Frame<BasicValue> f, int h) {
        switch (t.getOpcode()) {
            case Opcodes.NEW -> b.add(new Insn.NewObject(stackAt(h, Kind.REF), t.desc, line));
            case Opcodes.ANEWARRAY -> {
                Type array = Type.getType("[" + Type.getObjectType(t.desc).getDescriptor());
                b.add(new Insn.NewArray(stackAt(h - 1, Kind.REF), array, List.of(stack(f, h - 1)), line));
            }
            case Opcodes.CHECKCAST -> b.add(new Insn.CheckCast(stackAt(h - 1, Kind.REF), stack(f, h - 1), t.desc, line));
            default -> b.add(new Insn.InstanceOf(stackAt(h - 1, Kind.INT), stack(f, h - 1), t.desc, line));
        }
    }

    private void translateField(Block b, FieldInsnNode fi, Frame<BasicValue> f, int h) {
        Kind k = Kind.of(Type.getType(fi.desc));
        switch (fi.getOpcode()) {
            case Opcodes.GETSTATIC -> b.add(new Insn.GetField(stackAt(h, k), fi.getOpcode(), fi.owner, fi.name, fi.desc,
                    null, line));
            case Opcodes.GETFIELD -> b.add(new Insn.GetField(stackAt(h - 1, k), fi.getOpcode(), fi.owner, fi.name,
                    fi.desc, stack(f, h - 1), line));
            case Opcodes.PUTSTATIC -> b.add(new Insn.PutField(fi.getOpcode(), fi.owner, fi.name, fi.desc, null,
                    stack(f, h - 1), line));
            default -> b.add(new Insn.PutField(fi.getOpcode(), fi.owner, fi.name, fi.desc, stack(f, h - 2),
                    stack(f, h - 1), line));
        }
    }

    private void translateSimple(Block b, int op, Frame<BasicValue> f, int h) throws Unliftable {
        if (op == Opcodes.NOP) {
            return;
        }
        if (op == Opcodes.ACONST_NULL) {
            b.add(new Insn.Const(stackAt(h, Kind.REF), null, line));
        } else if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            b.add(new Insn.Const(stackAt(h, Kind.INT), op - Opcodes.ICONST_0, line));
        } else if (op == Opcodes.LCONST_0 || op == Opcodes.LCONST_1) {
            b.add(new Insn.Const(stackAt(h, Kind.LONG), (long) (op - Opcodes.LCONST_0), line));
        } else if (op >= Opcodes.FCONST_0 && op <= Opcodes.FCONST_2) {
            b.add(new Insn.Const(stackAt(h, Kind.FLOAT), (float) (op - Opcodes.FCONST_0), line));
        } else if (op == Opcodes.DCONST_0 || op == Opcodes.DCONST_1) {
            b.add(new Insn.Const(stackAt(h, Kind.DOUBLE), (double) (op - Opcodes.DCONST_0), line));
        } else if (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD) {
            Kind k = arrayElementKind(op - Opcodes.IALOAD);
            b.add(new Insn.ArrayLoad(stackAt(h - 2, k), op, stack(f, h - 2), stack(f, h - 1),
                    f.getStack(h - 2).getType(), line));
        } else if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE) {
            b.add(new Insn.ArrayStore(op, stack(f, h - 3), stack(f, h - 2), stack(f, h - 1),
                    f.getStack(h - 3).getType(), line));
        } else if (op >= Opcodes.POP && op <= Opcodes.SWAP) {
            shuffle(b, op, f, h);
        } else if (op >= Opcodes.IADD && op <= Opcodes.DREM || op >= Opcodes.ISHL && op <= Opcodes.LXOR) {
            Kind k = kind(f.getStack(h - 2));
            b.add(new Insn.Binary(stackAt(h - 2, k), op, stack(f, h - 2), stack(f, h - 1), line));
        } else if (op >= Opcodes.INEG && op <= Opcodes.DNEG) {
            Kind k = kind(f.getStack(h - 1));
            b.add(new Insn.Unary(stackAt(h - 1, k), op, stack(f, h - 1), line));
        } else if (op >= Opcodes.I2L && op <= Opcodes.I2S) {
            b.add(new Insn.Unary(stackAt(h - 1, conversionResult(op)), op, stack(f, h - 1), line));
        } else if (op >= Opcodes.LCMP && op <= Opcodes.DCMPG) {
            b.add(new Insn.Binary(stackAt(h - 2, Kind.INT), op, stack(f, h - 2), stack(f, h - 1), line));
        } else if (op >= Opcodes.IRETURN && op <= Opcodes.ARETURN) {
            b.setExit(new Exit.Return(stack(f, h - 1), line));
        } else if (op == Opcodes.RETURN) {
            b.setExit(new Exit.Return(null, line));
        } else if (op == Opcodes.ARRAYLENGTH) {
            b.add(new Insn.ArrayLength(stackAt(h - 1, Kind.INT), stack(f, h - 1), f.getStack(h - 1).getType(), line));
        } else if (op == Opcodes.ATHROW) {
            b.setExit(new Exit.Throw(stack(f, h - 1), line));
        } else if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
            b.add(new Insn.Monitor(op, stack(f, h - 1), line));
        } else {
            throw new Unliftable("the instruction " + org.objectweb.asm.util.Printer.OPCODES[op], line);
        }
    }

    /**
     * The stack instructions as moves: the top {@code k} values are read into temporaries and
     * written back in the order the instruction leaves them ({@code order} indexes the k
     * values, 0 the deepest). Which form applies depends on the sizes of the values.
     */
    private void shuffle(Block b, int op, Frame<BasicValue> f, int h) {
        int top = h > 0 ? f.getStack(h - 1).getSize() : 0;
        int second = h > 1 ? f.getStack(h - 2).getSize() : 0;
        int third = h > 2 ? f.getStack(h - 3).getSize() : 0;
        switch (op) {
            case Opcodes.POP, Opcodes.POP2 -> { }
            case Opcodes.DUP -> permute(b, f, h, 1, 0, 0);
            case Opcodes.DUP_X1 -> permute(b, f, h, 2, 1, 0, 1);
            case Opcodes.DUP_X2 -> {
                if (second == 2) {
                    permute(b, f, h, 2, 1, 0, 1);
                } else {
                    permute(b, f, h, 3, 2, 0, 1, 2);
                }
            }
            case Opcodes.DUP2 -> {
                if (top == 2) {
                    permute(b, f, h, 1, 0, 0);
                } else {
                    permute(b, f, h, 2, 0, 1, 0, 1);
                }
            }
            case Opcodes.DUP2_X1 -> {
                if (top == 2) {
                    permute(b, f, h, 2, 1, 0, 1);
                } else {
                    permute(b, f, h, 3, 1, 2, 0, 1, 2);
                }
            }
            case Opcodes.DUP2_X2 -> {
                if (top == 2 && second == 2) {
                    permute(b, f, h, 2, 1, 0, 1);
                } else if (top == 2) {
                    permute(b, f, h, 3, 2, 0, 1, 2);
                } else if (third == 2) {
                    permute(b, f, h, 3, 1, 2, 0, 1, 2);
                } else {
                    permute(b, f, h, 4, 2, 3, 0, 1, 2, 3);
                }
            }
            default -> permute(b, f, h, 2, 1, 0);
        }
    }

    private void permute(Block b, Frame<BasicValue> f, int h, int k, int... order) {
        Var[] temps = new Var[k];
        Kind[] kinds = new Kind[k];
        for (int j = 0; j < k; j++) {
            kinds[j] = kind(f.getStack(h - k + j));
            temps[j] = body.temp(kinds[j]);
            b.add(new Insn.Move(temps[j], stack(f, h - k + j), line));
        }
        for (int i = 0; i < order.length; i++) {
            b.add(new Insn.Move(stackAt(h - k + i, kinds[order[i]]), temps[order[i]], line));
        }
    }

    private static Kind loadKind(int op) {
        return switch (op) {
            case Opcodes.ILOAD -> Kind.INT;
            case Opcodes.LLOAD -> Kind.LONG;
            case Opcodes.FLOAD -> Kind.FLOAT;
            case Opcodes.DLOAD -> Kind.DOUBLE;
            default -> Kind.REF;
        };
    }

    /** IALOAD, LALOAD, FALOAD, DALOAD, AALOAD, BALOAD, CALOAD, SALOAD by offset from IALOAD. */
    private static Kind arrayElementKind(int offset) {
        return switch (offset) {
            case 1 -> Kind.LONG;
            case 2 -> Kind.FLOAT;
            case 3 -> Kind.DOUBLE;
            case 4 -> Kind.REF;
            default -> Kind.INT;
        };
    }

    private static Kind conversionResult(int op) {
        return switch (op) {
            case Opcodes.I2L, Opcodes.F2L, Opcodes.D2L -> Kind.LONG;
            case Opcodes.I2F, Opcodes.L2F, Opcodes.D2F -> Kind.FLOAT;
            case Opcodes.I2D, Opcodes.L2D, Opcodes.F2D -> Kind.DOUBLE;
            default -> Kind.INT;
        };
    }

    /** The source line of the first real instruction at or after {@code node}. */
    private static int lineOf(AbstractInsnNode node) {
        for (AbstractInsnNode n = node; n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode ln) {
                return ln.line;
            }
            if (n.getOpcode() >= 0) {
                break;
            }
        }
        for (AbstractInsnNode n = node; n != null; n = n.getPrevious()) {
            if (n instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }
}
