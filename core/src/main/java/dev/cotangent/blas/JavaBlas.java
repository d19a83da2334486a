package dev.cotangent.blas;

import java.nio.DoubleBuffer;

/**
 * The pure-Java {@link Blas}: always present, no native code.
 *
 * <p>GEMM is cache-blocked: a {@value #KC}×{@value #NC} panel of {@code op(B)} is packed into
 * a contiguous row-major block (which also absorbs {@code transB} and any leading dimension),
 * and four rows of C are updated at a time from it, so each load of B feeds four
 * multiply-adds and the inner loop is a unit-stride loop that HotSpot vectorises.
 * Direct buffers are accepted and copied to the heap first.
 *
 * @since 0.1
 */
public final class JavaBlas implements Blas {

    /** The one instance. */
    public static final JavaBlas INSTANCE = new JavaBlas();

    static final int KC = 256;
    static final int NC = 512;

    private static final ThreadLocal<double[]> PACKED_B = ThreadLocal.withInitial(() -> new double[KC * NC]);

    private JavaBlas() {}

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public DirectArray allocateDirect(int n) {
        throw new UnsupportedOperationException("the pure-Java BLAS works on heap arrays only");
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, DoubleBuffer a, int aOffset, int lda,
                      DoubleBuffer b, int bOffset, int ldb,
                      double beta, DoubleBuffer c, int cOffset, int ldc) {
        checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (!c.hasArray()) {
            double[] cHeap = copyOut(c, cOffset, (m - 1) * ldc + n);
            dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta,
                    DoubleBuffer.wrap(cHeap), 0, ldc);
            c.put(cOffset, cHeap);
            return;
        }
        double[] aa = heap(a);
        int aOff = aOffset + offsetOf(a);
        double[] bb = heap(b);
        int bOff = bOffset + offsetOf(b);
        gemm(transA, transB, m, n, k, alpha, aa, aOff, lda, bb, bOff, ldb, beta, c.array(),
                cOffset + c.arrayOffset(), ldc);
    }

    /** Row-major GEMM on arrays; the entry point the tensor kernels use directly. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, int lda,
                            double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        scaleC(m, n, beta, c, cOff, ldc);
        if (k == 0 || alpha == 0.0) {
            return;
        }
        double[] packed = PACKED_B.get();
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nb = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kb = Math.min(KC, k - p0);
                packB(transB, b, bOff, ldb, p0, kb, j0, nb, packed);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    fourRows(transA, a, aOff, lda, i, p0, kb, alpha, packed, nb, c, cOff + i * ldc + j0, ldc);
                }
                for (; i < m; i++) {
                    oneRow(transA, a, aOff, lda, i, p0, kb, alpha, packed, nb, c, cOff + i * ldc + j0);
                }
            }
        }
    }

    private static void scaleC(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1.0) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0.0) {
                java.util.Arrays.fill(c, row, row + n, 0.0);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /** Copies op(B)[p0:p0+kb, j0:j0+nb] into {@code packed} as a kb×nb row-major block. */
    private static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int kb, int j0, int nb,
                              double[] packed) {
        if (!transB) {
            for (int p = 0; p < kb; p++) {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, packed, p * nb, nb);
            }
        } else {
            for (int j = 0; j < nb; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                for (int p = 0; p < kb; p++) {
                    packed[p * nb + j] = b[src + p];
                }
            }
        }
    }

    private static double elementA(boolean transA, double[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    private static void fourRows(boolean transA, double[] a, int aOff, int lda, int i, int p0, int kb,
                                 double alpha, double[] packed, int nb, double[] c, int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        for (int p = 0; p < kb; p++) {
            double a0 = alpha * elementA(transA, a, aOff, lda, i, p0 + p);
            double a1 = alpha * elementA(transA, a, aOff, lda, i + 1, p0 + p);
            double a2 = alpha * elementA(transA, a, aOff, lda, i + 2, p0 + p);
            double a3 = alpha * elementA(transA, a, aOff, lda, i + 3, p0 + p);
            int row = p * nb;
            for (int j = 0; j < nb; j++) {
                double bv = packed[row + j];
                c[c0 + j] += a0 * bv;
                c[c1 + j] += a1 * bv;
                c[c2 + j] += a2 * bv;
                c[c3 + j] += a3 * bv;
            }
        }
    }

    private static void oneRow(boolean transA, double[] a, int aOff, int lda, int i, int p0, int kb,
                               double alpha, double[] packed, int nb, double[] c, int c0) {
        for (int p = 0; p < kb; p++) {
            double a0 = alpha * elementA(transA, a, aOff, lda, i, p0 + p);
            int row = p * nb;
            for (int j = 0; j < nb; j++) {
                c[c0 + j] += a0 * packed[row + j];
            }
        }
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, int aOffset, int lda,
                      DoubleBuffer x, int xOffset, int incX, double beta, DoubleBuffer y, int yOffset, int incY) {
        int rows = transA ? n : m;
        int cols = transA ? m : n;
        for (int r = 0; r < rows; r++) {
            double sum = 0.0;
            for (int s = 0; s < cols; s++) {
                double av = transA ? a.get(aOffset + s * lda + r) : a.get(aOffset + r * lda + s);
                sum += av * x.get(xOffset + s * incX);
            }
            int yi = yOffset + r * incY;
            y.put(yi, alpha * sum + (beta == 0.0 ? 0.0 : beta * y.get(yi)));
        }
    }

    @Override
    public double ddot(int n, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x.get(xOffset + i * incX) * y.get(yOffset + i * incY);
        }
        return sum;
    }

    @Override
    public void daxpy(int n, double alpha, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY) {
        for (int i = 0; i < n; i++) {
            int yi = yOffset + i * incY;
            y.put(yi, y.get(yi) + alpha * x.get(xOffset + i * incX));
        }
    }

    @Override
    public void dscal(int n, double alpha, DoubleBuffer x, int xOffset, int incX) {
        for (int i = 0; i < n; i++) {
            int xi = xOffset + i * incX;
            x.put(xi, alpha * x.get(xi));
        }
    }

    private static double[] heap(DoubleBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        double[] copy = new double[buffer.capacity()];
        buffer.get(0, copy);
        return copy;
    }

    private static int offsetOf(DoubleBuffer buffer) {
        return buffer.hasArray() ? buffer.arrayOffset() : 0;
    }

    private static double[] copyOut(DoubleBuffer buffer, int offset, int length) {
        double[] copy = new double[length];
        buffer.get(offset, copy);
        return copy;
    }

    /** Checks a GEMM call's dimensions and extents; shared by every implementation. */
    static void checkGemm(boolean transA, boolean transB, int m, int n, int k,
                          DoubleBuffer a, int aOffset, int lda, DoubleBuffer b, int bOffset, int ldb,
                          DoubleBuffer c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("dgemm: negative dimension m=" + m + " n=" + n + " k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkMatrix("A", a, aOffset, lda, aRows, aCols);
        checkMatrix("B", b, bOffset, ldb, bRows, bCols);
        checkMatrix("C", c, cOffset, ldc, m, n);
    }

    static void checkMatrix(String name, DoubleBuffer buffer, int offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("dgemm: leading dimension of " + name + " is " + ld
                    + " but its rows hold " + cols + " elements");
        }
        long last = (long) offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || last > buffer.capacity()) {
            throw new IllegalArgumentException("dgemm: " + name + " (" + rows + "×" + cols + ", offset " + offset
                    + ", ld " + ld + ") reaches element " + last + " of a buffer of " + buffer.capacity());
        }
    }
}
