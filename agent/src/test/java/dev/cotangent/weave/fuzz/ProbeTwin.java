package dev.cotangent.weave.fuzz;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashMap;
import java.util.Map;

/**
 * The probe twin of compiled classes: the same bytecode, except that every {@code dcmpl} and
 * {@code dcmpg} and every call of {@code Math.max(DD)D}, {@code Math.min(DD)D} and
 * {@code Math.abs(D)D} goes through {@link Probe}, which records it. The stack effect of each
 * replacement is that of the instruction replaced, so frames and limits stay valid.
 */
final class ProbeTwin {

    private static final String PROBE = Type.getInternalName(Probe.class);

    private ProbeTwin() {}

    /** The twins of {@code classes} (binary name → class file), under the same names. */
    static Map<String, byte[]> of(Map<String, byte[]> classes) {
        Map<String, byte[]> out = new HashMap<>();
        classes.forEach((name, bytes) -> out.put(name, twin(bytes)));
        return out;
    }

    static byte[] twin(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new Redirect(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Redirect extends MethodVisitor {
        Redirect(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.DCMPL || opcode == Opcodes.DCMPG) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, PROBE, opcode == Opcodes.DCMPL ? "dcmpl" : "dcmpg",
                        "(DD)I", false);
            } else {
                super.visitInsn(opcode);
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            boolean probed = owner.equals("java/lang/Math") && (descriptor.equals("(DD)D")
                    && (name.equals("max") || name.equals("min")) || descriptor.equals("(D)D") && name.equals("abs"));
            super.visitMethodInsn(opcode, probed ? PROBE : owner, name, descriptor, isInterface);
        }
    }
}
