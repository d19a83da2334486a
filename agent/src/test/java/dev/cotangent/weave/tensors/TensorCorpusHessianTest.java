package dev.cotangent.weave.tensors;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.Values;
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
        double[] numeric = (double[]) GradCheck.numericJvp(a -> flat(f.vjp(copies(a), w), a), args, v, STEP);
        GradCheck.assertClose(flat(hv, args), numeric, 1e-5, c + " Hessian-vector product vs finite differences");
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

    /** The derivatives of the differentiable arguments, zeros for {@code null}, as one vector. */
    private static double[] flat(Object[] derivatives, Object[] args) {
        double[][] parts = new double[args.length][];
        int n = 0;
        for (int i = 0; i < args.length; i++) {
            if (TensorCorpusTest.differentiable(args[i])) {
                parts[i] = derivatives[i] == null ? new double[Values.size(args[i])] : flatOrZeros(derivatives[i], args[i]);
                n += parts[i].length;
            }
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            if (p != null) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
        }
        return out;
    }

    private static double[] flatOrZeros(Object derivative, Object like) {
        if (derivative instanceof Tensor[] parts) {
            Tensor[] likes = (Tensor[]) like;
            double[][] each = new double[parts.length][];
            int n = 0;
            for (int i = 0; i < parts.length; i++) {
                each[i] = parts[i] == null ? new double[likes[i].size()] : Values.flatten(parts[i]);
                n += each[i].length;
            }
            double[] out = new double[n];
            int at = 0;
            for (double[] p : each) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
        return Values.flatten(derivative);
    }

    private static Object[] copies(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = Values.copy(args[i]);
        }
        return out;
    }
}
