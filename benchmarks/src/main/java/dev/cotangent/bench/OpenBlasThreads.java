package dev.cotangent.bench;

import dev.cotangent.blas.Blas;
import org.bytedeco.openblas.global.openblas_nolapack;

/** The check the OpenBLAS benchmarks share: OpenBLAS must be the backend, its pool on one thread. */
final class OpenBlasThreads {

    private OpenBlasThreads() {}

    /**
     * @throws IllegalStateException if OpenBLAS did not load (the figures would be the Java
     *         kernels', not what the benchmark is about), or its own pool is not at one thread
     *         (hand-written calls in the benchmarks are the one-thread baseline)
     */
    static void requireOpenBlas() {
        if (!Blas.current().isNative()) {
            throw new IllegalStateException("OpenBLAS did not load; Blas.current() is " + Blas.current());
        }
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            throw new IllegalStateException("OpenBLAS runs " + openblas_nolapack.blas_get_num_threads()
                    + " threads per call; Cotangent keeps it at 1");
        }
    }
}
