package dev.cotangent.bench;

import dev.cotangent.blas.Blas;
import org.bytedeco.openblas.global.openblas_nolapack;

/** The setup the GEMM benchmarks share: OpenBLAS must be the backend, on a chosen number of threads. */
final class OpenBlasThreads {

    private OpenBlasThreads() {}

    /**
     * Sets OpenBLAS's thread count.
     *
     * @throws IllegalStateException if OpenBLAS did not load (the figures would be the Java
     *         kernels', not what the benchmark is about)
     */
    static void use(int threads) {
        if (!Blas.current().isNative()) {
            throw new IllegalStateException("OpenBLAS did not load; Blas.current() is " + Blas.current());
        }
        openblas_nolapack.blas_set_num_threads(threads);
    }
}
