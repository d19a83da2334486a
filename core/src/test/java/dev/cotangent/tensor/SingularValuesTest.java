package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static dev.cotangent.tensor.Matrices.EPS;
import static dev.cotangent.tensor.Matrices.columnOrthonormalityError;
import static dev.cotangent.tensor.Matrices.diag;
import static dev.cotangent.tensor.Matrices.leftColumns;
import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.orthogonal;
import static dev.cotangent.tensor.Matrices.rowOrthonormalityError;
import static dev.cotangent.tensor.Matrices.rows;
import static dev.cotangent.tensor.Matrices.topRows;
import static dev.cotangent.tensor.Matrices.transpose;
import static dev.cotangent.tensor.Matrices.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** svd and svdvals: U·diag(s)·Vh = A, s descending, U and Vh orthonormal, sign convention. */
class SingularValuesTest {

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "5,5", "30,30", "8,3", "3,8", "50,7", "7,50", "1,5", "5,1"})
    void fullSvdReconstructs(int m, int n) {
        double[][] a = rows(Tensor.randn(4000 + 7L * m + n, m, n));
        Tensor[] usv = Linalg.svd(Tensor.of(a));
        assertThat(usv[0].shape()).containsExactly(m, m);
        assertThat(usv[1].shape()).containsExactly(Math.min(m, n));
        assertThat(usv[2].shape()).containsExactly(n, n);
        check(a, rows(usv[0]), usv[1].toArray(), rows(usv[2]));
    }

    @ParameterizedTest
    @CsvSource({"5,5", "8,3", "3,8", "40,10", "10,40"})
    void reducedSvdReconstructs(int m, int n) {
        double[][] a = rows(Tensor.randn(5000 + 7L * m + n, m, n));
        Tensor[] usv = Linalg.svd(Tensor.of(a), false);
        int k = Math.min(m, n);
        assertThat(usv[0].shape()).containsExactly(m, k);
        assertThat(usv[2].shape()).containsExactly(k, n);
        check(a, rows(usv[0]), usv[1].toArray(), rows(usv[2]));
    }

    /** Checks a full or reduced decomposition; u is m×(m or k), vh (n or k)×n. */
    static void check(double[][] a, double[][] u, double[] s, double[][] vh) {
        int m = a.length;
        int n = a[0].length;
        int k = s.length;
        int size = Math.max(m, n);
        for (int i = 0; i < k; i++) {
            assertThat(s[i]).isGreaterThanOrEqualTo(0.0);
            if (i > 0) {
                assertThat(s[i]).isLessThanOrEqualTo(s[i - 1]);
            }
        }
        assertThat(columnOrthonormalityError(u)).isLessThan(8 * size * EPS);
        assertThat(rowOrthonormalityError(vh)).isLessThan(8 * size * EPS);
        double[][] usvh = mul(mul(leftColumns(u, k), diag(s, k, k)), topRows(vh, k));
        assertThat(maxDiff(usvh, a)).isLessThanOrEqualTo(8 * size * EPS * Math.max(maxAbs(a), Double.MIN_NORMAL));
        for (int j = 0; j < u[0].length; j++) {
            assertThat(SymmetricEigenTest.firstLargest(u, j)).as("sign convention, column %d of u", j).isPositive();
        }
    }

    @Test
    void singularValuesSquaredAreTheEigenvaluesOfTheGramMatrix() {
        double[][] a = rows(Tensor.randn(6001, 12, 7));
        double[] s = Linalg.svdvals(Tensor.of(a)).toArray();
        double[] w = Linalg.eigvalsh(Tensor.of(mul(transpose(a), a))).toArray();
        for (int i = 0; i < 7; i++) {
            assertThat(s[i] * s[i]).isCloseTo(w[6 - i], within(1e-12 * w[6]));
        }
    }

    @Test
    void prescribedSingularValuesAreRecovered() {
        // Graded from 1 down to 1e-12, with a repeated pair: absolute accuracy ε·σ₁ is the promise.
        double[] sigma = {1, 1e-2, 1e-2, 1e-4, 1e-8, 1e-12};
        int n = sigma.length;
        double[][] a = mul(mul(orthogonal(6101, 9), diag(sigma, 9, n)), transpose(orthogonal(6102, n)));
        Tensor[] usv = Linalg.svd(Tensor.of(a));
        assertThat(usv[1].toArray()).containsExactly(sigma, within(8 * EPS));
        check(a, rows(usv[0]), usv[1].toArray(), rows(usv[2]));
    }

    @Test
    void rankDeficientMatrixGetsACompleteOrthonormalBasis() {
        // Rank 2 as a product of 6×2 and 2×5 factors.
        double[][] a = mul(rows(Tensor.randn(6201, 6, 2)), rows(Tensor.randn(6202, 2, 5)));
        Tensor[] usv = Linalg.svd(Tensor.of(a));
        double[] s = usv[1].toArray();
        assertThat(s[1]).isGreaterThan(1e-3);
        for (int i = 2; i < 5; i++) {
            assertThat(s[i]).isLessThan(1e-14 * s[0]);
        }
        check(a, rows(usv[0]), s, rows(usv[2]));
    }

    @Test
    void zeroMatrixAndEmptyMatrices() {
        Tensor[] usv = Linalg.svd(Tensor.zeros(4, 3));
        assertThat(usv[1].toArray()).containsOnly(0.0);
        assertThat(usv[0]).isEqualTo(Tensor.eye(4));
        assertThat(usv[2]).isEqualTo(Tensor.eye(3));
        Tensor[] wide = Linalg.svd(Tensor.zeros(0, 3));
        assertThat(wide[0].shape()).containsExactly(0, 0);
        assertThat(wide[1].shape()).containsExactly(0);
        assertThat(wide[2]).isEqualTo(Tensor.eye(3));
    }

    @Test
    void knownDecompositionAndSigns() {
        Tensor[] usv = Linalg.svd(Tensor.of(new double[][] {{0, -2}, {3, 0}}));
        assertThat(usv[1].toArray()).containsExactly(3, 2);
        assertThat(usv[0].toArray()).containsExactly(0, 1, 1, 0);
        assertThat(usv[2].toArray()).containsExactly(1, 0, 0, -1);
    }

    @Test
    void illConditionedHilbertMatrix() {
        double[][] h = Matrices.hilbert(10);
        Tensor[] usv = Linalg.svd(Tensor.of(h));
        check(h, rows(usv[0]), usv[1].toArray(), rows(usv[2]));
        // For a symmetric positive-definite matrix the singular values are the eigenvalues.
        double[] w = Linalg.eigvalsh(Tensor.of(h)).toArray();
        for (int i = 0; i < 10; i++) {
            assertThat(usv[1].toArray()[i]).isCloseTo(w[9 - i], within(4 * 10 * EPS * w[9]));
        }
    }

    @Test
    void stackOfMatrices() {
        Tensor a = Tensor.randn(6301, 3, 2, 6, 4);
        for (boolean full : new boolean[] {true, false}) {
            Tensor[] usv = Linalg.svd(a, full);
            assertThat(usv[0].shape()).containsExactly(3, 2, 6, full ? 6 : 4);
            assertThat(usv[1].shape()).containsExactly(3, 2, 4);
            assertThat(usv[2].shape()).containsExactly(3, 2, 4, 4);
            for (int i = 0; i < 6; i++) {
                check(matrix(a, i), matrix(usv[0], i), vector(usv[1], i), matrix(usv[2], i));
            }
            assertThat(Linalg.svdvals(a)).isEqualTo(usv[1]);
        }
    }

    @Test
    void hugeAndTinyScales() {
        double[][] a = rows(Tensor.randn(6401, 5, 4));
        double[] s = Linalg.svdvals(Tensor.of(a)).toArray();
        for (double scale : new double[] {1e300, 1e-300}) {
            double[][] b = new double[5][4];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 4; j++) {
                    b[i][j] = a[i][j] * scale;
                }
            }
            double[] sb = Linalg.svdvals(Tensor.of(b)).toArray();
            for (int i = 0; i < 4; i++) {
                assertThat(sb[i] / scale).isCloseTo(s[i], within(1e-14 * s[0]));
            }
        }
    }

    @Test
    void singularTripletsMoveSmoothlyAsPerturbationTheoryPredicts() {
        // Along A + h·E with P = Uᵀ·E·V: ds = diag(P), dU = U·Ω_U, dV = V·Ω_V, where for i ≠ j
        // Ω_U[i][j] = (s_j·P_ij + s_i·P_ji)/(s_j² − s_i²) and Ω_V[i][j] = (s_i·P_ij + s_j·P_ji)/(s_j² − s_i²).
        int n = 5;
        double h = 1e-6;
        double[][] a = rows(Tensor.randn(6501, n, n));
        double[][] e = rows(Tensor.randn(6502, n, n));
        Tensor[] at = Linalg.svd(Tensor.of(a));
        Tensor[] up = Linalg.svd(Tensor.of(Matrices.plus(a, h, e)));
        Tensor[] down = Linalg.svd(Tensor.of(Matrices.plus(a, -h, e)));
        double[][] u = rows(at[0]);
        double[] s = at[1].toArray();
        double[][] v = transpose(rows(at[2]));
        double[][] p = mul(mul(transpose(u), e), v);
        double[][] omegaU = new double[n][n];
        double[][] omegaV = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double gap = s[j] * s[j] - s[i] * s[i];
                    omegaU[i][j] = (s[j] * p[i][j] + s[i] * p[j][i]) / gap;
                    omegaV[i][j] = (s[i] * p[i][j] + s[j] * p[j][i]) / gap;
                }
            }
        }
        double[][] ds = Matrices.centralDifference(new double[][] {up[1].toArray()}, new double[][] {down[1].toArray()}, h);
        for (int j = 0; j < n; j++) {
            assertThat(ds[0][j]).isCloseTo(p[j][j], within(1e-7));
        }
        assertThat(maxDiff(Matrices.centralDifference(rows(up[0]), rows(down[0]), h), mul(u, omegaU))).isLessThan(1e-6);
        double[][] dv = Matrices.centralDifference(transpose(rows(up[2])), transpose(rows(down[2])), h);
        assertThat(maxDiff(dv, mul(v, omegaV))).isLessThan(1e-6);
    }

    @Test
    void aColumnWhoseSquaresUnderflowIsStillOrthogonalized() {
        // ‖column 1‖² underflows to 0 while its dot product with column 0 does not, so this takes
        // the path with scaled copies; the tiny singular value must keep its relative accuracy.
        double[][] a = {{1, 1e-170}, {1, 2e-170}};
        Tensor[] usv = Linalg.svd(Tensor.of(a));
        double[] s = usv[1].toArray();
        assertThat(s[0]).isCloseTo(Math.sqrt(2), within(4 * EPS));
        // s₀·s₁ = |det| = 1e-170, to the relative accuracy Jacobi keeps for small values.
        assertThat(s[1]).isCloseTo(1e-170 / s[0], within(1e-184));
        check(a, rows(usv[0]), s, rows(usv[2]));
    }

    @Test
    @Timeout(30)
    void sparseMatricesSpanningManyOrdersOfMagnitude() {
        // Found by a stress run: rotations against columns of subnormal residue never settled.
        SplittableRandom random = new SplittableRandom(6601);
        for (int c = 0; c < 400; c++) {
            int m = 1 + random.nextInt(25);
            int n = 1 + random.nextInt(25);
            double[][] a = Matrices.sparseWideRange(random, m, n);
            Tensor[] usv = Linalg.svd(Tensor.of(a));
            check(a, rows(usv[0]), usv[1].toArray(), rows(usv[2]));
        }
    }
}
