package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.rows;
import static dev.cotangent.tensor.Matrices.transpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** pinv (the four Penrose conditions) and lstsq (normal equations, minimum norm, residuals). */
class LeastSquaresTest {

    @ParameterizedTest
    @CsvSource({"1,1", "4,4", "7,3", "3,7", "20,20"})
    void pinvSatisfiesThePenroseConditions(int m, int n) {
        double[][] a = rows(Tensor.randn(7000 + 7L * m + n, m, n));
        double[][] p = rows(Linalg.pinv(Tensor.of(a)));
        assertThat(p.length).isEqualTo(n);
        assertThat(p[0].length).isEqualTo(m);
        double tol = 1e-12 * Math.max(1, maxAbs(a) * maxAbs(p));
        assertThat(maxDiff(mul(mul(a, p), a), a)).isLessThan(tol * maxAbs(a));
        assertThat(maxDiff(mul(mul(p, a), p), p)).isLessThan(tol * maxAbs(p));
        double[][] ap = mul(a, p);
        double[][] pa = mul(p, a);
        assertThat(maxDiff(ap, transpose(ap))).isLessThan(tol);
        assertThat(maxDiff(pa, transpose(pa))).isLessThan(tol);
    }

    @Test
    void pinvOfAnInvertibleMatrixIsTheInverse() {
        Tensor a = Tensor.randn(7101, 6, 6);
        assertThat(maxDiff(rows(Linalg.pinv(a)), rows(Linalg.inv(a)))).isLessThan(1e-12 * maxAbs(rows(Linalg.inv(a))));
    }

    @Test
    void pinvDropsSingularValuesBelowTheCutoff() {
        // diag(2, 1e-20): numpy's default cutoff 1e-15·2 treats the second as zero.
        Tensor p = Linalg.pinv(Tensor.of(new double[][] {{2, 0}, {0, 1e-20}}));
        assertThat(p.toArray()).containsExactly(0.5, 0, 0, 0);
        Tensor kept = Linalg.pinv(Tensor.of(new double[][] {{2, 0}, {0, 1e-20}}), 1e-30);
        assertThat(kept.toArray()[3]).isCloseTo(1e20, within(1e5));
    }

    @Test
    void pinvOfAStack() {
        Tensor a = Tensor.randn(7201, 3, 5, 2);
        Tensor p = Linalg.pinv(a);
        assertThat(p.shape()).containsExactly(3, 2, 5);
        for (int i = 0; i < 3; i++) {
            double[][] ai = matrix(a, i);
            assertThat(maxDiff(mul(mul(ai, matrix(p, i)), ai), ai)).isLessThan(1e-13);
        }
    }

    @Test
    void overdeterminedMatchesTheNormalEquations() {
        double[][] a = rows(Tensor.randn(7301, 10, 3));
        double[][] b = rows(Tensor.randn(7302, 10, 2));
        Tensor[] r = Linalg.lstsq(Tensor.of(a), Tensor.of(b));
        double[][] at = transpose(a);
        double[][] expected = rows(Linalg.solve(Tensor.of(mul(at, a)), Tensor.of(mul(at, b))));
        double[][] x = rows(r[0]);
        assertThat(maxDiff(x, expected)).isLessThan(1e-13);
        assertThat(r[2].item()).isEqualTo(3.0);
        assertThat(r[3].shape()).containsExactly(3);
        assertThat(r[3]).isEqualTo(Linalg.svdvals(Tensor.of(a)));
        // Residuals: squared norms of the columns of b − a·x, computed directly.
        double[][] fit = mul(a, x);
        assertThat(r[1].shape()).containsExactly(2);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += (b[i][c] - fit[i][c]) * (b[i][c] - fit[i][c]);
            }
            assertThat(r[1].toArray()[c]).isCloseTo(sum, within(1e-12 * sum));
        }
    }

    @Test
    void vectorRightHandSide() {
        double[][] a = {{1, 0}, {1, 1}, {1, 2}};
        Tensor[] r = Linalg.lstsq(Tensor.of(a), Tensor.of(new double[] {1, 2, 2}));
        // Fitting y = c0 + c1·t to (0,1), (1,2), (2,2): c0 = 7/6, c1 = 1/2, residual 1/6.
        assertThat(r[0].shape()).containsExactly(2);
        assertThat(r[0].toArray()).containsExactly(new double[] {7.0 / 6, 0.5}, within(1e-14));
        assertThat(r[1].shape()).containsExactly(1);
        assertThat(r[1].item()).isCloseTo(1.0 / 6, within(1e-14));
    }

    @Test
    void underdeterminedGivesTheMinimumNormSolution() {
        double[][] a = rows(Tensor.randn(7401, 3, 6));
        double[] b = Tensor.randn(7402, 3).toArray();
        Tensor[] r = Linalg.lstsq(Tensor.of(a), Tensor.of(b));
        double[] x = r[0].toArray();
        // Exact fit, and x = Aᵀ·y for some y (it lies in the row space): y = (A·Aᵀ)⁻¹·b.
        double[][] y = rows(Linalg.solve(Tensor.of(mul(a, transpose(a))), Tensor.of(new double[][] {{b[0]}, {b[1]}, {b[2]}})));
        double[][] minNorm = mul(transpose(a), y);
        for (int i = 0; i < 6; i++) {
            assertThat(x[i]).isCloseTo(minNorm[i][0], within(1e-13));
        }
        assertThat(r[1].shape()).containsExactly(0);
        assertThat(r[2].item()).isEqualTo(3.0);
    }

    @Test
    void rankDeficientReportsTheRankAndNoResiduals() {
        double[][] a = {{1, 2}, {2, 4}, {3, 6}};
        Tensor[] r = Linalg.lstsq(Tensor.of(a), Tensor.of(new double[] {1, 2, 3}));
        assertThat(r[2].item()).isEqualTo(1.0);
        assertThat(r[1].shape()).containsExactly(0);
        // The minimum-norm solution of x0 + 2·x1 = 1 is (1, 2)/5.
        assertThat(r[0].toArray()).containsExactly(new double[] {0.2, 0.4}, within(1e-14));
    }
}
