package dev.cotangent.primitive;

import dev.cotangent.CustomDerivative;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Declares derivatives of your own tensor operations, the way Cotangent declares its own:
 * per tensor argument a derivative value {@code d} and an einsum spec with one tangent slot
 * {@code @} ({@code B(d, u)}), or, for an argument the method is linear in, the transpose of
 * that linear map. Both modes are derived from the declaration.
 *
 * <pre>{@code
 * @CustomDerivative
 * public static Tensor softplus(Tensor x) { ... a stable formula ... }
 * static {
 *     Primitives.define(MyOps.class, "softplus", Tensor.class)
 *             .d(0, c -> new Tensor[] {Np.sigmoid(c.tensor(0))}, "...,@...->...")
 *             .done();
 * }
 * }</pre>
 *
 * <p>Mark the method {@link CustomDerivative} so that the weaver knows it has declared
 * rules even before they are registered. A method can be defined once; errors in a
 * declaration (no rule for a tensor argument, a malformed spec, a missing transpose) are
 * reported with the method's name, and so are errors when a rule meets shapes it does not fit.
 *
 * @since 0.1
 */
public final class Primitives {

    private Primitives() {}

    /**
     * Starts the declaration of {@code owner.method(parameterTypes)}, which must be public
     * and static and return a {@code Tensor} or {@code Tensor[]}; finish it with
     * {@link Primitive.Builder#done()}.
     *
     * @throws IllegalArgumentException if there is no such method or it is not public static
     */
    public static Primitive.Builder define(Class<?> owner, String method, Class<?>... parameterTypes) {
        Method m;
        try {
            m = owner.getMethod(method, parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Primitives.define: no public method " + owner.getName() + "." + method
                    + Arrays.toString(parameterTypes).replace('[', '(').replace(']', ')'));
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new IllegalArgumentException("Primitives.define: " + owner.getName() + "." + method
                    + " must be static");
        }
        if (m.getReturnType() != dev.cotangent.tensor.Tensor.class && m.getReturnType() != dev.cotangent.tensor.Tensor[].class) {
            throw new IllegalArgumentException("Primitives.define: " + owner.getName() + "." + method
                    + " returns " + m.getReturnType().getSimpleName() + "; a primitive returns Tensor or Tensor[] "
                    + "(write a function of doubles as a @Differentiable method instead)");
        }
        return new Primitive.Builder(nameOf(m), m, Registry::add);
    }

    /** The registry name of a user primitive: the owner's binary name, a dot, the method's name. */
    public static String nameOf(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    /** Whether a method is marked as having declared rules. */
    public static boolean isCustom(Method m) {
        return m.isAnnotationPresent(CustomDerivative.class);
    }
}
