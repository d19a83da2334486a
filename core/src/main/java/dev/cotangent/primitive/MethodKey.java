package dev.cotangent.primitive;

import java.lang.reflect.Method;

/**
 * A method as the JVM names it: owner's internal name, method name and descriptor, e.g.
 * {@code dev/cotangent/tensor/Np}, {@code sin},
 * {@code (Ldev/cotangent/tensor/Tensor;)Ldev/cotangent/tensor/Tensor;}. The weaver looks up
 * call sites by this key.
 *
 * @since 0.1
 */
public record MethodKey(String owner, String name, String descriptor) {

    /** The key of a reflected method. */
    public static MethodKey of(Method m) {
        return new MethodKey(m.getDeclaringClass().getName().replace('.', '/'), m.getName(), descriptor(m));
    }

    /** The JVM descriptor of a reflected method. */
    public static String descriptor(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(typeDescriptor(p));
        }
        return sb.append(')').append(typeDescriptor(m.getReturnType())).toString();
    }

    static String typeDescriptor(Class<?> c) {
        if (c.isArray()) {
            return c.getName().replace('.', '/');
        }
        if (c.isPrimitive()) {
            return switch (c.getName()) {
                case "int" -> "I";
                case "long" -> "J";
                case "double" -> "D";
                case "float" -> "F";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "void" -> "V";
                default -> throw new IllegalStateException(c.getName());
            };
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }

    /** {@code Np.sin(Tensor)}-style, for messages. */
    public String display() {
        String simple = owner.substring(owner.lastIndexOf('/') + 1);
        return simple + "." + name + descriptor;
    }
}
