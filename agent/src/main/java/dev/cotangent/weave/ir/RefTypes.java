package dev.cotangent.weave.ir;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashMap;
import java.util.Map;

/**
 * The static type of each reference variable, from its definitions: the weaver needs to
 * know whether an active reference is an array (whose adjoint is a shadow array updated in
 * place) or a tensor (whose adjoint is a value).
 */
public final class RefTypes {

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final Map<Var, Type> types = new HashMap<>();

    public RefTypes(Body body) {
        for (int i = 0; i < body.params().size(); i++) {
            merge(body.params().get(i), body.paramTypes().get(i));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : body.blocks()) {
                for (Insn insn : b.insns()) {
                    Var d = insn.def();
                    if (d == null || d.kind() != Kind.REF) {
                        continue;
                    }
                    Type t = typeOf(insn);
                    if (t != null && merge(d, t)) {
                        changed = true;
                    }
                }
            }
        }
    }

    private Type typeOf(Insn insn) {
        if (insn instanceof Insn.Move m) {
            return types.get(m.src());
        } else if (insn instanceof Insn.NewArray n) {
            return n.arrayType();
        } else if (insn instanceof Insn.ArrayLoad a && a.opcode() == Opcodes.AALOAD && a.arrayType() != null
                && a.arrayType().getSort() == Type.ARRAY) {
            return Type.getType(a.arrayType().getDescriptor().substring(1));
        } else if (insn instanceof Insn.Invoke i) {
            return Type.getReturnType(i.desc());
        } else if (insn instanceof Insn.InvokeDynamic d) {
            return Type.getReturnType(d.desc());
        } else if (insn instanceof Insn.GetField g) {
            return Type.getType(g.desc());
        } else if (insn instanceof Insn.CheckCast c) {
            return c.type().startsWith("[") ? Type.getType(c.type()) : Type.getObjectType(c.type());
        } else if (insn instanceof Insn.NewObject n) {
            return Type.getObjectType(n.type());
        } else if (insn instanceof Insn.Const c) {
            return c.value() == null ? null : c.value() instanceof String ? Type.getObjectType("java/lang/String")
                    : Type.getObjectType("java/lang/Class");
        }
        return OBJECT;
    }

    private boolean merge(Var v, Type t) {
        Type old = types.get(v);
        Type merged = old == null || old.equals(t) ? t : OBJECT;
        if (merged.equals(old)) {
            return false;
        }
        types.put(v, merged);
        return true;
    }

    /** The variable's type, {@code Object} when unknown or mixed. */
    public Type of(Var v) {
        return types.getOrDefault(v, OBJECT);
    }

    /** Whether the variable holds an array (of doubles, of tensors, of arrays). */
    boolean isArray(Var v) {
        return v.kind() == Kind.REF && of(v).getSort() == Type.ARRAY;
    }
}
