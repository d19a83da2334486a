package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import static dev.cotangent.tensor.Naive.assertExactly;
import static dev.cotangent.tensor.Naive.inner;
import static dev.cotangent.tensor.Naive.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each scatter is the transpose of its gather: ⟨gather(x), v⟩ = ⟨x, scatter(v)⟩ for random x
 * and v, which pins every element of the scatter down (for all x and v it is the definition
 * of the transpose). A few direct cases check accumulation and placement by hand.
 */
class ScatterTest {

    private static final double TOL = 1e-12;

    @Test
    void sliceScatterIsTheTransposeOfSlice() {
        int[] shape = {5, 4, 3};
        long seed = 1;
        int[][] slices = {{0, 5, 1}, {1, 4, 2}, {-1, Integer.MIN_VALUE, -1}, {4, 0, -3}, {-2, 100, 1}, {3, 3, 1}, {-9, 9, 2}};
        for (int axis = -3; axis < 3; axis++) {
            for (int[] s : slices) {
                Tensor x = random(seed++, shape);
                Tensor gathered = Np.slice(x, axis, s[0], s[1], s[2]);
                Tensor v = random(seed++, gathered.shape());
                Tensor scattered = Scatter.slice(v, shape, axis, s[0], s[1], s[2]);
                assertThat(scattered.shape()).isEqualTo(shape);
                assertThat(inner(x, scattered)).isCloseTo(inner(gathered, v), within(TOL));
            }
        }
    }

    @Test
    void takeScatterIsTheTransposeOfTakeAndAccumulatesRepeats() {
        int[] shape = {4, 3, 5};
        long seed = 100;
        int[][] indexSets = {{0}, {3, 1}, {-1, 0, -1, 2, 2}, {}};
        for (int axis = -3; axis < 3; axis++) {
            for (int[] indices : indexSets) {
                int n = shape[(axis + 3) % 3];
                int[] valid = java.util.Arrays.stream(indices).map(i -> Math.floorMod(i, n)).toArray();
                Tensor x = random(seed++, shape);
                Tensor gathered = Np.take(x, valid, axis);
                Tensor v = random(seed++, gathered.shape());
                Tensor scattered = Scatter.take(v, shape, valid, axis);
                assertThat(scattered.shape()).isEqualTo(shape);
                assertThat(inner(x, scattered)).isCloseTo(inner(gathered, v), within(TOL));
            }
        }
        assertExactly(Scatter.take(Tensor.of(new double[] {1, 2, 4}), new int[] {3}, new int[] {1, -2, 0}, 0),
                Tensor.of(new double[] {4, 3, 0}));
    }

    @Test
    void diagonalScatterIsTheTransposeOfDiagonal() {
        int[] shape = {3, 4, 5};
        long seed = 200;
        for (int axis1 = -3; axis1 < 3; axis1++) {
            for (int axis2 = 0; axis2 < 3; axis2++) {
                if ((axis1 + 3) % 3 == axis2) {
                    continue;
                }
                for (int offset = -4; offset <= 5; offset++) {
                    Tensor x = random(seed++, shape);
                    Tensor gathered = Np.diagonal(x, offset, axis1, axis2);
                    Tensor v = random(seed++, gathered.shape());
                    Tensor scattered = Scatter.diagonal(v, shape, offset, axis1, axis2);
                    assertThat(scattered.shape()).isEqualTo(shape);
                    assertThat(inner(x, scattered)).isCloseTo(inner(gathered, v), within(TOL));
                }
            }
        }
        assertExactly(Scatter.diagonal(Tensor.of(new double[] {7, 8}), new int[] {2, 3}, 1, 0, 1),
                Tensor.of(new double[][] {{0, 7, 0}, {0, 0, 8}}));
    }

    @Test
    void unbroadcastIsTheTransposeOfBroadcastTo() {
        int[] big = {2, 3, 4};
        int[][] smalls = {{3, 1}, {4}, {}, {1, 1, 4}, {2, 1, 1}, {2, 3, 4}, {1}, {3, 4}, {1, 3, 1}};
        long seed = 300;
        for (int[] small : smalls) {
            Tensor x = random(seed++, small);
            Tensor gathered = Np.broadcast_to(x, big);
            Tensor v = random(seed++, big);
            Tensor scattered = Scatter.unbroadcast(v, small);
            assertThat(scattered.shape()).isEqualTo(small);
            assertThat(inner(x, scattered)).isCloseTo(inner(gathered, v), within(TOL));
        }
        assertExactly(Scatter.unbroadcast(Naive.iota(2, 3), 3), Tensor.of(new double[] {3, 5, 7}));
        assertExactly(Scatter.unbroadcast(Naive.iota(2, 3), 2, 1), Tensor.of(new double[] {3, 12}, 2, 1));
        assertExactly(Scatter.unbroadcast(Naive.iota(2, 3)), Tensor.scalar(15));
    }

    @Test
    void slicesScatterIntoZeros() {
        assertExactly(Scatter.slice(Tensor.of(new double[] {1, 2}), new int[] {5}, 0, 4, 0, -2),
                Tensor.of(new double[] {0, 0, 2, 0, 1}));
        assertExactly(Scatter.slice(Tensor.ones(2, 0), new int[] {2, 3}, 1, 3, 3, 1), Tensor.zeros(2, 3));
    }
}
