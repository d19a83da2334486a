package dev.cotangent.runtime;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

/**
 * What derivative code needs of lambda objects (lambdas and method references, whose classes
 * the JVM spins at run time and which have no class file to differentiate).
 *
 * <p>A lambda's body is an ordinary method of the class that wrote it ({@code lambda$f$0}, or
 * the method a reference names). For each {@code LambdaMetafactory} call site of a class, the
 * weaver can make a <em>bridge</em>: a static method {@code cotangent$lambda$k(I lambda, P…)},
 * for the site's k-th position among the class's lambda sites and the interface method
 * {@code I.m(P…)} called, that reads the values the lambda captured ({@link #captured}) and
 * calls the body with them and the arguments. The bridge is never added to the class; only its
 * derivatives are, by the Maven plugin, or they are made at run time. The captured values of a
 * lambda reached this way are constants of the derivative: a lambda created inside the
 * differentiated method is instead called directly with its captured values, which may carry
 * derivatives.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class LambdaObjects {

    /** The prefix of a bridge's name: {@code cotangent$lambda$k}. */
    public static final String BRIDGE_PREFIX = "cotangent$lambda$";

    private static final ClassValue<MethodHandle[]> CAPTURED = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> lambda) {
            return readers(lambda);
        }
    };

    /** For lambda classes whose site derivative code knows, the site's number in their nest host. */
    private static final ClassValue<java.util.concurrent.atomic.AtomicInteger> SITES = new ClassValue<>() {
        @Override
        protected java.util.concurrent.atomic.AtomicInteger computeValue(Class<?> lambda) {
            return new java.util.concurrent.atomic.AtomicInteger(-1);
        }
    };

    private LambdaObjects() {}

    /**
     * Bootstrap of the {@code invokedynamic} {@code made(Object)V} that derivative code runs
     * right after it makes a lambda that it hands on: notes that the lambda was made by lambda
     * site number {@code site} of the class that wrote the code (its nest host), so that the
     * lambda's bridge is known wherever it goes, without telling sites apart by shape. The
     * Maven plugin reads these sites to weave the bridges ahead of time.
     */
    public static CallSite made(MethodHandles.Lookup caller, String name, MethodType type, int site) {
        try {
            MethodHandle note = MethodHandles.lookup().findStatic(LambdaObjects.class, "note",
                    MethodType.methodType(void.class, Object.class, int.class));
            return new ConstantCallSite(MethodHandles.insertArguments(note, 1, site).asType(type));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void note(Object lambda, int site) {
        java.util.concurrent.atomic.AtomicInteger known = SITES.get(lambda.getClass());
        if (known.get() != site) {
            known.set(site);
        }
    }

    /** Whether {@code method} names a bridge. */
    public static boolean isBridge(String method) {
        return method.startsWith(BRIDGE_PREFIX);
    }

    /** The name of the bridge of a class's lambda site number {@code site} (in the order of the class's code). */
    public static String bridge(int site) {
        return BRIDGE_PREFIX + site;
    }

    /** Whether {@code c} is the class of a lambda or method reference. */
    public static boolean isLambda(Class<?> c) {
        return c.isHidden() && c.getName().contains("$$Lambda");
    }

    /** The {@code index}-th value (from 0) that {@code lambda} captured, a {@code double}. */
    public static double capturedDouble(Object lambda, int index) throws Throwable {
        return (double) reader(lambda, index).invoke(lambda);
    }

    /** The {@code index}-th captured value, a {@code float}. */
    public static float capturedFloat(Object lambda, int index) throws Throwable {
        return (float) reader(lambda, index).invoke(lambda);
    }

    /** The {@code index}-th captured value, a {@code long}. */
    public static long capturedLong(Object lambda, int index) throws Throwable {
        return (long) reader(lambda, index).invoke(lambda);
    }

    /** The {@code index}-th captured value, an {@code int}, {@code short}, {@code char}, {@code byte} or {@code boolean}. */
    public static int capturedInt(Object lambda, int index) throws Throwable {
        Object v = reader(lambda, index).invoke(lambda);
        return v instanceof Boolean b ? (b ? 1 : 0) : v instanceof Character c ? c : ((Number) v).intValue();
    }

    /** The {@code index}-th captured value, a reference. */
    public static Object captured(Object lambda, int index) throws Throwable {
        return reader(lambda, index).invoke(lambda);
    }

    private static MethodHandle reader(Object lambda, int index) {
        MethodHandle[] readers = CAPTURED.get(lambda.getClass());
        if (index >= readers.length) {
            throw new IllegalStateException(lambda.getClass().getName() + " captured " + readers.length
                    + " values, not " + (index + 1) + ": it is not the lambda the derivative was made for");
        }
        return readers[index];
    }

    /** Readers of a lambda class's captured values, in order ({@code arg$1}, {@code arg$2} … as the JDK names them). */
    private static MethodHandle[] readers(Class<?> lambda) {
        if (!isLambda(lambda)) {
            throw new IllegalStateException(lambda.getName() + " is not the class of a lambda");
        }
        Field[] fields = Arrays.stream(lambda.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .sorted(Comparator.comparingInt(LambdaObjects::position))
                .toArray(Field[]::new);
        MethodHandle[] readers = new MethodHandle[fields.length];
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(lambda,
                    Derivatives.fullPrivilege(lambda.getNestHost()));
            for (int i = 0; i < fields.length; i++) {
                readers[i] = lookup.unreflectGetter(fields[i]).asType(MethodType.methodType(Object.class, Object.class));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the values " + lambda.getName() + " captured", e);
        }
        return readers;
    }

    /** {@code n} for the JDK's field {@code arg$n}; other names last. */
    private static int position(Field f) {
        String name = f.getName();
        int dollar = name.lastIndexOf('$');
        try {
            return Integer.parseInt(name.substring(dollar + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The bridge of the one site of {@code host} that makes lambdas like {@code lambda}, which the weaver finds. */
    private static String bridgeByShape(Class<?> lambda, Class<?> host, String name, String descriptor) {
        try {
            return Derivatives.factory("the derivative of the lambda " + lambda.getName() + " (written in "
                    + host.getName() + ")").lambdaBridge(lambda, name, descriptor);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the derivative of the lambda " + lambda.getName() + " cannot be made: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The derivative of what {@code lambda}'s class runs for {@code owner.name(descriptor)}:
     * that of its site's bridge in the class that wrote it: the site derivative code noted
     * ({@link #made}), or the one the weaver finds from the lambda class's interfaces and
     * captured types. {@code active} indexes the interface
     * method's parameters; the bridge's come after the lambda.
     */
    static MethodHandle derivative(Class<?> lambda, Class<?> owner, String name, String descriptor, Mode mode,
                                   long active) {
        Class<?> host = lambda.getNestHost();
        int known = SITES.get(lambda).get();
        String bridge = known >= 0 ? bridge(known) : bridgeByShape(lambda, host, name, descriptor);
        String bridgeDescriptor = "(L" + Derivatives.internalName(owner) + ";" + descriptor.substring(1);
        return Derivatives.of(host, bridge, bridgeDescriptor, mode, active == Mode.ALL ? Mode.ALL : active << 1 | 1);
    }
}
