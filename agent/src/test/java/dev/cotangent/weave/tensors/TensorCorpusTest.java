package dev.cotangent.weave.tensors;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.runtime.Values;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;

/**
 * Both modes of the weaver on the tensor corpus ({@link TensorCorpusCases}), each against an
 * independent reference at a fixed random point:
 * <ul>
 *   <li>reverse mode: the VJP for a random cotangent, element by element, against central
 *       differences (Ridders) of {@code ⟨f(x), v⟩} along each unit vector, to 1e-6 relative;</li>
 *   <li>forward mode: the JVP along a random tangent against central differences of
 *       {@code f} along it, to 1e-6 relative;</li>
 *   <li>the two modes against each other: {@code ⟨JVP(u), v⟩ = ⟨u, VJP(v)⟩} to 1e-10 relative.</li>
 * </ul>
 * Every tensor, tensor array and {@code double} argument is differentiated; other arguments
 * (ints, labels) are data.
 */
class TensorCorpusTest {

    /** The first central-difference step; test points keep further than this from every kink. */
    private static final double STEP = 1e-3;

    static List<TensorCorpusCases.Case> cases() {
        return TensorCorpusCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vjpMatchesFiniteDifferences(TensorCorpusCases.Case c) {
        DifferentiableFunction f = function(c);
        Object[] args = c.args();
        SplittableRandom random = new SplittableRandom(seed(c, 1));
        Object v = GradCheck.randomLike(f.value(copies(args)), random);
        Object[] vjp = f.vjp(args, v);
        for (int i = 0; i < args.length; i++) {
            if (!differentiable(args[i])) {
                continue;
            }
            double[] numeric = new double[Values.size(args[i])];
            for (int j = 0; j < numeric.length; j++) {
                double[] unit = new double[numeric.length];
                unit[j] = 1;
                Object[] direction = new Object[args.length];
                direction[i] = Values.unflatten(unit, args[i]);
                numeric[j] = (Double) GradCheck.numericJvp(a -> GradCheck.inner(f.value(copies(a)), v), args,
                        direction, STEP);
            }
            GradCheck.assertClose(Values.flatten(GradCheck.orZeros(vjp[i], args[i])), numeric, 1e-6,
                    c + " VJP of argument " + i + " vs finite differences");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpMatchesFiniteDifferences(TensorCorpusCases.Case c) {
        DifferentiableFunction f = function(c);
        Object[] args = c.args();
        Object[] u = tangents(args, new SplittableRandom(seed(c, 2)));
        Object value = f.value(copies(args));
        Object jvp = GradCheck.orZeros(f.jvp(args, u), value);
        Object numeric = GradCheck.numericJvp(a -> f.value(copies(a)), args, u, STEP);
        GradCheck.assertClose(jvp, numeric, 1e-6, c + " JVP vs finite differences");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpAndVjpSatisfyTheDotProductIdentity(TensorCorpusCases.Case c) {
        DifferentiableFunction f = function(c);
        Object[] args = c.args();
        SplittableRandom random = new SplittableRandom(seed(c, 3));
        Object[] u = tangents(args, random);
        Object value = f.value(copies(args));
        Object v = GradCheck.randomLike(value, random);
        Object jvp = GradCheck.orZeros(f.jvp(args, u), value);
        Object[] vjp = f.vjp(args, v);
        Object[] adjoints = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            adjoints[i] = u[i] == null ? null : GradCheck.orZeros(vjp[i], args[i]);
        }
        GradCheck.assertDotProduct(u, jvp, v, adjoints, 1e-10, c.toString());
    }

    private static DifferentiableFunction function(TensorCorpusCases.Case c) {
        return AD.function(c.owner(), c.name(), c.types());
    }

    private static long seed(TensorCorpusCases.Case c, int test) {
        return 31L * c.toString().hashCode() + test;
    }

    private static Object[] tangents(Object[] args, SplittableRandom random) {
        Object[] u = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            u[i] = differentiable(args[i]) ? GradCheck.randomLike(args[i], random) : null;
        }
        return u;
    }

    static boolean differentiable(Object arg) {
        return arg instanceof Double || Values.differentiable(arg.getClass());
    }
}
