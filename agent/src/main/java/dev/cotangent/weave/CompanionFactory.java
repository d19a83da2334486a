package dev.cotangent.weave;

import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import org.objectweb.asm.Type;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The weaver as the run-time {@link DerivativeFactory}: reads a class's own bytes from its
 * class loader and weaves the requested derivative into a companion class. Found through
 * {@link java.util.ServiceLoader} when {@code cotangent-agent} is on the class path.
 */
public final class CompanionFactory implements DerivativeFactory {

    /** One weaver per class loader, so that parsed classes are shared. */
    private final Map<ClassLoader, Weaver> weavers = new WeakHashMap<>();

    @Override
    public Companion companion(Class<?> owner, String method, String descriptor, Mode mode) {
        return companion(owner, method, descriptor, mode, Mode.ALL);
    }

    @Override
    public Companion companion(Class<?> owner, String method, String descriptor, Mode mode, long active) {
        return weaver(owner.getClassLoader()).companion(owner.getName().replace('.', '/'), method, descriptor, mode,
                active);
    }

    @Override
    public String lambdaBridge(Class<?> lambdaClass, String method, String descriptor) {
        Class<?> host = lambdaClass.getNestHost();
        List<String> interfaces = Arrays.stream(lambdaClass.getInterfaces()).map(Type::getInternalName).toList();
        List<String> captured = Arrays.stream(lambdaClass.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName, Comparator.comparingInt(String::length)
                        .thenComparing(Comparator.naturalOrder())))
                .map(f -> Type.getDescriptor(f.getType())).toList();
        return weaver(host.getClassLoader()).lambdaBridge(Type.getInternalName(host), interfaces, method, descriptor,
                captured, field -> holds(host, field, lambdaClass));
    }

    /** Whether the static field {@code name} of {@code host} holds an object of {@code lambdaClass}. */
    private static boolean holds(Class<?> host, String name, Class<?> lambdaClass) {
        try {
            Field f = host.getDeclaredField(name);
            f.setAccessible(true);
            Object value = f.get(null);
            return value != null && value.getClass() == lambdaClass;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not readable from here (a module that does not open it): it cannot tell the lambdas apart.
            return false;
        }
    }

    @Override
    public byte[] accessor(String internalName) {
        return Weaver.accessor(internalName);
    }

    private synchronized Weaver weaver(ClassLoader loader) {
        return weavers.computeIfAbsent(loader, l -> new Weaver(ClassSource.of(l)));
    }
}
