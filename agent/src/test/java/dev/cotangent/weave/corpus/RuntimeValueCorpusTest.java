package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.runtime.Values;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both modes on {@link RuntimeValueCorpus}, where arrays and tensors pass through
 * {@code Object}, type variables, bridge methods and merges with constant arrays: the VJP
 * element by element and the JVP against central finite differences, and the two against
 * each other by {@code ⟨JVP(u), v⟩ = ⟨u, VJP(v)⟩}. A parameter declared {@code Object} is
 * differentiated as what it holds.
 */
class RuntimeValueCorpusTest {

    /** A corpus method by name and declared parameter types, and one point to test it at. */
    record Case(String name, Class<?>[] types, Object... args) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(name);
            for (Object a : args) {
                if (a instanceof Boolean || a instanceof Integer) {
                    s.append(' ').append(a);
                } else if (a != null && (a instanceof Tensor || !a.getClass().isArray())) {
                    s.append(' ').append(a.getClass().getSimpleName());
                }
            }
            return s.toString();
        }
    }

    static List<Case> cases() {
        SplittableRandom r = new SplittableRandom(12);
        Class<?> d1 = double[].class;
        Class<?> d2 = double[][].class;
        Class<?> t = Tensor.class;
        List<Case> c = new ArrayList<>();
        c.add(new Case("throughGenericInterface", types(d1), vector(r, 3)));
        c.add(new Case("matrixThroughGenericInterface", types(d2), (Object) matrix(r, 2, 3)));
        c.add(new Case("tensorThroughGenericInterface", types(t), tensor(r, 2, 2)));
        c.add(new Case("genericResultThroughBridge", types(d1, d1), vector(r, 3), vector(r, 3)));
        c.add(new Case("tensorResultThroughBridge", types(t, t), tensor(r, 3), tensor(r, 3)));
        c.add(new Case("pickArrays", types(d1, d1), new double[] {0.9, -0.4}, new double[] {0.2, 0.7}));
        c.add(new Case("pickArrays", types(d1, d1), new double[] {0.1, -0.4}, new double[] {0.2, 0.7}));
        c.add(new Case("pickMatrices", types(d2, d2, boolean.class), matrix(r, 2, 2), matrix(r, 2, 2), true));
        c.add(new Case("pickMatrices", types(d2, d2, boolean.class), matrix(r, 2, 2), matrix(r, 2, 2), false));
        c.add(new Case("pickTensors", types(t, t), tensor(r, 2, 3), tensor(r, 2, 3)));
        c.add(new Case("firstRow", types(d2), (Object) matrix(r, 2, 2)));
        c.add(new Case("objectParameters", types(d1, d2, t), vector(r, 3), matrix(r, 2, 2), tensor(r, 3)));
        c.add(new Case("objectLocal", types(d1), vector(r, 2)));
        c.add(new Case("objectResultWritten", types(d1), vector(r, 3)));
        c.add(new Case("objectArrayOfParts", types(d1, d1, t), vector(r, 2), vector(r, 2), tensor(r, 2)));
        c.add(new Case("objectParameter", types(Object.class), vector(r, 3)));
        c.add(new Case("objectParameter", types(Object.class), (Object) matrix(r, 2, 3)));
        c.add(new Case("objectParameter", types(Object.class), tensor(r, 2, 2)));
        c.add(new Case("objectParameter", types(Object.class), "a label"));
        c.add(new Case("objectResult", types(d1, t, boolean.class), vector(r, 3), tensor(r, 2), true));
        c.add(new Case("objectResult", types(d1, t, boolean.class), vector(r, 3), tensor(r, 2), false));
        c.add(new Case("templateInGenericBase", types(d1), vector(r, 2)));
        c.add(new Case("genericDefaultMethod", types(d2), (Object) matrix(r, 2, 2)));
        c.add(new Case("genericArrayHelper", types(d2), (Object) matrix(r, 2, 2)));
        c.add(new Case("arrayOrTensorInOneVariable", types(d1, t, boolean.class), vector(r, 2), tensor(r, 2), true));
        c.add(new Case("arrayOrTensorInOneVariable", types(d1, t, boolean.class), vector(r, 2), tensor(r, 2), false));
        c.add(new Case("writesThroughObjectParameter", types(d1, double.class), vector(r, 3), 0.7));
        c.add(new Case("nestedGenericHelpers", types(d1, int.class), vector(r, 2), 3));
        c.add(new Case("objectArrayOfMatrices", types(d2, d1), matrix(r, 2, 2), vector(r, 2)));
        c.add(new Case("rowStoredThroughObjectHelper", types(d2, d1), matrix(r, 2, 2), vector(r, 2)));
        c.add(new Case("tensorSequenceThroughGenericInterface", types(t, t), tensor(r, 2), tensor(r, 2)));
        c.add(new Case("writesIntoArgumentOrConstant", types(d1, boolean.class), vector(r, 3), true));
        c.add(new Case("objectArrayResult", types(d1, t), vector(r, 3), tensor(r, 2)));
        c.add(new Case("matrixOfRowsResult", types(d1), vector(r, 2)));
        c.add(new Case("loopsThroughObject", types(t, d1, int.class), tensor(r, 2), vector(r, 3), 3));
        c.add(new Case("bufferTypedObjectFilledByHelper", types(d1, boolean.class), vector(r, 2), true));
        c.add(new Case("bufferTypedObjectFilledByHelper", types(d1, boolean.class), vector(r, 2), false));
        c.add(new Case("genericInterfaceMethod", types(d1, t, double.class), vector(r, 2), tensor(r, 2), 0.8));
        for (boolean ok : new boolean[] {true, false}) {
            c.add(new Case("tensorOrConstant", types(t, boolean.class), tensor(r, 2), ok));
            c.add(new Case("argumentOrConstant", types(d1, boolean.class), vector(r, 3), ok));
            c.add(new Case("argumentOrConstantReturned", types(d1, boolean.class), vector(r, 3), ok));
            c.add(new Case("matrixOrConstant", types(d2, boolean.class), matrix(r, 2, 2), ok));
            c.add(new Case("mergeHandedToHelper", types(d1, d1, boolean.class), vector(r, 3), vector(r, 3), ok));
            c.add(new Case("objectOrConstant", types(d1, boolean.class), vector(r, 3), ok));
            c.add(new Case("literalOrConstant", types(d1, boolean.class), vector(r, 3), ok));
        }
        for (int which = 0; which < 4; which++) {
            c.add(new Case("twoMergesHandedToHelper", types(d1, d1, int.class), vector(r, 3), vector(r, 3), which));
        }
        c.add(new Case("threadLocalConstants", types(d1), vector(r, 2)));
        return c;
    }

    /**
     * A caller writing into what {@code ok ? v : DEFAULT} returned: where the argument came back
     * the derivative is checked with the other cases; where the constant came back, both modes
     * stop with the same clear error naming the helper, rather than track a derivative in a
     * shadow the constant does not have.
     */
    @Test
    void writingIntoTheConstantThatCameBackStopsBothModesClearly() {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, "writesIntoArgumentOrConstant",
                double[].class, boolean.class);
        double[] x = {0.3, 0.6, -0.2};
        String message = "RuntimeValueCorpus.orDefault returns an array that carries no derivative";
        assertThatThrownBy(() -> f.gradient(x, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message);
        assertThatThrownBy(() -> f.jvp(new Object[] {x, false}, new Object[] {new double[3], null}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    /**
     * javac's bridge method itself at the API ({@code score(Object)} of {@code Scorer<double[]>}
     * and {@code Scorer<Tensor>}): its gradient is that of the value passed, ‖x‖²'s 2x and
     * Σ tanh(t)·t's tanh(t) + t·(1 − tanh²(t)).
     */
    @Test
    void aBridgeMethodIsDifferentiatedAtTheApiAsWhatItIsGiven() {
        double[] x = {0.5, -1.25, 2.0};
        Object[] g = AD.function(RuntimeValueCorpus.SquaredNorm.class, "score", Object.class)
                .gradient(new RuntimeValueCorpus.SquaredNorm(), x);
        assertThat(g[0]).isNull();
        assertThat((double[]) g[1]).containsExactly(1.0, -2.5, 4.0);
        Tensor t = Tensor.of(new double[] {0.3, -0.7}, 2);
        Object[] h = AD.function(RuntimeValueCorpus.TensorScore.class, "score", Object.class)
                .gradient(new RuntimeValueCorpus.TensorScore(), t);
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double v = t.toArray()[i];
            double th = Math.tanh(v);
            expected[i] = th + v * (1 - th * th);
        }
        GradCheck.assertClose(((Tensor) h[1]).toArray(), expected, 1e-12, "bridge score(Object) of a tensor");
    }

    /**
     * An {@code Object[]} parameter holding an array and a tensor: the gradient is an
     * {@code Object[]} of their gradients, each against central differences, and the JVP along
     * a direction of the same structure against central differences too.
     */
    @Test
    void anObjectArrayParameterGetsTheDerivativeOfEachPart() {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, "objectArrayParameter", Object[].class);
        SplittableRandom r = new SplittableRandom(5);
        Object[] numbers = {vector(r, 3), tensor(r, 2, 2)};
        // The label is no number: the finite differences perturb the array and the tensor only.
        java.util.function.Function<Object[], Object> value = a -> f.value(
                (Object) new Object[] {Values.copy(a[0]), a[1], "label"});
        Object[] parts = {numbers[0], numbers[1], "label"};
        Object[] g = (Object[]) f.gradient((Object) parts)[0];
        assertThat(g[2]).isNull();
        for (int p = 0; p < 2; p++) {
            double[] numeric = new double[Values.size(numbers[p])];
            for (int j = 0; j < numeric.length; j++) {
                double[] unit = new double[numeric.length];
                unit[j] = 1;
                Object[] direction = {null, null};
                direction[p] = Values.unflatten(unit, numbers[p]);
                numeric[j] = (Double) GradCheck.numericJvp(value, numbers, direction, 1e-3);
            }
            GradCheck.assertClose(Values.flatten(g[p]), numeric, 1e-6, "gradient of part " + p);
        }
        Object[] u = {vector(r, 3), tensor(r, 2, 2)};
        double jvp = (Double) f.jvp(new Object[] {parts}, new Object[] {new Object[] {u[0], u[1], null}});
        double numeric = (Double) GradCheck.numericJvp(value, numbers, u, 1e-3);
        GradCheck.assertClose(new double[] {jvp}, new double[] {numeric}, 1e-6, "JVP along both parts");
        // A pullback pulled twice: the parameter's shadow (a tensor's adjoint in a slot) starts from zero again.
        dev.cotangent.Pullback pullback = f.pullback((Object) parts);
        pullback.pull(1.0);
        Object[] again = (Object[]) pullback.pull(1.0)[0];
        for (int p = 0; p < 2; p++) {
            GradCheck.assertClose(Values.flatten(again[p]), Values.flatten(g[p]), 1e-12, "second pull of part " + p);
        }
    }

    /**
     * A pullback replays its record once per cotangent: the shadows of values held as Object
     * (an {@code Object[]}'s slots gather tensor adjoints) start from zero each time, so two
     * pulls with one cotangent give the same VJP, the one {@code vjp} gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPullbackGivesTheSameVjpEachTime(Case c) {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, c.name(), c.types());
        Object[] args = c.args();
        Object v = GradCheck.randomLike(f.value(copies(args)), new SplittableRandom(seed(c, 5)));
        dev.cotangent.Pullback pullback = f.pullback(copies(args));
        Object[] first = pullback.pull(v);
        Object[] second = pullback.pull(v);
        Object[] vjp = f.vjp(copies(args), v);
        for (int i = 0; i < args.length; i++) {
            if (differentiable(args[i])) {
                GradCheck.assertClose(GradCheck.orZeros(second[i], args[i]), GradCheck.orZeros(first[i], args[i]), 1e-12,
                        c + " second pull of argument " + i);
                GradCheck.assertClose(GradCheck.orZeros(first[i], args[i]), GradCheck.orZeros(vjp[i], args[i]), 1e-12,
                        c + " pull and vjp of argument " + i);
            }
        }
    }

    /** The cases of methods returning one double, which have Hessian-vector products. */
    static List<Case> secondOrderCases() throws NoSuchMethodException {
        List<Case> out = new ArrayList<>();
        for (Case c : cases()) {
            if (RuntimeValueCorpus.class.getDeclaredMethod(c.name(), c.types()).getReturnType() == double.class) {
                out.add(c);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vjpMatchesFiniteDifferences(Case c) {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, c.name(), c.types());
        Object[] args = c.args();
        Object v = GradCheck.randomLike(f.value(copies(args)), new SplittableRandom(seed(c, 1)));
        Object[] before = copies(args);
        Object[] vjp = f.vjp(args, v);
        assertThat(java.util.Arrays.deepEquals(args, before)).as("arguments are not modified").isTrue();
        for (int i = 0; i < args.length; i++) {
            if (!differentiable(args[i])) {
                assertThat(vjp[i]).as(c + ": no derivative for argument " + i).isNull();
                continue;
            }
            double[] numeric = new double[Values.size(args[i])];
            for (int j = 0; j < numeric.length; j++) {
                double[] unit = new double[numeric.length];
                unit[j] = 1;
                Object[] direction = new Object[args.length];
                direction[i] = Values.unflatten(unit, args[i]);
                numeric[j] = (Double) GradCheck.numericJvp(a -> GradCheck.inner(f.value(copies(a)), v), args,
                        direction, 1e-3);
            }
            GradCheck.assertClose(Values.flatten(GradCheck.orZeros(vjp[i], args[i])), numeric, 1e-6,
                    c + " VJP of argument " + i + " vs finite differences");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpMatchesFiniteDifferences(Case c) {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, c.name(), c.types());
        Object[] args = c.args();
        Object[] u = tangents(args, new SplittableRandom(seed(c, 2)));
        Object value = f.value(copies(args));
        Object[] before = copies(args);
        Object jvp = GradCheck.orZeros(f.jvp(args, u), value);
        assertThat(java.util.Arrays.deepEquals(args, before)).as("arguments are not modified").isTrue();
        Object numeric = GradCheck.numericJvp(a -> f.value(copies(a)), args, u, 1e-3);
        GradCheck.assertClose(jvp, numeric, 1e-6, c + " JVP vs finite differences");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpAndVjpSatisfyTheDotProductIdentity(Case c) {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, c.name(), c.types());
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

    /**
     * Second order where it applies (static methods with one double result): the Hessian-vector
     * product against central differences of the gradient, or a clear rejection.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("secondOrderCases")
    void hessianVectorProductsMatchFiniteDifferencesOfTheGradient(Case c) {
        DifferentiableFunction f = AD.function(RuntimeValueCorpus.class, c.name(), c.types());
        Object[] args = c.args();
        Object[] u = tangents(args, new SplittableRandom(seed(c, 4)));
        Object[] hv;
        try {
            hv = f.hvp(args, u);
        } catch (dev.cotangent.NotDifferentiableException refused) {
            // Rejected clearly (virtual calls, recursion, Object parameters, arrays from fields): no wrong value.
            assertThat(refused.getMessage()).startsWith("RuntimeValueCorpus.java");
            return;
        }
        Object[] numeric = (Object[]) GradCheck.numericJvp(a -> f.gradient(copies(a)), args, u, 1e-3);
        for (int i = 0; i < args.length; i++) {
            if (differentiable(args[i])) {
                GradCheck.assertClose(GradCheck.orZeros(hv[i], args[i]), GradCheck.orZeros(numeric[i], args[i]), 1e-5,
                        c + " HVP of argument " + i);
            }
        }
    }

    private static boolean differentiable(Object arg) {
        return arg instanceof Double || arg != null && Values.differentiable(arg.getClass());
    }

    private static Object[] tangents(Object[] args, SplittableRandom random) {
        Object[] u = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            u[i] = differentiable(args[i]) ? GradCheck.randomLike(args[i], random) : null;
        }
        return u;
    }

    private static long seed(Case c, int test) {
        return 31L * c.toString().hashCode() + test;
    }

    private static Class<?>[] types(Class<?>... t) {
        return t;
    }

    private static double[] vector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1.2, 1.2);
        }
        return v;
    }

    private static double[][] matrix(SplittableRandom r, int m, int n) {
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = vector(r, n);
        }
        return a;
    }

    private static Tensor tensor(SplittableRandom r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return Tensor.of(vector(r, n), shape);
    }
}
