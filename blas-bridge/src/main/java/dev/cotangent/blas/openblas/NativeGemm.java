package dev.cotangent.blas.openblas;

import dev.cotangent.blas.BlasThreads;
import dev.cotangent.blas.GemmPanels;

import java.nio.DoubleBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

/**
 * One checked {@code cblas_dgemm} on direct, native-order operands, on as many threads as
 * {@link BlasThreads} gives its size: OpenBLAS itself always runs on the calling thread
 * (its pool is set to one thread when it loads), and a large product is cut into panels of
 * C ({@link GemmPanels}), each one single-threaded {@code cblas_dgemm}, that the caller and
 * Cotangent's helpers share. Cotangent's helpers block when idle; OpenBLAS's own would spin
 * for about a tenth of a second after every call, against the caller when the machine is busy.
 */
final class NativeGemm {

    private NativeGemm() {}

    /** {@code C = alpha·op(A)·op(B) + beta·C}; offsets are absolute element indices. */
    static void run(boolean transA, boolean transB, int m, int n, int k, double alpha,
                    DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
                    double beta, DoubleBuffer c, int cOffset, int ldc) {
        int threads = BlasThreads.threadsFor(2L * m * n * k);
        if (threads <= 1) {
            call(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        GemmPanels p = GemmPanels.of(m, n, threads);
        BlasThreads.forEachChunk(p.count(), threads, i -> call(transA, transB, p.m(i, m), p.n(i, n), k, alpha,
                a, (int) (aOffset + p.aOffset(i, transA, lda)), lda, b, (int) (bOffset + p.bOffset(i, transB, ldb)), ldb,
                beta, c, (int) (cOffset + p.cOffset(i, ldc)), ldc));
    }

    static void call(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
                     double beta, DoubleBuffer c, int cOffset, int ldc) {
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, Staging.at(a, aOffset), lda, Staging.at(b, bOffset), ldb, beta, Staging.at(c, cOffset), ldc);
    }
}
