package dev.cotangent.weave.tensors;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static dev.cotangent.testing.GradCheck.copies;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second derivatives over the tensor corpus ({@link TensorCorpusCases}): for each method, the
 * Hessian-vector product of {@code ⟨f(x), w⟩} along a random v, against central differences
 * (Ridders) of the VJP {@code x ↦ ∇f(x)ᵀw} along v, to 1e-5 relative. Methods whose second
 * derivative is refused are listed in {@link #REFUSED} with the primitive that stops them;
 * a refusal that is not listed, or a listed method that starts working, fails.
 */
class TensorCorpusHessianTest {

    private static final double STEP = 1e-3;

    /** Corpus methods and why their second derivative is refused (a part of the message). */
    static final Map<String, String> REFUSED = new TreeMap<>(Map.of(
            "ProgramCorpus.matrixPower", "second derivatives through the recursive call to ProgramCorpus.matrixPower"));

    /** The corpus's static methods with one result (a Hessian-vector product's domain). */
    static List<TensorCorpusCases.Case> cases() {
        return TensorCorpusCases.all().stream()
                .filter(c -> {
                    Method m = method(c);
                    return Modifier.isStatic(m.getModifiers())
                            && (m.getReturnType() == double.class || m.getReturnType() == Tensor.class);
                })
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianVectorProductMatchesFiniteDifferencesOfTheVjp(TensorCorpusCases.Case c) {
        DifferentiableFunction f = AD.function(c.owner(), c.name(), c.types());
        Object[] args = c.args();
        SplittableRandom random = new SplittableRandom(31L * c.toString().hashCode() + 4);
        Object value = f.value(copies(args));
        Object w = GradCheck.randomLike(value, random);
        Object[] v = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            v[i] = TensorCorpusTest.differentiable(args[i]) ? GradCheck.randomLike(args[i], random) : null;
        }
        Object[] hv;
        try {
            hv = f.hvp(copies(args), v, w);
        } catch (NotDifferentiableException e) {
            assertThat(REFUSED).as(c + " is refused: " + e.getMessage()).containsKey(c.toString());
            assertThat(e.getMessage()).contains(REFUSED.get(c.toString()));
            return;
        }
        assertThat(REFUSED).as(c + " works now: take it off the refused list").doesNotContainKey(c.toString());
        double[] numeric = (double[]) GradCheck.numericJvp(a -> differentiated(f.vjp(copies(a), w), a), args, v, STEP);
        GradCheck.assertClose(differentiated(hv, args), numeric, 1e-5, c + " Hessian-vector product vs finite differences");
    }

    @Test
    void everyRefusalIsACorpusMethod() {
        List<String> names = cases().stream().map(Object::toString).toList();
        assertThat(names).containsAll(REFUSED.keySet());
    }

    private static Method method(TensorCorpusCases.Case c) {
        try {
            return c.owner().getDeclaredMethod(c.name(), c.types());
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** The derivatives of the differentiable arguments as one vector. */
    private static double[] differentiated(Object[] derivatives, Object[] args) {
        return GradCheck.flatDerivatives(derivatives, args, i -> TensorCorpusTest.differentiable(args[i]));
    }
}
