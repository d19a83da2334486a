package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.TangentOut;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;
import dev.cotangent.weave.lower.MethodSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The code the weaver generates: verifier-clean, loadable, and allocation-free per operation. */
class GeneratedCodeTest {

    private final ClassLoader loader = getClass().getClassLoader();
    private final Weaver weaver = new Weaver(ClassSource.of(loader));

    @Test
    void everyCompanionOfTheCorpusPassesTheVerifier() {
        Deque<DerivativeFactory.Dependency> work = new ArrayDeque<>();
        for (CorpusCases.Case c : CorpusCases.all()) {
            work.add(new DerivativeFactory.Dependency(c.owner().getName().replace('.', '/'), c.name(),
                    descriptorOf(c), Mode.TANGENT, Mode.ALL));
        }
        Set<DerivativeFactory.Dependency> seen = new HashSet<>();
        List<String> verified = new ArrayList<>();
        while (!work.isEmpty()) {
            DerivativeFactory.Dependency d = work.poll();
            if (!seen.add(d)) {
                continue;
            }
            DerivativeFactory.Companion companion = weaver.companion(d.owner(), d.method(), d.descriptor(), d.mode(),
                    d.active());
            verify(companion.bytes(), d.owner() + "." + d.method());
            verified.add(d.method());
            work.addAll(companion.dependencies());
        }
        assertThat(verified).contains("rosenbrock", "horner", "even", "odd", "smoothStep", "squareInto", "energy");
    }

    @Test
    void wovenClassesPassTheVerifierAndLoad() throws Exception {
        byte[] original = bytes(Corpus.class);
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(original, errors);
        assertThat(errors).isEmpty();
        verify(woven, "Corpus");
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, 0);
        long tangents = node.methods.stream().filter(m -> m.name.startsWith("cotangent$tangent$")).count();
        long annotated = Corpus.class.getDeclaredMethods().length == 0 ? 0 : java.util.Arrays.stream(
                Corpus.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Differentiable.class)).count();
        assertThat(tangents).isEqualTo(annotated);
        Class<?> loaded = new ClassLoader(loader) {
            Class<?> define() {
                return defineClass(Corpus.class.getName(), woven, 0, woven.length);
            }
        }.define();
        Method tangent = loaded.getMethod("cotangent$tangent$piecewise", double.class, double.class, TangentOut.class);
        TangentOut out = new TangentOut();
        double y = (double) tangent.invoke(null, 0.4, 1.0, out);
        assertThat(y).isEqualTo(Corpus.piecewise(0.4));
        assertThat(out.real).isCloseTo(Math.cos(0.4) + 2, within(1e-12));
    }

    /** The scalar and tensor corpora. */
    static List<String> corpora() {
        return List.of("dev.cotangent.weave.corpus.Corpus", "dev.cotangent.weave.corpus.RuntimeValueCorpus",
                "dev.cotangent.weave.corpus.DispatchCorpus", "dev.cotangent.weave.corpus.LambdaCorpus",
                "dev.cotangent.weave.tensors.ElementwiseCorpus",
                "dev.cotangent.weave.tensors.ReductionCorpus", "dev.cotangent.weave.tensors.ShapeCorpus",
                "dev.cotangent.weave.tensors.LinalgCorpus", "dev.cotangent.weave.tensors.ProgramCorpus",
                "dev.cotangent.weave.corpus.EdgeCorpus");
    }

    /**
     * Every method the weaver writes for the scalar and tensor corpora, in every mode, passes
     * the verifier and is small enough for HotSpot to compile (ASM's upper bound of its size).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void everyGeneratedMethodIsVerifiedAndUnderTheSizeLimit(String className) throws Exception {
        byte[] original = bytes(Class.forName(className));
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = weaver.weave(original, errors);
        assertThat(errors).isEmpty();
        List<String> generated = verifiedUnderTheSizeLimit(woven, className, m -> m.name.startsWith("cotangent$"));
        assertThat(generated).as("derivatives woven into " + className).isNotEmpty();
    }

    @Test
    void wovenOutputIsDeterministic() throws Exception {
        byte[] original = bytes(Corpus.class);
        byte[] first = new Weaver(ClassSource.of(loader)).weave(original, new ArrayList<>());
        byte[] second = new Weaver(ClassSource.of(loader)).weave(original, new ArrayList<>());
        assertThat(second).isEqualTo(first);
    }

    @Differentiable
    static double scalarLoop(double x, int n) {
        double s = 0;
        double a = x;
        for (int i = 0; i < n; i++) {
            a = 0.5 * a + Math.sin(a) * 0.25 + x * 1e-3;
            s += a * a / (1 + i);
        }
        return s;
    }

    @Test
    void tangentCodeAllocatesNothingPerOperation() {
        var f = AD.function(GeneratedCodeTest.class, "scalarLoop", double.class, int.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int warm = 0; warm < 3; warm++) {
            f.jvp(new Object[] {0.3, 1000}, new Object[] {1.0, null});
        }
        long before = threads.getThreadAllocatedBytes(id);
        f.jvp(new Object[] {0.3, 10}, new Object[] {1.0, null});
        long small = threads.getThreadAllocatedBytes(id) - before;
        before = threads.getThreadAllocatedBytes(id);
        f.jvp(new Object[] {0.3, 1_000_000}, new Object[] {1.0, null});
        long large = threads.getThreadAllocatedBytes(id) - before;
        // The reflective call itself allocates a little (boxing, argument arrays); the
        // million iterations of the woven loop must add nothing to that.
        assertThat(large - small).as("bytes allocated by 10^6 extra iterations").isLessThan(1024);
    }

    @Test
    void stopGradientHasZeroDerivative() {
        double x = 0.7;
        double jvp = (Double) AD.function(Corpus.class, "stopGradient", double.class)
                .jvp(new Object[] {x}, new Object[] {1.0});
        // d/dx [x·s + sin(2s)] with s = x held constant is s.
        assertThat(jvp).isCloseTo(x, within(1e-15));
    }

    /**
     * The second-order sweeps of every static corpus method with one result: each companion
     * the weaver writes passes the verifier and the size limit; what it cannot write is
     * refused with a {@link NotDifferentiableException}, never another exception.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void everySecondOrderMethodIsVerifiedAndUnderTheSizeLimit(String className) throws Exception {
        Class<?> owner = Class.forName(className);
        String internal = owner.getName().replace('.', '/');
        int written = 0;
        for (Method m : owner.getDeclaredMethods()) {
            boolean oneResult = m.getReturnType() == double.class || m.getReturnType() == dev.cotangent.tensor.Tensor.class;
            if (!m.isAnnotationPresent(Differentiable.class) || !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    || !oneResult) {
                continue;
            }
            DerivativeFactory.Companion companion;
            try {
                companion = weaver.companion(internal, m.getName(), dev.cotangent.runtime.Derivatives.descriptor(m),
                        Mode.HESSIAN_FORWARD, Mode.ALL);
            } catch (NotDifferentiableException refused) {
                continue;
            }
            verifiedUnderTheSizeLimit(companion.bytes(), className + "." + m.getName() + " (second order)", g -> true);
            written++;
        }
        assertThat(written).as("second-order companions written for " + className).isPositive();
    }

    /**
     * Verifies a class and checks that each of its methods {@code which} selects is small
     * enough for HotSpot to compile (ASM's upper bound of its size); their names.
     */
    private static List<String> verifiedUnderTheSizeLimit(byte[] bytes, String what,
                                                           java.util.function.Predicate<MethodNode> which) {
        verify(bytes, what);
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        List<String> checked = new ArrayList<>();
        for (MethodNode m : node.methods) {
            if (which.test(m)) {
                checked.add(m.name);
                assertThat(MethodSplitter.maxSize(m)).as(what + ": " + m.name + m.desc).isLessThan(8000);
            }
        }
        return checked;
    }

    static void verify(byte[] bytes, String what) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), GeneratedCodeTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertThat(problems.toString()).as("verifier output for " + what).isEmpty();
    }

    private static byte[] bytes(Class<?> c) throws Exception {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String descriptorOf(CorpusCases.Case c) {
        try {
            return dev.cotangent.runtime.Derivatives.descriptor(c.owner().getDeclaredMethod(c.name(), c.types()));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

}
