package dev.cotangent.hipparchus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.primitive.Lambdas;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The method behind a serializable method reference, as a {@link DifferentiableFunction} of
 * all its parameters, and the values the reference captured (a bound receiver, a lambda's
 * captured variables), which are passed first on every call and given no derivative.
 *
 * <p>Resolved once, so that an optimiser's many evaluations call the derivatives directly.
 * The function is the method's full derivative, the one the Maven plugin weaves ahead of
 * time; a {@code withRespectTo} variant, which only the weaver at run time could make, is never
 * asked for.
 */
record MethodReference(DifferentiableFunction function, Object[] captured) {

    /**
     * @throws IllegalArgumentException   if {@code reference} is not a serializable lambda or method
     *                                    reference, or refers to a JDK method
     * @throws dev.cotangent.NotDifferentiableException if the method cannot be differentiated
     * @throws IllegalStateException      if its derivatives were not woven and no weaver is on the class path
     */
    static MethodReference of(Serializable reference) {
        SerializedLambda s = Lambdas.serialized(reference);
        if (s == null) {
            throw new IllegalArgumentException(reference + " is not a lambda or method reference: pass Model::f, a "
                    + "reference to a @Differentiable method");
        }
        String owner = s.getImplClass().replace('/', '.');
        if (owner.startsWith("java.") || owner.startsWith("javax.") || owner.startsWith("jdk.")) {
            throw new IllegalArgumentException(owner + "." + s.getImplMethodName() + " is a JDK method: refer to a "
                    + "@Differentiable method of your own that calls it");
        }
        try {
            Class<?> type = Class.forName(owner, false, reference.getClass().getClassLoader());
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(s.getImplMethodName())
                        && dev.cotangent.runtime.Derivatives.descriptor(m).equals(s.getImplMethodSignature())) {
                    return new MethodReference(AD.function(type, m.getName(), m.getParameterTypes()),
                            Lambdas.captured(s));
                }
            }
            throw new IllegalArgumentException("no method " + s.getImplMethodName() + s.getImplMethodSignature()
                    + " in " + owner);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load " + owner + ", the class of " + reference, e);
        }
    }

    /** The captured values followed by {@code args}: what the function is called with. */
    Object[] arguments(Object... args) {
        Object[] all = Arrays.copyOf(captured, captured.length + args.length);
        System.arraycopy(args, 0, all, captured.length, args.length);
        return all;
    }

    /** {@code null} tangents for the captured values followed by {@code tangents}. */
    Object[] tangents(Object... tangents) {
        Object[] all = new Object[captured.length + tangents.length];
        System.arraycopy(tangents, 0, all, captured.length, tangents.length);
        return all;
    }

    /** The method's name, for messages. */
    String name() {
        Method m = function.method();
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}
