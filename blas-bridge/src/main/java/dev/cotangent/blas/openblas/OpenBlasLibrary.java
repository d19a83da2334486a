package dev.cotangent.blas.openblas;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.util.logging.Logger;

/**
 * Loads OpenBLAS once per JVM and keeps its own thread pool at one thread.
 *
 * <p>Only the BLAS half of the JavaCPP presets is loaded ({@code openblas_nolapack}, about a
 * third of the load time of the LAPACK-carrying {@code openblas} class). A failure is kept,
 * not thrown, so that {@link OpenBlas}'s constructor can report it in one exception.
 *
 * <p>Why one thread: OpenBLAS's workers spin for about 2²⁸ cycles after each call before they
 * sleep ({@code OPENBLAS_THREAD_TIMEOUT}, read from the environment when the library loads,
 * which a running JVM cannot set for itself), and its thread count is one global setting that
 * concurrent callers would fight over. Cotangent cuts large products itself
 * ({@link NativeGemm}, {@link dev.cotangent.blas.BlasThreads}), on helpers that block when idle.
 */
final class OpenBlasLibrary {

    private static final Logger LOG = Logger.getLogger("dev.cotangent.blas");

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

    private static Throwable load() {
        try {
            Loader.load(openblas_nolapack.class);
            openblas_nolapack.blas_set_num_threads(1);
        } catch (Throwable e) {
            // UnsatisfiedLinkError without the native jar, NoClassDefFoundError without JavaCPP.
            return e;
        }
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            LOG.warning("Cotangent: OpenBLAS kept " + openblas_nolapack.blas_get_num_threads()
                    + " threads after being asked for 1; its idle threads may spin beside Cotangent's");
        }
        return null;
    }

    private static String platform() {
        try {
            return Loader.getPlatform();
        } catch (Throwable e) {
            return System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        }
    }
}
