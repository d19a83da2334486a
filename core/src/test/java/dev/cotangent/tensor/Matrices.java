package dev.cotangent.tensor;

/**
 * Naive reference operations on {@code double[][]} for the linalg tests: written the
 * obvious way, independently of the code under test, so that a check such as
 * {@code A·inv(A) ≈ I} does not lean on {@link Linalg} itself.
 */
final class Matrices {

    static final double EPS = Math.ulp(1.0);

    private Matrices() {}

    /** Matrix {@code index} (flat over the batch dimensions) of a stack, as rows. */
    static double[][] matrix(Tensor t, int index) {
        int[] s = t.shape();
        int rows = s[s.length - 2];
        int cols = s[s.length - 1];
        double[] d = t.toArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(d, (index * rows + i) * cols, out[i], 0, cols);
        }
        return out;
    }

    /** Row {@code index} of a tensor viewed as (batch, last dimension). */
    static double[] vector(Tensor t, int index) {
        int[] s = t.shape();
        int len = s[s.length - 1];
        double[] out = new double[len];
        System.arraycopy(t.toArray(), index * len, out, 0, len);
        return out;
    }

    static double[][] rows(Tensor t) {
        return matrix(t, 0);
    }

    static double[][] mul(double[][] a, double[][] b) {
        int inner = b.length;
        int cols = inner == 0 ? 0 : b[0].length;
        double[][] c = new double[a.length][cols];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < inner; k++) {
                for (int j = 0; j < cols; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[][] t = new double[cols][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] identity(int n) {
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) {
            x[i][i] = 1;
        }
        return x;
    }

    static double[][] diag(double[] d, int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (int i = 0; i < d.length; i++) {
            x[i][i] = d[i];
        }
        return x;
    }

    /** The first {@code cols} columns. */
    static double[][] leftColumns(double[][] a, int cols) {
        double[][] out = new double[a.length][cols];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out[i], 0, cols);
        }
        return out;
    }

    /** The first {@code rows} rows. */
    static double[][] topRows(double[][] a, int rows) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** {@code a + h·e}. */
    static double[][] plus(double[][] a, double h, double[][] e) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] + h * e[i][j];
            }
        }
        return out;
    }

    /** Central difference {@code (plus − minus) / 2h}, entrywise. */
    static double[][] centralDifference(double[][] plus, double[][] minus, double h) {
        double[][] out = new double[plus.length][];
        for (int i = 0; i < plus.length; i++) {
            out[i] = new double[plus[i].length];
            for (int j = 0; j < plus[i].length; j++) {
                out[i][j] = (plus[i][j] - minus[i][j]) / (2 * h);
            }
        }
        return out;
    }

    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = Math.abs(a[i][j] - b[i][j]);
                m = Double.isNaN(d) ? Double.NaN : Math.max(m, d);
            }
        }
        return m;
    }

    /** max |QᵀQ − I|: how far the columns of q are from orthonormal. */
    static double columnOrthonormalityError(double[][] q) {
        double[][] g = mul(transpose(q), q);
        return maxDiff(g, identity(g.length));
    }

    /** max |Q·Qᵀ − I| for the rows. */
    static double rowOrthonormalityError(double[][] q) {
        return columnOrthonormalityError(transpose(q));
    }

    static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    static Tensor tensor(double[][] a) {
        return Tensor.of(a);
    }

    /** A symmetric positive-definite n×n matrix, {@code B·Bᵀ + n·I} for a random B. */
    static double[][] spd(long seed, int n) {
        double[][] b = rows(Tensor.randn(seed, n, n));
        double[][] a = mul(b, transpose(b));
        for (int i = 0; i < n; i++) {
            a[i][i] += n;
        }
        return a;
    }

    /** A random orthogonal n×n matrix (Gram–Schmidt of a Gaussian matrix, done here twice). */
    static double[][] orthogonal(long seed, int n) {
        double[][] q = transpose(rows(Tensor.randn(seed, n, n)));
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[k][i] * q[j][i];
                    }
                    for (int i = 0; i < n; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
            }
            double norm = 0;
            for (double v : q[j]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[j][i] /= norm;
            }
        }
        return transpose(q);
    }

    /** {@code Q·diag(d)·Qᵀ} for a random orthogonal Q: a symmetric matrix with eigenvalues d. */
    static double[][] withEigenvalues(long seed, double[] d) {
        double[][] q = orthogonal(seed, d.length);
        return mul(mul(q, diag(d, d.length, d.length)), transpose(q));
    }

    /**
     * A sparse m×n matrix (about one entry in ten non-zero) whose entries span 39 orders of
     * magnitude: the kind of input that drives Jacobi columns into underflow.
     */
    static double[][] sparseWideRange(java.util.SplittableRandom random, int m, int n) {
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (random.nextInt(10) == 0) {
                    a[i][j] = (2 * random.nextDouble() - 1) * Math.pow(10, random.nextInt(40) - 20);
                }
            }
        }
        return a;
    }

    /** Hilbert matrix, 1/(i+j+1): famously ill-conditioned (about 1.5e10 at n = 8). */
    static double[][] hilbert(int n) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        return h;
    }

    /** The determinant by cofactor expansion along the first row; fine for n ≤ 7. */
    static double cofactorDet(double[][] a) {
        int n = a.length;
        if (n == 0) {
            return 1;
        }
        if (n == 1) {
            return a[0][0];
        }
        double det = 0;
        for (int j = 0; j < n; j++) {
            double[][] minor = new double[n - 1][n - 1];
            for (int i = 1; i < n; i++) {
                for (int k = 0, c = 0; k < n; k++) {
                    if (k != j) {
                        minor[i - 1][c++] = a[i][k];
                    }
                }
            }
            det += ((j & 1) == 0 ? 1 : -1) * a[0][j] * cofactorDet(minor);
        }
        return det;
    }
}
