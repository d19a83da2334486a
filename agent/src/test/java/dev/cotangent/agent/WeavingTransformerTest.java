package dev.cotangent.agent;

import dev.cotangent.runtime.TangentOut;
import dev.cotangent.weave.lower.ChildFirstLoader;
import dev.cotangent.weave.lower.ClassFileParts;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link WeavingTransformer}: a woven class keeps its own methods' bytes and loads, whatever
 * ordinary code it holds besides its {@code @Differentiable} methods.
 */
class WeavingTransformerTest {

    private static final String SIBLING_MERGE = "dev/cotangent/agent/SiblingMerge";

    private final List<String> reports = new ArrayList<>();
    private final WeavingTransformer transformer = new WeavingTransformer(reports::add);
    private final ClassLoader parent = getClass().getClassLoader();

    @Test
    void aClassThatMergesSiblingTypesLoadsAndRunsWhenWoven() throws Exception {
        byte[] original = bytes(SIBLING_MERGE);

        byte[] woven = transformer.transform(parent, SIBLING_MERGE, null, null, original);

        assertThat(reports).isEmpty();
        assertThat(woven).isNotNull();
        assertThat(verifierProblems(woven)).isEmpty();
        Map<String, byte[]> before = ClassFileParts.of(original).methods();
        Map<String, byte[]> after = ClassFileParts.of(woven).methods();
        before.forEach((method, info) -> assertThat(after.get(method)).as(method).isEqualTo(info));
        assertThat(after.keySet()).anyMatch(m -> m.startsWith("cotangent$tangent$square"))
                .anyMatch(m -> m.startsWith("cotangent$reverse$scaled"));
        Class<?> loaded = new ChildFirstLoader(Map.of(SIBLING_MERGE, woven), parent).link(SIBLING_MERGE);
        Method parse = loaded.getMethod("parse", String.class, boolean.class);
        assertThat(parse.invoke(null, "3", true)).isEqualTo(3.0);
        assertThat(parse.invoke(null, "2.5", false)).isEqualTo(2.5);
    }

    @Test
    void theWovenDerivativeOfAMethodWithSuchAMergeIsRight() throws Exception {
        byte[] woven = transformer.transform(parent, SIBLING_MERGE, null, null, bytes(SIBLING_MERGE));
        Class<?> loaded = new ChildFirstLoader(Map.of(SIBLING_MERGE, woven), parent).link(SIBLING_MERGE);
        Method tangent = loaded.getDeclaredMethod("cotangent$tangent$scaled", double.class, double.class,
                boolean.class, TangentOut.class);
        tangent.setAccessible(true);
        TangentOut out = new TangentOut();
        double x = 1.5;

        // k·x² with k = 2 (Integer) or 2.5 (Double): derivative 2k·x.
        assertThat((double) tangent.invoke(null, x, 1.0, true, out)).isEqualTo(2 * x * x);
        assertThat(out.real).isCloseTo(2 * 2 * x, within(1e-12));
        assertThat((double) tangent.invoke(null, x, 1.0, false, out)).isEqualTo(2.5 * x * x);
        assertThat(out.real).isCloseTo(2 * 2.5 * x, within(1e-12));
    }

    @Test
    void aClassWithoutDifferentiableMethodsPassesThroughUntouched() throws IOException {
        String name = "dev/cotangent/agent/WeavingTransformer";

        assertThat(transformer.transform(parent, name, null, null, bytes(name))).isNull();
        assertThat(reports).isEmpty();
    }

    /**
     * A Java 5 class file must be raised to version 51 for its derivatives, which needs frames
     * for its branching method; those frames depend on two classes that are not on the class
     * path. The transformer says so and leaves the class as it is, instead of guessing frames.
     */
    @Test
    void aClassWhoseNeededFramesCannotBeComputedLoadsAsItIs() {
        byte[] old = java5ClassMergingMissingTypes("com/acme/Old");

        byte[] woven = transformer.transform(parent, "com/acme/Old", null, null, old);

        assertThat(woven).isNull();
        assertThat(reports).singleElement().asString().contains("could not weave com.acme.Old")
                .contains("com.acme.Old.pick(Z)Ljava/lang/Object;")
                .contains("com.missing.Left and com.missing.Right").contains("not on the class path");
    }

    /** {@code @Differentiable double square(double)}, and {@code pick}, which merges a new Left and a new Right. */
    private static byte[] java5ClassMergingMissingTypes(String name) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor square = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "square", "(D)D", null, null);
        square.visitAnnotation("Ldev/cotangent/Differentiable;", true).visitEnd();
        square.visitCode();
        square.visitVarInsn(Opcodes.DLOAD, 0);
        square.visitVarInsn(Opcodes.DLOAD, 0);
        square.visitInsn(Opcodes.DMUL);
        square.visitInsn(Opcodes.DRETURN);
        square.visitMaxs(4, 2);
        square.visitEnd();
        MethodVisitor pick = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pick", "(Z)Ljava/lang/Object;",
                null, null);
        pick.visitCode();
        Label right = new Label();
        Label done = new Label();
        pick.visitVarInsn(Opcodes.ILOAD, 0);
        pick.visitJumpInsn(Opcodes.IFEQ, right);
        newObject(pick, "com/missing/Left");
        pick.visitJumpInsn(Opcodes.GOTO, done);
        pick.visitLabel(right);
        newObject(pick, "com/missing/Right");
        pick.visitLabel(done);
        pick.visitInsn(Opcodes.ARETURN);
        pick.visitMaxs(2, 1);
        pick.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private static void newObject(MethodVisitor m, String type) {
        m.visitTypeInsn(Opcodes.NEW, type);
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
    }

    private String verifierProblems(byte[] classFile) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), parent, false, new PrintWriter(problems));
        return problems.toString();
    }

    private byte[] bytes(String internalName) throws IOException {
        try (InputStream in = parent.getResourceAsStream(internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
