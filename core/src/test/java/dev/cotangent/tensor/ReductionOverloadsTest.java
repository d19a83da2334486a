package dev.cotangent.tensor;

import dev.cotangent.Differentiable;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Registry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * numpy's calling conventions for reductions: every reduction the registry has — every
 * primitive of {@code Np} taking {@code (Tensor, int[] axes, boolean keepdims)} — is also
 * callable as {@code (x)}, {@code (x, int)}, {@code (x, int, boolean)} and {@code (x, int[])},
 * each a {@code @Differentiable} composite (the weaver inlines it down to the primitive), each
 * equal to the full form.
 */
class ReductionOverloadsTest {

    private static final List<Class<?>[]> OVERLOADS = List.of(
            new Class<?>[] {Tensor.class},
            new Class<?>[] {Tensor.class, int.class},
            new Class<?>[] {Tensor.class, int.class, boolean.class},
            new Class<?>[] {Tensor.class, int[].class},
            new Class<?>[] {Tensor.class, int[].class, boolean.class});

    private static List<String> reductions() {
        List<String> names = new ArrayList<>();
        for (Primitive p : Registry.tensorPrimitives()) {
            Method m = p.method();
            if (m.getDeclaringClass() == Np.class
                    && Arrays.equals(m.getParameterTypes(), OVERLOADS.get(4))) {
                names.add(m.getName());
            }
        }
        return names;
    }

    @Test
    void theReductionsAreTheOnesNumpyUsersExpect() {
        assertThat(reductions()).contains("sum", "mean", "prod", "max", "min", "var", "std", "logsumexp");
    }

    @Test
    void everyReductionHasTheFiveNumpyOverloads() throws NoSuchMethodException {
        for (String name : reductions()) {
            for (Class<?>[] types : OVERLOADS) {
                Method m = Np.class.getMethod(name, types);
                String what = name + Arrays.toString(types);
                assertThat(Modifier.isStatic(m.getModifiers())).as(what).isTrue();
                assertThat(m.getReturnType()).as(what).isEqualTo(Tensor.class);
                boolean full = types.length == 3 && types[1] == int[].class;
                // The full form is the primitive; the others are composites the weaver inlines.
                assertThat(m.isAnnotationPresent(Differentiable.class)).as(what + " is @Differentiable").isEqualTo(!full);
            }
        }
    }

    @Test
    void everyOverloadComputesTheFullForm() throws ReflectiveOperationException {
        Tensor x = Np.add(Tensor.scalar(1.5), Tensor.rand(7, 2, 3, 4));
        for (String name : reductions()) {
            Method full = Np.class.getMethod(name, OVERLOADS.get(4));
            expectSame(name, Np.class.getMethod(name, Tensor.class).invoke(null, x), full.invoke(null, x, null, false));
            expectSame(name, Np.class.getMethod(name, Tensor.class, int.class).invoke(null, x, -1),
                    full.invoke(null, x, new int[] {2}, false));
            expectSame(name, Np.class.getMethod(name, Tensor.class, int.class, boolean.class).invoke(null, x, 1, true),
                    full.invoke(null, x, new int[] {1}, true));
            expectSame(name, Np.class.getMethod(name, Tensor.class, int[].class).invoke(null, x, new int[] {0, 2}),
                    full.invoke(null, x, new int[] {0, 2}, false));
        }
    }

    private static void expectSame(String name, Object overload, Object full) {
        assertThat(((Tensor) overload).shape()).as(name).isEqualTo(((Tensor) full).shape());
        assertThat(((Tensor) overload).toArray()).as(name).containsExactly(((Tensor) full).toArray());
    }
}
