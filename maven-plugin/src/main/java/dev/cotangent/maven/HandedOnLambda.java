package dev.cotangent.maven;

import dev.cotangent.runtime.LambdaObjects;
import dev.cotangent.weave.Weaver;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A lambda that woven code makes and hands on (to a helper, say): the {@code invokedynamic}
 * bootstrapped by {@link LambdaObjects#made} right after it names the lambda site (by its
 * number in the class). Wherever the lambda goes, a virtual call may run its body, so its
 * bridge's derivatives are woven for the virtual calls of its interface method.
 *
 * @param site the lambda site's number among the class's lambda sites
 */
record HandedOnLambda(int site) {

    private static final String OBJECTS = Type.getInternalName(LambdaObjects.class);
    private static final byte[] MARKER = OBJECTS.getBytes(StandardCharsets.UTF_8);

    /** The lambdas a class's woven code hands on, in the order of its methods and instructions. */
    static List<HandedOnLambda> in(byte[] classBytes) {
        List<HandedOnLambda> found = new ArrayList<>();
        if (!Weaver.mentions(classBytes, MARKER)) {
            return found;
        }
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                       Object... arguments) {
                        if (bootstrap.getOwner().equals(OBJECTS) && bootstrap.getName().equals("made")) {
                            found.add(new HandedOnLambda((Integer) arguments[0]));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }
}
