package dev.cotangent.maven;

import dev.cotangent.runtime.Linker;
import dev.cotangent.runtime.Mode;
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
 * A call from woven code to the derivative of another method: an {@code invokedynamic} site
 * bootstrapped by {@link Linker#link}, whose static arguments name the method (class,
 * name, descriptor), the derivative ({@link Mode}) and the dispatch. Reading these sites
 * from a class file gives exactly the derivatives that its woven code needs at run time.
 *
 * @param owner      the class named at the call (internal name)
 * @param method     the method's name
 * @param descriptor the method's descriptor
 * @param mode       the derivative called
 * @param virtual    whether the derivative is chosen by the receiver's class at run time
 * @param active     the parameters that carry derivatives in the variant called ({@link Mode#ALL}: all)
 */
record LinkSite(String owner, String method, String descriptor, Mode mode, boolean virtual, long active) {

    private static final String LINKER = Type.getInternalName(Linker.class);
    private static final byte[] MARKER = LINKER.getBytes(StandardCharsets.UTF_8);

    /** The link sites of a class, in the order of its methods and instructions. */
    static List<LinkSite> in(byte[] classBytes) {
        List<LinkSite> sites = new ArrayList<>();
        if (!Weaver.mentions(classBytes, MARKER)) {
            return sites;
        }
        new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                       Object... arguments) {
                        boolean variant = bootstrap.getName().equals("linkVariant");
                        if (bootstrap.getOwner().equals(LINKER) && (variant || bootstrap.getName().equals("link"))) {
                            sites.add(new LinkSite(((Type) arguments[0]).getInternalName(), (String) arguments[1],
                                    (String) arguments[2], Mode.values()[(Integer) arguments[3]],
                                    (Integer) arguments[4] == Linker.VIRTUAL, variant ? (Long) arguments[5] : Mode.ALL));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return sites;
    }
}
