package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.cotangent.tensor.Naive.assertExactly;
import static dev.cotangent.tensor.Naive.at;
import static dev.cotangent.tensor.Naive.build;
import static dev.cotangent.tensor.Naive.iota;
import static org.assertj.core.api.Assertions.assertThat;

/** Slicing, basic indexing, take, diagonals and triangles against index arithmetic. */
class NpIndexTest {

    private static final int END = Integer.MAX_VALUE;
    private static final int BEGIN = Integer.MIN_VALUE;

    @Test
    void sliceFollowsPythonOnAVector() {
        Tensor v = iota(7);
        // Each row: start, stop, step, then the indices Python's range(7)[start:stop:step] yields.
        int[][] cases = {
                {2, 5, 1, 2, 3, 4}, {-3, END, 1, 4, 5, 6}, {0, -3, 1, 0, 1, 2, 3}, {0, END, 2, 0, 2, 4, 6},
                {1, END, 3, 1, 4}, {END, BEGIN, -1, 6, 5, 4, 3, 2, 1, 0}, {5, 1, -2, 5, 3}, {-1, -8, -1, 6, 5, 4, 3, 2, 1, 0},
                {10, 0, -3, 6, 3}, {-100, 100, 1, 0, 1, 2, 3, 4, 5, 6}, {3, 3, 1}, {5, 2, 1}, {2, 5, -1},
                {END, 2, -2, 6, 4}, {6, -100, -4, 6, 2}, {-100, -50, 1}, {100, 200, 1}, {-1, -2, 1}, {0, 1, 5, 0},
                {0, 7, END, 0}, {1, END, END - 1, 1}, {END, BEGIN, BEGIN, 6}, {BEGIN, END, 1, 0, 1, 2, 3, 4, 5, 6},
        };
        for (int[] c : cases) {
            double[] expected = new double[c.length - 3];
            for (int k = 3; k < c.length; k++) {
                expected[k - 3] = c[k];
            }
            assertExactly(Np.slice(v, 0, c[0], c[1], c[2]), Tensor.of(expected));
        }
    }

    @Test
    void sliceActsOnOneAxisOfAnyTensor() {
        Tensor x = iota(3, 5, 4);
        for (int axis = -3; axis < 3; axis++) {
            int ax = (axis + 3) % 3;
            for (int step : new int[] {1, 2, -1, -3}) {
                for (int start : new int[] {-6, -2, 0, 1, 4, 9}) {
                    for (int stop : new int[] {-7, -1, 0, 3, 8, BEGIN, END}) {
                        List<Integer> picked = pythonSlice(x.shape()[ax], start, stop, step);
                        int[] shape = x.shape();
                        shape[ax] = picked.size();
                        Tensor expected = build(shape, i -> {
                            int[] j = i.clone();
                            j[ax] = picked.get(i[ax]);
                            return at(x, j);
                        });
                        assertExactly(Np.slice(x, axis, start, stop, step), expected);
                    }
                }
            }
        }
    }

    @Test
    void indexUnderstandsNumpysBasicIndexing() {
        Tensor x = iota(3, 4, 5, 6);
        assertExactly(Np.index(x, "1:, ::-1, 0"), build(new int[] {2, 4, 6}, i -> at(x, 1 + i[0], 3 - i[1], 0, i[2])));
        assertExactly(Np.index(x, "..., -1"), build(new int[] {3, 4, 5}, i -> at(x, i[0], i[1], i[2], 5)));
        assertExactly(Np.index(x, ":, None"), Tensor.of(x.toArray(), 3, 1, 4, 5, 6));
        assertExactly(Np.index(x, "None, 2, ..., ::2, None"),
                build(new int[] {1, 4, 5, 3, 1}, i -> at(x, 2, i[1], i[2], 2 * i[3])));
        assertExactly(Np.index(x, "1, 2, 3, 4"), Tensor.scalar(at(x, 1, 2, 3, 4)));
        assertExactly(Np.index(x, "-1"), build(new int[] {4, 5, 6}, i -> at(x, 2, i[0], i[1], i[2])));
        assertExactly(Np.index(x, ""), x);
        assertExactly(Np.index(x, "..."), x);
        assertExactly(Np.index(x, " 0 : 3 : 2 , ..., 1 : -1 "),
                build(new int[] {2, 4, 5, 4}, i -> at(x, 2 * i[0], i[1], i[2], 1 + i[3])));
        assertExactly(Np.index(x, "0, newaxis, :, 1::-1"), build(new int[] {1, 4, 2, 6}, i -> at(x, 0, i[1], 1 - i[2], i[3])));
        assertExactly(Np.index(x, "5:, 1"), Tensor.zeros(0, 5, 6));
        assertExactly(Np.index(Tensor.scalar(3), "None"), Tensor.of(new double[] {3}));
        assertExactly(Np.index(x, "::2147483647, 0, 0, ::-2147483648"), Tensor.of(new double[] {5}, 1, 1));
    }

    @Test
    void takePicksAlongAnAxisWithNegativeAndRepeatedIndices() {
        Tensor x = iota(3, 4);
        int[] idx = {2, -1, 0, 2};
        assertExactly(Np.take(x, idx), Tensor.of(new double[] {2, 11, 0, 2}));
        assertExactly(Np.take(x, new int[] {-1, 0}, 0), build(new int[] {2, 4}, i -> at(x, i[0] == 0 ? 2 : 0, i[1])));
        assertExactly(Np.take(x, idx, 1), build(new int[] {3, 4}, i -> at(x, i[0], Math.floorMod(idx[i[1]], 4))));
        assertExactly(Np.take(x, idx, -1), Np.take(x, idx, 1));
        assertExactly(Np.take(x, new int[0], 1), Tensor.zeros(3, 0));
        Tensor y = iota(2, 3, 4);
        assertExactly(Np.take(y, new int[] {1, 1}, 1), build(new int[] {2, 2, 4}, i -> at(y, i[0], 1, i[2])));
    }

    @Test
    void diagonalFollowsNumpyForAnyOffsetAndAxes() {
        Tensor x = iota(3, 4, 5);
        for (int axis1 = 0; axis1 < 3; axis1++) {
            for (int axis2 = 0; axis2 < 3; axis2++) {
                if (axis1 == axis2) {
                    continue;
                }
                for (int offset = -5; offset <= 6; offset++) {
                    assertExactly(Np.diagonal(x, offset, axis1, axis2), diagonal(x, offset, axis1, axis2));
                    assertExactly(Np.diagonal(x, offset, axis1 - 3, axis2), diagonal(x, offset, axis1, axis2));
                }
            }
        }
        Tensor m = iota(3, 4);
        assertExactly(Np.diagonal(m), Tensor.of(new double[] {0, 5, 10}));
        assertExactly(Np.diagonal(m, 1, 0, 1), Tensor.of(new double[] {1, 6, 11}));
        assertExactly(Np.diagonal(m, -1, 0, 1), Tensor.of(new double[] {4, 9}));
        assertExactly(Np.diagonal(m, 1, 1, 0), Tensor.of(new double[] {4, 9}));
    }

    @Test
    void diagBuildsOrExtractsDiagonals() {
        Tensor v = Tensor.of(new double[] {1, 2, 3});
        assertExactly(Np.diag(v), Tensor.of(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}));
        assertExactly(Np.diag(v, 1), build(new int[] {4, 4}, i -> i[1] == i[0] + 1 ? i[0] + 1 : 0));
        assertExactly(Np.diag(v, -2), build(new int[] {5, 5}, i -> i[0] == i[1] + 2 ? i[1] + 1 : 0));
        Tensor m = iota(3, 4);
        assertExactly(Np.diag(m), Tensor.of(new double[] {0, 5, 10}));
        assertExactly(Np.diag(m, 2), Tensor.of(new double[] {2, 7}));
        assertExactly(Np.diag(m, -2), Tensor.of(new double[] {8}));
        assertExactly(Np.diag(m, 5), Tensor.zeros(0));
        assertExactly(Np.diag(Np.diag(v)), v);
    }

    @Test
    void traceSumsDiagonals() {
        Tensor m = iota(4, 4);
        assertThat(Np.trace(m).item()).isEqualTo(0 + 5 + 10 + 15);
        assertThat(Np.trace(m, 1, 0, 1).item()).isEqualTo(1 + 6 + 11);
        assertThat(Np.trace(m, -3, 0, 1).item()).isEqualTo(12);
        Tensor x = iota(3, 4, 5);
        assertExactly(Np.trace(x, 0, 1, 2), build(new int[] {3}, i -> {
            double s = 0;
            for (int k = 0; k < 4; k++) {
                s += at(x, i[0], k, k);
            }
            return s;
        }));
        assertExactly(Np.trace(x, 1, 0, 2), build(new int[] {4}, i -> {
            double s = 0;
            for (int k = 0; k < 3; k++) {
                s += at(x, k, i[0], k + 1);
            }
            return s;
        }));
    }

    @Test
    void triuAndTrilKeepOneSideOfDiagonalK() {
        Tensor m = Np.add(iota(4, 5), Tensor.scalar(1));
        for (int k = -5; k <= 6; k++) {
            int kk = k;
            assertExactly(Np.triu(m, k), build(new int[] {4, 5}, i -> i[1] - i[0] >= kk ? at(m, i) : 0));
            assertExactly(Np.tril(m, k), build(new int[] {4, 5}, i -> i[1] - i[0] <= kk ? at(m, i) : 0));
        }
        assertExactly(Np.triu(m), Np.triu(m, 0));
        assertExactly(Np.tril(m), Np.tril(m, 0));
        Tensor stack = Np.add(iota(2, 3, 3), Tensor.scalar(1));
        assertExactly(Np.triu(stack, 1), build(new int[] {2, 3, 3}, i -> i[2] > i[1] ? at(stack, i) : 0));
        assertExactly(Np.tril(stack, -1), build(new int[] {2, 3, 3}, i -> i[2] < i[1] ? at(stack, i) : 0));
    }

    // ---------------------------------------------------------------- references

    /** The indices {@code range(n)[start:stop:step]} visits, by walking the definition. */
    private static List<Integer> pythonSlice(int n, int start, int stop, int step) {
        List<Integer> out = new ArrayList<>();
        boolean up = step > 0;
        long s = start == END ? (up ? n : n - 1) : start < 0 ? (long) start + n : start;
        long e = stop == BEGIN ? -1 : stop == END ? n : stop < 0 ? (long) stop + n : stop;
        if (up) {
            s = Math.max(0, Math.min(n, s));
            e = Math.max(0, Math.min(n, e));
        } else {
            s = Math.max(-1, Math.min(n - 1, s));
            e = Math.max(-1, Math.min(n - 1, e));
        }
        for (long i = s; up ? i < e : i > e; i += step) {
            out.add((int) i);
        }
        return out;
    }

    /** numpy's diagonal: other axes in order, then k with a[.., k + max(0, −offset) at axis1, k + max(0, offset) at axis2]. */
    private static Tensor diagonal(Tensor x, int offset, int axis1, int axis2) {
        int[] s = x.shape();
        int r1 = Math.max(0, -offset);
        int r2 = Math.max(0, offset);
        int length = Math.max(0, Math.min(s[axis1] - r1, s[axis2] - r2));
        List<Integer> rest = new ArrayList<>();
        for (int d = 0; d < s.length; d++) {
            if (d != axis1 && d != axis2) {
                rest.add(d);
            }
        }
        int[] shape = new int[rest.size() + 1];
        for (int k = 0; k < rest.size(); k++) {
            shape[k] = s[rest.get(k)];
        }
        shape[rest.size()] = length;
        return build(shape, i -> {
            int[] j = new int[s.length];
            for (int k = 0; k < rest.size(); k++) {
                j[rest.get(k)] = i[k];
            }
            int k = i[rest.size()];
            j[axis1] = k + r1;
            j[axis2] = k + r2;
            return at(x, j);
        });
    }
}
