package dev.cotangent.maven;

import dev.cotangent.AD;
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
import java.util.Set;

/**
 * A lambda or method reference made into one of {@link AD}'s function types
 * ({@code ScalarFunction}, {@code MultivariateFunction}, {@code VectorFunction}): what
 * {@code AD.derivative(t -> t * Math.sin(t), x)} or, in Kotlin, {@code AD.gradient(::loss, x)}
 * passes. {@code AD} differentiates the method behind it — the lambda's body, or the bridge
 * {@code kotlinc} writes for a function reference — which carries no annotation, so without
 * these sites nothing would weave it ahead of time.
 *
 * @param owner      the class declaring the method behind the lambda (internal name)
 * @param method     its name
 * @param descriptor its descriptor
 */
record DifferentiatedLambda(String owner, String method, String descriptor) {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final Set<String> FUNCTION_TYPES = Set.of(Type.getDescriptor(AD.ScalarFunction.class),
            Type.getDescriptor(AD.MultivariateFunction.class), Type.getDescriptor(AD.VectorFunction.class));
    private static final byte[] MARKER = Type.getInternalName(AD.class).getBytes(StandardCharsets.UTF_8);

    /** The lambdas of a class that become AD's function types, in the order of its methods and instructions. */
    static List<DifferentiatedLambda> in(byte[] classBytes) {
        List<DifferentiatedLambda> found = new ArrayList<>();
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
                        if (bootstrap.getOwner().equals(METAFACTORY) && arguments.length > 1
                                && arguments[1] instanceof Handle body
                                && FUNCTION_TYPES.contains(Type.getReturnType(descriptor).getDescriptor())) {
                            found.add(new DifferentiatedLambda(body.getOwner(), body.getName(), body.getDesc()));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }
}
