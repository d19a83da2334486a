package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cotangent.tensor.Naive.assertExactly;
import static dev.cotangent.tensor.Naive.at;
import static dev.cotangent.tensor.Naive.build;
import static dev.cotangent.tensor.Naive.iota;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Np's shape operations against index arithmetic: every expected tensor is built element by
 * element from where numpy says that element comes from. Inputs are {@code iota} tensors, so
 * a misplaced element shows up as a wrong value.
 */
class NpShapeTest {

    private final Tensor x = iota(2, 3, 4);

    @Test
    void reshapeKeepsRowMajorOrderAndInfersMinusOne() {
        assertExactly(Np.reshape(x, 6, 4), Tensor.of(x.toArray(), 6, 4));
        assertExactly(Np.reshape(x, 4, -1), Tensor.of(x.toArray(), 4, 6));
        assertExactly(Np.reshape(x, -1), Tensor.of(x.toArray()));
        assertExactly(Np.reshape(x, 2, -1, 3), Tensor.of(x.toArray(), 2, 4, 3));
        assertExactly(Np.reshape(Tensor.scalar(3), 1, 1), Tensor.of(new double[] {3}, 1, 1));
        assertExactly(Np.reshape(Tensor.of(new double[] {3}, 1, 1)), Tensor.scalar(3));
        assertExactly(Np.reshape(Tensor.zeros(0, 3), 3, -1), Tensor.zeros(3, 0));
    }

    @Test
    void transposeReversesOrPermutesAxes() {
        assertExactly(Np.transpose(x), build(new int[] {4, 3, 2}, i -> at(x, i[2], i[1], i[0])));
        assertExactly(Np.transpose(x, 1, 2, 0), build(new int[] {3, 4, 2}, i -> at(x, i[2], i[0], i[1])));
        assertExactly(Np.transpose(x, -1, 0, -2), build(new int[] {4, 2, 3}, i -> at(x, i[1], i[2], i[0])));
        assertExactly(Np.transpose(iota(3)), iota(3));
        assertExactly(Np.transpose(Tensor.scalar(2)), Tensor.scalar(2));
        Tensor m = iota(2, 5);
        assertExactly(Np.transpose(m), build(new int[] {5, 2}, i -> at(m, i[1], i[0])));
    }

    @Test
    void swapaxesExchangesTwoAxes() {
        assertExactly(Np.swapaxes(x, 0, 2), build(new int[] {4, 3, 2}, i -> at(x, i[2], i[1], i[0])));
        assertExactly(Np.swapaxes(x, -1, 1), build(new int[] {2, 4, 3}, i -> at(x, i[0], i[2], i[1])));
        assertExactly(Np.swapaxes(x, 1, 1), x);
    }

    @Test
    void moveaxisMovesOneOrSeveralAxes() {
        Tensor y = iota(3, 4, 5);
        // numpy's documented examples.
        assertThat(Np.moveaxis(Tensor.zeros(3, 4, 5), 0, -1).shape()).containsExactly(4, 5, 3);
        assertThat(Np.moveaxis(Tensor.zeros(3, 4, 5), -1, 0).shape()).containsExactly(5, 3, 4);
        assertThat(Np.moveaxis(Tensor.zeros(3, 4, 5), new int[] {0, 1}, new int[] {-1, -2}).shape())
                .containsExactly(5, 4, 3);
        assertThat(Np.moveaxis(Tensor.zeros(3, 4, 5), new int[] {0, 1, 2}, new int[] {-1, -2, -3}).shape())
                .containsExactly(5, 4, 3);
        int[][][] cases = {{{0}, {2}}, {{2}, {0}}, {{-1}, {1}}, {{0, 1}, {-1, -2}}, {{2, 0}, {0, 1}}, {{1}, {1}}};
        for (int[][] c : cases) {
            int[] order = moveaxisOrder(3, c[0], c[1]);
            int[] shape = new int[3];
            for (int k = 0; k < 3; k++) {
                shape[k] = y.shape()[order[k]];
            }
            Tensor expected = build(shape, i -> {
                int[] j = new int[3];
                for (int k = 0; k < 3; k++) {
                    j[order[k]] = i[k];
                }
                return at(y, j);
            });
            Tensor actual = c[0].length == 1 ? Np.moveaxis(y, c[0][0], c[1][0]) : Np.moveaxis(y, c[0], c[1]);
            assertExactly(actual, expected);
        }
    }

    @Test
    void expandDimsAndSqueezeAddAndRemoveUnitAxes() {
        Tensor m = iota(3, 4);
        assertExactly(Np.expand_dims(m, 0), Tensor.of(m.toArray(), 1, 3, 4));
        assertExactly(Np.expand_dims(m, 1), Tensor.of(m.toArray(), 3, 1, 4));
        assertExactly(Np.expand_dims(m, -1), Tensor.of(m.toArray(), 3, 4, 1));
        assertExactly(Np.expand_dims(m, new int[] {0, 2}), Tensor.of(m.toArray(), 1, 3, 1, 4));
        assertExactly(Np.expand_dims(m, new int[] {0, -1}), Tensor.of(m.toArray(), 1, 3, 4, 1));
        assertExactly(Np.expand_dims(Tensor.scalar(1), 0), Tensor.of(new double[] {1}));
        Tensor u = Tensor.of(m.toArray(), 1, 3, 1, 4);
        assertExactly(Np.squeeze(u), m);
        assertExactly(Np.squeeze(u, 0), Tensor.of(m.toArray(), 3, 1, 4));
        assertExactly(Np.squeeze(u, -2), Tensor.of(m.toArray(), 1, 3, 4));
        assertExactly(Np.squeeze(u, 0, 2), m);
        assertExactly(Np.squeeze(Tensor.of(new double[] {7}, 1, 1)), Tensor.scalar(7));
    }

    @Test
    void broadcastToRepeatsAlongNewAndUnitAxes() {
        Tensor col = iota(3, 1);
        assertExactly(Np.broadcast_to(col, 2, 3, 4), build(new int[] {2, 3, 4}, i -> at(col, i[1], 0)));
        assertExactly(Np.broadcast_to(Tensor.scalar(5), 2, 2), Tensor.full(5, 2, 2));
        assertExactly(Np.broadcast_to(iota(4), 3, 4), build(new int[] {3, 4}, i -> i[1]));
        assertExactly(Np.broadcast_to(x, 2, 3, 4), x);
        assertExactly(Np.broadcast_to(iota(1, 3), 0, 3), Tensor.zeros(0, 3));
    }

    @Test
    void concatenateJoinsAlongAnExistingAxis() {
        Tensor a = iota(2, 3);
        Tensor b = Np.add(iota(2, 2), Tensor.scalar(100));
        Tensor c = Np.add(iota(2, 1), Tensor.scalar(200));
        assertExactly(Np.concatenate(new Tensor[] {a, b, c}, 1), build(new int[] {2, 6}, i ->
                i[1] < 3 ? at(a, i[0], i[1]) : i[1] < 5 ? at(b, i[0], i[1] - 3) : at(c, i[0], 0)));
        assertExactly(Np.concatenate(new Tensor[] {a, b, c}, -1), Np.concatenate(new Tensor[] {a, b, c}, 1));
        Tensor d = Np.add(iota(1, 3), Tensor.scalar(100));
        assertExactly(Np.concatenate(new Tensor[] {a, d}), build(new int[] {3, 3}, i ->
                i[0] < 2 ? at(a, i[0], i[1]) : at(d, 0, i[1])));
        assertExactly(Np.concatenate(new Tensor[] {a, Tensor.zeros(0, 3)}, 0), a);
        assertExactly(Np.concatenate(new Tensor[] {a}, 0), a);
        Tensor y = iota(2, 2, 2);
        Tensor z = Np.add(iota(2, 1, 2), Tensor.scalar(50));
        assertExactly(Np.concatenate(new Tensor[] {y, z}, 1), build(new int[] {2, 3, 2}, i ->
                i[1] < 2 ? at(y, i) : at(z, i[0], 0, i[2])));
    }

    @Test
    void stackJoinsAlongANewAxis() {
        Tensor a = iota(2, 3);
        Tensor b = Np.add(iota(2, 3), Tensor.scalar(100));
        Tensor[] ab = {a, b};
        for (int axis : new int[] {0, 1, 2, -1, -2, -3}) {
            int ax = (axis + 3) % 3;
            int[] shape = Naive.insert(new int[] {2, 3}, ax, 2);
            assertExactly(Np.stack(ab, axis), build(shape, i -> at(ab[i[ax]], Naive.remove(i, ax))));
        }
        assertExactly(Np.stack(ab), Np.stack(ab, 0));
        assertExactly(Np.stack(new Tensor[] {Tensor.scalar(1), Tensor.scalar(2)}), Tensor.of(new double[] {1, 2}));
    }

    @Test
    void splitCutsIntoSectionsOrAtIndices() {
        Tensor v = iota(10);
        Tensor[] halves = Np.split(v, 2);
        assertThat(halves).hasSize(2);
        assertExactly(halves[0], Tensor.of(new double[] {0, 1, 2, 3, 4}));
        assertExactly(halves[1], Tensor.of(new double[] {5, 6, 7, 8, 9}));
        assertParts(Np.split(v, new int[] {3, 7}, 0), new double[][] {{0, 1, 2}, {3, 4, 5, 6}, {7, 8, 9}});
        // Python slice rules: negative indices count from the end, indices past the end clamp.
        assertParts(Np.split(v, new int[] {-3}, 0), new double[][] {{0, 1, 2, 3, 4, 5, 6}, {7, 8, 9}});
        assertParts(Np.split(v, new int[] {2, -2}, 0), new double[][] {{0, 1}, {2, 3, 4, 5, 6, 7}, {8, 9}});
        assertParts(Np.split(v, new int[] {4, 12}, 0), new double[][] {{0, 1, 2, 3}, {4, 5, 6, 7, 8, 9}, {}});
        assertParts(Np.split(v, new int[] {0, 4, 4}, 0), new double[][] {{}, {0, 1, 2, 3}, {}, {4, 5, 6, 7, 8, 9}});
        Tensor m = iota(2, 6);
        Tensor[] thirds = Np.split(m, 3, 1);
        for (int p = 0; p < 3; p++) {
            int offset = 2 * p;
            assertExactly(thirds[p], build(new int[] {2, 2}, i -> at(m, i[0], offset + i[1])));
        }
        Tensor[] rows = Np.split(m, new int[] {1}, -2);
        assertExactly(rows[0], build(new int[] {1, 6}, i -> at(m, 0, i[1])));
        assertExactly(rows[1], build(new int[] {1, 6}, i -> at(m, 1, i[1])));
    }

    @Test
    void flipReversesTheGivenAxes() {
        assertExactly(Np.flip(x), build(x.shape(), i -> at(x, 1 - i[0], 2 - i[1], 3 - i[2])));
        assertExactly(Np.flip(x, 1), build(x.shape(), i -> at(x, i[0], 2 - i[1], i[2])));
        assertExactly(Np.flip(x, -1), build(x.shape(), i -> at(x, i[0], i[1], 3 - i[2])));
        assertExactly(Np.flip(x, new int[] {0, 2}), build(x.shape(), i -> at(x, 1 - i[0], i[1], 3 - i[2])));
        assertExactly(Np.flip(Tensor.zeros(0, 2), 0), Tensor.zeros(0, 2));
    }

    @Test
    void rollShiftsCyclically() {
        int n = 24;
        for (int shift : new int[] {0, 1, 5, -1, -7, 24, 50, -50}) {
            assertExactly(Np.roll(x, shift), Tensor.of(build(new int[] {n},
                    i -> x.toArray()[Math.floorMod(i[0] - shift, n)]).toArray(), 2, 3, 4));
            for (int axis = -3; axis < 3; axis++) {
                int ax = (axis + 3) % 3;
                int len = x.shape()[ax];
                Tensor expected = build(x.shape(), i -> {
                    int[] j = i.clone();
                    j[ax] = Math.floorMod(i[ax] - shift, len);
                    return at(x, j);
                });
                assertExactly(Np.roll(x, shift, axis), expected);
            }
        }
        assertExactly(Np.roll(Tensor.zeros(0, 3), 2, 0), Tensor.zeros(0, 3));
    }

    @Test
    void tileAlignsRepsAndShapeAtTheRight() {
        Tensor m = iota(2, 3);
        assertExactly(Np.tile(m, 2, 2), build(new int[] {4, 6}, i -> at(m, i[0] % 2, i[1] % 3)));
        // Fewer reps than axes: reps are padded with leading 1s.
        assertExactly(Np.tile(m, 3), build(new int[] {2, 9}, i -> at(m, i[0], i[1] % 3)));
        // More reps than axes: the tensor gets leading unit axes.
        assertExactly(Np.tile(m, 2, 1, 2), build(new int[] {2, 2, 6}, i -> at(m, i[1], i[2] % 3)));
        assertExactly(Np.tile(iota(3), 2, 2), build(new int[] {2, 6}, i -> i[1] % 3));
        assertExactly(Np.tile(Tensor.scalar(4), 3), Tensor.full(4, 3));
        assertExactly(Np.tile(m, 0, 1), Tensor.zeros(0, 3));
    }

    @Test
    void repeatRepeatsEachElementInPlace() {
        Tensor m = iota(2, 3);
        assertExactly(Np.repeat(m, 2), Tensor.of(new double[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
        assertExactly(Np.repeat(m, 3, 0), build(new int[] {6, 3}, i -> at(m, i[0] / 3, i[1])));
        assertExactly(Np.repeat(m, 2, -1), build(new int[] {2, 6}, i -> at(m, i[0], i[1] / 2)));
        assertExactly(Np.repeat(m, 0, 1), Tensor.zeros(2, 0));
        assertExactly(Np.repeat(Tensor.scalar(2), 3), Tensor.full(2, 3));
    }

    @Test
    void padSurroundsWithZerosOrAConstant() {
        Tensor m = iota(2, 3);
        int[][] width = {{1, 2}, {0, 3}};
        for (double value : new double[] {0, -1.5, Double.POSITIVE_INFINITY, Double.NaN}) {
            Tensor expected = build(new int[] {5, 6}, i -> {
                int r = i[0] - 1;
                int c = i[1];
                return r >= 0 && r < 2 && c < 3 ? at(m, r, c) : value;
            });
            assertExactly(Np.pad(m, width, value), expected);
        }
        assertExactly(Np.pad(m, width), Np.pad(m, width, 0));
        assertExactly(Np.pad(m, 1), build(new int[] {4, 5}, i -> i[0] >= 1 && i[0] <= 2 && i[1] >= 1 && i[1] <= 3
                ? at(m, i[0] - 1, i[1] - 1) : 0));
        assertExactly(Np.pad(iota(2), new int[][] {{2, 1}}, 7), Tensor.of(new double[] {7, 7, 0, 1, 7}));
        assertExactly(Np.pad(Tensor.zeros(0), new int[][] {{1, 1}}, 3), Tensor.of(new double[] {3, 3}));
    }

    // ---------------------------------------------------------------- references

    /** numpy's moveaxis: the unmoved axes in order, then each moved one inserted at its destination. */
    private static int[] moveaxisOrder(int rank, int[] source, int[] destination) {
        int[][] pairs = new int[source.length][];
        for (int k = 0; k < source.length; k++) {
            pairs[k] = new int[] {(destination[k] + rank) % rank, (source[k] + rank) % rank};
        }
        java.util.Arrays.sort(pairs, java.util.Comparator.comparingInt(p -> p[0]));
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            boolean moved = false;
            for (int[] p : pairs) {
                moved |= p[1] == a;
            }
            if (!moved) {
                order.add(a);
            }
        }
        for (int[] p : pairs) {
            order.add(p[0], p[1]);
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertParts(Tensor[] parts, double[][] expected) {
        assertThat(parts).hasSize(expected.length);
        for (int p = 0; p < parts.length; p++) {
            assertExactly(parts[p], Tensor.of(expected[p]));
        }
    }
}
