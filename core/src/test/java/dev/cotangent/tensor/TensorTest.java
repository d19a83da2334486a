package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Tensor} value type: factories, accessors, immutability and equality. */
class TensorTest {

    // ---------------------------------------------------------------- factories

    @Test
    void ofVectorHasOneAxisAndTheElements() {
        Tensor t = Tensor.of(new double[] {1, 2, 3});
        assertThat(t.shape()).containsExactly(3);
        assertThat(t.ndim()).isEqualTo(1);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void ofWithShapeIsRowMajor() {
        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertThat(t.shape()).containsExactly(2, 3);
        // Row-major: element (i, j) is data[3i + j].
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(t.get(i, j)).isEqualTo(3 * i + j);
            }
        }
        Tensor cube = Tensor.of(Naive.iota(2, 3, 4).toArray(), 2, 3, 4);
        assertThat(cube.get(1, 2, 3)).isEqualTo(12 + 8 + 3);
    }

    @Test
    void ofWithEmptyShapeIsRankZero() {
        Tensor t = Tensor.of(new double[] {5}, new int[0]);
        assertThat(t.shape()).isEmpty();
        assertThat(t.ndim()).isZero();
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.item()).isEqualTo(5);
        assertThat(t.get()).isEqualTo(5);
        assertThat(t).isEqualTo(Tensor.scalar(5));
    }

    @Test
    void ofRowsMakesAMatrix() {
        Tensor t = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Tensor.of(new double[0][]).shape()).containsExactly(0, 0);
    }

    @Test
    void ofRejectsRaggedRowsAndAWrongSize() {
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> Tensor.of(new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 elements")
                .hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> Tensor.of(new double[0], -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void scalarZerosOnesAndFull() {
        assertThat(Tensor.scalar(-2.5).shape()).isEmpty();
        assertThat(Tensor.scalar(-2.5).item()).isEqualTo(-2.5);
        assertThat(Tensor.zeros(2, 3).toArray()).hasSize(6).containsOnly(0.0);
        assertThat(Tensor.zeros(2, 3).shape()).containsExactly(2, 3);
        assertThat(Tensor.zeros().shape()).isEmpty();
        assertThat(Tensor.zeros(0, 4).size()).isZero();
        assertThat(Tensor.ones(4).toArray()).containsExactly(1, 1, 1, 1);
        assertThat(Tensor.full(7.5, 1, 2).toArray()).containsExactly(7.5, 7.5);
        assertThat(Tensor.full(Double.NaN, 2).toArray()).containsExactly(Double.NaN, Double.NaN);
        assertThatThrownBy(() -> Tensor.zeros(3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, -1)");
    }

    @Test
    void arangeFollowsNumpy() {
        assertThat(Tensor.arange(5).toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Tensor.arange(1, 2, 0.25).toArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.arange(5, 0, -2).toArray()).containsExactly(5, 3, 1);
        assertThat(Tensor.arange(2.5).toArray()).containsExactly(0, 1, 2);
        assertThat(Tensor.arange(3, 3, 1).shape()).containsExactly(0);
        assertThat(Tensor.arange(3, 0, 1).shape()).containsExactly(0);
        // numpy: len(arange(0, 1, 0.1)) == ceil(1 / 0.1) == 10.
        assertThat(Tensor.arange(0, 1, 0.1).size()).isEqualTo(10);
        assertThatThrownBy(() -> Tensor.arange(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arange").hasMessageContaining("step");
        assertThatThrownBy(() -> Tensor.arange(0, 1e10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arange").hasMessageContaining("1.0E10");
        assertThatThrownBy(() -> Tensor.arange(0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("arange").hasMessageContaining("NaN");
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertThat(Tensor.linspace(0, 1, 5).toArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Tensor.linspace(-1, 1, 3).toArray()).containsExactly(-1, 0, 1);
        assertThat(Tensor.linspace(2, 3, 1).toArray()).containsExactly(2);
        assertThat(Tensor.linspace(2, 3, 0).shape()).containsExactly(0);
        // The last point is stop itself, not start + (num − 1)·step rounded.
        double[] v = Tensor.linspace(0, 0.3, 7).toArray();
        assertThat(v[6]).isEqualTo(0.3);
        for (int i = 0; i < 7; i++) {
            assertThat(v[i]).isCloseTo(0.05 * i, org.assertj.core.api.Assertions.within(1e-16));
        }
        assertThatThrownBy(() -> Tensor.linspace(0, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linspace");
    }

    @Test
    void eyePutsOnesOnDiagonalK() {
        assertThat(Tensor.eye(3)).isEqualTo(Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
        assertThat(Tensor.eye(2, 4, 1)).isEqualTo(Tensor.of(new double[][] {{0, 1, 0, 0}, {0, 0, 1, 0}}));
        assertThat(Tensor.eye(4, 2, -1)).isEqualTo(Tensor.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {0, 0}}));
        assertThat(Tensor.eye(3, 3, 5)).isEqualTo(Tensor.zeros(3, 3));
        assertThat(Tensor.eye(0).shape()).containsExactly(0, 0);
    }

    @Test
    void randnIsSeededAndStandardNormal() {
        int n = 200_000;
        Tensor a = Tensor.randn(42, n);
        assertThat(Tensor.randn(42, n)).isEqualTo(a);
        assertThat(Tensor.randn(43, n)).isNotEqualTo(a);
        assertThat(Tensor.randn(7, 4, 5).shape()).containsExactly(4, 5);
        double[] m = moments(a.toArray());
        // Standard errors at n = 2e5: mean 0.0022, variance 0.0032, skewness 0.0055, kurtosis 0.011.
        assertThat(m[0]).isBetween(-0.012, 0.012);
        assertThat(m[1]).isBetween(0.985, 1.015);
        assertThat(m[2]).isBetween(-0.03, 0.03);
        assertThat(m[3]).isBetween(2.94, 3.06);
    }

    @Test
    void randIsSeededAndUniform() {
        int n = 200_000;
        Tensor a = Tensor.rand(42, n);
        assertThat(Tensor.rand(42, n)).isEqualTo(a);
        assertThat(Tensor.rand(43, n)).isNotEqualTo(a);
        double[] v = a.toArray();
        assertThat(java.util.Arrays.stream(v).allMatch(x -> x >= 0 && x < 1)).isTrue();
        double[] m = moments(v);
        // Uniform(0, 1): mean 1/2, variance 1/12; standard errors 0.00065 and 0.00019.
        assertThat(m[0]).isBetween(0.496, 0.504);
        assertThat(m[1]).isBetween(1 / 12.0 - 0.0012, 1 / 12.0 + 0.0012);
        int[] deciles = new int[10];
        for (double x : v) {
            deciles[(int) (x * 10)]++;
        }
        for (int c : deciles) {
            assertThat(c).isBetween(n / 10 - 600, n / 10 + 600);
        }
    }

    // ---------------------------------------------------------------- accessors

    @Test
    void shapeAndToArrayAreCopies() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        t.shape()[0] = 4;
        t.toArray()[0] = 99;
        assertThat(t.shape()).containsExactly(2, 2);
        assertThat(t.toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void factoriesCopyTheirArguments() {
        double[] data = {1, 2, 3, 4};
        int[] shape = {2, 2};
        double[][] rows = {{1, 2}, {3, 4}};
        Tensor a = Tensor.of(data);
        Tensor b = Tensor.of(data, shape);
        Tensor c = Tensor.of(rows);
        data[0] = 99;
        shape[0] = 1;
        shape[1] = 4;
        rows[1][1] = 99;
        assertThat(a.toArray()).containsExactly(1, 2, 3, 4);
        assertThat(b.shape()).containsExactly(2, 2);
        assertThat(b.toArray()).containsExactly(1, 2, 3, 4);
        assertThat(c.toArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void operationsDoNotChangeTheirArguments() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor copy = Tensor.of(x.toArray(), x.shape());
        Tensor r = Np.reshape(x, 3, 2);
        Np.transpose(x);
        Np.add(x, x);
        Np.sum(x, 0);
        r.toArray()[0] = 42;
        assertThat(x).isEqualTo(copy);
        assertThat(r.shape()).containsExactly(3, 2);
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertThat(Tensor.of(new double[] {7}, 1, 1, 1).item()).isEqualTo(7);
        assertThat(Tensor.of(new double[] {7}).item()).isEqualTo(7);
        assertThatThrownBy(() -> Tensor.zeros(3).item()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item").hasMessageContaining("(3,)");
        assertThatThrownBy(() -> Tensor.zeros(0, 2).item()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 2)");
    }

    @Test
    void getCountsNegativeIndicesFromTheEnd() {
        Tensor t = Naive.iota(3, 4);
        assertThat(t.get(-1, -1)).isEqualTo(11);
        assertThat(t.get(-3, 0)).isEqualTo(0);
        assertThat(t.get(1, -4)).isEqualTo(4);
        assertThat(t.get(2, 1)).isEqualTo(9);
    }

    @Test
    void getRejectsWrongCountsAndOutOfRangeIndices() {
        Tensor t = Naive.iota(3, 4);
        assertThatThrownBy(() -> t.get(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 indices").hasMessageContaining("(3, 4)");
        assertThatThrownBy(() -> t.get(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 3").hasMessageContaining("axis 0").hasMessageContaining("(3, 4)");
        assertThatThrownBy(() -> t.get(0, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index -5").hasMessageContaining("axis 1");
    }

    // ---------------------------------------------------------------- equality

    @Test
    void equalityIsShapeAndElements() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertThat(a).isNotEqualTo(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}));
        assertThat(a).isNotEqualTo(Tensor.of(new double[] {1, 2, 3, 4, 5, 7}, 2, 3));
        assertThat(a).isNotEqualTo(null).isNotEqualTo("a tensor");
        assertThat(Tensor.scalar(1)).isNotEqualTo(Tensor.of(new double[] {1}));
        // Reshaped views equal fresh tensors of the same value.
        assertThat(Np.reshape(Naive.iota(6), 2, 3)).isEqualTo(Naive.iota(2, 3)).hasSameHashCodeAs(Naive.iota(2, 3));
    }

    @Test
    void equalityComparesElementsAsDoubleCompareDoes() {
        assertThat(Tensor.scalar(Double.NaN)).isEqualTo(Tensor.scalar(Double.NaN))
                .hasSameHashCodeAs(Tensor.scalar(Double.NaN));
        assertThat(Tensor.scalar(0.0)).isNotEqualTo(Tensor.scalar(-0.0));
    }

    /** Mean, variance, skewness and kurtosis (not excess) of a sample. */
    private static double[] moments(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= v.length;
        m3 /= v.length;
        m4 /= v.length;
        return new double[] {mean, m2, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2)};
    }
}
