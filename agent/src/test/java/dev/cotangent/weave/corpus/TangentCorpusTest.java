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

/** Forward mode on the whole corpus: every JVP against central finite differences. */
class TangentCorpusTest {

    static List<CorpusCases.Case> cases() {
        return CorpusCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jvpMatchesFiniteDifferences(CorpusCases.Case c) {
        DifferentiableFunction f = AD.function(c.owner(), c.name(), c.types());
        Object[] args = c.args();
        Object[] tangents = new Object[args.length];
        SplittableRandom random = new SplittableRandom(c.name().hashCode());
        boolean instance = !java.lang.reflect.Modifier.isStatic(f.method().getModifiers());
        for (int i = instance ? 1 : 0; i < args.length; i++) {
            if (Values.differentiable(args[i].getClass()) || args[i] instanceof Double) {
                tangents[i] = GradCheck.randomLike(args[i], random);
            }
        }
        Object[] before = copies(args);
        Object jvp = f.jvp(args, tangents);
        assertThat(java.util.Arrays.deepEquals(args, before)).as("arguments are not modified").isTrue();
        Object numeric = GradCheck.numericJvp(a -> f.value(copies(a)), args, tangents, 1e-3);
        GradCheck.assertClose(jvp, numeric, 1e-6, c.name() + " JVP vs finite differences");
    }
}
