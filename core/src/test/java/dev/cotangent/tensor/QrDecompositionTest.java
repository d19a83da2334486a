package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cotangent.tensor.Matrices.EPS;
import static dev.cotangent.tensor.Matrices.columnOrthonormalityError;
import static dev.cotangent.tensor.Matrices.matrix;
import static dev.cotangent.tensor.Matrices.maxAbs;
import static dev.cotangent.tensor.Matrices.maxDiff;
import static dev.cotangent.tensor.Matrices.mul;
import static dev.cotangent.tensor.Matrices.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** qr in its three modes: Q orthonormal, R upper triangular, Q·R = A, LAPACK's signs. */
class QrDecompositionTest {

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "5,5", "30,30", "7,3", "3,7", "40,12", "12,40", "1,4", "4,1"})
    void reducedQrReconstructs(int m, int n) {
        double[][] a = rows(Tensor.randn(1000 + 7L * m + n, m, n));
        Tensor[] qr = Linalg.qr(Tensor.of(a));
        int k = Math.min(m, n);
        assertThat(qr[0].shape()).containsExactly(m, k);
        assertThat(qr[1].shape()).containsExactly(k, n);
        check(a, rows(qr[0]), rows(qr[1]));
    }

    @ParameterizedTest
    @CsvSource({"5,5", "7,3", "3,7", "30,10"})
    void completeQrReconstructs(int m, int n) {
        double[][] a = rows(Tensor.randn(2000 + 7L * m + n, m, n));
        Tensor[] qr = Linalg.qr(Tensor.of(a), "complete");
        assertThat(qr[0].shape()).containsExactly(m, m);
        assertThat(qr[1].shape()).containsExactly(m, n);
        check(a, rows(qr[0]), rows(qr[1]));
    }

    private static void check(double[][] a, double[][] q, double[][] r) {
        int size = Math.max(a.length, a[0].length);
        assertThat(columnOrthonormalityError(q)).isLessThan(10 * size * EPS);
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < Math.min(i, r[i].length); j++) {
                assertThat(r[i][j]).as("R[%d][%d]", i, j).isEqualTo(0.0);
            }
        }
        assertThat(maxDiff(mul(q, r), a)).isLessThanOrEqualTo(10 * size * EPS * maxAbs(a));
    }

    @Test
    void modeRGivesROnly() {
        Tensor a = Tensor.randn(3001, 6, 4);
        Tensor[] r = Linalg.qr(a, "r");
        assertThat(r).hasSize(1);
        assertThat(r[0]).isEqualTo(Linalg.qr(a)[1]);
    }

    @Test
    void signsMatchNumpyAndLapack() {
        // numpy.linalg.qr([[1, 2], [3, 4]])
        Tensor[] qr = Linalg.qr(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        assertThat(qr[0].toArray()).containsExactly(new double[] {-0.31622776601683794, -0.9486832980505138,
                -0.9486832980505138, 0.31622776601683794}, within(1e-15));
        assertThat(qr[1].toArray()).containsExactly(new double[] {-3.1622776601683795, -4.427188724235731,
                0, -0.6324555320336759}, within(1e-15));
    }

    @Test
    void qrOfAStack() {
        Tensor a = Tensor.randn(3002, 2, 3, 5, 4);
        Tensor[] qr = Linalg.qr(a);
        assertThat(qr[0].shape()).containsExactly(2, 3, 5, 4);
        assertThat(qr[1].shape()).containsExactly(2, 3, 4, 4);
        for (int i = 0; i < 6; i++) {
            check(matrix(a, i), matrix(qr[0], i), matrix(qr[1], i));
        }
    }

    @Test
    void rankDeficientAndZeroColumnsStillFactor() {
        double[][] a = {{1, 2, 0}, {2, 4, 0}, {3, 6, 0}, {4, 8, 0}};
        Tensor[] qr = Linalg.qr(Tensor.of(a));
        check(a, rows(qr[0]), rows(qr[1]));
        assertThat(Math.abs(rows(qr[1])[1][1])).isLessThan(1e-14);
        double[][] zero = new double[3][3];
        Tensor[] qz = Linalg.qr(Tensor.of(zero));
        check(zero, rows(qz[0]), rows(qz[1]));
    }

    @Test
    void illConditionedColumnsStayOrthonormal() {
        double[][] h = Matrices.hilbert(12);
        Tensor[] qr = Linalg.qr(Tensor.of(h));
        check(h, rows(qr[0]), rows(qr[1]));
    }
}
