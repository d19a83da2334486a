package dev.cotangent.weave.lower;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes woven classes: a class the weaver adds methods to, and a companion class of generated
 * methods only.
 *
 * <p>What the weaver does not change keeps its bytes. {@link #append} builds its writer from the
 * original class's reader, so the constant pool is copied and every method the reader passes
 * straight to the writer is copied byte for byte — code, stack-map frames, line numbers and all
 * other attributes — without being decoded. Class attributes (inner classes, nest members,
 * records, permitted subclasses, annotations, signatures, source debug extension, unknown
 * attributes) are passed through unchanged.
 *
 * <p>Frames of generated code are computed against the real class hierarchy of the class's
 * own class path ({@link ClassHierarchy}), without loading classes. Where a class file on the
 * way is missing, generated code merges the two types to {@code java/lang/Object}: safe there,
 * because {@link Lowerer} casts every reference before a typed use.
 *
 * <p>Class file versions: generated code links derivatives with {@code invokedynamic}, so a
 * class below version 51 (Java 7) is raised to 51, and version 51 requires frames that older
 * class files lack. Frames are then computed only where unavoidable, for the original methods
 * that need them and have none: methods with branches, switches or handlers in a class file
 * below 50, or without a {@code StackMapTable} at version 50; subroutines ({@code jsr}/{@code
 * ret}, not allowed at 51) are inlined first. Straight-line methods, and version-50 methods
 * with their frames, keep their bytes. Frames of original code are never guessed: if the
 * hierarchy they depend on cannot be read, writing fails with an {@link IllegalStateException}
 * naming the method and the classes.
 */
public final class FrameComputingWriter extends ClassWriter {

    private static final String OBJECT = "java/lang/Object";
    private static final int FRAMES_REQUIRED = Opcodes.V1_7;

    private final ClassHierarchy hierarchy;
    /** The original method whose frames are being computed ({@code com.acme.Model.name(desc)}), or null in generated code. */
    private String original;

    private FrameComputingWriter(ClassReader source, ClassHierarchy hierarchy) {
        super(source, COMPUTE_FRAMES);
        this.hierarchy = hierarchy;
    }

    /** The bytes of a class whose every method is generated (a companion class). */
    public static byte[] write(ClassNode generated, ClassHierarchy hierarchy) {
        FrameComputingWriter writer = new FrameComputingWriter(null, hierarchy);
        generated.accept(writer);
        return writer.toByteArray();
    }

    /**
     * {@code original} with the generated methods {@code added} appended after its own, its
     * version raised to 51 if it is below, and nothing else changed.
     *
     * @throws IllegalStateException when the version is raised and an original method that
     *                               needs new frames depends on classes that cannot be read
     */
    public static byte[] append(byte[] original, List<MethodNode> added, ClassHierarchy hierarchy) {
        ClassReader reader = new ClassReader(original);
        FrameComputingWriter writer = new FrameComputingWriter(reader, hierarchy);
        int major = reader.readUnsignedShort(6);
        Map<String, Boolean> recomputed = major >= FRAMES_REQUIRED ? Map.of() : needingFrames(reader, major);
        reader.accept(new Appender(writer, added, recomputed), 0);
        return writer.toByteArray();
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        Optional<String> merged = hierarchy.commonSuperClass(type1, type2);
        if (merged.isPresent()) {
            return merged.get();
        }
        if (original == null) {
            return OBJECT;
        }
        throw new IllegalStateException("cannot compute the stack-map frames of " + original
                + " that its class file needs at version " + FRAMES_REQUIRED + ": the class files of "
                + type1.replace('/', '.') + " and " + type2.replace('/', '.') + " (or of their supertypes) "
                + "are not on the class path");
    }

    /**
     * The original methods of a class file below version 51 whose frames must be computed
     * (name + descriptor → whether subroutines must be inlined first).
     */
    private static Map<String, Boolean> needingFrames(ClassReader reader, int major) {
        ClassNode node = new ClassNode();
        reader.accept(node, 0);
        Map<String, Boolean> found = new HashMap<>();
        for (MethodNode m : node.methods) {
            boolean subroutines = false;
            boolean branches = !m.tryCatchBlocks.isEmpty();
            boolean frames = false;
            boolean afterTransfer = false;
            for (AbstractInsnNode insn : m.instructions) {
                int op = insn.getOpcode();
                frames |= insn instanceof FrameNode;
                if (op < 0) {
                    continue;
                }
                // An instruction after an unconditional transfer starts a block that needs a frame.
                branches |= afterTransfer || insn.getType() == AbstractInsnNode.JUMP_INSN
                        || insn.getType() == AbstractInsnNode.TABLESWITCH_INSN
                        || insn.getType() == AbstractInsnNode.LOOKUPSWITCH_INSN;
                subroutines |= op == Opcodes.JSR || op == Opcodes.RET;
                afterTransfer = op == Opcodes.ATHROW || op >= Opcodes.IRETURN && op <= Opcodes.RETURN;
            }
            boolean keepsFrames = major == Opcodes.V1_6 && frames;
            if (subroutines || branches && !keepsFrames) {
                found.put(m.name + m.desc, subroutines);
            }
        }
        return found;
    }

    /** Passes the original class through to the writer, raises its version, and appends the generated methods. */
    private static final class Appender extends ClassVisitor {
        private final FrameComputingWriter writer;
        private final List<MethodNode> added;
        private final Map<String, Boolean> recomputed;
        private String className;

        Appender(FrameComputingWriter writer, List<MethodNode> added, Map<String, Boolean> recomputed) {
            super(Opcodes.ASM9, writer);
            this.writer = writer;
            this.added = added;
            this.recomputed = recomputed;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name;
            int raised = (version & 0xFFFF) < FRAMES_REQUIRED ? FRAMES_REQUIRED : version;
            super.visit(raised, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            // Also set for a method the reader copies: should ASM decline to copy one, its frames
            // are computed as an original method's, never guessed.
            writer.original = className.replace('/', '.') + "." + name + descriptor;
            MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
            Boolean subroutines = recomputed.get(name + descriptor);
            if (subroutines == null) {
                // The writer's own MethodWriter: the reader copies the method's bytes.
                return method;
            }
            // Any other visitor makes the reader replay the code, and the writer compute its frames.
            MethodVisitor replayed = new MethodVisitor(Opcodes.ASM9, method) {};
            return subroutines ? new JSRInlinerAdapter(replayed, access, name, descriptor, signature, exceptions)
                    : replayed;
        }

        @Override
        public void visitEnd() {
            writer.original = null;
            for (MethodNode m : added) {
                m.accept(writer);
            }
            super.visitEnd();
        }
    }
}
