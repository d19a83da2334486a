package dev.cotangent.blas;

import java.nio.DoubleBuffer;

/**
 * The pure-Java {@link Blas}: always present, no native code.
 *
 * <p>GEMM is blocked as in GotoBLAS: a {@value #KC}×{@value #NC} block of {@code op(B)} and a
 * {@value #MC}×{@value #KC} block of {@code alpha·op(A)} are packed into micro-panels (which
 * absorbs the transpose flags, alpha and the leading dimensions), and a micro-kernel keeps a
 * {@value #MR}×{@value #NR} block of C in locals while it runs down a pair of panels, so C
 * is read and written once per block and every load feeds two multiply-adds.
 * Direct buffers are accepted and copied to the heap first.
 *
 * @since 0.1
 */
public final class JavaBlas implements Blas {

    /** The one instance. */
    public static final JavaBlas INSTANCE = new JavaBlas();

    /** Rows and columns of the block of C a micro-kernel call keeps in registers. */
    static final int MR = 4;
    static final int NR = 4;
    /** Depth of a packed block: an A and a B micro-panel (MR·KC, KC·NR doubles) fit in L1 together. */
    static final int KC = 256;
    /** Rows of A packed at once: MC·KC doubles (128 KB) stay in L2. */
    static final int MC = 64;
    /** Columns of B packed at once: KC·NC doubles (1 MB), read from L3 once per row block. */
    static final int NC = 512;

    /** Per thread: packed A block, packed B block. */
    private static final ThreadLocal<double[][]> PACKS =
            ThreadLocal.withInitial(() -> new double[][] {new double[MC * KC], new double[KC * NC]});

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
        c = whole(c);
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

    /**
     * Row-major GEMM on arrays; the entry point the tensor kernels use directly. Large
     * products are cut into panels of C that {@link BlasThreads} runs on several threads.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double alpha, double[] a, int aOff, int lda,
                            double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        int threads = BlasThreads.threadsFor(2L * m * n * k);
        if (threads <= 1) {
            serialGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        GemmPanels p = GemmPanels.of(m, n, threads);
        BlasThreads.forEachChunk(p.count(), threads, i -> serialGemm(transA, transB, p.m(i, m), p.n(i, n), k, alpha,
                a, (int) (aOff + p.aOffset(i, transA, lda)), lda, b, (int) (bOff + p.bOffset(i, transB, ldb)), ldb,
                beta, c, (int) (cOff + p.cOffset(i, ldc)), ldc));
    }

    private static void serialGemm(boolean transA, boolean transB, int m, int n, int k,
                                   double alpha, double[] a, int aOff, int lda,
                                   double[] b, int bOff, int ldb,
                                   double beta, double[] c, int cOff, int ldc) {
        scaleC(m, n, beta, c, cOff, ldc);
        if (k == 0 || alpha == 0.0) {
            return;
        }
        double[][] packs = PACKS.get();
        double[] packedA = packs[0];
        double[] packedB = packs[1];
        for (int j0 = 0; j0 < n; j0 += NC) {
            int nb = Math.min(NC, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kb = Math.min(KC, k - p0);
                packB(transB, b, bOff, ldb, p0, kb, j0, nb, packedB);
                for (int i0 = 0; i0 < m; i0 += MC) {
                    int mb = Math.min(MC, m - i0);
                    packA(transA, alpha, a, aOff, lda, i0, mb, p0, kb, packedA);
                    // One B micro-panel (kb×NR, 8 KB) stays in L1 while every A micro-panel
                    // of the block (in L2) passes it.
                    for (int jr = 0; jr < nb; jr += NR) {
                        for (int ir = 0; ir < mb; ir += MR) {
                            tile(kb, packedA, ir * kb, packedB, jr * kb, c, cOff + (i0 + ir) * ldc + j0 + jr, ldc,
                                    Math.min(MR, mb - ir), Math.min(NR, nb - jr));
                        }
                    }
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

    /**
     * Copies op(B)[p0:p0+kb, j0:j0+nb] into micro-panels of {@value #NR} columns: panel
     * {@code jr} holds, for each p, its NR elements side by side; columns past nb are 0.
     */
    private static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int kb, int j0, int nb,
                              double[] packed) {
        for (int jr = 0; jr < nb; jr += NR) {
            int w = Math.min(NR, nb - jr);
            int base = jr * kb;
            if (!transB) {
                for (int p = 0; p < kb; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = base + p * NR;
                    for (int q = 0; q < w; q++) {
                        packed[dst + q] = b[src + q];
                    }
                    for (int q = w; q < NR; q++) {
                        packed[dst + q] = 0.0;
                    }
                }
            } else {
                for (int q = 0; q < NR; q++) {
                    int src = bOff + (j0 + jr + q) * ldb + p0;
                    for (int p = 0; p < kb; p++) {
                        packed[base + p * NR + q] = q < w ? b[src + p] : 0.0;
                    }
                }
            }
        }
    }

    /**
     * Copies alpha·op(A)[i0:i0+mb, p0:p0+kb] into micro-panels of {@value #MR} rows: panel
     * {@code ir} holds, for each p, its MR elements side by side; rows past mb are 0.
     */
    private static void packA(boolean transA, double alpha, double[] a, int aOff, int lda, int i0, int mb,
                              int p0, int kb, double[] packed) {
        for (int ir = 0; ir < mb; ir += MR) {
            int h = Math.min(MR, mb - ir);
            int base = ir * kb;
            if (!transA) {
                for (int r = 0; r < MR; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kb; p++) {
                        packed[base + p * MR + r] = r < h ? alpha * a[src + p] : 0.0;
                    }
                }
            } else {
                for (int p = 0; p < kb; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < h; r++) {
                        packed[dst + r] = alpha * a[src + r];
                    }
                    for (int r = h; r < MR; r++) {
                        packed[dst + r] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * C[0:h, 0:w] += (packed A panel)·(packed B panel) over kb. The 4×4 block of C lives in
     * sixteen locals for the whole loop, so each step costs 8 loads for 16 multiply-adds
     * and C is touched once.
     */
    private static void tile(int kb, double[] pa, int ao, double[] pb, int bo, double[] c, int co, int ldc,
                             int h, int w) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kb; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            double b0 = pb[bi];
            double b1 = pb[bi + 1];
            double b2 = pb[bi + 2];
            double b3 = pb[bi + 3];
            double a0 = pa[ai];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            double a1 = pa[ai + 1];
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            double a2 = pa[ai + 2];
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            double a3 = pa[ai + 3];
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        if (h == MR && w == NR) {
            addRow(c, co, c00, c01, c02, c03);
            addRow(c, co + ldc, c10, c11, c12, c13);
            addRow(c, co + 2 * ldc, c20, c21, c22, c23);
            addRow(c, co + 3 * ldc, c30, c31, c32, c33);
            return;
        }
        double[] t = {c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33};
        for (int r = 0; r < h; r++) {
            for (int q = 0; q < w; q++) {
                c[co + r * ldc + q] += t[r * NR + q];
            }
        }
    }

    private static void addRow(double[] c, int at, double v0, double v1, double v2, double v3) {
        c[at] += v0;
        c[at + 1] += v1;
        c[at + 2] += v2;
        c[at + 3] += v3;
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, int aOffset, int lda,
                      DoubleBuffer x, int xOffset, int incX, double beta, DoubleBuffer y, int yOffset, int incY) {
        a = whole(a);
        x = whole(x);
        y = whole(y);
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
        x = whole(x);
        y = whole(y);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x.get(xOffset + i * incX) * y.get(yOffset + i * incY);
        }
        return sum;
    }

    @Override
    public void daxpy(int n, double alpha, DoubleBuffer x, int xOffset, int incX, DoubleBuffer y, int yOffset, int incY) {
        x = whole(x);
        y = whole(y);
        for (int i = 0; i < n; i++) {
            int yi = yOffset + i * incY;
            y.put(yi, y.get(yi) + alpha * x.get(xOffset + i * incX));
        }
    }

    @Override
    public void dscal(int n, double alpha, DoubleBuffer x, int xOffset, int incX) {
        x = whole(x);
        for (int i = 0; i < n; i++) {
            int xi = xOffset + i * incX;
            x.put(xi, alpha * x.get(xi));
        }
    }

    /** The interface ignores position and limit; absolute get and put do not, so widen the view. */
    private static DoubleBuffer whole(DoubleBuffer buffer) {
        return buffer.limit() == buffer.capacity() ? buffer : buffer.duplicate().clear();
    }

    private static double[] heap(DoubleBuffer buffer) {
        if (buffer.hasArray()) {
            return buffer.array();
        }
        double[] copy = new double[buffer.capacity()];
        whole(buffer).get(0, copy);
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
