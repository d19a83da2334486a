package dev.cotangent.agent;

import dev.cotangent.NotDifferentiableException;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Adapts {@link Weaver#weave} to class loading. Classes without a {@code @Differentiable}
 * method pass through untouched (a byte search decides, without parsing). A method that
 * cannot be differentiated is reported on standard error and left unwoven; {@code AD} raises
 * the same error when it is asked for that derivative. The transformer never lets an
 * exception escape into class loading.
 */
final class WeavingTransformer implements ClassFileTransformer {

    private final Map<ClassLoader, Weaver> weavers = new WeakHashMap<>();

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (redefined != null || className == null || !Weaver.mentionsDifferentiable(bytes)) {
            return null;
        }
        try {
            List<NotDifferentiableException> errors = new ArrayList<>();
            byte[] woven = weaver(loader).weave(bytes, errors);
            for (NotDifferentiableException e : errors) {
                System.err.println("cotangent: " + e.getMessage());
            }
            return woven;
        } catch (Throwable t) {
            System.err.println("cotangent: could not weave " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    private synchronized Weaver weaver(ClassLoader loader) {
        return weavers.computeIfAbsent(loader, l -> new Weaver(ClassSource.of(l)));
    }
}
