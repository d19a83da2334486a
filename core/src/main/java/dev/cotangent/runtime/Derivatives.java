package dev.cotangent.runtime;

import dev.cotangent.NotDifferentiableException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the derivative of a method as a {@link MethodHandle}: the method the agent or the
 * Maven plugin wove into the class, if there is one; otherwise one generated now by the
 * {@link DerivativeFactory} on the class path and defined as a hidden nestmate of the class.
 * Results are cached; resolving a derivative also resolves the derivatives its code calls,
 * so that an error anywhere below shows up on the first request.
 *
 * @since 0.1
 */
public final class Derivatives {

    private record Key(Class<?> owner, String method, String descriptor, Mode mode, long active) {}

    private static final Map<Key, MethodHandle> CACHE = new ConcurrentHashMap<>();
    private static volatile DerivativeFactory factory;

    private Derivatives() {}

    /**
     * The derivative of {@code owner.method(descriptor)} in {@code mode}.
     *
     * @throws NotDifferentiableException if it cannot be differentiated
     * @throws IllegalStateException      if it was not woven and no weaver is on the class path
     */
    public static MethodHandle of(Class<?> owner, String method, String descriptor, Mode mode) {
        return of(owner, method, descriptor, mode, Mode.ALL);
    }

    /**
     * The derivative in the variant where only the parameters whose bit is set in
     * {@code active} (bit i for declared parameter i) carry derivatives: the others cost
     * nothing. Same signature as the full derivative.
     */
    public static MethodHandle of(Class<?> owner, String method, String descriptor, Mode mode, long active) {
        return resolve(new Key(owner, method, descriptor, mode, active), new HashSet<>());
    }

    private static MethodHandle resolve(Key key, Set<Key> inProgress) {
        MethodHandle cached = CACHE.get(key);
        if (cached != null || !inProgress.add(key)) {
            return cached;
        }
        boolean isStatic = isStatic(key);
        MethodHandle woven = woven(key.owner(), key.mode().methodName(key.method(), key.active()),
                type(key, isStatic));
        if (woven != null) {
            CACHE.putIfAbsent(key, woven);
            return woven;
        }
        // A companion holds the derivative asked for; an adjoint's two halves come together.
        Mode generate = key.mode().forwardHalf();
        DerivativeFactory.Companion companion = factory(key).companion(key.owner(), key.method(), key.descriptor(),
                generate, key.active());
        MethodHandles.Lookup hidden;
        try {
            MethodHandles.Lookup host = fullPrivilege(key.owner());
            hidden = host.defineHiddenClass(companion.bytes(), true, MethodHandles.Lookup.ClassOption.NESTMATE);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define the derivative of " + key.owner().getName() + "."
                    + key.method() + ": " + e.getMessage(), e);
        }
        Mode[] made = generate == Mode.TANGENT ? new Mode[] {Mode.TANGENT}
                : new Mode[] {generate, generate.reverseHalf()};
        for (Mode m : made) {
            Key k = new Key(key.owner(), key.method(), key.descriptor(), m, key.active());
            try {
                CACHE.putIfAbsent(k, hidden.findStatic(hidden.lookupClass(), m.methodName(key.method(), key.active()),
                        type(k, isStatic)));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalStateException("the derivative of " + key.owner().getName() + "." + key.method()
                        + " lacks " + m.methodName(key.method()), e);
            }
        }
        for (DerivativeFactory.Dependency d : companion.dependencies()) {
            Class<?> owner = load(d.owner(), key.owner().getClassLoader());
            resolve(new Key(owner, d.method(), d.descriptor(), d.mode(), d.active()), inProgress);
        }
        return CACHE.get(key);
    }

    private static MethodType type(Key key, boolean isStatic) {
        String owner = internalName(key.owner());
        String descriptor = switch (key.mode()) {
            case TANGENT -> Signatures.tangent(owner, key.descriptor(), isStatic);
            case FORWARD, TOP_FORWARD -> Signatures.forward(owner, key.descriptor(), isStatic);
            case REVERSE, TOP_REVERSE -> Signatures.reverse(key.descriptor());
            case HESSIAN_FORWARD -> Signatures.forward(owner, Signatures.directional(key.descriptor()), true);
            case HESSIAN_REVERSE -> Signatures.reverse(Signatures.directional(key.descriptor()));
        };
        return MethodType.fromMethodDescriptorString(descriptor, key.owner().getClassLoader());
    }

    /**
     * A lookup on {@code owner} with full privilege, which defining a hidden nestmate needs.
     * When {@code owner} is in another module than this runtime (another unnamed module, as
     * for classes of the source launcher or an IDE's loader), a small accessor class is
     * defined in its package to lend its own lookup.
     */
    static MethodHandles.Lookup fullPrivilege(Class<?> owner) throws IllegalAccessException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
        if (lookup.hasFullPrivilegeAccess()) {
            return lookup;
        }
        String name = owner.getName() + "$$CotangentAccess";
        Class<?> accessor;
        try {
            accessor = lookup.findClass(name);
        } catch (ClassNotFoundException e) {
            try {
                accessor = lookup.defineClass(factory().accessor(name.replace('.', '/')));
            } catch (LinkageError raced) {
                accessor = loadExisting(name, owner.getClassLoader(), raced);
            }
        }
        try {
            MethodHandles.Lookup lent = (MethodHandles.Lookup) accessor.getMethod("lookup").invoke(null);
            return MethodHandles.privateLookupIn(owner, lent);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + owner.getName() + " with full privilege", e);
        }
    }

    private static Class<?> loadExisting(String name, ClassLoader loader, LinkageError cause) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw cause;
        }
    }

    private static boolean isStatic(Key key) {
        if (LambdaObjects.isBridge(key.method())) {
            return true;
        }
        for (Method m : key.owner().getDeclaredMethods()) {
            if (m.getName().equals(key.method()) && descriptor(m).equals(key.descriptor())) {
                return Modifier.isStatic(m.getModifiers());
            }
        }
        throw new IllegalArgumentException("no method " + key.method() + key.descriptor() + " in "
                + key.owner().getName());
    }

    private static MethodHandle woven(Class<?> owner, String name, MethodType type) {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).equals(type)) {
                try {
                    return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).unreflect(m);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot access the woven " + m, e);
                }
            }
        }
        return null;
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("derivative code calls " + internalName + ", which cannot be loaded", e);
        }
    }

    /**
     * The weaver, to make {@code what}, which nothing woven ahead of time holds.
     *
     * @throws IllegalStateException naming {@code what} when no weaver is on the class path
     */
    static DerivativeFactory factory(String what) {
        try {
            return factory();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(what + " is made at run time, and no weaver is on the class path to "
                    + "make it: add the cotangent-agent jar to the class path, or run with "
                    + "-javaagent:cotangent-agent.jar", e);
        }
    }

    /** The weaver, to make the derivative {@code wanted} that the class does not hold. */
    private static DerivativeFactory factory(Key wanted) {
        try {
            return factory();
        } catch (IllegalStateException e) {
            String variant = wanted.active() == Mode.ALL ? "" : " (the variant for some parameters only)";
            throw new IllegalStateException("the derivative " + wanted.mode() + variant + " of "
                    + wanted.owner().getName() + "." + wanted.method() + " is not in its class, and no weaver is on "
                    + "the class path to make it. The Maven plugin and the agent weave tangents and gradients of "
                    + "@Differentiable methods and of what they call; Hessian-vector products, withRespectTo "
                    + "variants and methods reached only through AD.function are made at run time: add the "
                    + "cotangent-agent jar to the class path, or run with -javaagent:cotangent-agent.jar", e);
        }
    }

    private static DerivativeFactory factory() {
        DerivativeFactory f = factory;
        if (f == null) {
            Iterator<DerivativeFactory> found = ServiceLoader.load(DerivativeFactory.class,
                    Derivatives.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("no weaver is on the class path: add the cotangent-agent jar to the "
                        + "class path, run with -javaagent:cotangent-agent.jar, or weave with the "
                        + "cotangent-maven-plugin");
            }
            f = found.next();
            factory = f;
        }
        return f;
    }

    /** The JVM descriptor of a reflected method. */
    public static String descriptor(Method m) {
        return MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    static String internalName(Class<?> c) {
        return c.getName().replace('.', '/');
    }
}
