package dev.cotangent.blas;

import java.nio.DoubleBuffer;

/**
 * The dense linear-algebra kernels every contraction in Cotangent ends in.
 *
 * <p>Matrices are row-major. A matrix operand is a {@link DoubleBuffer} plus an absolute
 * element offset and a leading dimension (the distance between the starts of two rows,
 * at least the row length); the buffer's position and limit are ignored. {@code transA}
 * means the stored matrix is {@code A}ᵀ, exactly as in CBLAS with {@code CblasRowMajor}.
 *
 * <p>Buffers are heap buffers ({@link DoubleBuffer#wrap(double[])}) or direct buffers from
 * {@link #allocateDirect}; a native implementation copies heap buffers on every call, so
 * callers that care hand it direct memory (see {@link #isNative()}). Implementations are
 * stateless and safe to call from many threads at once.
 *
 * <p>The implementation in use is {@link #current()}: the pure-Java {@link JavaBlas} unless
 * another one is found through {@link java.util.ServiceLoader} (the {@code blas-bridge}
 * module provides OpenBLAS). The system property {@code cotangent.blas} forces one by
 * {@link #name()}.
 *
 * @since 0.1
 */
public interface Blas {

    /** The name {@code -Dcotangent.blas=} selects this implementation by, e.g. {@code java}. */
    String name();

    /**
     * Whether this implementation runs native code, so that operands should live in direct
     * memory from {@link #allocateDirect} and tiny problems are better left in Java.
     */
    boolean isNative();

    /**
     * Direct memory for {@code n} doubles, contents unspecified. Only native implementations
     * are asked; the returned array keeps its memory alive while it is reachable.
     *
     * @throws UnsupportedOperationException if this implementation has no direct memory
     */
    DirectArray allocateDirect(int n);

    /**
     * Direct memory for {@code n} doubles if it can be had at once, else {@code null}: never
     * waits for a garbage collection to free dead arrays. Cotangent keeps products' results
     * and operands' copies in such memory while there is room (so that nothing is copied),
     * and falls back to heap arrays when there is not (so that a program whose collector
     * runs rarely does not pile up native memory). The default asks {@link #allocateDirect}.
     */
    default DirectArray tryAllocateDirect(int n) {
        return allocateDirect(n);
    }

    /** {@code C = alpha · op(A) · op(B) + beta · C} with {@code op(A)} m×k and {@code op(B)} k×n. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, DoubleBuffer a, int aOffset, int lda,
               DoubleBuffer b, int bOffset, int ldb,
               double beta, DoubleBuffer c, int cOffset, int ldc);

    /**
     * {@code batch} independent GEMMs; operand {@code i} of each starts {@code i · stride}
     * after the first (a stride of 0 reuses the same matrix for every batch entry).
     */
    default void dgemmBatch(boolean transA, boolean transB, int m, int n, int k, int batch,
                            double alpha, DoubleBuffer a, int aOffset, int lda, long strideA,
                            DoubleBuffer b, int bOffset, int ldb, long strideB,
                            double beta, DoubleBuffer c, int cOffset, int ldc, long strideC) {
        for (int i = 0; i < batch; i++) {
            dgemm(transA, transB, m, n, k, alpha,
                    a, Math.toIntExact(aOffset + i * strideA), lda,
                    b, Math.toIntExact(bOffset + i * strideB), ldb,
                    beta, c, Math.toIntExact(cOffset + i * strideC), ldc);
        }
    }

    /** {@code y = alpha · op(A) · x + beta · y}, A stored m×n, x and y with strides. */
    void dgemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, int aOffset, int lda,
               DoubleBuffer x, int xOffset, int incX, double beta, DoubleBuffer y, int yOffset, int incY);

    /** {@code Σ x[i]·y[i]} over {@code n} elements with strides. */
    double ddot(int n, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY);

    /** {@code y += alpha · x} over {@code n} elements with strides. */
    void daxpy(int n, double alpha, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY);

    /** {@code x *= alpha} over {@code n} elements with a stride. */
    void dscal(int n, double alpha, DoubleBuffer x, int xOffset, int incX);

    /** The implementation in use; see the class comment for how it is chosen. */
    static Blas current() {
        return BlasProvider.CURRENT;
    }
}
