package dev.cotangent.weave.lower;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Exit;
import dev.cotangent.weave.ir.Insn;
import dev.cotangent.weave.ir.Kind;
import dev.cotangent.weave.ir.Rename;
import dev.cotangent.weave.ir.Var;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
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
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a {@link Body} to bytecode: each variable gets its own local slot (parameters
 * first, in order), each IR instruction becomes loads, the operation and a store, and each
 * exit becomes a jump. Every non-parameter local is zeroed on entry, so that the verifier
 * never sees a variable read on a path where it was not written (tangent and adjoint
 * variables are written only where their primal is active). Typed uses of reference
 * variables get a {@code checkcast}, because one local may hold values of several reference
 * types at different points. Line numbers of the original code are kept.
 *
 * <p>Frames and maximum sizes are left to the class writer ({@code COMPUTE_FRAMES}).
 */
public final class Lowerer {

    private final Body body;
    private final Map<Var, Integer> slots = new HashMap<>();
    private final Map<Block, LabelNode> labels = new HashMap<>();
    private final InsnList out = new InsnList();
    private int lastLine = -1;

    private Lowerer(Body body) {
        this.body = body;
    }

    /** A method with the given access, name and descriptor whose code is {@code body}. */
    public static MethodNode lower(Body body, int access, String name, String descriptor) {
        MethodNode m = new MethodNode(Opcodes.ASM9, access, name, descriptor, null, null);
        Lowerer l = new Lowerer(body);
        l.run();
        m.instructions = l.out;
        return m;
    }

    private void run() {
        int next = 0;
        for (Var p : body.params()) {
            slots.put(p, next);
            next += p.kind().size();
        }
        for (Var v : body.vars()) {
            if (!slots.containsKey(v)) {
                slots.put(v, next);
                next += v.kind().size();
            }
        }
        for (Block b : body.blocks()) {
            labels.put(b, new LabelNode(new Label()));
        }
        zeroLocals();
        List<Block> blocks = body.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            out.add(labels.get(b));
            lastLine = -1;
            for (Insn insn : b.insns()) {
                line(insn.line());
                insn(insn);
            }
            line(b.exit().line());
            exit(b.exit(), i + 1 < blocks.size() ? blocks.get(i + 1) : null);
        }
    }

    private void zeroLocals() {
        for (Var v : maybeUnassigned()) {
            switch (v.kind()) {
                case INT -> out.add(new InsnNode(Opcodes.ICONST_0));
                case LONG -> out.add(new InsnNode(Opcodes.LCONST_0));
                case FLOAT -> out.add(new InsnNode(Opcodes.FCONST_0));
                case DOUBLE -> out.add(new InsnNode(Opcodes.DCONST_0));
                case REF -> out.add(new InsnNode(Opcodes.ACONST_NULL));
            }
            store(v);
        }
    }

    /**
     * Variables some path may read before writing them: a tangent or adjoint variable is
     * written only where its primal is active, yet read at joins. Only these are zeroed at
     * entry, in variable order (the verifier needs it; the JIT drops what it can).
     */
    private java.util.List<Var> maybeUnassigned() {
        java.util.Map<Block, java.util.BitSet> in = new java.util.IdentityHashMap<>();
        int n = body.vars().size();
        java.util.BitSet all = new java.util.BitSet(n);
        all.set(0, n);
        for (Block b : body.blocks()) {
            in.put(b, (java.util.BitSet) all.clone());
        }
        java.util.BitSet start = new java.util.BitSet(n);
        body.params().forEach(p -> start.set(p.id()));
        in.put(body.entry(), start);
        java.util.BitSet needed = new java.util.BitSet(n);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : body.blocks()) {
                java.util.BitSet assigned = (java.util.BitSet) in.get(b).clone();
                for (Insn i : b.insns()) {
                    for (Var u : i.uses()) {
                        if (!assigned.get(u.id())) {
                            needed.set(u.id());
                        }
                    }
                    if (i.def() != null) {
                        assigned.set(i.def().id());
                    }
                }
                for (Var u : Rename.uses(b.exit())) {
                    if (!assigned.get(u.id())) {
                        needed.set(u.id());
                    }
                }
                for (Block s : b.exit().successors()) {
                    java.util.BitSet target = in.get(s);
                    java.util.BitSet meet = (java.util.BitSet) target.clone();
                    meet.and(assigned);
                    if (!meet.equals(target)) {
                        in.put(s, meet);
                        changed = true;
                    }
                }
            }
        }
        java.util.List<Var> out = new java.util.ArrayList<>();
        for (Var v : body.vars()) {
            if (needed.get(v.id()) && !body.params().contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private void line(int line) {
        if (line > 0 && line != lastLine) {
            LabelNode here = new LabelNode(new Label());
            out.add(here);
            out.add(new LineNumberNode(line, here));
            lastLine = line;
        }
    }

    private void load(Var v) {
        out.add(new VarInsnNode(v.kind().load, slot(v)));
    }

    /** Loads {@code v} as a value of {@code type}, casting a reference when the type is narrower than Object. */
    private void load(Var v, Type type) {
        load(v);
        if (v.kind() == Kind.REF && type != null && needsCast(type)) {
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, type.getSort() == Type.ARRAY ? type.getDescriptor()
                    : type.getInternalName()));
        }
    }

    private static boolean needsCast(Type type) {
        return (type.getSort() == Type.ARRAY || type.getSort() == Type.OBJECT)
                && !type.getInternalName().equals("java/lang/Object") && !type.getInternalName().equals("null");
    }

    private void store(Var v) {
        out.add(new VarInsnNode(v.kind().store, slot(v)));
    }

    private int slot(Var v) {
        Integer s = slots.get(v);
        if (s == null) {
            throw new IllegalStateException("variable " + v + " is not of this body");
        }
        return s;
    }

    private void insn(Insn insn) {
        if (insn instanceof Insn.Const c) {
            constant(c.value(), c.dst().kind());
            store(c.dst());
        } else if (insn instanceof Insn.Move m) {
            load(m.src());
            store(m.dst());
        } else if (insn instanceof Insn.Binary b) {
            load(b.left());
            load(b.right());
            out.add(new InsnNode(b.opcode()));
            store(b.dst());
        } else if (insn instanceof Insn.Unary u) {
            load(u.operand());
            out.add(new InsnNode(u.opcode()));
            store(u.dst());
        } else if (insn instanceof Insn.ArrayLoad a) {
            load(a.array(), a.arrayType());
            load(a.index());
            out.add(new InsnNode(a.opcode()));
            store(a.dst());
        } else if (insn instanceof Insn.ArrayStore a) {
            load(a.array(), a.arrayType());
            load(a.index());
            load(a.value(), elementType(a.arrayType()));
            out.add(new InsnNode(a.opcode()));
        } else if (insn instanceof Insn.ArrayLength a) {
            load(a.array(), a.arrayType());
            out.add(new InsnNode(Opcodes.ARRAYLENGTH));
            store(a.dst());
        } else if (insn instanceof Insn.NewArray n) {
            newArray(n);
        } else if (insn instanceof Insn.NewObject n) {
            out.add(new TypeInsnNode(Opcodes.NEW, n.type()));
            store(n.dst());
        } else if (insn instanceof Insn.Invoke i) {
            invoke(i);
        } else if (insn instanceof Insn.InvokeDynamic d) {
            Type[] params = Type.getArgumentTypes(d.desc());
            for (int k = 0; k < params.length; k++) {
                load(d.args().get(k), params[k]);
            }
            out.add(new InvokeDynamicInsnNode(d.name(), d.desc(), d.bootstrap(), d.bootstrapArgs().toArray()));
            if (d.dst() != null) {
                store(d.dst());
            }
        } else if (insn instanceof Insn.GetField g) {
            if (g.object() != null) {
                load(g.object(), Type.getObjectType(g.owner()));
            }
            out.add(new FieldInsnNode(g.opcode(), g.owner(), g.name(), g.desc()));
            store(g.dst());
        } else if (insn instanceof Insn.PutField p) {
            if (p.object() != null) {
                load(p.object(), Type.getObjectType(p.owner()));
            }
            load(p.value(), Type.getType(p.desc()));
            out.add(new FieldInsnNode(p.opcode(), p.owner(), p.name(), p.desc()));
        } else if (insn instanceof Insn.CheckCast c) {
            load(c.src());
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, c.type()));
            store(c.dst());
        } else if (insn instanceof Insn.InstanceOf i) {
            load(i.src());
            out.add(new TypeInsnNode(Opcodes.INSTANCEOF, i.type()));
            store(i.dst());
        } else if (insn instanceof Insn.Monitor m) {
            load(m.object());
            out.add(new InsnNode(m.opcode()));
        }
    }

    private void invoke(Insn.Invoke i) {
        Type[] params = Type.getArgumentTypes(i.desc());
        int k = 0;
        if (!i.isStatic()) {
            Var receiver = i.args().get(0);
            // A constructor's receiver is uninitialised: the verifier refuses a cast on it.
            if (i.name().equals("<init>")) {
                load(receiver);
            } else if (i.opcode() == Opcodes.INVOKESPECIAL) {
                // A super call (or a private one): the verifier wants a receiver of the calling class.
                load(receiver, Type.getObjectType(body.owner()));
            } else {
                load(receiver, i.owner().startsWith("[") ? Type.getType(i.owner()) : Type.getObjectType(i.owner()));
            }
            k = 1;
        }
        for (int p = 0; p < params.length; p++) {
            load(i.args().get(k + p), params[p]);
        }
        out.add(new MethodInsnNode(i.opcode(), i.owner(), i.name(), i.desc(), i.itf()));
        if (i.dst() != null) {
            store(i.dst());
        }
    }

    private void newArray(Insn.NewArray n) {
        for (Var d : n.dims()) {
            load(d);
        }
        Type type = n.arrayType();
        if (n.dims().size() > 1) {
            out.add(new MultiANewArrayInsnNode(type.getDescriptor(), n.dims().size()));
        } else {
            Type element = elementType(type);
            if (element.getSort() == Type.OBJECT || element.getSort() == Type.ARRAY) {
                out.add(new TypeInsnNode(Opcodes.ANEWARRAY, element.getSort() == Type.ARRAY ? element.getDescriptor()
                        : element.getInternalName()));
            } else {
                out.add(new IntInsnNode(Opcodes.NEWARRAY, primitiveArrayCode(element)));
            }
        }
        store(n.dst());
    }

    private static Type elementType(Type arrayType) {
        if (arrayType == null || arrayType.getSort() != Type.ARRAY) {
            return null;
        }
        return Type.getType(arrayType.getDescriptor().substring(1));
    }

    private static int primitiveArrayCode(Type element) {
        return switch (element.getSort()) {
            case Type.BOOLEAN -> Opcodes.T_BOOLEAN;
            case Type.CHAR -> Opcodes.T_CHAR;
            case Type.FLOAT -> Opcodes.T_FLOAT;
            case Type.DOUBLE -> Opcodes.T_DOUBLE;
            case Type.BYTE -> Opcodes.T_BYTE;
            case Type.SHORT -> Opcodes.T_SHORT;
            case Type.INT -> Opcodes.T_INT;
            case Type.LONG -> Opcodes.T_LONG;
            default -> throw new IllegalArgumentException("not a primitive array element: " + element);
        };
    }

    private void constant(Object value, Kind kind) {
        if (value == null) {
            out.add(new InsnNode(Opcodes.ACONST_NULL));
        } else if (value instanceof Integer i) {
            if (i >= -1 && i <= 5) {
                out.add(new InsnNode(Opcodes.ICONST_0 + i));
            } else if (i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE) {
                out.add(new IntInsnNode(Opcodes.BIPUSH, i));
            } else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) {
                out.add(new IntInsnNode(Opcodes.SIPUSH, i));
            } else {
                out.add(new LdcInsnNode(i));
            }
        } else if (value instanceof Double d && (d == 0.0 && 1 / d > 0 || d == 1.0)) {
            out.add(new InsnNode(d == 0.0 ? Opcodes.DCONST_0 : Opcodes.DCONST_1));
        } else if (value instanceof Long l && (l == 0L || l == 1L)) {
            out.add(new InsnNode(l == 0L ? Opcodes.LCONST_0 : Opcodes.LCONST_1));
        } else {
            out.add(new LdcInsnNode(value));
        }
    }

    private void exit(Exit exit, Block next) {
        if (exit instanceof Exit.Goto g) {
            if (g.target() != next) {
                out.add(new JumpInsnNode(Opcodes.GOTO, labels.get(g.target())));
            }
        } else if (exit instanceof Exit.Branch b) {
            load(b.left());
            if (b.right() != null) {
                load(b.right());
            }
            out.add(new JumpInsnNode(b.opcode(), labels.get(b.target())));
            if (b.otherwise() != next) {
                out.add(new JumpInsnNode(Opcodes.GOTO, labels.get(b.otherwise())));
            }
        } else if (exit instanceof Exit.Switch s) {
            load(s.key());
            // lookupswitch wants its keys ascending.
            Integer[] order = new Integer[s.keys().length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> s.keys()[i]));
            int[] keys = new int[order.length];
            LabelNode[] targets = new LabelNode[order.length];
            for (int i = 0; i < order.length; i++) {
                keys[i] = s.keys()[order[i]];
                targets[i] = labels.get(s.targets().get(order[i]));
            }
            out.add(new LookupSwitchInsnNode(labels.get(s.otherwise()), keys, targets));
        } else if (exit instanceof Exit.Return r) {
            if (r.value() == null) {
                out.add(new InsnNode(Opcodes.RETURN));
            } else {
                load(r.value(), body.returnType());
                out.add(new InsnNode(r.value().kind().ret));
            }
        } else if (exit instanceof Exit.Throw t) {
            load(t.exception(), Type.getObjectType("java/lang/Throwable"));
            out.add(new InsnNode(Opcodes.ATHROW));
        }
    }
}
