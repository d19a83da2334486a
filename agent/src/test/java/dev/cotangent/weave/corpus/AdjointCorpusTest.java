package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.runtime.Values;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;

import static dev.cotangent.testing.GradCheck.copies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reverse mode on the whole corpus: every VJP against central finite differences, element
 * by element, and against forward mode by the dot-product identity.
 */
class AdjointCorpusTest {

    static List<CorpusCases.Case> cases() {
        return CorpusCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vjpMatchesFiniteDifferencesAndTheJvp(CorpusCases.Case c) {
        DifferentiableFunction f = AD.function(c.owner(), c.name(), c.types());
        Object[] args = c.args();
        SplittableRandom random = new SplittableRandom(31L * c.name().hashCode() + 7);
        Object value = f.value(copies(args));
        Object v = GradCheck.randomLike(value, random);
        Object[] before = copies(args);
        Object[] vjp = f.vjp(args, v);
        assertThat(java.util.Arrays.deepEquals(args, before)).as("arguments are not modified").isTrue();

        boolean instance = !java.lang.reflect.Modifier.isStatic(f.method().getModifiers());
        Object[] u = new Object[args.length];
        for (int i = instance ? 1 : 0; i < args.length; i++) {
            if (!differentiable(args[i])) {
                continue;
            }
            u[i] = GradCheck.randomLike(args[i], random);
            double[] x = Values.flatten(args[i]);
            double[] gradient = Values.flatten(vjp[i]);
            double[] numeric = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                double[] unit = new double[x.length];
                unit[j] = 1;
                Object[] direction = new Object[args.length];
                direction[i] = Values.unflatten(unit, args[i]);
                numeric[j] = (Double) GradCheck.numericJvp(a -> GradCheck.inner(f.value(copies(a)), v), args,
                        direction, 1e-3);
            }
            GradCheck.assertClose(gradient, numeric, 1e-6, c.name() + " VJP of argument " + i
                    + " vs finite differences");
        }
        Object jvp = f.jvp(args, u);
        Object[] adjoints = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            adjoints[i] = u[i] == null ? null : vjp[i];
        }
        GradCheck.assertDotProduct(u, jvp, v, adjoints, 1e-10, c.name());
    }

    private static boolean differentiable(Object arg) {
        return arg instanceof Double || arg instanceof double[] || arg instanceof double[][];
    }
}
