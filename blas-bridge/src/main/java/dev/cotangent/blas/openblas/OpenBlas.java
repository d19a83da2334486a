package dev.cotangent.blas.openblas;

import dev.cotangent.blas.Blas;
import dev.cotangent.blas.DirectArray;
import dev.cotangent.blas.JavaBlas;

import java.nio.DoubleBuffer;

import static dev.cotangent.blas.openblas.Staging.whole;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ddot;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dscal;

/**
 * {@link Blas} on OpenBLAS through JavaCPP: registered for {@link java.util.ServiceLoader}, so
 * {@link Blas#current()} picks it whenever this module is on the class path, unless
 * {@code -Dcotangent.blas=java} asks for the pure-Java BLAS.
 *
 * <p>Operands in direct, native-order buffers (as {@link #allocateDirect} makes) go to native
 * code in place; others are copied for the call (see {@code Staging}). Every argument is
 * checked first, so bad input throws {@link IllegalArgumentException} (or
 * {@link java.nio.ReadOnlyBufferException} for a read-only output) and never reaches native
 * code. Calls that native BLAS would treat differently from {@link JavaBlas}, such as a zero
 * stride or an empty inner dimension, are done by {@link JavaBlas}, so results agree.
 *
 * <p>System properties, read once when OpenBLAS loads:
 * <ul>
 *   <li>{@code cotangent.blas.threads}: the most threads one call may use; unset, the CPUs
 *       this process may use (see {@link dev.cotangent.blas.BlasThreads}, which runs them:
 *       OpenBLAS's own pool is kept at one thread);</li>
 *   <li>{@code cotangent.blas.maxDirectBytes}: cap on live {@link #allocateDirect} memory
 *       (e.g. {@code 8g}), default the maximum heap size.</li>
 * </ul>
 *
 * <p>If OpenBLAS cannot load (its native jar for this platform is missing, say), the
 * constructor throws {@link IllegalStateException} saying why; {@code ServiceLoader} passes
 * that to core's provider lookup, which logs one warning and uses {@link JavaBlas}.
 *
 * @since 0.1
 */
public final class OpenBlas implements Blas {

    /**
     * For {@link java.util.ServiceLoader}.
     *
     * @throws IllegalStateException if OpenBLAS's native library could not be loaded
     */
    public OpenBlas() {
        OpenBlasLibrary.requireLoaded();
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public boolean isNative() {
        return true;
    }

    /** Uninitialised native memory, freed once no buffer over it is reachable. */
    @Override
    public DirectArray allocateDirect(int n) {
        return NativeMemory.allocate(n);
    }

    /**
     * Native memory while less than half of {@code cotangent.blas.maxDirectBytes} is in use,
     * else {@code null} (no collection is asked for, nothing waits).
     */
    @Override
    public DirectArray tryAllocateDirect(int n) {
        return NativeMemory.tryAllocate(n);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, DoubleBuffer a, int aOffset, int lda,
                      DoubleBuffer b, int bOffset, int ldb,
                      double beta, DoubleBuffer c, int cOffset, int ldc) {
        Extents.sizes("dgemm", m, n, k);
        int aSpan = Extents.matrix("dgemm", "A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        int bSpan = Extents.matrix("dgemm", "B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        int cSpan = Extents.matrix("dgemm", "C", c, cOffset, ldc, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        Extents.writable(c);
        if (k == 0) {
            // C = beta·C; CBLAS would reject lda < 1 here, and A and B may be absent.
            scaleRows(beta, c, cOffset, ldc, m, n);
            return;
        }
        long staged = (long) Staging.needed(a, aSpan) + Staging.needed(b, bSpan) + Staging.needed(c, cSpan);
        if (staged == 0) {
            NativeGemm.run(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        if (staged > Staging.MAX_STAGED) {
            // Over 2 GiB of heap operands cannot be staged in direct memory.
            JavaBlas.INSTANCE.dgemm(transA, transB, m, n, k, alpha, whole(a), aOffset, lda, whole(b), bOffset, ldb,
                    beta, whole(c), cOffset, ldc);
            return;
        }
        try (Staging s = Staging.of(staged)) {
            DoubleBuffer cn = s.in(c, cOffset, cSpan);
            DoubleBuffer an = s.in(a, aOffset, aSpan);
            DoubleBuffer bn = s.in(b, bOffset, bSpan);
            // Staged operands are duplicates positioned at their first element.
            NativeGemm.run(transA, transB, m, n, k, alpha, an, an.position(), lda, bn, bn.position(), ldb,
                    beta, cn, cn.position(), ldc);
            Staging.outMatrix(cn, c, cOffset, ldc, m, n);
        }
    }

    @Override
    public void dgemmBatch(boolean transA, boolean transB, int m, int n, int k, int batch,
                           double alpha, DoubleBuffer a, int aOffset, int lda, long strideA,
                           DoubleBuffer b, int bOffset, int ldb, long strideB,
                           double beta, DoubleBuffer c, int cOffset, int ldc, long strideC) {
        Extents.sizes("dgemmBatch", m, n, k, batch);
        if (batch == 0) {
            return;
        }
        // Offsets are linear in the batch index, so the first and last entries bound all others.
        long last = batch - 1L;
        for (long i : new long[] {0, last}) {
            Extents.matrix("dgemmBatch", "A", a, aOffset + i * strideA, lda, transA ? k : m, transA ? m : k);
            Extents.matrix("dgemmBatch", "B", b, bOffset + i * strideB, ldb, transB ? n : k, transB ? k : n);
            Extents.matrix("dgemmBatch", "C", c, cOffset + i * strideC, ldc, m, n);
        }
        if (m == 0 || n == 0) {
            return;
        }
        Extents.writable(c);
        if (k == 0 || !(Staging.inPlace(a) && Staging.inPlace(b) && Staging.inPlace(c))) {
            Blas.super.dgemmBatch(transA, transB, m, n, k, batch, alpha, a, aOffset, lda, strideA,
                    b, bOffset, ldb, strideB, beta, c, cOffset, ldc, strideC);
            return;
        }
        GemmBatch.run(new GemmBatch.Shape(transA, transB, m, n, k, alpha, beta),
                new GemmBatch.Operand(a, aOffset, lda, strideA), new GemmBatch.Operand(b, bOffset, ldb, strideB),
                new GemmBatch.Operand(c, cOffset, ldc, strideC), batch);
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, int aOffset, int lda,
                      DoubleBuffer x, int xOffset, int incX, double beta, DoubleBuffer y, int yOffset, int incY) {
        Extents.sizes("dgemv", m, n);
        int xLength = transA ? m : n;
        int yLength = transA ? n : m;
        int aSpan = Extents.matrix("dgemv", "A", a, aOffset, lda, m, n);
        int xLow = Extents.vector("dgemv", "x", x, xOffset, incX, xLength);
        int yLow = Extents.vector("dgemv", "y", y, yOffset, incY, yLength);
        if (yLength == 0) {
            return;
        }
        Extents.writable(y);
        int xSpan = Extents.vectorSpan(xLength, incX);
        int ySpan = Extents.vectorSpan(yLength, incY);
        if (xLength == 0) {
            // y = alpha·0 + beta·y, which CBLAS skips; A and x may be absent.
            DoubleBuffer yw = whole(y);
            for (int i = 0; i < yLength; i++) {
                int yi = yOffset + i * incY;
                yw.put(yi, alpha * 0.0 + (beta == 0.0 ? 0.0 : beta * yw.get(yi)));
            }
            return;
        }
        long staged = (long) Staging.needed(a, aSpan) + Staging.needed(x, xSpan) + Staging.needed(y, ySpan);
        if (incX == 0 || incY == 0 || staged > Staging.MAX_STAGED) {
            // CBLAS rejects zero strides, which JavaBlas defines; over 2 GiB cannot be staged.
            JavaBlas.INSTANCE.dgemv(transA, m, n, alpha, whole(a), aOffset, lda, whole(x), xOffset, incX,
                    beta, whole(y), yOffset, incY);
            return;
        }
        if (staged == 0) {
            cblas_dgemv(CblasRowMajor, trans(transA), m, n, alpha, Staging.at(a, aOffset), lda,
                    Staging.at(x, xLow), incX, beta, Staging.at(y, yLow), incY);
            return;
        }
        try (Staging s = Staging.of(staged)) {
            DoubleBuffer yn = s.in(y, yLow, ySpan);
            cblas_dgemv(CblasRowMajor, trans(transA), m, n, alpha, s.in(a, aOffset, aSpan), lda,
                    s.in(x, xLow, xSpan), incX, beta, yn, incY);
            Staging.outVector(yn, y, yLow, yLength, incY);
        }
    }

    @Override
    public double ddot(int n, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY) {
        Extents.sizes("ddot", n);
        int xLow = Extents.vector("ddot", "x", x, xOffset, incX, n);
        int yLow = Extents.vector("ddot", "y", y, yOffset, incY, n);
        if (n == 0) {
            return 0.0;
        }
        int xSpan = Extents.vectorSpan(n, incX);
        int ySpan = Extents.vectorSpan(n, incY);
        long staged = (long) Staging.needed(x, xSpan) + Staging.needed(y, ySpan);
        if (incX == 0 || incY == 0 || staged > Staging.MAX_STAGED) {
            return JavaBlas.INSTANCE.ddot(n, whole(x), xOffset, incX, whole(y), yOffset, incY);
        }
        if (staged == 0) {
            return cblas_ddot(n, Staging.at(x, xLow), incX, Staging.at(y, yLow), incY);
        }
        try (Staging s = Staging.of(staged)) {
            return cblas_ddot(n, s.in(x, xLow, xSpan), incX, s.in(y, yLow, ySpan), incY);
        }
    }

    @Override
    public void daxpy(int n, double alpha, DoubleBuffer x, int xOffset, int incX,
                      DoubleBuffer y, int yOffset, int incY) {
        Extents.sizes("daxpy", n);
        int xLow = Extents.vector("daxpy", "x", x, xOffset, incX, n);
        int yLow = Extents.vector("daxpy", "y", y, yOffset, incY, n);
        if (n == 0) {
            return;
        }
        Extents.writable(y);
        int xSpan = Extents.vectorSpan(n, incX);
        int ySpan = Extents.vectorSpan(n, incY);
        long staged = (long) Staging.needed(x, xSpan) + Staging.needed(y, ySpan);
        if (incX == 0 || incY == 0 || staged > Staging.MAX_STAGED) {
            JavaBlas.INSTANCE.daxpy(n, alpha, whole(x), xOffset, incX, whole(y), yOffset, incY);
            return;
        }
        if (staged == 0) {
            cblas_daxpy(n, alpha, Staging.at(x, xLow), incX, Staging.at(y, yLow), incY);
            return;
        }
        try (Staging s = Staging.of(staged)) {
            DoubleBuffer yn = s.in(y, yLow, ySpan);
            cblas_daxpy(n, alpha, s.in(x, xLow, xSpan), incX, yn, incY);
            Staging.outVector(yn, y, yLow, n, incY);
        }
    }

    @Override
    public void dscal(int n, double alpha, DoubleBuffer x, int xOffset, int incX) {
        Extents.sizes("dscal", n);
        int xLow = Extents.vector("dscal", "x", x, xOffset, incX, n);
        if (n == 0) {
            return;
        }
        Extents.writable(x);
        int xSpan = Extents.vectorSpan(n, incX);
        long staged = Staging.needed(x, xSpan);
        if (incX == 0 || staged > Staging.MAX_STAGED) {
            JavaBlas.INSTANCE.dscal(n, alpha, whole(x), xOffset, incX);
            return;
        }
        // Scaling does not depend on order, and OpenBLAS ignores a call with a negative stride:
        // walk up from the lowest element instead.
        int step = Math.abs(incX);
        if (staged == 0) {
            cblas_dscal(n, alpha, Staging.at(x, xLow), step);
            return;
        }
        try (Staging s = Staging.of(staged)) {
            DoubleBuffer xn = s.in(x, xLow, xSpan);
            cblas_dscal(n, alpha, xn, step);
            Staging.outVector(xn, x, xLow, n, step);
        }
    }

    /** {@code C = beta·C} as JavaBlas does it: zeros (not {@code 0·NaN}) when beta is 0. */
    private static void scaleRows(double beta, DoubleBuffer c, int cOffset, int ldc, int m, int n) {
        if (beta == 1.0) {
            return;
        }
        DoubleBuffer cw = whole(c);
        for (int i = 0; i < m; i++) {
            for (int j = cOffset + i * ldc, end = j + n; j < end; j++) {
                cw.put(j, beta == 0.0 ? 0.0 : beta * cw.get(j));
            }
        }
    }

    private static int trans(boolean transposed) {
        return transposed ? CblasTrans : CblasNoTrans;
    }

    @Override
    public String toString() {
        return "OpenBlas";
    }
}
