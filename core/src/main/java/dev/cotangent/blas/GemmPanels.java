package dev.cotangent.blas;

/**
 * How a GEMM {@code C = op(A)·op(B)} (C m×n) is cut for several threads: into panels of
 * whole rows of C (each reads a block of rows of op(A) and all of op(B)) or of whole
 * columns (a block of columns of op(B), all of op(A)), along the longer side, so that the
 * operand every panel reads in full is the smaller one. A panel is at least
 * {@value #MIN_WIDTH} wide, which keeps BLAS kernels at full speed.
 *
 * <p>Offsets follow {@link Blas}'s conventions: row-major, {@code transA} means A is stored
 * k×m, {@code transB} that B is stored n×k.
 *
 * @param byRows whether panels are blocks of rows of C (else of columns)
 * @param count  the number of panels, at least 1
 * @param extent m when cutting rows, n when cutting columns
 * @since 0.1
 */
public record GemmPanels(boolean byRows, int count, int extent) {

    /** The narrowest panel worth a thread. */
    public static final int MIN_WIDTH = 32;

    /** Panels for {@code threads} threads, {@link BlasThreads#CHUNKS_PER_THREAD} each where they fit. */
    public static GemmPanels of(int m, int n, int threads) {
        boolean byRows = m >= n;
        int extent = byRows ? m : n;
        int count = Math.max(1, Math.min(threads * BlasThreads.CHUNKS_PER_THREAD, extent / MIN_WIDTH));
        return new GemmPanels(byRows, count, extent);
    }

    /** First row (or column) of panel {@code i}. */
    public int start(int i) {
        return (int) ((long) extent * i / count);
    }

    /** Rows (or columns) in panel {@code i}. */
    public int width(int i) {
        return start(i + 1) - start(i);
    }

    /** Where panel {@code i} of op(A) starts, relative to A's offset. */
    public long aOffset(int i, boolean transA, int lda) {
        return byRows ? (transA ? start(i) : (long) start(i) * lda) : 0;
    }

    /** Where panel {@code i} of op(B) starts, relative to B's offset. */
    public long bOffset(int i, boolean transB, int ldb) {
        return byRows ? 0 : (transB ? (long) start(i) * ldb : start(i));
    }

    /** Where panel {@code i} of C starts, relative to C's offset. */
    public long cOffset(int i, int ldc) {
        return byRows ? (long) start(i) * ldc : start(i);
    }

    /** The panel's m: its width when cutting rows, else all of m. */
    public int m(int i, int m) {
        return byRows ? width(i) : m;
    }

    /** The panel's n: its width when cutting columns, else all of n. */
    public int n(int i, int n) {
        return byRows ? n : width(i);
    }
}
