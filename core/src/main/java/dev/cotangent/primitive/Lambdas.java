package dev.cotangent.primitive;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * What stands behind a serializable lambda or method reference: the method holding its body
 * and the values it captured. The weaver reads derivative values' bodies through it, and
 * {@code AD} the target of a method reference.
 *
 * @since 0.2
 */
public final class Lambdas {

    private Lambdas() {}

    /** The serialized form of {@code value}, or {@code null} if it is not a serializable lambda. */
    public static SerializedLambda serialized(Object value) {
        try {
            Method writeReplace = value.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(value) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The method holding the lambda's body (or the method referred to). */
    public static MethodKey implementation(SerializedLambda lambda) {
        return new MethodKey(lambda.getImplClass(), lambda.getImplMethodName(), lambda.getImplMethodSignature());
    }

    /** The values the lambda captured, in order (a bound receiver first). */
    public static Object[] captured(SerializedLambda lambda) {
        Object[] out = new Object[lambda.getCapturedArgCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lambda.getCapturedArg(i);
        }
        return out;
    }
}
