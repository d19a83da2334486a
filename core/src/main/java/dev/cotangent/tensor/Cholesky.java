package dev.cotangent.tensor;

/**
 * The Cholesky factor {@code L} of one symmetric positive-definite n×n matrix,
 * {@code A = L·Lᵀ} with L lower triangular and a positive diagonal. Only the lower triangle
 * of A is read, as numpy (LAPACK {@code dpotrf} with {@code 'L'}) does.
 */
final class Cholesky {

    private Cholesky() {}

    /**
     * L for the n×n matrix at {@code data[offset …]}, or {@code null} with {@code failedOrder[0]}
     * set to the order of the first leading minor that is not positive (NaN counts as not
     * positive, as in LAPACK).
     */
    static double[] factor(double[] data, int offset, int n, int[] failedOrder) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double d = data[offset + rowJ + j] - dot(l, rowJ, rowJ, j);
            if (!(d > 0)) {
                failedOrder[0] = j + 1;
                return null;
            }
            double ljj = Math.sqrt(d);
            l[rowJ + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                int rowI = i * n;
                l[rowI + j] = (data[offset + rowI + j] - dot(l, rowI, rowJ, j)) / ljj;
            }
        }
        return l;
    }

    private static double dot(double[] l, int a, int b, int len) {
        double sum = 0;
        for (int k = 0; k < len; k++) {
            sum += l[a + k] * l[b + k];
        }
        return sum;
    }
}
