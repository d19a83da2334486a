package dev.cotangent.tensor;

/**
 * Householder QR of one m×n row-major matrix: {@code A = Q·R} with Q orthogonal and R upper
 * triangular (trapezoidal when m ≠ n). Signs are LAPACK's {@code dgeqrf} ones, so numpy's
 * results are reproduced up to rounding.
 */
final class QrDecomposition {

    private final int m;
    private final int n;
    /** R in the upper triangle; zeros below. */
    private final double[] r;
    private final Householder[] reflectors;

    /** Factors {@code a} (m×n, row-major), which it takes over and overwrites. */
    QrDecomposition(double[] a, int m, int n) {
        this.m = m;
        this.n = n;
        this.r = a;
        int k = Math.min(m, n);
        this.reflectors = new Householder[k];
        for (int j = 0; j < k; j++) {
            Householder h = Householder.annihilate(a, j * n + j, m - j, n);
            h.applyLeft(a, n, j, j + 1, n);
            reflectors[j] = h;
        }
    }

    /** The first {@code rows} rows of R as a rows×n matrix ({@code rows} = min(m, n) or m). */
    double[] r(int rows) {
        double[] out = new double[rows * n];
        System.arraycopy(r, 0, out, 0, Math.min(rows, m) * n);
        return out;
    }

    /** The first {@code cols} columns of Q as an m×cols matrix ({@code cols} = min(m, n) or m). */
    double[] q(int cols) {
        double[] q = new double[m * cols];
        for (int i = 0; i < Math.min(m, cols); i++) {
            q[i * cols + i] = 1;
        }
        // Q·I = H₀·H₁·…·I, applied innermost first; H_j leaves columns < j alone.
        for (int j = reflectors.length - 1; j >= 0; j--) {
            reflectors[j].applyLeft(q, cols, j, Math.min(j, cols), cols);
        }
        return q;
    }
}
