/**
 * The dense linear-algebra kernels every tensor contraction ends in: the
 * {@link dev.cotangent.blas.Blas} interface (row-major GEMM, batched GEMM, GEMV, dot, axpy,
 * scal over {@link java.nio.DoubleBuffer}s with explicit offsets and leading dimensions, as
 * CBLAS with {@code CblasRowMajor}) and {@link dev.cotangent.blas.JavaBlas}, its cache-blocked
 * pure-Java implementation, which is always present.
 *
 * <p>{@link dev.cotangent.blas.Blas#current()} is chosen once: the first implementation
 * {@link java.util.ServiceLoader} finds (the {@code cotangent-blas-bridge} module provides
 * OpenBLAS), or {@code JavaBlas} when there is none, when a provider fails to load (logged
 * once under {@code dev.cotangent.blas}), or when {@code -Dcotangent.blas=java} says so.
 * {@link dev.cotangent.blas.DirectArray} is off-heap memory a native implementation reads in
 * place. Implementations are stateless and thread-safe. {@link dev.cotangent.blas.BlasThreads}
 * decides how many threads a call may use ({@code -Dcotangent.blas.threads}, else the CPUs the
 * process may use, {@link dev.cotangent.blas.CpuQuota}) and runs the panels
 * ({@link dev.cotangent.blas.GemmPanels}) of large products on helpers that block when idle.
 * Internal to Cotangent apart from choosing and providing an implementation.
 */
package dev.cotangent.blas;
