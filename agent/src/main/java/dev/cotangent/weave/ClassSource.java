package dev.cotangent.weave;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Where the weaver reads the bytecode of classes other than the one it weaves: callees it
 * differentiates through, the registry's derivative lambdas it inlines, and the supertypes
 * that frames are computed against. Reading never loads (initialises) a class. Parsed classes
 * are cached.
 */
public final class ClassSource {

    private final Function<String, byte[]> reader;
    private final Map<String, Optional<ClassNode>> cache = new ConcurrentHashMap<>();
    /** The bytes of the classes being woven, which their class loader may not serve as resources. */
    private final Map<String, byte[]> woven = new ConcurrentHashMap<>();

    /** Reads classes with {@code reader} (internal name → bytes, or null when there is none). */
    public ClassSource(Function<String, byte[]> reader) {
        this.reader = reader;
    }

    /** Reads class files as resources of {@code loader}. */
    public static ClassSource of(ClassLoader loader) {
        ClassLoader l = loader != null ? loader : ClassLoader.getSystemClassLoader();
        return new ClassSource(name -> {
            try (InputStream in = l.getResourceAsStream(name + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The parsed class, or empty if its bytes cannot be read. */
    public Optional<ClassNode> find(String internalName) {
        return cache.computeIfAbsent(internalName, n -> {
            byte[] bytes = reader.apply(n);
            if (bytes == null) {
                return Optional.empty();
            }
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
            return Optional.of(node);
        });
    }

    /** The declared method, or empty. */
    public Optional<MethodNode> method(String owner, String name, String descriptor) {
        return find(owner).flatMap(c -> c.methods.stream()
                .filter(m -> m.name.equals(name) && m.desc.equals(descriptor)).findFirst());
    }

    /** The class file's bytes as given to {@link #put} or read, or {@code null} when there is none. */
    public byte[] bytes(String internalName) {
        byte[] given = woven.get(internalName);
        return given != null ? given : reader.apply(internalName);
    }

    /** Puts the class being woven in the cache: parsed, and as the bytes it was parsed from. */
    public void put(ClassNode node, byte[] bytes) {
        woven.put(node.name, bytes);
        cache.put(node.name, Optional.of(node));
    }
}
