package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cotangent.tensor.Matrices.EPS;
import static dev.cotangent.tensor.Matrices.cofactorDet;
import static dev.cotangent.tensor.Matrices.identity;
import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** inv, solve, det, slogdet and matrix_power: everything {@link LuDecomposition} serves. */
class LuDecompositionTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 30, 120})
    void invTimesMatrixIsIdentity(int n) {
        double[][] a = rows(Tensor.randn(11 + n, n, n));
        double[][] x = rows(Linalg.inv(Tensor.of(a)));
        // Residuals of a backward-stable inverse are bounded by about n·ε·‖A‖·‖A⁻¹‖.
        double scale = n * EPS * maxAbs(a) * maxAbs(x) * n;
        assertThat(maxDiff(mul(a, x), identity(n))).isLessThan(scale);
        assertThat(maxDiff(mul(x, a), identity(n))).isLessThan(scale);
    }

    @Test
    void invOfAStackInvertsEachMatrix() {
        Tensor a = Tensor.randn(5, 5, 3, 3);
        Tensor x = Linalg.inv(a);
        assertThat(x.shape()).containsExactly(5, 3, 3);
        for (int i = 0; i < 5; i++) {
            assertThat(maxDiff(mul(matrix(a, i), matrix(x, i)), identity(3))).isLessThan(1e-13);
        }
    }

    @Test
    void invOfTheHilbertMatrixMatchesItsExactInverse() {
        // cond ≈ 1.5e10 at n = 8: A·X − I stays small (backward stability) and X is as close to
        // the exact integer inverse as the conditioning allows.
        int n = 8;
        double[][] h = Matrices.hilbert(n);
        double[][] x = rows(Linalg.inv(Tensor.of(h)));
        double[][] exact = exactHilbertInverse(n);
        assertThat(maxDiff(mul(h, x), identity(n))).isLessThan(1e-6);
        assertThat(maxDiff(x, exact) / maxAbs(exact)).isLessThan(1.5e10 * EPS * 100);
    }

    /** (H⁻¹)ᵢⱼ = (−1)^(i+j)·(i+j−1)·C(n+i−1, n−j)·C(n+j−1, n−i)·C(i+j−2, i−1)², 1-based. */
    private static double[][] exactHilbertInverse(int n) {
        double[][] x = new double[n][n];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                double c = binomial(i + j - 2, i - 1);
                x[i - 1][j - 1] = ((i + j) % 2 == 0 ? 1 : -1) * (i + j - 1)
                        * binomial(n + i - 1, n - j) * binomial(n + j - 1, n - i) * c * c;
            }
        }
        return x;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return Math.rint(c);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 30})
    void solveSatisfiesTheEquation(int n) {
        double[][] a = rows(Tensor.randn(21 + n, n, n));
        double[][] b = rows(Tensor.randn(31 + n, n, 4));
        double[][] x = rows(Linalg.solve(Tensor.of(a), Tensor.of(b)));
        assertThat(maxDiff(mul(a, x), b)).isLessThan(n * n * EPS * maxAbs(a) * maxAbs(x) * 4);
    }

    @Test
    void solveWithAVectorGivesAVector() {
        Tensor a = Tensor.of(new double[][] {{3, 1}, {1, 2}});
        Tensor x = Linalg.solve(a, Tensor.of(new double[] {9, 8}));
        assertThat(x.shape()).containsExactly(2);
        assertThat(x.toArray()).containsExactly(new double[] {2, 3}, within(1e-15));
    }

    @Test
    void solveWithAVectorAndAStackSolvesEachMatrix() {
        Tensor a = Tensor.randn(41, 4, 3, 3);
        Tensor b = Tensor.randn(42, 3);
        Tensor x = Linalg.solve(a, b);
        assertThat(x.shape()).containsExactly(4, 3);
        for (int i = 0; i < 4; i++) {
            double[][] ax = mul(matrix(a, i), new double[][] {{x.get(i, 0)}, {x.get(i, 1)}, {x.get(i, 2)}});
            for (int r = 0; r < 3; r++) {
                assertThat(ax[r][0]).isCloseTo(b.get(r), within(1e-13));
            }
        }
    }

    @Test
    void solveBroadcastsBatchDimensions() {
        Tensor a = Tensor.randn(51, 2, 1, 3, 3);
        Tensor b = Tensor.randn(52, 4, 3, 2);
        Tensor x = Linalg.solve(a, b);
        assertThat(x.shape()).containsExactly(2, 4, 3, 2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                double[][] ax = mul(matrix(a, i), matrix(x, i * 4 + j));
                assertThat(maxDiff(ax, matrix(b, j))).isLessThan(1e-13);
            }
        }
    }

    @Test
    void solveAgreesWithTheInverse() {
        double[][] a = rows(Tensor.randn(61, 6, 6));
        double[][] b = rows(Tensor.randn(62, 6, 2));
        double[][] viaInverse = mul(rows(Linalg.inv(Tensor.of(a))), b);
        assertThat(maxDiff(rows(Linalg.solve(Tensor.of(a), Tensor.of(b))), viaInverse)).isLessThan(1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6})
    void detMatchesTheCofactorExpansion(int n) {
        double[][] a = rows(Tensor.randn(71 + n, n, n));
        double expected = cofactorDet(a);
        assertThat(Linalg.det(Tensor.of(a)).item()).isCloseTo(expected, within(1e-13 * Math.max(1, Math.abs(expected))));
    }

    @Test
    void detOfAStackHasTheBatchShape() {
        Tensor a = Tensor.randn(81, 2, 3, 4, 4);
        Tensor d = Linalg.det(a);
        assertThat(d.shape()).containsExactly(2, 3);
        for (int i = 0; i < 6; i++) {
            assertThat(d.toArray()[i]).isCloseTo(cofactorDet(matrix(a, i)), within(1e-12));
        }
    }

    @Test
    void detOfSingularAndSpecialMatrices() {
        assertThat(Linalg.det(Tensor.of(new double[][] {{1, 2}, {2, 4}})).item()).isEqualTo(0.0);
        assertThat(Linalg.det(Tensor.eye(7)).item()).isEqualTo(1.0);
        assertThat(Linalg.det(Tensor.zeros(0, 0)).item()).isEqualTo(1.0);
        // A row swap flips the sign.
        assertThat(Linalg.det(Tensor.of(new double[][] {{0, 1}, {1, 0}})).item()).isEqualTo(-1.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 30})
    void slogdetIsConsistentWithDet(int n) {
        Tensor a = Tensor.randn(91 + n, n, n);
        Tensor[] sl = Linalg.slogdet(a);
        double det = Linalg.det(a).item();
        assertThat(sl[0].item()).isEqualTo(Math.signum(det));
        assertThat(sl[1].item()).isCloseTo(Math.log(Math.abs(det)), within(1e-12 * Math.max(1, Math.abs(sl[1].item()))));
    }

    @Test
    void slogdetDoesNotOverflowWhereDetDoes() {
        int n = 200;
        double[][] a = rows(Tensor.randn(101, n, n));
        double[][] big = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                big[i][j] = 1e10 * a[i][j];
            }
        }
        Tensor[] small = Linalg.slogdet(Tensor.of(a));
        Tensor[] large = Linalg.slogdet(Tensor.of(big));
        assertThat(Linalg.det(Tensor.of(big)).item()).isInfinite();
        assertThat(large[0].item()).isEqualTo(small[0].item());
        assertThat(large[1].item()).isCloseTo(small[1].item() + n * Math.log(1e10), within(1e-9));
    }

    @Test
    void slogdetOfASingularMatrixIsZeroAndMinusInfinity() {
        Tensor[] sl = Linalg.slogdet(Tensor.of(new double[][] {{1, 2}, {2, 4}}));
        assertThat(sl[0].item()).isEqualTo(0.0);
        assertThat(sl[1].item()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void matrixPowerByRepeatedSquaring() {
        double[][] a = rows(Tensor.randn(111, 4, 4));
        double[][] expected = identity(4);
        for (int i = 0; i < 5; i++) {
            expected = mul(expected, a);
        }
        assertThat(maxDiff(rows(Linalg.matrix_power(Tensor.of(a), 5)), expected)).isLessThan(1e-12 * maxAbs(expected));
        assertThat(rows(Linalg.matrix_power(Tensor.of(a), 0))).isDeepEqualTo(identity(4));
        assertThat(rows(Linalg.matrix_power(Tensor.of(a), 1))).isDeepEqualTo(a);
        double[][] inv = rows(Linalg.inv(Tensor.of(a)));
        assertThat(maxDiff(rows(Linalg.matrix_power(Tensor.of(a), -2)), mul(inv, inv))).isLessThan(1e-12 * maxAbs(inv) * maxAbs(inv));
    }

    @Test
    void matrixPowerOfAStack() {
        Tensor a = Tensor.randn(121, 3, 2, 2);
        Tensor p = Linalg.matrix_power(a, 3);
        assertThat(p.shape()).containsExactly(3, 2, 2);
        for (int i = 0; i < 3; i++) {
            double[][] m = matrix(a, i);
            assertThat(maxDiff(matrix(p, i), mul(mul(m, m), m))).isLessThan(1e-13);
        }
    }
}
