package dev.cotangent.weave.lower;

import java.util.Map;

/**
 * Defines the classes it is given itself (child first), from their bytes, and everything else
 * comes from its parent: a fresh class loader for woven classes whose originals the parent
 * also has.
 */
public final class ChildFirstLoader extends ClassLoader {

    private final Map<String, byte[]> classes;

    /** Defines {@code classes} (internal name → bytes; the map may still be filled after this). */
    public ChildFirstLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                return super.loadClass(name, resolve);
            }
            Class<?> c = findLoadedClass(name);
            return c != null ? c : defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** The class, loaded and linked (so verified) but not initialised. */
    public Class<?> link(String internalName) throws ClassNotFoundException {
        Class<?> c = Class.forName(internalName.replace('/', '.'), false, this);
        // getDeclaredMethods links the class, and linking verifies it.
        c.getDeclaredMethods();
        return c;
    }
}
