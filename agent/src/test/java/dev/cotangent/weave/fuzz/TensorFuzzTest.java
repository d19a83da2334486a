package dev.cotangent.weave.fuzz;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * The weaver on random tensor programs ({@link TensorPrograms}): for each, the JVP against
 * central differences to 1e-6 relative, the VJP against the JVP by the dot-product identity
 * to 1e-10, a {@code Pullback} against the VJP, and the Hessian-vector product of
 * {@code ⟨f(x), v⟩} against central differences of the VJP to 1e-5. By default a fixed set of seeds runs in
 * {@code mvn verify}; {@code cotangent.fuzz.tensorPrograms} and {@code cotangent.fuzz.firstSeed}
 * choose others ({@code -Pfuzz} runs more), {@code cotangent.fuzz.seed=N} one program, printed.
 */
class TensorFuzzTest {

    private static final int DEFAULT_PROGRAMS = 60;

    @Test
    void randomTensorProgramsHaveCorrectDerivatives() throws Exception {
        String one = System.getProperty("cotangent.fuzz.seed");
        long first = one != null ? Long.parseLong(one) : Long.getLong("cotangent.fuzz.firstSeed", 1);
        int count = one != null ? 1 : Integer.getInteger("cotangent.fuzz.tensorPrograms", DEFAULT_PROGRAMS);
        Map<String, String> sources = new LinkedHashMap<>();
        for (long seed = first; seed < first + count; seed++) {
            sources.put(TensorPrograms.className(seed), TensorPrograms.source(seed));
        }
        if (one != null) {
            System.out.println(sources.values().iterator().next());
        }
        ProgramCompiler.Loader loader = new ProgramCompiler.Loader(getClass().getClassLoader(),
                new ProgramCompiler().compile(sources));
        List<String> failures = new ArrayList<>();
        Throwable firstCause = null;
        for (long seed = first; seed < first + count; seed++) {
            try {
                check(loader.loadClass(TensorPrograms.className(seed)), seed);
            } catch (AssertionError | RuntimeException e) {
                firstCause = firstCause == null ? e : firstCause;
                failures.add("seed " + seed + " (rerun with -Dcotangent.fuzz.seed=" + seed + "): " + e + "\n"
                        + TensorPrograms.source(seed));
            }
        }
        System.out.printf("tensor fuzz: seeds %d..%d: %d failed%n", first, first + count - 1, failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " tensor programs failed; the first:\n" + failures.get(0), firstCause);
        }
    }

    private static void check(Class<?> program, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = 2 + r.nextInt(2);
        int n = 2 + r.nextInt(3);
        int k = r.nextInt(3);
        Tensor x = scaled(Tensor.randn(r.nextLong(), m, n), 0.7);
        Tensor w = scaled(Tensor.randn(r.nextLong(), n, n), 0.5);
        Tensor b = scaled(Tensor.randn(r.nextLong(), n), 0.5);
        DifferentiableFunction f = AD.function(program, "f", Tensor.class, Tensor.class, Tensor.class, int.class);
        Object[] args = {x, w, b, k};
        Object[] u = {GradCheck.randomLike(x, r), GradCheck.randomLike(w, r), GradCheck.randomLike(b, r), null};
        Object jvp = f.jvp(args, u);
        Object numeric = GradCheck.numericJvp(f::value, args, u);
        GradCheck.assertClose(jvp, numeric, 1e-6, 1e-9, "jvp vs finite differences");
        Object v = GradCheck.randomLike(f.value(args), r);
        Object[] vjp = f.vjp(args, v);
        for (int i = 0; i < 3; i++) {
            // null is a zero adjoint (an input the result does not depend on, for this k).
            vjp[i] = vjp[i] == null ? Tensor.zeros(((Tensor) args[i]).shape()) : vjp[i];
        }
        // A random program may cancel exactly ((b + s) − b − s), leaving the rounding of its O(1)
        // intermediates (1e-16) on one side and 0 on the other: allow 1e-14·‖u‖·‖v‖ besides.
        double roundoff = 1e-14 * Math.sqrt(GradCheck.inner(u, u) * GradCheck.inner(v, v));
        GradCheck.assertDotProduct(u, jvp, v, vjp, 1e-10, roundoff, "dot product");
        Object[] pulled = f.pullback(args).pull(v);
        for (int i = 0; i < 3; i++) {
            Object p = pulled[i] == null ? Tensor.zeros(((Tensor) args[i]).shape()) : pulled[i];
            GradCheck.assertClose(p, vjp[i], 1e-12, "pullback, argument " + i);
        }
        // Second order: the HVP of ⟨f(x), v⟩ along u against central differences of its VJP.
        Object[] hvp = f.hvp(args, u, v);
        IntPredicate tensors = i -> i < 3;
        Object numericHvp = GradCheck.numericJvp(a -> GradCheck.flatDerivatives(f.vjp(a, v), a, tensors), args, u);
        GradCheck.assertClose(GradCheck.flatDerivatives(hvp, args, tensors), numericHvp, 1e-5, 1e-8,
                "hvp vs finite differences of the vjp");
    }

    private static Tensor scaled(Tensor t, double s) {
        return Np.multiply(t, Tensor.scalar(s));
    }
}
