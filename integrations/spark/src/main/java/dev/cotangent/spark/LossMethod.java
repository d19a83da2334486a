package dev.cotangent.spark;

import dev.cotangent.primitive.Lambdas;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The method a loss refers to, and the receiver it is bound to ({@code null} for a static method),
 * read from the serialized form of the method reference. Resolved on the driver, to report a wrong
 * reference before any task runs, and again in each executor JVM from the deserialized reference.
 *
 * <p>Only a reference to a named method is accepted: a lambda's body is a synthetic method that
 * the Maven plugin does not weave, and a captured variable would have to be a parameter of the
 * derivative, which only the weaver at run time can leave out.
 */
record LossMethod(Method method, Object receiver) {

    /**
     * @param descriptor the JVM descriptor the method must have, e.g. {@code ([D[DD)D}
     * @throws IllegalArgumentException if {@code loss} is not such a method reference
     */
    static LossMethod of(Serializable loss, String descriptor, String shape) {
        SerializedLambda s = Lambdas.serialized(loss);
        if (s == null) {
            throw new IllegalArgumentException(loss.getClass().getName() + " is not a method reference: pass "
                    + "Model::loss, a reference to a @Differentiable method " + shape);
        }
        String where = s.getImplClass().replace('/', '.') + "." + s.getImplMethodName();
        if (s.getImplMethodName().startsWith("lambda$")) {
            throw new IllegalArgumentException(where + " is the body of a lambda, which is not woven ahead of time: "
                    + "write the loss as a @Differentiable method " + shape + " and pass a reference to it");
        }
        if (!s.getImplMethodSignature().equals(descriptor)) {
            throw new IllegalArgumentException(where + s.getImplMethodSignature() + " does not have the shape of a "
                    + "loss: it must be " + shape);
        }
        Object[] captured = Lambdas.captured(s);
        try {
            Class<?> owner = Class.forName(s.getImplClass().replace('/', '.'), false, loss.getClass().getClassLoader());
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(s.getImplMethodName())
                        && dev.cotangent.runtime.Derivatives.descriptor(m).equals(descriptor)) {
                    boolean bound = !Modifier.isStatic(m.getModifiers());
                    if (captured.length != (bound ? 1 : 0)) {
                        throw new IllegalArgumentException(where + ": a reference that captures values besides its "
                                + "receiver is not supported; keep them in the fields of the receiver");
                    }
                    return new LossMethod(m, bound ? captured[0] : null);
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load the class of " + where, e);
        }
        throw new IllegalArgumentException("no method " + where + descriptor);
    }

    /** {@code Model.loss}, for messages. */
    String name() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
