package dev.cotangent.weave;

import dev.cotangent.weave.ir.Block;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.ir.Insn;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Whether code may be moved into any class: everything it calls, reads, writes, creates or
 * casts to is public. Bodies spliced from Cotangent's library into a user's derivative
 * (composites, derivative values) must pass, since the derivative runs in the user's class.
 */
final class PublicAccess {

    private final ClassSource classes;

    PublicAccess(ClassSource classes) {
        this.classes = classes;
    }

    /** Whether code in any class may execute every instruction of {@code body}. */
    boolean touchesOnlyPublic(Body body) {
        for (Block b : body.blocks()) {
            for (Insn insn : b.insns()) {
                if (!publicTarget(insn)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether code in any class may execute {@code insn}. */
    boolean publicTarget(Insn insn) {
        if (insn instanceof Insn.Invoke call) {
            return publicMethod(call.owner(), call.name(), call.desc());
        } else if (insn instanceof Insn.GetField get) {
            return publicField(get.owner(), get.name());
        } else if (insn instanceof Insn.PutField put) {
            return publicField(put.owner(), put.name());
        } else if (insn instanceof Insn.NewObject n) {
            return publicType(Type.getObjectType(n.type()));
        } else if (insn instanceof Insn.NewArray n) {
            return publicType(n.arrayType());
        } else if (insn instanceof Insn.CheckCast c) {
            return publicType(Type.getObjectType(c.type()));
        } else if (insn instanceof Insn.InstanceOf i) {
            return publicType(Type.getObjectType(i.type()));
        } else if (insn instanceof Insn.Const c) {
            return !(c.value() instanceof Type t) || publicType(t);
        }
        // String concatenation (in error messages) links the same in any class; lambdas do not.
        return !(insn instanceof Insn.InvokeDynamic d) || d.isStringConcatenation();
    }
    private boolean publicMethod(String owner, String name, String descriptor) {
        if (owner.startsWith("[")) {
            return true; // clone() of an array
        }
        return publicClass(owner) && classes.method(owner, name, descriptor)
                .map(m -> (m.access & Opcodes.ACC_PUBLIC) != 0).orElse(false);
    }

    private boolean publicField(String owner, String name) {
        return publicClass(owner) && classes.find(owner).flatMap(c -> c.fields.stream()
                .filter(f -> f.name.equals(name)).findFirst())
                .map((FieldNode f) -> (f.access & Opcodes.ACC_PUBLIC) != 0).orElse(false);
    }

    private boolean publicType(Type t) {
        Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        return element.getSort() != Type.OBJECT || publicClass(element.getInternalName());
    }

    private boolean publicClass(String internalName) {
        return classes.find(internalName).map((ClassNode c) -> (c.access & Opcodes.ACC_PUBLIC) != 0).orElse(false);
    }
}
