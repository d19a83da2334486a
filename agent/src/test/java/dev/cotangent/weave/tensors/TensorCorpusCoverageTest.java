package dev.cotangent.weave.tensors;

import dev.cotangent.Differentiable;
import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tensor corpus covers the registry: every built-in tensor primitive's method is called
 * directly (not only through a library composite) inside some {@code @Differentiable}
 * method of the corpus classes, read from their bytecode with ASM. A new primitive without a
 * corpus case fails here. Every such method also has a test point in
 * {@link TensorCorpusCases}, so that no call counts as covered without being checked.
 */
class TensorCorpusCoverageTest {

    static final List<Class<?>> CORPUS = List.of(ElementwiseCorpus.class, ReductionCorpus.class, ShapeCorpus.class,
            LinalgCorpus.class, ProgramCorpus.class);

    private static final String DIFFERENTIABLE = Type.getDescriptor(Differentiable.class);

    @Test
    void everyRegistryPrimitiveIsCalledInAWovenCorpusMethod() {
        Set<MethodKey> called = new java.util.HashSet<>();
        for (Class<?> owner : CORPUS) {
            for (MethodNode m : differentiableMethods(owner)) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof MethodInsnNode call) {
                        called.add(new MethodKey(call.owner, call.name, call.desc));
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Primitive p : Registry.tensorPrimitives()) {
            // TangentTerms's primitives are written by the weaver into second-order code, never
            // by users; the tensor Hessian tests differentiate through them.
            boolean weaverOnly = p.method().getDeclaringClass() == dev.cotangent.primitive.TangentTerms.class;
            if (!weaverOnly && !called.contains(p.key())) {
                missing.add(p.name() + " " + p.key().display());
            }
        }
        assertThat(missing).as("registry primitives that no @Differentiable corpus method calls").isEmpty();
    }

    @Test
    void everyCorpusMethodHasATestPointAndTheCorpusIsLargeEnough() {
        Set<String> declared = new TreeSet<>();
        for (Class<?> owner : CORPUS) {
            for (MethodNode m : differentiableMethods(owner)) {
                declared.add(owner.getSimpleName() + "." + m.name + m.desc.substring(0, m.desc.indexOf(')') + 1));
            }
        }
        Set<String> tested = new TreeSet<>();
        for (TensorCorpusCases.Case c : TensorCorpusCases.all()) {
            StringBuilder desc = new StringBuilder("(");
            for (Class<?> t : c.types()) {
                desc.append(Type.getDescriptor(t));
            }
            tested.add(c.owner().getSimpleName() + "." + c.name() + desc + ")");
        }
        assertThat(tested).as("corpus cases").isEqualTo(declared);
        assertThat(declared).as("@Differentiable tensor functions in the corpus").hasSizeGreaterThanOrEqualTo(40);
    }

    private static List<MethodNode> differentiableMethods(Class<?> owner) {
        ClassNode node = new ClassNode();
        try (InputStream in = owner.getResourceAsStream(owner.getSimpleName() + ".class")) {
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node.methods.stream().filter(TensorCorpusCoverageTest::isDifferentiable).toList();
    }

    private static boolean isDifferentiable(MethodNode m) {
        List<AnnotationNode> annotations = m.visibleAnnotations;
        return annotations != null && annotations.stream().anyMatch(a -> a.desc.equals(DIFFERENTIABLE));
    }
}
