package dev.cotangent.weave;

import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Mode;
import dev.cotangent.weave.lower.ChildFirstLoader;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Weaver#weave}: idempotent on woven classes, extra requested derivatives, and no clashing methods. */
class WeaverTest {

    /** A class to weave: one annotated method, one helper it calls. */
    static final class Model {
        @Differentiable
        static double loss(double x) {
            return helper(x) * x;
        }

        static double helper(double x) {
            return Math.sin(x) + x;
        }

        @Differentiable
        static double squares(double x, double[] a) {
            return x * x + a[1] * a[1];
        }
    }

    private final Weaver weaver = new Weaver(ClassSource.of(getClass().getClassLoader()));

    /** Second derivatives woven ahead of time where asked for, and refused at weave time where impossible. */
    static final class SecondOrderModel {
        @Differentiable(secondOrder = true)
        static double energy(dev.cotangent.tensor.Tensor w) {
            return dev.cotangent.tensor.Np.sum(dev.cotangent.tensor.Np.exp(w)).item();
        }

        @Differentiable(secondOrder = true)
        double instance(double x) {
            return x * x;
        }
    }

    @Test
    void secondOrderIsWovenWhereAskedFor() throws IOException {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(bytes(SecondOrderModel.class), errors);
        assertThat(names(woven)).contains("cotangent$hessianForward$energy", "cotangent$hessianReverse$energy")
                .doesNotContain("cotangent$hessianForward$instance");
        assertThat(names(weaver.weave(bytes(Model.class), new ArrayList<>())))
                .noneMatch(n -> n.startsWith("cotangent$hessian"));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("SecondOrderModel.instance(double)").contains("a Hessian-vector product of an instance method"));
        assertThat(new Weaver(ClassSource.of(getClass().getClassLoader())).weave(woven, new ArrayList<>()))
                .as("nothing more to add").isNull();
    }

    @Test
    void aWovenClassIsNotWovenAgain() throws IOException {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(bytes(Model.class), errors);
        assertThat(woven).isNotNull();
        assertThat(names(woven)).contains("cotangent$tangent$loss", "cotangent$forward$loss",
                "cotangent$reverse$loss", "cotangent$forwardTop$loss", "cotangent$reverseTop$loss");

        assertThat(new Weaver(ClassSource.of(getClass().getClassLoader())).weave(woven, errors)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void requestedDerivativesOfOtherMethodsAreAdded() throws IOException {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(bytes(Model.class),
                Set.of(new Weaver.Request("helper", "(D)D", Mode.TANGENT),
                        new Weaver.Request("helper", "(D)D", Mode.REVERSE),
                        new Weaver.Request("undeclared", "(D)D", Mode.TANGENT)), errors);
        assertThat(errors).isEmpty();
        assertThat(names(woven)).contains("cotangent$tangent$helper", "cotangent$forward$helper",
                "cotangent$reverse$helper").doesNotContain("cotangent$forwardTop$helper");
    }

    @Test
    void onlyMissingDerivativesAreAddedToAWovenClass() throws IOException {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(bytes(Model.class), errors);
        byte[] more = weaver.weave(woven, Set.of(new Weaver.Request("helper", "(D)D", Mode.TANGENT)), errors);
        assertThat(errors).isEmpty();
        List<String> names = names(more);
        assertThat(names).contains("cotangent$tangent$helper");
        assertThat(names.stream().filter("cotangent$tangent$loss"::equals)).hasSize(1);
    }

    @Test
    void theOrderOfRequestsDoesNotChangeTheOutput() throws IOException {
        Set<Weaver.Request> forward = new LinkedHashSet<>(List.of(new Weaver.Request("helper", "(D)D", Mode.TANGENT),
                new Weaver.Request("helper", "(D)D", Mode.FORWARD)));
        Set<Weaver.Request> backward = new LinkedHashSet<>(List.of(new Weaver.Request("helper", "(D)D", Mode.FORWARD),
                new Weaver.Request("helper", "(D)D", Mode.TANGENT)));
        byte[] a = new Weaver(ClassSource.of(getClass().getClassLoader())).weave(bytes(Model.class), forward,
                new ArrayList<>());
        byte[] b = new Weaver(ClassSource.of(getClass().getClassLoader())).weave(bytes(Model.class), backward,
                new ArrayList<>());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aValueTimesItselfCostsOneProductPerDerivative() throws IOException {
        byte[] woven = weaver.weave(bytes(Model.class), new ArrayList<>());
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, 0);
        // x·x and a[1]·a[1]: two products in the primal, one more each for (x + x)·ẋ.
        assertThat(count(node, "cotangent$tangent$squares", org.objectweb.asm.Opcodes.DMUL)).isEqualTo(4);
        assertThat(count(node, "cotangent$reverse$squares", org.objectweb.asm.Opcodes.DMUL)).isEqualTo(2);
    }

    /** Two overloads with the same return type: their reverse sweeps would have the same name and descriptor. */
    static final class Overloads {
        @Differentiable
        static double f(double x) {
            return x * x;
        }

        @Differentiable
        static double f(double x, double y) {
            return x * y;
        }
    }

    @Test
    void anOverloadWhoseDerivativeWouldClashWithAnothersIsRejectedAndTheClassLoads() throws Exception {
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(bytes(Overloads.class), errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.method()).isEqualTo("f(double, double)");
            assertThat(e.line()).isPositive();
            assertThat(e.construct()).contains("cotangent$reverse$f(DLdev/cotangent/runtime/Tape;)V")
                    .contains("the derivative of f(double)");
            assertThat(e.getMessage()).contains("give one of the overloads another name");
        });
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, 0);
        assertThat(node.methods.stream().map(m -> m.name + m.desc)).doesNotHaveDuplicates()
                .contains("cotangent$reverse$f(DLdev/cotangent/runtime/Tape;)V",
                        "cotangent$forward$f(DLdev/cotangent/runtime/Tape;)D")
                .noneMatch(m -> m.startsWith("cotangent$forward$f(DD"));
        String name = Overloads.class.getName().replace('.', '/');
        new ChildFirstLoader(Map.of(name, woven), getClass().getClassLoader()).link(name);
    }

    private static long count(ClassNode node, String method, int opcode) {
        MethodNode m = node.methods.stream().filter(n -> n.name.equals(method)).findFirst().orElseThrow();
        long n = 0;
        for (org.objectweb.asm.tree.AbstractInsnNode i : m.instructions) {
            n += i.getOpcode() == opcode ? 1 : 0;
        }
        return n;
    }

    private static List<String> names(byte[] classBytes) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, 0);
        return node.methods.stream().map(m -> m.name).toList();
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
