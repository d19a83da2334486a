package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** norm in its forms: flattened, along an axis, "fro" and "nuc", against direct sums. */
class EuclideanNormTest {

    @Test
    void flattenedNormIsTheRootOfTheSumOfSquares() {
        for (int[] shape : new int[][] {{7}, {3, 4}, {2, 3, 4}, {}}) {
            Tensor x = Tensor.randn(8000 + shape.length, shape);
            double sum = 0;
            for (double v : x.toArray()) {
                sum += v * v;
            }
            Tensor n = Linalg.norm(x);
            assertThat(n.shape()).isEmpty();
            assertThat(n.item()).isCloseTo(Math.sqrt(sum), within(1e-15 * Math.sqrt(sum)));
        }
        assertThat(Linalg.norm(Tensor.of(new double[] {3, -4})).item()).isEqualTo(5.0);
        assertThat(Linalg.norm(Tensor.zeros(0)).item()).isEqualTo(0.0);
    }

    @Test
    void noOverflowOrUnderflow() {
        assertThat(Linalg.norm(Tensor.of(new double[] {3e200, 4e200})).item()).isCloseTo(5e200, within(1e186));
        assertThat(Linalg.norm(Tensor.of(new double[] {3e-200, 4e-200})).item()).isCloseTo(5e-200, within(1e-214));
        assertThat(Linalg.norm(Tensor.of(new double[] {1, Double.NaN})).item()).isNaN();
        assertThat(Linalg.norm(Tensor.of(new double[] {1, Double.POSITIVE_INFINITY})).item()).isInfinite();
    }

    @Test
    void normAlongEachAxis() {
        Tensor x = Tensor.randn(8101, 2, 3, 4);
        double[] d = x.toArray();
        for (int axis = 0; axis < 3; axis++) {
            Tensor n = Linalg.norm(x, axis);
            Tensor kept = Linalg.norm(x, axis - 3, true);
            int[] expectedShape = axis == 0 ? new int[] {3, 4} : axis == 1 ? new int[] {2, 4} : new int[] {2, 3};
            assertThat(n.shape()).containsExactly(expectedShape);
            int[] keptShape = {2, 3, 4};
            keptShape[axis] = 1;
            assertThat(kept.shape()).containsExactly(keptShape);
            assertThat(kept.toArray()).containsExactly(n.toArray());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        int[] idx = {i, j, k};
                        if (idx[axis] != 0) {
                            continue;
                        }
                        double sum = 0;
                        for (int t = 0; t < new int[] {2, 3, 4}[axis]; t++) {
                            idx[axis] = t;
                            double v = d[(idx[0] * 3 + idx[1]) * 4 + idx[2]];
                            sum += v * v;
                        }
                        idx[axis] = 0;
                        int[] out = axis == 0 ? new int[] {j, k} : axis == 1 ? new int[] {i, k} : new int[] {i, j};
                        assertThat(n.get(out)).isCloseTo(Math.sqrt(sum), within(1e-14));
                    }
                }
            }
        }
    }

    @Test
    void matrixNormsByName() {
        Tensor a = Tensor.randn(8201, 5, 3);
        assertThat(Linalg.norm(a, "fro")).isEqualTo(Linalg.norm(a));
        assertThat(Linalg.norm(Tensor.of(new double[][] {{3, 0}, {0, -4}}), "nuc").item()).isCloseTo(7, within(1e-15));
        // The nuclear norm is the trace of (AᵀA)^½: the sum of square roots of its eigenvalues.
        double[][] m = Matrices.rows(a);
        double expected = 0;
        for (double w : Linalg.eigvalsh(Tensor.of(Matrices.mul(Matrices.transpose(m), m))).toArray()) {
            expected += Math.sqrt(w);
        }
        assertThat(Linalg.norm(a, "nuc").item()).isCloseTo(expected, within(1e-13));
    }
}
