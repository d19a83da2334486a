package dev.cotangent.tensor;

import java.util.Arrays;

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

    /**
     * {@code {q (..., M, k), r (..., k, N)}} for every matrix of the stack, or {@code {r}} alone
     * without {@code wantQ}; k is min(M, N) for numpy's reduced mode, M for complete.
     */
    static Tensor[] ofStack(MatrixStack s, int k, boolean wantQ) {
        int m = s.rows;
        int n = s.cols;
        double[] q = new double[wantQ ? s.count * m * k : 0];
        double[] r = new double[s.count * k * n];
        for (int i = 0; i < s.count; i++) {
            QrDecomposition qr = new QrDecomposition(Arrays.copyOfRange(s.data, s.offset(i), s.offset(i + 1)), m, n);
            System.arraycopy(qr.r(k), 0, r, i * k * n, k * n);
            if (wantQ) {
                System.arraycopy(qr.q(k), 0, q, i * m * k, m * k);
            }
        }
        Tensor rt = Tensor.wrap(r, MatrixStack.shape(s.batch, k, n));
        return wantQ ? new Tensor[] {Tensor.wrap(q, MatrixStack.shape(s.batch, m, k)), rt} : new Tensor[] {rt};
    }
}
