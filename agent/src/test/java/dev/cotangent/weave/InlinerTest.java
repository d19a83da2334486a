package dev.cotangent.weave;

import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Linker;
import dev.cotangent.tensor.Linalg;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cotangent's composite operations are inlined into the derivatives that use them, so that
 * code woven ahead of time needs no weaver at run time for classes in Cotangent's own jar.
 */
class InlinerTest {

    static final class UsesComposites {
        @Differentiable
        static double loss(Tensor w, Tensor x) {
            Tensor z = Np.matmul(x, w);
            Tensor p = Np.softmax(z);
            return Np.sum(Np.log(p)).item() + Np.mean(Np.square(w)).item() + Np.logsumexp(z).item()
                    + Linalg.norm(w, "fro").item();
        }
    }

    private final ClassSource classes = ClassSource.of(getClass().getClassLoader());

    @Test
    void everyCompositeOfTheLibraryIsInlined() throws IOException {
        Inliner inliner = new Inliner(classes, new Callees(classes));
        List<String> linked = new ArrayList<>();
        int composites = 0;
        for (String owner : List.of("dev/cotangent/tensor/Np", "dev/cotangent/tensor/Linalg",
                "dev/cotangent/tensor/BasicIndex")) {
            ClassNode node = classes.find(owner).orElseThrow();
            for (MethodNode m : node.methods) {
                if (Callees.annotated(m)) {
                    composites++;
                    if (!inliner.inlinesLibraryComposite(node.name, m, new Diagnostics(node, m.name, m.desc))) {
                        linked.add(owner + "." + m.name + m.desc);
                    }
                }
            }
        }
        assertThat(composites).isGreaterThan(40);
        assertThat(linked).as("composites that would need the weaver at run time").isEmpty();
    }

    @Test
    void wovenCodeLinksToNoDerivativeInTheLibrary() throws IOException {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = new Weaver(classes).weave(bytes(UsesComposites.class), errors);
        assertThat(errors).isEmpty();
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, 0);
        List<String> links = new ArrayList<>();
        int derivatives = 0;
        for (MethodNode m : node.methods) {
            derivatives += m.name.startsWith("cotangent$") ? 1 : 0;
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(
                        Type.getInternalName(Linker.class)) && indy.bsmArgs[0] instanceof Type owner) {
                    links.add(owner.getInternalName() + "." + indy.bsmArgs[1]);
                }
            }
        }
        assertThat(derivatives).isGreaterThanOrEqualTo(3);
        assertThat(links).noneMatch(l -> l.startsWith("dev/cotangent/"));
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
