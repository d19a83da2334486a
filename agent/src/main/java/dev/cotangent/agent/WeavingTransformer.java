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
import java.util.function.Consumer;

/**
 * Adapts {@link Weaver#weave} to class loading. Classes without a {@code @Differentiable}
 * method pass through untouched (a byte search decides, without parsing). A woven class keeps
 * its own methods' bytes; the frames of its derivatives are computed against the hierarchy of
 * the class files its loader serves, without loading any. A method that cannot be
 * differentiated is reported on standard error and left unwoven; {@code AD} raises the same
 * error when it is asked for that derivative. The transformer never lets an exception escape
 * into class loading: a class it cannot weave loads as it is.
 */
final class WeavingTransformer implements ClassFileTransformer {

    private final Map<ClassLoader, Weaver> weavers = new WeakHashMap<>();
    private final Consumer<String> report;

    /** Reports on standard error. */
    WeavingTransformer() {
        this(System.err::println);
    }

    /** Reports each rejected method and each class it cannot weave to {@code report}, one line each. */
    WeavingTransformer(Consumer<String> report) {
        this.report = report;
    }

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
                report.accept("cotangent: " + e.getMessage());
            }
            return woven;
        } catch (Throwable t) {
            report.accept("cotangent: could not weave " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    private synchronized Weaver weaver(ClassLoader loader) {
        return weavers.computeIfAbsent(loader, l -> new Weaver(ClassSource.of(l)));
    }
}
