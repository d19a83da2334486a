package dev.cotangent.blas.openblas;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.util.logging.Logger;

/**
 * Loads OpenBLAS once per JVM and applies {@value #THREADS_PROPERTY}.
 *
 * <p>Only the BLAS half of the JavaCPP presets is loaded ({@code openblas_nolapack}, about a
 * third of the load time of the LAPACK-carrying {@code openblas} class). A failure is kept,
 * not thrown, so that {@link OpenBlas}'s constructor can report it in one exception.
 */
final class OpenBlasLibrary {

    /** System property: the number of threads OpenBLAS uses; unset keeps OpenBLAS's own default. */
    static final String THREADS_PROPERTY = "cotangent.blas.threads";

    private static final Logger LOG = Logger.getLogger("dev.cotangent.blas");

    /** The thread count {@value #THREADS_PROPERTY} asks for, or 0 if it is unset or invalid. */
    private static int requestedThreads;

    /** Why loading failed, or {@code null} once OpenBLAS is ready. */
    private static final Throwable FAILURE = load();

    private OpenBlasLibrary() {}

    /** Throws, with the reason and the fix, unless OpenBLAS loaded. */
    static void requireLoaded() {
        if (FAILURE != null) {
            throw new IllegalStateException("OpenBLAS could not be loaded: " + FAILURE
                    + ". Put org.bytedeco:openblas and org.bytedeco:javacpp with the classifier of this platform ("
                    + platform() + ") on the class path, or remove cotangent-blas-bridge to use pure-Java BLAS",
                    FAILURE);
        }
    }

    /** Whether OpenBLAS loaded; {@link #requireLoaded()} says why not. */
    static boolean isLoaded() {
        return FAILURE == null;
    }

    /** How many threads BLAS work may use: {@value #THREADS_PROPERTY}, else the number of cores. */
    static int threads() {
        return requestedThreads > 0 ? requestedThreads : Runtime.getRuntime().availableProcessors();
    }

    private static Throwable load() {
        try {
            Loader.load(openblas_nolapack.class);
        } catch (Throwable e) {
            // UnsatisfiedLinkError without the native jar, NoClassDefFoundError without JavaCPP.
            return e;
        }
        applyThreads(System.getProperty(THREADS_PROPERTY));
        return null;
    }

    private static void applyThreads(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        int threads;
        try {
            threads = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1) {
            LOG.warning("Cotangent: ignoring -D" + THREADS_PROPERTY + "=" + value
                    + " (not a positive integer); OpenBLAS keeps its default thread count");
            return;
        }
        openblas_nolapack.blas_set_num_threads(threads);
        requestedThreads = threads;
    }

    private static String platform() {
        try {
            return Loader.getPlatform();
        } catch (Throwable e) {
            return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        }
    }
}
