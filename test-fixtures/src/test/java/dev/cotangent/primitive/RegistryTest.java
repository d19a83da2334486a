package dev.cotangent.primitive;

import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entry of the registry, checked in both modes: the JVP against central finite
 * differences, and the VJP against the JVP by the dot-product identity, on the inputs of
 * {@link PrimitiveCases}. An entry without inputs fails, so nothing can be added untested.
 *
 * <p>(This test lives in test-fixtures because it uses {@link GradCheck}, and core cannot
 * depend on test-fixtures.)
 */
class RegistryTest {

    private static final double RTOL = 1e-9;
    private static final PrimitiveCases CASES = new PrimitiveCases();

    @TestFactory
    Stream<DynamicNode> everyTensorPrimitive() {
        return Registry.tensorPrimitives().stream().map(p -> {
            List<PrimitiveCases.Case> cases = CASES.of(p.name());
            if (cases.isEmpty()) {
                return DynamicTest.dynamicTest(p.name(), () -> {
                    throw new AssertionError("primitive '" + p.name() + "' (" + p.key().display()
                            + ") has no test inputs in PrimitiveCases");
                });
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                PrimitiveCases.Case c = cases.get(i);
                long seed = 1000L * p.name().hashCode() + i;
                tests.add(DynamicTest.dynamicTest(c.label(), () -> check(p, c, seed)));
            }
            return DynamicContainer.dynamicContainer(p.name(), tests);
        });
    }

    private static void check(Primitive p, PrimitiveCases.Case c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Object[] args = c.args();
        Call call = p.call(args);
        Object[] tangents = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Function<Object, Object> direction = c.directions()[i];
            if (direction != null) {
                Object u = GradCheck.randomLike(args[i], random);
                tangents[i] = PrimitiveCases.symmetric(direction) ? symmetrised((Tensor) u) : u;
            }
        }
        Object jvp = zerosForNulls(p.jvp(call, tangents), call.ans());
        Object numeric = GradCheck.numericJvp(p::apply, args, tangents);
        // Finite differences of a function of size ~|f| carry rounding noise ~1e-13·|f| even
        // where the derivative is exactly zero; below that, only relative error counts.
        double atol = 1e-12 * Math.max(1.0, maxAbs(call.ans()));
        GradCheck.assertClose(jvp, numeric, RTOL, atol, p.name() + " JVP vs finite differences");

        Object v = GradCheck.randomLike(call.ans(), random);
        Object[] vjp = p.vjp(call, v);
        Object[] adjoints = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            if (tangents[i] != null) {
                adjoints[i] = zerosForNulls(vjp[i], args[i]);
                assertShapes(adjoints[i], args[i], p.name() + " VJP of argument " + i);
            }
        }
        GradCheck.assertDotProduct(tangents, jvp, v, adjoints, RTOL, p.name());
    }

    @TestFactory
    Stream<DynamicNode> everyScalarPrimitive() {
        return Registry.scalarPrimitives().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            for (double[] args : ScalarCases.of(p)) {
                checkScalar(p, args);
            }
        }));
    }

    private static void checkScalar(ScalarPrimitive p, double[] args) {
        SplittableRandom random = new SplittableRandom(p.name().hashCode());
        double y = p.apply(args);
        double[] u = new double[args.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextDouble() - 0.5;
        }
        double jvp = p.jvp(args, y, u);
        Object[] boxed = new Object[args.length];
        Object[] boxedU = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            boxed[i] = args[i];
            boxedU[i] = u[i];
        }
        Object numeric = GradCheck.numericJvp(a -> {
            double[] x = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                x[i] = (Double) a[i];
            }
            return p.apply(x);
        }, boxed, boxedU, 1e-3);
        GradCheck.assertClose(jvp, numeric, RTOL, p.name() + " at " + java.util.Arrays.toString(args));
        double v = random.nextDouble() - 0.5;
        double[] vjp = p.vjp(args, y, v);
        GradCheck.assertDotProduct(u, jvp, v, vjp, 1e-12, p.name());
    }

    @org.junit.jupiter.api.Test
    void scalarDerivativesAreInlinableLambdas() {
        // The weaver copies these bodies into user classes: they must be static methods it can find.
        for (ScalarPrimitive p : Registry.scalarPrimitives()) {
            for (ScalarRule r : p.rules()) {
                if (r instanceof ScalarRule.Derivative d) {
                    MethodKey impl = d.implementation();
                    assertThat(impl.owner()).as(p.name()).isEqualTo("dev/cotangent/primitive/ScalarPrims");
                    assertThat(impl.descriptor()).as(p.name()).endsWith(")D");
                }
            }
        }
    }

    private static double maxAbs(Object value) {
        double max = 0;
        if (value instanceof Tensor t) {
            for (double x : t.toArray()) {
                max = Math.max(max, Math.abs(x));
            }
        } else {
            for (Tensor t : (Tensor[]) value) {
                max = Math.max(max, maxAbs(t));
            }
        }
        return max;
    }

    /** (u + uᵀ) / 2 over the last two axes. */
    private static Tensor symmetrised(Tensor u) {
        return Np.multiply(Tensor.scalar(0.5), Np.add(u, Np.swapaxes(u, -1, -2)));
    }

    /** A tangent with zeros where the rules said "zero" ({@code null}). */
    private static Object zerosForNulls(Object tangent, Object like) {
        if (tangent == null) {
            return zeros(like);
        }
        if (tangent instanceof Tensor[] parts) {
            Tensor[] likes = (Tensor[]) like;
            Tensor[] out = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = parts[i] == null ? Np.zeros_like(likes[i]) : parts[i];
            }
            return out;
        }
        return tangent;
    }

    private static Object zeros(Object like) {
        if (like instanceof Tensor t) {
            return Np.zeros_like(t);
        }
        Tensor[] likes = (Tensor[]) like;
        Tensor[] out = new Tensor[likes.length];
        for (int i = 0; i < likes.length; i++) {
            out[i] = Np.zeros_like(likes[i]);
        }
        return out;
    }

    private static void assertShapes(Object adjoint, Object arg, String what) {
        if (arg instanceof Tensor t) {
            assertThat(((Tensor) adjoint).shape()).as(what).containsExactly(t.shape());
        } else {
            Tensor[] a = (Tensor[]) adjoint;
            Tensor[] x = (Tensor[]) arg;
            assertThat(a).as(what).hasSameSizeAs(x);
            for (int i = 0; i < x.length; i++) {
                assertThat(a[i].shape()).as(what + "[" + i + "]").containsExactly(x[i].shape());
            }
        }
    }
}
