package dev.cotangent.weave;

import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;

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
    public byte[] accessor(String internalName) {
        return Weaver.accessor(internalName);
    }

    private synchronized Weaver weaver(ClassLoader loader) {
        return weavers.computeIfAbsent(loader, l -> new Weaver(ClassSource.of(l)));
    }
}
