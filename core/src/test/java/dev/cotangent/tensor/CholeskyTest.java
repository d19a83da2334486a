package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cotangent.tensor.Matrices.EPS;
import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.rows;
import static dev.cotangent.tensor.Matrices.transpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** cholesky: L lower triangular with a positive diagonal and L·Lᵀ = A, from A's lower triangle. */
class CholeskyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 30, 100})
    void factorReconstructs(int n) {
        double[][] a = Matrices.spd(500 + n, n);
        double[][] l = rows(Linalg.cholesky(Tensor.of(a)));
        check(a, l);
    }

    private static void check(double[][] a, double[][] l) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            assertThat(l[i][i]).isPositive();
            for (int j = i + 1; j < n; j++) {
                assertThat(l[i][j]).isEqualTo(0.0);
            }
        }
        assertThat(maxDiff(mul(l, transpose(l)), a)).isLessThan(4 * n * EPS * maxAbs(a));
    }

    @Test
    void onlyTheLowerTriangleIsRead() {
        double[][] a = Matrices.spd(601, 4);
        double[][] junkAbove = new double[4][];
        for (int i = 0; i < 4; i++) {
            junkAbove[i] = a[i].clone();
            for (int j = i + 1; j < 4; j++) {
                junkAbove[i][j] = 1e6;
            }
        }
        assertThat(Linalg.cholesky(Tensor.of(junkAbove))).isEqualTo(Linalg.cholesky(Tensor.of(a)));
    }

    @Test
    void knownFactor() {
        Tensor l = Linalg.cholesky(Tensor.of(new double[][] {{4, 2}, {2, 5}}));
        assertThat(l.toArray()).containsExactly(new double[] {2, 0, 1, 2}, within(1e-15));
    }

    @Test
    void stackOfFactors() {
        double[] data = new double[3 * 16];
        for (int b = 0; b < 3; b++) {
            double[][] a = Matrices.spd(700 + b, 4);
            for (int i = 0; i < 4; i++) {
                System.arraycopy(a[i], 0, data, b * 16 + i * 4, 4);
            }
        }
        Tensor a = Tensor.of(data, 3, 4, 4);
        Tensor l = Linalg.cholesky(a);
        assertThat(l.shape()).containsExactly(3, 4, 4);
        for (int b = 0; b < 3; b++) {
            check(matrix(a, b), matrix(l, b));
        }
    }

    @Test
    void illConditionedButPositiveDefinite() {
        double[][] h = Matrices.hilbert(10);
        check(h, rows(Linalg.cholesky(Tensor.of(h))));
    }
}
