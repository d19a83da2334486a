package dev.cotangent.bench;

import dev.cotangent.runtime.Derivatives;
import dev.cotangent.runtime.Mode;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;

/**
 * The woven derivatives of a method as method handles, from the internal runtime entry
 * {@link Derivatives#of} (which generates them on first use when no agent ran). Benchmarks call
 * them with {@code invokeExact}; signatures follow {@link dev.cotangent.runtime.Signatures}.
 * This is not user API: users go through {@link dev.cotangent.AD}.
 */
final class WovenDerivatives {

    private WovenDerivatives() {}

    /** The tangent: parameters interleaved with their tangents, then a {@code TangentOut}. */
    static MethodHandle tangent(Class<?> owner, String name, Class<?>... parameters) {
        return of(owner, name, parameters, Mode.TANGENT);
    }

    /** The outermost forward sweep: array parameters followed by their shadows, then a {@code Tape}. */
    static MethodHandle forward(Class<?> owner, String name, Class<?>... parameters) {
        return of(owner, name, parameters, Mode.TOP_FORWARD);
    }

    /** The outermost reverse sweep: {@code (double seed, Tape) → void}. */
    static MethodHandle reverse(Class<?> owner, String name, Class<?>... parameters) {
        return of(owner, name, parameters, Mode.TOP_REVERSE);
    }

    private static MethodHandle of(Class<?> owner, String name, Class<?>[] parameters, Mode mode) {
        try {
            Method m = owner.getDeclaredMethod(name, parameters);
            return Derivatives.of(owner, name, Derivatives.descriptor(m), mode);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(owner.getName() + " has no method " + name, e);
        }
    }
}
