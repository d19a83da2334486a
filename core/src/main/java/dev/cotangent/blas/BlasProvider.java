package dev.cotangent.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Chooses the {@link Blas} implementation once, when first asked. */
final class BlasProvider {

    static final String PROPERTY = "cotangent.blas";
    static final Blas CURRENT = choose(System.getProperty(PROPERTY));

    private BlasProvider() {}

    static Blas choose(String forced) {
        List<Blas> found = new ArrayList<>();
        ServiceLoader<Blas> loader = ServiceLoader.load(Blas.class, BlasProvider.class.getClassLoader());
        for (var it = loader.iterator(); ; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (Throwable e) {
                // A provider whose native library cannot load must not take the JVM down:
                // fall back to Java, and say so once.
                String cause = e.getCause() == null ? "" : " because " + e.getCause();
                Logger.getLogger("dev.cotangent.blas").log(Level.WARNING,
                        "Cotangent: a BLAS provider failed to load (" + e.getMessage() + cause
                                + "); using pure-Java BLAS");
            }
        }
        if (forced != null && !forced.isBlank()) {
            if (forced.equals(JavaBlas.INSTANCE.name())) {
                return JavaBlas.INSTANCE;
            }
            for (Blas b : found) {
                if (b.name().equals(forced)) {
                    return b;
                }
            }
            Logger.getLogger("dev.cotangent.blas").warning("Cotangent: -D" + PROPERTY + "=" + forced
                    + " asks for a BLAS that is not on the class path or failed to load (found: "
                    + names(found) + "); using pure-Java BLAS");
            return JavaBlas.INSTANCE;
        }
        return found.isEmpty() ? JavaBlas.INSTANCE : found.get(0);
    }

    private static String names(List<Blas> found) {
        List<String> names = new ArrayList<>();
        names.add(JavaBlas.INSTANCE.name());
        for (Blas b : found) {
            names.add(b.name());
        }
        return String.join(", ", names);
    }
}
