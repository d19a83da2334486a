package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;
import dev.cotangent.runtime.Values;
import dev.cotangent.testing.GradCheck;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch and lambda corpora woven as the {@code -javaagent} weaves them, by
 * {@link Weaver#weave} while their classes load (the other classes load unchanged): the
 * woven derivatives are the ones used, and each case's JVP matches finite differences and
 * its VJP the JVP by the dot-product identity.
 */
class AgentPathCorpusTest {

    /** Loads the classes that mention {@code @Differentiable} woven, as the agent's transformer does; the others from the parent. */
    static final class WeavingLoader extends ClassLoader {
        private final Weaver weaver;
        final List<NotDifferentiableException> errors = new ArrayList<>();

        WeavingLoader(ClassLoader parent) {
            super(parent);
            weaver = new Weaver(ClassSource.of(parent));
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                // The corpora and their nested types (one run-time package with them); the rest from the parent.
                if (c == null && (name.startsWith(DispatchCorpus.class.getName())
                        || name.startsWith(LambdaCorpus.class.getName()))) {
                    byte[] bytes = original(name);
                    byte[] woven = Weaver.mentionsDifferentiable(bytes) ? weaver.weave(bytes, errors) : null;
                    byte[] defined = woven != null ? woven : bytes;
                    c = defineClass(name, defined, 0, defined.length);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }

        private byte[] original(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in.readAllBytes();
            } catch (IOException | NullPointerException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    @Test
    void wovenAtLoadTimeTheDerivativesDispatchAndFollowLambdas() throws Exception {
        WeavingLoader loader = new WeavingLoader(getClass().getClassLoader());
        SplittableRandom r = new SplittableRandom(11);
        List<CorpusCases.Case> cases = new ArrayList<>(CorpusCases.dispatch(r));
        cases.addAll(CorpusCases.lambdas(r));
        int checked = 0;
        for (CorpusCases.Case c : cases) {
            Class<?> owner = loader.loadClass(c.owner().getName());
            assertThat(owner.getClassLoader()).isSameAs(loader);
            Object[] args = c.args().clone();
            if (args.length > 0 && c.owner().isInstance(args[0])) {
                // An instance of the woven class, made like the case's own.
                args[0] = owner.getConstructor(Kernels.Kernel.class, double.class)
                        .newInstance(Kernels.polynomial(0.25, 2), 1.5);
            }
            Method m = owner.getDeclaredMethod(c.name(), c.types());
            assertWovenIsUsed(owner, m);
            check(AD.function(owner, c.name(), c.types()), args, c.toString());
            checked++;
        }
        assertThat(loader.errors).isEmpty();
        assertThat(checked).isEqualTo(cases.size());
    }

    /** The tangent AD finds is the method woven into the class, not a companion made at run time. */
    private static void assertWovenIsUsed(Class<?> owner, Method m) throws Exception {
        MethodHandle tangent = Derivatives.of(owner, m.getName(), Derivatives.descriptor(m), Mode.TANGENT);
        Class<?> declaring = MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).revealDirect(tangent)
                .getDeclaringClass();
        assertThat(declaring).as(m.getName()).isSameAs(owner);
    }

    /** JVP against central differences; VJP against the JVP by the dot-product identity. */
    static void check(DifferentiableFunction f, Object[] args, String what) {
        SplittableRandom random = new SplittableRandom(what.hashCode());
        boolean instance = !Modifier.isStatic(f.method().getModifiers());
        Object[] u = new Object[args.length];
        for (int i = instance ? 1 : 0; i < args.length; i++) {
            if (args[i] instanceof Double || Values.differentiable(args[i].getClass())) {
                u[i] = GradCheck.randomLike(args[i], random);
            }
        }
        Object jvp = f.jvp(args, u);
        Object numeric = GradCheck.numericJvp(a -> f.value(copies(a)), args, u, 1e-3);
        GradCheck.assertClose(jvp, numeric, 1e-6, what + " JVP vs finite differences");
        Object v = GradCheck.randomLike(f.value(copies(args)), random);
        Object[] vjp = f.vjp(args, v);
        Object[] adjoints = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            adjoints[i] = u[i] == null ? null : vjp[i];
        }
        GradCheck.assertDotProduct(u, jvp, v, adjoints, 1e-10, what);
    }
}
