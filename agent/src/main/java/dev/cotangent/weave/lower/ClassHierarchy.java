package dev.cotangent.weave.lower;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

import java.util.Optional;
import java.util.function.Function;

/**
 * The class hierarchy that stack-map frames are computed against, as the class files of one
 * class path tell it: a class loader's (the agent, run-time companions) or a Maven project's
 * output directory and class path (the plugin). Read with Byte Buddy's {@link TypePool}, never
 * by loading a class, so computing a frame runs no static initialiser and defines nothing; and
 * the answers depend on nothing but those class files, which keeps weaving deterministic.
 * Thread-safe; descriptions are cached.
 */
public final class ClassHierarchy {

    private static final String OBJECT = "java/lang/Object";

    private final TypePool pool;

    /** The hierarchy of the class files that {@code classFiles} serves (internal name → bytes, or null). */
    public ClassHierarchy(Function<String, byte[]> classFiles) {
        this.pool = new TypePool.Default(new TypePool.CacheProvider.Simple(), new Locator(classFiles),
                TypePool.Default.ReaderMode.FAST);
    }

    /**
     * The type that values of the classes {@code a} and {@code b} (internal names) merge to in
     * a frame: one of them if it is a supertype of the other, {@code java/lang/Object} if either
     * is an interface (the verifier treats interfaces as {@code Object}), and otherwise the
     * closest common superclass — the answer of ASM's {@code ClassWriter}, found without
     * loading classes. Empty when a class file on the way cannot be read (absent from the class
     * path, or in a format Byte Buddy cannot read): then no answer is safe for code that relies
     * on the merged type.
     */
    public Optional<String> commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return Optional.of(a);
        }
        try {
            TypePool.Resolution first = pool.describe(a.replace('/', '.'));
            TypePool.Resolution second = pool.describe(b.replace('/', '.'));
            if (!first.isResolved() || !second.isResolved()) {
                return Optional.empty();
            }
            TypeDescription one = first.resolve();
            TypeDescription other = second.resolve();
            if (one.isAssignableFrom(other)) {
                return Optional.of(a);
            }
            if (other.isAssignableFrom(one)) {
                return Optional.of(b);
            }
            if (one.isInterface() || other.isInterface()) {
                return Optional.of(OBJECT);
            }
            for (TypeDescription c = one; c != null; c = superclass(c)) {
                if (c.isAssignableFrom(other)) {
                    return Optional.of(c.getInternalName());
                }
            }
            return Optional.of(OBJECT);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // A supertype's class file is missing (TypePool resolves supertypes lazily) or unreadable.
            return Optional.empty();
        }
    }

    private static TypeDescription superclass(TypeDescription c) {
        TypeDescription.Generic s = c.getSuperClass();
        return s == null ? null : s.asErasure();
    }

    /** Byte Buddy's view of a class path: binary names in, class-file bytes out. */
    private record Locator(Function<String, byte[]> classFiles) implements ClassFileLocator {

        @Override
        public Resolution locate(String binaryName) {
            byte[] bytes = classFiles.apply(binaryName.replace('.', '/'));
            return bytes == null ? new Resolution.Illegal(binaryName) : new Resolution.Explicit(bytes);
        }

        @Override
        public void close() {}
    }
}
