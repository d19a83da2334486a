package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.cotangent.tensor.Matrices.EPS;
import static dev.cotangent.tensor.Matrices.columnOrthonormalityError;
import static dev.cotangent.tensor.Matrices.diag;
import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.rows;
import static dev.cotangent.tensor.Matrices.transpose;
import static dev.cotangent.tensor.Matrices.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** eigh and eigvalsh: V·diag(w)·Vᵀ = A, V orthonormal, w ascending, against known spectra. */
class SymmetricEigenTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 30, 100})
    void decompositionReconstructs(int n) {
        double[][] b = rows(Tensor.randn(800 + n, n, n));
        double[][] a = symmetrized(b);
        Tensor[] wv = Linalg.eigh(Tensor.of(a));
        check(a, wv[0].toArray(), rows(wv[1]));
    }

    static void check(double[][] a, double[] w, double[][] v) {
        int n = a.length;
        for (int i = 1; i < n; i++) {
            assertThat(w[i]).isGreaterThanOrEqualTo(w[i - 1]);
        }
        assertThat(columnOrthonormalityError(v)).isLessThan(4 * n * EPS + 4 * EPS);
        double[][] vwvt = mul(mul(v, diag(w, n, n)), transpose(v));
        assertThat(maxDiff(vwvt, a)).isLessThanOrEqualTo(4 * n * EPS * maxAbs(a));
        for (int j = 0; j < n; j++) {
            assertThat(firstLargest(v, j)).as("sign convention, column %d", j).isPositive();
        }
    }

    /** The first entry of column j whose magnitude is within a relative 1e-12 of the largest. */
    static double firstLargest(double[][] v, int j) {
        double max = 0;
        for (double[] row : v) {
            max = Math.max(max, Math.abs(row[j]));
        }
        for (double[] row : v) {
            if (Math.abs(row[j]) >= max * (1 - 1e-12)) {
                return row[j];
            }
        }
        return 0;
    }

    static double[][] symmetrized(double[][] b) {
        int n = b.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = (b[i][j] + b[j][i]) / 2;
            }
        }
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 50})
    void secondDifferenceMatrixHasItsKnownSpectrum(int n) {
        // tridiag(−1, 2, −1): eigenvalues 2 − 2·cos(kπ/(n+1)), k = 1..n.
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 2;
            if (i > 0) {
                a[i][i - 1] = -1;
                a[i - 1][i] = -1;
            }
        }
        double[] w = Linalg.eigvalsh(Tensor.of(a)).toArray();
        for (int k = 1; k <= n; k++) {
            assertThat(w[k - 1]).isCloseTo(2 - 2 * Math.cos(k * Math.PI / (n + 1)), within(4 * 4 * EPS)); // ‖A‖ < 4
        }
    }

    @Test
    void knownTwoByTwo() {
        Tensor[] wv = Linalg.eigh(Tensor.of(new double[][] {{2, 1}, {1, 2}}));
        assertThat(wv[0].toArray()).containsExactly(new double[] {1, 3}, within(1e-15));
        double r = Math.sqrt(0.5);
        // Columns (1, −1)/√2 and (1, 1)/√2; the tie in magnitude goes to the first component.
        assertThat(wv[1].toArray()).containsExactly(new double[] {r, r, -r, r}, within(1e-15));
    }

    @Test
    void prescribedSpectraAreRecovered() {
        double[][] cases = {
            {1, 1, 1, 2, 2, 3},                       // repeated eigenvalues
            {-1e-12, 1e-12, 1, 1 + 1e-10, 2},         // clustered and tiny
            {1e-8, 1e-4, 1, 1e4, 1e8},                // widely graded
            {-5, -5, -5, -5},                         // a multiple of the identity
        };
        for (int c = 0; c < cases.length; c++) {
            double[] d = cases[c];
            double[][] a = Matrices.withEigenvalues(900 + c, d);
            Tensor[] wv = Linalg.eigh(Tensor.of(a));
            double[] sorted = d.clone();
            Arrays.sort(sorted);
            double tol = 8 * d.length * EPS * maxAbs(a);
            assertThat(wv[0].toArray()).as("case %d", c).containsExactly(sorted, within(tol));
            check(a, wv[0].toArray(), rows(wv[1]));
        }
    }

    @Test
    void eigenpairsSatisfyAvEqualsWv() {
        double[][] a = symmetrized(rows(Tensor.randn(951, 20, 20)));
        Tensor[] wv = Linalg.eigh(Tensor.of(a));
        double[] w = wv[0].toArray();
        double[][] v = rows(wv[1]);
        double[][] av = mul(a, v);
        for (int j = 0; j < 20; j++) {
            for (int i = 0; i < 20; i++) {
                assertThat(av[i][j]).isCloseTo(w[j] * v[i][j], within(200 * EPS * maxAbs(a)));
            }
        }
    }

    @Test
    void upperTriangleIsReadWhenAsked() {
        double[][] a = symmetrized(rows(Tensor.randn(961, 6, 6)));
        double[][] lowerJunk = new double[6][];
        double[][] upperJunk = new double[6][];
        for (int i = 0; i < 6; i++) {
            lowerJunk[i] = a[i].clone();
            upperJunk[i] = a[i].clone();
            for (int j = 0; j < i; j++) {
                lowerJunk[i][j] = 99;
                upperJunk[j][i] = 99;
            }
        }
        Tensor expected = Linalg.eigvalsh(Tensor.of(a));
        assertThat(Linalg.eigvalsh(Tensor.of(lowerJunk), "U")).isEqualTo(expected);
        assertThat(Linalg.eigvalsh(Tensor.of(upperJunk), "l")).isEqualTo(expected);
        assertThat(Linalg.eigh(Tensor.of(upperJunk))[0]).isEqualTo(expected);
    }

    @Test
    void eigvalshEqualsTheValuesOfEigh() {
        Tensor a = Tensor.of(symmetrized(rows(Tensor.randn(971, 15, 15))));
        assertThat(Linalg.eigvalsh(a)).isEqualTo(Linalg.eigh(a)[0]);
    }

    @Test
    void stackOfMatrices() {
        int batch = 4;
        int n = 5;
        double[] data = new double[batch * n * n];
        for (int b = 0; b < batch; b++) {
            double[][] a = symmetrized(rows(Tensor.randn(980 + b, n, n)));
            for (int i = 0; i < n; i++) {
                System.arraycopy(a[i], 0, data, (b * n + i) * n, n);
            }
        }
        Tensor a = Tensor.of(data, 2, 2, n, n);
        Tensor[] wv = Linalg.eigh(a);
        assertThat(wv[0].shape()).containsExactly(2, 2, n);
        assertThat(wv[1].shape()).containsExactly(2, 2, n, n);
        for (int b = 0; b < batch; b++) {
            check(matrix(a, b), vector(wv[0], b), matrix(wv[1], b));
        }
    }

    @Test
    void hugeAndTinyScalesNeitherOverflowNorUnderflow() {
        for (double scale : new double[] {1e300, 1e-300}) {
            double[][] a = symmetrized(rows(Tensor.randn(991, 6, 6)));
            double[] w = Linalg.eigvalsh(Tensor.of(a)).toArray();
            for (double[] row : a) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= scale;
                }
            }
            double[] ws = Linalg.eigvalsh(Tensor.of(a)).toArray();
            for (int i = 0; i < w.length; i++) {
                assertThat(ws[i] / scale).isCloseTo(w[i], within(1e-13));
            }
        }
    }

    @Test
    void diagonalAndZeroMatrices() {
        Tensor[] wv = Linalg.eigh(Tensor.of(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 2}}));
        assertThat(wv[0].toArray()).containsExactly(-1, 2, 3);
        assertThat(wv[1].toArray()).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0);
        Tensor[] zero = Linalg.eigh(Tensor.zeros(4, 4));
        assertThat(zero[0].toArray()).containsOnly(0.0);
        assertThat(zero[1]).isEqualTo(Tensor.eye(4));
        assertThat(Linalg.eigh(Tensor.zeros(0, 0))[1].shape()).containsExactly(0, 0);
    }

    @Test
    void eigenpairsMoveSmoothlyAsPerturbationTheoryPredicts() {
        // What derivatives of eigh rely on: along A + h·E, dw_j = v_jᵀ·E·v_j and
        // dv_j = Σ_{k≠j} v_k·(v_kᵀ·E·v_j)/(w_j − w_k); a sign flip would show up as an O(1/h) error.
        int n = 6;
        double h = 1e-6;
        double[][] a = symmetrized(rows(Tensor.randn(1201, n, n)));
        double[][] e = symmetrized(rows(Tensor.randn(1202, n, n)));
        Tensor[] at = Linalg.eigh(Tensor.of(a));
        Tensor[] up = Linalg.eigh(Tensor.of(Matrices.plus(a, h, e)));
        Tensor[] down = Linalg.eigh(Tensor.of(Matrices.plus(a, -h, e)));
        double[] w = at[0].toArray();
        double[][] v = rows(at[1]);
        double[][] p = mul(mul(transpose(v), e), v);
        double[][] f = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                f[k][j] = k == j ? 0 : p[k][j] / (w[j] - w[k]);
            }
        }
        double[][] dw = Matrices.centralDifference(new double[][] {up[0].toArray()}, new double[][] {down[0].toArray()}, h);
        for (int j = 0; j < n; j++) {
            assertThat(dw[0][j]).isCloseTo(p[j][j], within(1e-7));
        }
        double[][] dv = Matrices.centralDifference(rows(up[1]), rows(down[1]), h);
        assertThat(maxDiff(dv, mul(v, f))).isLessThan(1e-6);
    }

    @Test
    @Timeout(30)
    void sparseMatricesSpanningManyOrdersOfMagnitude() {
        SplittableRandom random = new SplittableRandom(1301);
        for (int c = 0; c < 400; c++) {
            int n = 1 + random.nextInt(25);
            double[][] a = Matrices.sparseWideRange(random, n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    a[j][i] = a[i][j];
                }
            }
            Tensor[] wv = Linalg.eigh(Tensor.of(a));
            check(a, wv[0].toArray(), rows(wv[1]));
        }
    }
}
