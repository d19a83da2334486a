package dev.cotangent.runtime;

import dev.cotangent.NotDifferentiableException;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which code a virtual or interface call runs for a given receiver, and the derivative of that
 * code: the choice the JVM makes when it selects a method (JVMS §5.4.6), so that a derivative
 * dispatches exactly as the primal does — an override in a subclass, a default method of an
 * interface (the most specific one), an implementation in a class loaded later. A receiver that
 * is a lambda or method reference (a hidden class the JVM spun) runs the lambda's body: its
 * derivative is that of a bridge method of the class that wrote the lambda (see
 * {@link LambdaObjects}), which the weaver makes at run time.
 *
 * <p>Used by the {@link Linker}'s virtual call sites, and by anything else that must
 * differentiate "what this object's method does", such as the API called with an instance
 * method of a declared type and a receiver of a subclass.
 *
 * @since 0.1
 */
public final class Dispatch {

    private Dispatch() {}

    /**
     * The class whose declaration of {@code name(descriptor)} a call through {@code owner}
     * runs for a receiver of class {@code receiver}. For a lambda's class this is the lambda's
     * class itself; {@link #derivative} handles that case.
     *
     * @throws NotDifferentiableException when the receiver's class has no implementation to run
     *                                    (the method is abstract there, or two default methods
     *                                    conflict), as the JVM would throw {@code AbstractMethodError}
     *                                    or {@code IncompatibleClassChangeError}
     */
    public static Class<?> implementer(Class<?> receiver, Class<?> owner, String name, String descriptor) {
        Method resolved = resolve(owner, name, descriptor);
        for (Class<?> k = receiver; k != null; k = k.getSuperclass()) {
            Method m = declared(k, name, descriptor);
            if (m != null && (m.equals(resolved) || !Modifier.isPrivate(m.getModifiers()) && overrides(m, resolved))) {
                if (Modifier.isAbstract(m.getModifiers())) {
                    throw noImplementation(receiver, owner, name, descriptor, "it is abstract in " + k.getName());
                }
                return k;
            }
        }
        List<Method> specific = maximallySpecific(receiver, name, descriptor);
        List<Method> concrete = specific.stream().filter(m -> !Modifier.isAbstract(m.getModifiers())).toList();
        if (concrete.size() == 1) {
            return concrete.get(0).getDeclaringClass();
        }
        if (concrete.isEmpty()) {
            String where = specific.isEmpty() ? "no class or interface of it declares a body"
                    : "it is abstract in " + specific.get(0).getDeclaringClass().getName();
            throw noImplementation(receiver, owner, name, descriptor, where);
        }
        throw noImplementation(receiver, owner, name, descriptor, "default methods of "
                + concrete.stream().map(m -> m.getDeclaringClass().getName()).toList() + " conflict");
    }

    /**
     * The {@code mode} derivative of the code a call of {@code owner.name(descriptor)} runs for
     * a receiver of class {@code receiver}, in the variant where only the declared parameters
     * whose bit is set in {@code active} carry derivatives. Its type is that of the derivative
     * of a method of the implementing class (the receiver first, typed as that class, or as
     * {@code owner} for a lambda); a reverse sweep takes no receiver.
     *
     * @throws NotDifferentiableException if that code cannot be differentiated
     * @throws IllegalStateException      if it was not woven and no weaver is on the class path
     */
    public static MethodHandle derivative(Class<?> receiver, Class<?> owner, String name, String descriptor, Mode mode,
                                          long active) {
        Class<?> implementer = implementer(receiver, owner, name, descriptor);
        Class<?> author = LambdaObjects.isLambda(implementer) ? implementer.getNestHost() : implementer;
        if (author.getClassLoader() == null || author.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
            throw new NotDifferentiableException(owner.getName(), javaSignature(name, descriptor), null, -1,
                    "a call of " + owner.getSimpleName() + "." + name + " runs code of the JDK ("
                            + (author == implementer ? "" : "a lambda made by ") + author.getName()
                            + ") for a " + receiver.getName() + ", which is not differentiated",
                    "pass an object or a lambda of your own (compose functions in a lambda rather than with the "
                            + "JDK's andThen or compose)");
        }
        if (LambdaObjects.isLambda(implementer)) {
            return LambdaObjects.derivative(implementer, owner, name, descriptor, mode, active);
        }
        try {
            return Derivatives.of(implementer, name, descriptor, mode, active);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the derivative of " + implementer.getName() + "."
                    + javaSignature(name, descriptor) + ", which a call of " + owner.getSimpleName() + "." + name
                    + " runs for a " + receiver.getName() + ", cannot be made: " + e.getMessage()
                    + ". The weaver reads a class's bytecode from its class loader: a class defined at run time "
                    + "needs a loader that also serves its class file (getResourceAsStream)", e);
        }
    }

    /** The method a call through {@code owner} names: declared in it or inherited (JVMS §5.4.3.3, simplified). */
    private static Method resolve(Class<?> owner, String name, String descriptor) {
        for (Class<?> k = owner; k != null; k = k.getSuperclass()) {
            Method m = declared(k, name, descriptor);
            if (m != null) {
                return m;
            }
        }
        List<Method> specific = maximallySpecific(owner, name, descriptor);
        return specific.isEmpty() ? null : specific.get(0);
    }

    /** An instance method {@code k} declares with that name and descriptor, or null. */
    private static Method declared(Class<?> k, String name, String descriptor) {
        for (Method m : k.getDeclaredMethods()) {
            if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
                    && Derivatives.descriptor(m).equals(descriptor)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Whether {@code m} overrides {@code resolved}: a public or protected method is overridden
     * everywhere, a package-private one only from its own run-time package.
     */
    private static boolean overrides(Method m, Method resolved) {
        if (resolved == null) {
            return true;
        }
        int access = resolved.getModifiers();
        if (Modifier.isPublic(access) || Modifier.isProtected(access)) {
            return true;
        }
        Class<?> a = m.getDeclaringClass();
        Class<?> b = resolved.getDeclaringClass();
        return a.getClassLoader() == b.getClassLoader() && a.getPackageName().equals(b.getPackageName());
    }

    /**
     * The non-private instance methods with that name and descriptor declared by superinterfaces
     * of {@code c} (direct or not, through its superclasses too) that no other such
     * declaration's interface extends.
     */
    private static List<Method> maximallySpecific(Class<?> c, String name, String descriptor) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        Deque<Class<?>> work = new ArrayDeque<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            work.add(k);
        }
        while (!work.isEmpty()) {
            for (Class<?> i : work.poll().getInterfaces()) {
                if (interfaces.add(i)) {
                    work.add(i);
                }
            }
        }
        if (c.isInterface()) {
            interfaces.add(c);
        }
        List<Method> candidates = new ArrayList<>();
        for (Class<?> i : interfaces) {
            Method m = declared(i, name, descriptor);
            if (m != null && !Modifier.isPrivate(m.getModifiers())) {
                candidates.add(m);
            }
        }
        List<Method> specific = new ArrayList<>();
        for (Method m : candidates) {
            boolean shadowed = false;
            for (Method other : candidates) {
                shadowed |= other != m && m.getDeclaringClass().isAssignableFrom(other.getDeclaringClass());
            }
            if (!shadowed) {
                specific.add(m);
            }
        }
        return specific;
    }

    /** {@code value(double, double[])} for {@code value} with descriptor {@code (D[D)D}. */
    static String javaSignature(String name, String descriptor) {
        StringJoiner params = new StringJoiner(", ", name + "(", ")");
        for (String p : Signatures.parameters(descriptor)) {
            int rank = p.lastIndexOf('[') + 1;
            String element = p.substring(rank);
            String java = switch (element.charAt(0)) {
                case 'D' -> "double";
                case 'F' -> "float";
                case 'J' -> "long";
                case 'I' -> "int";
                case 'S' -> "short";
                case 'C' -> "char";
                case 'B' -> "byte";
                case 'Z' -> "boolean";
                default -> element.substring(Math.max(1, element.lastIndexOf('/') + 1), element.length() - 1)
                        .replace('$', '.');
            };
            params.add(java + "[]".repeat(rank));
        }
        return params.toString();
    }

    private static NotDifferentiableException noImplementation(Class<?> receiver, Class<?> owner, String name,
                                                               String descriptor, String why) {
        return new NotDifferentiableException(owner.getName(), javaSignature(name, descriptor), null, -1,
                "a call of " + owner.getSimpleName() + "." + name + " on a " + receiver.getName()
                        + " has no implementation to differentiate (" + why + "); the call itself would fail",
                "implement the method in " + receiver.getSimpleName());
    }
}
