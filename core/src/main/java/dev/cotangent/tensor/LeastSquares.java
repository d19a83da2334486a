package dev.cotangent.tensor;

import dev.cotangent.tensor.SingularValues.Vectors;

import java.util.Arrays;

/**
 * Minimum-norm least squares and the pseudo-inverse from the SVD, {@code A⁺ = V·diag(1/s)·Uᵀ}
 * over the singular values above a cutoff, as numpy's {@code lstsq} (LAPACK {@code dgelsd})
 * and {@code pinv} define them. A matrix with NaN gives NaN rather than a silent zero.
 */
final class LeastSquares {

    private LeastSquares() {}

    /** The number of singular values (descending) above {@code rcond·s[0]}. */
    static int rank(double[] s, double rcond) {
        double cutoff = s.length == 0 ? 0 : rcond * s[0];
        int rank = 0;
        while (rank < s.length && s[rank] > cutoff) {
            rank++;
        }
        return rank;
    }

    /** The n×m pseudo-inverse from the reduced SVD of an m×n matrix. */
    static double[] pseudoInverse(SingularValues d, int m, int n, double rcond) {
        int k = Math.min(m, n);
        double[] p = new double[n * m];
        if (k > 0 && Double.isNaN(d.s[0])) {
            Arrays.fill(p, Double.NaN);
            return p;
        }
        int rank = rank(d.s, rcond);
        for (int j = 0; j < rank; j++) {
            double inv = 1 / d.s[j];
            for (int r = 0; r < n; r++) {
                double f = d.vh[j * n + r] * inv;
                if (f != 0) {
                    for (int c = 0; c < m; c++) {
                        p[r * m + c] += f * d.u[c * k + j];
                    }
                }
            }
        }
        return p;
    }

    /** The pseudo-inverse of every matrix of the stack, (..., M, N) → (..., N, M). */
    static Tensor pseudoInverseStack(MatrixStack s, double rcond) {
        int m = s.rows;
        int n = s.cols;
        double[] out = new double[s.count * n * m];
        for (int i = 0; i < s.count; i++) {
            SingularValues d = new SingularValues(s.op, s.data, s.offset(i), m, n, Vectors.REDUCED);
            System.arraycopy(pseudoInverse(d, m, n, rcond), 0, out, i * n * m, n * m);
        }
        return Tensor.wrap(out, MatrixStack.shape(s.batch, n, m));
    }

    /** numpy's {@code lstsq(a, b, rcond)} for checked shapes: {@code {x, residuals, rank, s}}. */
    static Tensor[] solve(String op, Tensor a, Tensor b, double rcond) {
        int m = a.shapeRef()[0];
        int n = a.shapeRef()[1];
        boolean vector = b.ndim() == 1;
        int k = vector ? 1 : b.shapeRef()[1];
        double[] ad = a.data();
        double[] bd = b.data();
        SingularValues d = new SingularValues(op, ad, 0, m, n, Vectors.REDUCED);
        double[] pinv = pseudoInverse(d, m, n, rcond);
        double[] x = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < m; i++) {
                double p = pinv[r * m + i];
                for (int c = 0; c < k; c++) {
                    x[r * k + c] += p * bd[i * k + c];
                }
            }
        }
        int rank = Math.min(m, n) > 0 && Double.isNaN(d.s[0]) ? 0 : rank(d.s, rcond);
        double[] residuals = new double[0];
        if (rank == n && m > n) {
            // numpy reports them only here, where x is unique and the fit is overdetermined.
            residuals = new double[k];
            for (int i = 0; i < m; i++) {
                for (int c = 0; c < k; c++) {
                    double fit = 0;
                    for (int j = 0; j < n; j++) {
                        fit += ad[i * n + j] * x[j * k + c];
                    }
                    double res = bd[i * k + c] - fit;
                    residuals[c] += res * res;
                }
            }
        }
        return new Tensor[] {Tensor.wrap(x, vector ? new int[] {n} : new int[] {n, k}),
                Tensor.wrap(residuals, new int[] {residuals.length}), Tensor.scalar(rank),
                Tensor.wrap(d.s.clone(), new int[] {d.s.length})};
    }
}
